from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "desk"
    verbose_name = _("Service desk")

    def ready(self):
        from desk import list_exports, navigation, seeding

        list_exports.register()
        navigation.register()
        seeding.register()
