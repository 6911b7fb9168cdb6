"""What the data migrations wrote (the role groups and their permissions), put back after
a transactional test's flush emptied it."""


def restore_migration_data():
    """Run every data migration (RunPython) again, on the final model state.

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
    with transaction.atomic(), connection.schema_editor(atomic=False) as editor:
        for key in keys:
            for operation in loader.graph.nodes[key].operations:
                if isinstance(operation, RunPython):
                    operation.code(state_apps, editor)
