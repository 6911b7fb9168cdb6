"""What the data migrations wrote (the role groups and their permissions), put back after
a transactional test's flush emptied it."""


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
    loader = MigrationLoader(connection)
    state_apps = loader.project_state().apps
    keys = []
    for leaf in loader.graph.leaf_nodes():
        keys += [key for key in loader.graph.forwards_plan(leaf) if key not in keys]
    # The editor first: SQLite turns its foreign-key checks off only outside a transaction.
    with connection.schema_editor(atomic=False) as editor, transaction.atomic():
        for key in keys:
            for operation in loader.graph.nodes[key].operations:
                # Elidable ones move old rows (none after a flush) over models since gone.
                if isinstance(operation, RunPython) and not operation.elidable:
                    operation.code(state_apps, editor)
