"""The mail register as an Excel workbook (any period: the list's filters), contact data
masked for the reader."""

from django.utils.translation import gettext as _

from desk.exports import excel_time
from desk.privacy import contact_for


def list_columns(user):
    def phone(item):
        return contact_for(user, item.resident.mobile) if item.resident_id else ""

    return [
        (_("Received"), lambda i: excel_time(i.received_at, i.estate)),
        (_("Kind"), lambda i: i.get_kind_display()),
        (_("Carrier"), lambda i: i.carrier),
        (_("Tracking number"), lambda i: i.tracking_number),
        (_("Unit"), lambda i: i.unit.label if i.unit_id else ""),
        (_("Recipient"), lambda i: i.resident.name if i.resident_id else i.recipient_name),
        (_("Phone"), phone),
        (_("Shelf or slot"), lambda i: i.shelf),
        (_("Status"), lambda i: i.get_status_display()),
        (_("Notified"), lambda i: i.get_notified_by_display()),
        (_("Received by"), lambda i: i.received_by.display_name),
        (_("Handed out at"), lambda i: excel_time(i.handed_at, i.estate)),
        (_("Collected by"), lambda i: i.collector_name),
        (_("Third party"), lambda i: _("Yes") if i.collector == "proxy" else ""),
        (_("ID checked"), lambda i: _("Yes") if i.id_checked else ""),
        (_("Handed out by"), lambda i: i.handed_by.display_name if i.handed_by_id else ""),
        (_("Reason"), lambda i: i.reason),
        (_("Estate"), lambda i: i.estate.display_name),
    ]
