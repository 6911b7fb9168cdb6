"""Where the register plugs into desk: its top-bar entries, its home panel, its seeder,
its estate settings section and its import job. Called from `TenantsConfig.ready()`."""

from django.utils.translation import gettext_lazy as _

from desk.home import register_home_panel
from desk.navigation import register_nav_item
from desk.roles import ROLES
from desk.seeding import register_seeder


def register():
    from tenants import seed, settings_section
    from tenants.import_services import register_import_kind
    from tenants.selectors import estates_with_unit_counts

    register_nav_item("tenants:unit_list", _("Units"), "building", "tenants.view_unit", order=10)
    register_nav_item(
        "tenants:resident_list", _("Residents"), "people", "tenants.view_resident", order=20
    )
    register_nav_item("tenants:import", _("Import"), "upload", "tenants.import_register", order=60)
    register_nav_item(
        "tenants:reveal_log", _("Contact reveals"), "eye", "tenants.view_contactreveal", order=90
    )
    register_home_panel(
        "tenants.estates",
        roles=ROLES,
        template="tenants/home_estates.html",
        context=lambda request: {"estates": estates_with_unit_counts(request.user)},
        order=50,
        wide=True,
    )
    register_seeder("tenants", seed.seed, order=10, existing=seed.existing_estates)
    register_seeder("tenants.areas", seed.seed_areas, order=25)  # after the staff (20)
    register_import_kind()
    settings_section.register()
