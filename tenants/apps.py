from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = _("Register")

    def ready(self):
        from tenants import settings_section
        from tenants.import_services import register_import_kind

        register_import_kind()
        settings_section.register()
