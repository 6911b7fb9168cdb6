from django.utils.translation import gettext as _

from desk.exports import excel_time, xlsx_response
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
                unit.estate.display_name,
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


def resident_columns(user):
    """The resident list's workbook (contact data masked as the reader may see it)."""
    see_email = user.has_perm("tenants.view_contact_details")
    return [
        (_("Name"), lambda r: r.name),
        (_("English name"), lambda r: r.name_en),
        (_("Kind"), lambda r: r.get_kind_display()),
        (_("Estate"), lambda r: r.estate.display_name),
        (_("Units"), lambda r: ", ".join(o.unit.label for o in r.current_occupancies)),
        (_("Contact person"), lambda r: r.contact_person),
        (_("Mobile"), lambda r: contact_for(user, r.mobile)),
        (_("Other phone"), lambda r: contact_for(user, r.phone_other)),
        (_("Email"), lambda r: r.email if see_email else ""),
        (_("Emergency contact"), lambda r: r.emergency_contact_name),
        (_("Emergency contact phone"), lambda r: contact_for(user, r.emergency_contact_phone)),
    ]


def reveal_columns():
    """The audit log of revealed contact data (what was revealed is not repeated in it)."""
    return [
        (_("Revealed at"), lambda c: excel_time(c.revealed_at, c.estate)),
        (_("Revealed by"), lambda c: c.revealed_by.display_name),
        (_("Resident"), lambda c: c.resident.name if c.resident_id else ""),
        (_("Record"), lambda c: c.subject),
        (_("Field"), lambda c: c.get_field_display()),
        (_("Purpose"), lambda c: c.get_purpose_display()),
        (_("Reason"), lambda c: c.reason),
    ]
