from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "desk"
    verbose_name = _("Service desk")

    def ready(self):
        # tasks: desk.run_job, which job_start queues
        from desk import list_exports, navigation, seeding, tasks  # noqa: F401

        list_exports.register()
        navigation.register()
        seeding.register()
