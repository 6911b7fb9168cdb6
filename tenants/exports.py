from django.utils.translation import gettext as _

from desk.exports import xlsx_response
from desk.privacy import contact_for
from tenants.selectors import tenant_list_rows


def tenant_list_xlsx(units, user):
    headers = [
        _("Estate"),
        _("Unit"),
        _("Floor area (m²)"),
        _("Usage"),
        _("Status"),
        _("Role"),
        _("Name"),
        _("English name"),
        _("Contact person"),
        _("Mobile"),
        _("Other phone"),
        _("Email"),
        _("Emergency contact"),
        _("Emergency contact phone"),
        _("Move-in date"),
    ]

    def rows():
        for unit, occupancy in tenant_list_rows(units):
            base = [
                unit.estate.name,
                unit.label,
                unit.floor_area,
                unit.get_usage_display(),
                unit.get_status_display(),
            ]
            if occupancy is None:
                yield base + [""] * 10
                continue
            r = occupancy.resident
            yield base + [
                occupancy.get_role_display(),
                r.name,
                r.name_en,
                r.contact_person,
                contact_for(user, r.mobile),
                contact_for(user, r.phone_other),
                r.email if user.has_perm("tenants.view_contact_details") else "",
                r.emergency_contact_name,
                contact_for(user, r.emergency_contact_phone),
                occupancy.move_in,
            ]

    return xlsx_response("tenant-list.xlsx", [(_("Tenant list"), headers, rows())])
