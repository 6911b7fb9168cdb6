"""The complaint handling sheet (投诉处理单): one A4 with the whole case.

Printed at any stage: what has not happened yet (the plan, the ruling, the return visit)
is an empty box to fill in by hand, as on the paper form.
"""

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from complaints import selectors
from desk.printing import cell, heading, printed_date, printed_time, row, satisfaction_ticks
from desk.privacy import contact_for


@login_required
@permission_required("complaints.view_complaint", raise_exception=True)
def complaint_sheet(request, pk):
    complaint = selectors.complaint_for_page(request.user, pk)  # the detail page's helper
    return render(
        request,
        "print/complaint_sheet.html",
        {
            "complaint": complaint,
            "form_title": _("Complaint handling sheet"),
            "date": printed_date(complaint.received_at, complaint.estate),
            "rows": sheet_rows(complaint, request.user),
            "signatures": [_("Handled by"), _("Supervisor review"), _("Date")],
            "back_url": reverse("complaints:detail", args=[complaint.pk]),
        },
    )


def _at_by(value, user, estate):
    """`2026-05-03 14:20 · 李客服`, or "" while it has not happened."""
    when = printed_time(value, estate)
    if when and user is not None:
        return f"{when} · {user.display_name}"
    return when


def sheet_rows(complaint, user):
    c, estate = complaint, complaint.estate
    return [
        row(
            cell(_("Received at"), printed_time(c.received_at, estate)),
            cell(_("Received by"), c.received_by.display_name),
        ),
        row(
            cell(_("Channel"), c.get_channel_display()),
            cell(_("Category"), f"{c.get_kind_display()} · {c.get_category_display()}"),
        ),
        row(
            cell(_("Complainant"), c.complainant_name),
            cell(_("Phone"), contact_for(user, c.contact_phone)),
        ),
        row(
            cell(_("Unit"), c.unit.label if c.unit_id else _("Public area")),
            cell(_("Happened on"), c.occurred_on.isoformat()),
        ),
        row(cell(_("About"), c.subject)),
        row(cell(_("What happened"), c.description, lines=5)),
        heading(_("Handling")),
        row(cell(_("Handling plan"), c.plan, lines=5)),
        row(
            cell(_("Plan given at"), _at_by(c.responded_at, c.responded_by, estate)),
            cell(_("Assignee"), c.assignee.display_name if c.assignee_id else ""),
        ),
        row(
            cell(_("Ruling"), c.ruling_display),
            cell(_("Ruled at"), _at_by(c.ruled_at, c.ruled_by, estate)),
        ),
        row(cell(_("Ruling reason"), c.ruling_reason, lines=3)),
        row(cell(_("What was done"), c.resolution, lines=5)),
        row(
            cell(_("Resolved at"), printed_time(c.resolved_at, estate)),
            cell(_("Escalation"), c.get_escalation_level_display()),
        ),
        heading(_("Return visit")),
        row(
            cell(
                _("Satisfaction"),
                f"({c.satisfaction}/5)" if c.satisfaction else "",
                ticks=satisfaction_ticks(c.satisfaction),
            )
        ),
        row(cell(_("Comment"), c.visit_comment, lines=3)),
        row(
            cell(_("Return visit by"), c.visited_by.display_name if c.visited_by_id else ""),
            cell(_("Return visit at"), printed_time(c.visited_at, estate)),
        ),
    ]
