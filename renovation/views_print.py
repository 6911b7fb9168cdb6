"""The rectification notice (装修违规整改通知单): one A4 to the owner, in the shared layout."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from desk.printing import cell, heading, printed_date, printed_time, row, tick_boxes
from renovation import selectors
from renovation.models import Violation


@login_required
@permission_required("renovation.view_permit", raise_exception=True)
def rectification_notice(request, pk):
    violation = selectors.violation_for_action(request.user, pk)
    if not violation.is_major:
        raise Http404  # a minor violation was corrected on the spot: no notice
    permit = violation.permit
    estate = permit.estate
    return render(
        request,
        "print/renovation_notice.html",
        {
            "violation": violation,
            "estate": estate,
            "form_title": _("Renovation violation rectification notice"),
            "date": printed_date(violation.found_at, estate),
            "rows": notice_rows(violation),
            "notice_text": _(
                "During the renovation patrol of your unit the violation below was found. "
                "It breaches the renovation rules of the estate and the permit's conditions. "
                "Stop the works concerned and rectify them by the deadline; the management "
                "office will verify the rectification on site."
            ),
            "signatures": [
                _("Issued by (management office)"),
                _("Owner's signature"),
                _("Contractor lead's signature"),
            ],
            "back_url": reverse("renovation:detail", args=[permit.pk]),
        },
    )


def notice_rows(violation):
    permit, estate = violation.permit, violation.permit.estate
    return [
        row(cell(_("Unit"), permit.unit.label), cell(_("Owner"), permit.applicant.name)),
        row(cell(_("Permit"), permit.number), cell(_("Contractor"), permit.contractor)),
        row(
            cell(_("Contractor lead"), f"{permit.contractor_lead} {permit.contractor_phone}"),
            cell(_("Found at"), printed_time(violation.found_at, estate)),
        ),
        heading(_("Violation")),
        row(cell(_("Kind"), ticks=tick_boxes(_major_choices(), violation.kind))),
        row(cell(_("What was found"), violation.description, lines=3)),
        row(
            cell(_("Rectify by"), violation.deadline.isoformat() if violation.deadline else ""),
            cell(_("Work order"), violation.work_order.number if violation.work_order_id else ""),
        ),
        heading(_("Rectification and follow-up")),
        row(cell(_("Rectification done"), "", lines=2)),
        row(
            cell(_("Verified at"), printed_time(violation.closed_at, estate)),
            cell(
                _("Verified by"), violation.closed_by.display_name if violation.closed_by_id else ""
            ),
        ),
    ]


def _major_choices():
    from renovation.models import MAJOR_KINDS, ViolationKind

    return [(kind.value, kind.label) for kind in ViolationKind if kind in MAJOR_KINDS]


__all__ = ["rectification_notice", "Violation"]
