"""What the data migrations wrote (the role groups and their permissions), put back after
a transactional test's flush emptied it."""

_plan = []


def restore_migration_data():
    """Run every data migration (RunPython) again, on the final model state (not the
    elidable ones, which only move rows that a flushed database does not have).

    A live-server test must be transactional, and a transactional test ends with a flush
    that also empties what the data migrations wrote: the role groups and their
    permissions. The grants are idempotent (get_or_create, add).
    """
    from django.contrib.auth.models import Group
    from django.db import connection, transaction
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations import RunPython

    if Group.objects.exists():
        return
    if not _plan:  # the graph and its rendered final state, once per process
        loader = MigrationLoader(connection)
        keys = []
        for leaf in loader.graph.leaf_nodes():
            keys += [key for key in loader.graph.forwards_plan(leaf) if key not in keys]
        # Elidable ones move old rows (none after a flush) over models since gone.
        operations = [
            operation
            for key in keys
            for operation in loader.graph.nodes[key].operations
            if isinstance(operation, RunPython) and not operation.elidable
        ]
        _plan.append((loader.project_state().apps, operations))
    state_apps, operations = _plan[0]
    # The editor first: SQLite turns its foreign-key checks off only outside a transaction.
    with connection.schema_editor(atomic=False) as editor, transaction.atomic():
        for operation in operations:
            operation.code(state_apps, editor)
