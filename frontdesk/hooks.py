"""Where the front desk plugs into desk and the register: the top bar, the handover's own
sections, the unit page's visits and calls, the incidents as unit alerts, the kinds of its
notifications, the estate's handover checklist, the monthly workbook and the seeder. Called from
`FrontdeskConfig.ready()`."""

from django.utils.translation import gettext_lazy as _

from desk.estate_settings import SettingsSection, register_settings_section
from desk.handover import register_handover_section
from desk.home import register_home_panel
from desk.inbox import register_notification_kind
from desk.navigation import register_nav_item
from desk.reports import register_report_section
from desk.roles import FRONT_DESK
from desk.seeding import register_seeder
from tenants.extensions import UnitSection, register_unit_alert, register_unit_section


def _labels(choices, field):
    """A handover `prepare`: each row's stored code `field` gets its label (`<field>_label`)."""
    names = dict(choices)

    def prepare(data):
        rows = [
            {**row, f"{field}_label": str(names.get(row.get(field), ""))}
            for row in data.get("rows", [])
        ]
        return {**data, "rows": rows}

    return prepare


def _entry_labels(data):
    from frontdesk.models import LogEntry
    from workorders.models import Department

    purposes, departments = dict(LogEntry.Purpose.choices), dict(Department.choices)
    rows = [
        {
            **row,
            "purpose_label": str(purposes.get(row.get("purpose"), "")),
            "department_label": str(departments.get(row.get("department"), "")),
        }
        for row in data.get("rows", [])
    ]
    return {**data, "rows": rows}


def register():
    from frontdesk import reports, seed, selectors
    from frontdesk.forms import ChecklistForm
    from frontdesk.models import HandoverChecklist, Incident
    from frontdesk.services import HANDOVER_WAITING_KIND, MESSAGE_KIND, handover_checklist_update
    from workorders.models import Status

    register_nav_item(
        "frontdesk:log", _("Front desk"), "telephone-inbound", "frontdesk.view_logentry", order=25
    )
    register_notification_kind(
        MESSAGE_KIND, text=_("A message from %(from)s: %(note)s"), icon="chat-left-text"
    )
    register_notification_kind(
        HANDOVER_WAITING_KIND,
        text=_("The shift handover by %(by)s waits for the next shift's acknowledgement."),
        icon="arrow-left-right",
    )
    sections = [
        (
            "frontdesk.overdue",
            _("Passed on and overdue"),
            "overdue",
            selectors.handover_overdue_entries,
            10,
            _entry_labels,
        ),
        (
            "frontdesk.open",
            _("Passed on, not yet resolved"),
            "entries",
            selectors.handover_open_entries,
            20,
            _entry_labels,
        ),
        (
            "frontdesk.complaints",
            _("Complaints awaiting a first response"),
            "complaints",
            selectors.handover_complaints_waiting,
            30,
            None,
        ),
        (
            "frontdesk.workorders",
            _("Repair orders taken this shift, still open"),
            "workorders",
            selectors.handover_orders_taken,
            35,
            _labels(Status.choices, "status"),
        ),
        (
            "frontdesk.incidents",
            _("Active incidents"),
            "incidents",
            selectors.handover_active_incidents,
            50,
            _labels(Incident.Kind.choices, "kind"),
        ),
        (
            "frontdesk.messages",
            _("Messages not yet done"),
            "messages",
            selectors.handover_unread_messages,
            60,
            None,
        ),
    ]
    for name, title, template, context, order, prepare in sections:
        register_handover_section(
            name,
            title=title,
            template=f"frontdesk/handover/{template}.html",
            context=context,
            order=order,
            prepare=prepare,
        )
    register_unit_section(
        UnitSection(
            key="frontdesk",
            title=_("Visits and calls"),
            template="frontdesk/unit_section.html",
            permission="frontdesk.view_logentry",
            order=60,
            context=lambda unit, user: {"entries": selectors.unit_entries(unit)},
        )
    )
    register_unit_alert("frontdesk.incidents", selectors.incident_alerts)
    register_home_panel(
        "frontdesk.today",
        roles=[FRONT_DESK],
        template="frontdesk/home_panel.html",
        context=lambda request: selectors.desk_home(request.user),
        order=25,
        wide=True,
    )
    register_settings_section(
        SettingsSection(
            key="frontdesk",
            title=_("Shift handover"),
            description=_("The keys and equipment the shifts hand over, one item a line."),
            form_class=ChecklistForm,
            row=lambda estate: (
                HandoverChecklist.objects.filter(estate=estate).first()
                or HandoverChecklist(estate=estate)
            ),
            save=handover_checklist_update,
            permission="frontdesk.change_handoverchecklist",
            order=65,  # after the mail room's
        )
    )
    register_report_section(
        "frontdesk.log", title=_("Front desk"), write=reports.monthly_report_sheet, order=55
    )
    register_seeder("frontdesk", seed.seed, order=50)
