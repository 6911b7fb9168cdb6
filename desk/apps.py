from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "desk"
    verbose_name = _("Service desk")

    def ready(self):
        from django.db.backends.signals import connection_created

        from desk.sqlite import sqlite_functions

        # The demo's SQLite gets the functions the apps' queries call (desk/sqlite.py).
        connection_created.connect(sqlite_functions, dispatch_uid="desk.sqlite_functions")
        # tasks: desk.run_job, which job_start queues
        from desk import list_exports, monthly_report, navigation, seeding, tasks  # noqa: F401

        list_exports.register()
        monthly_report.register()
        navigation.register()
        seeding.register()
