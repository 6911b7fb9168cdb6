"""The work-order slip (派工单): two A5 copies on one A4, the technician's and the office's.

What the record already knows is printed; what the technician fills in on site (work
notes, materials, start and finish, the signatures and the resident's tick) are boxes.
"""

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from desk.printing import cell, printed_date, printed_time, row, satisfaction_ticks
from desk.privacy import contact_for
from workorders import selectors


@login_required
@permission_required("workorders.view_workorder", raise_exception=True)
def workorder_slip(request, pk):
    order = selectors.order_for_page(request.user, pk)  # the detail page's access helper
    return render(
        request,
        "print/workorder_slip.html",
        {
            "order": order,
            "form_title": _("Work order slip"),
            "date": printed_date(order.created_at, order.estate),
            "copies": [_("Technician's copy"), _("Office copy")],
            "rows": slip_rows(order, request.user),
            "signatures": [_("Technician's signature"), _("Resident's signature"), _("Date")],
            "back_url": reverse("workorders:detail", args=[order.pk]),
        },
    )


def slip_rows(order, user):
    estate = order.estate
    requester = " ".join(
        part for part in (order.requested_by_name, contact_for(user, order.contact_phone)) if part
    )
    source = order.get_source_display()
    if order.complaint_id:
        source = f"{source} · {order.complaint.number}"
    taken = printed_time(order.created_at, estate)
    if order.created_by_id:
        taken = f"{taken} · {order.created_by.display_name}"
    rows = [
        row(cell(_("Place"), _place(order)), cell(_("Requested by"), requester)),
        row(
            cell(_("Trade"), _trade_and_department(order)),
            cell(_("Priority"), order.get_priority_display()),
        ),
        row(cell(_("Taken at"), taken), cell(_("Due at"), printed_time(order.due_at, estate))),
        row(
            cell(_("Source"), source),
            cell(_("Technician"), order.assignee.display_name if order.assignee_id else ""),
        ),
    ]
    if order.price is not None:
        rows.append(row(cell(_("Price (CNY)"), order.price)))
    rows += [
        row(cell(_("Description"), order.description, lines=2)),
        row(cell(_("Work notes"), order.work_notes, lines=4)),
        row(cell(_("Materials used"), order.materials, lines=2)),
        row(
            cell(_("Started at"), printed_time(order.started_at, estate)),
            cell(_("Finished at"), printed_time(order.done_at, estate)),
        ),
        row(cell(_("Satisfaction"), ticks=satisfaction_ticks(order.satisfaction))),
    ]
    return rows


def _trade_and_department(order):
    """ "Plumbing · Engineering", and a trade that is its own department once: "Greening"."""
    trade, department = order.get_trade_display(), order.get_department_display()
    return trade if trade == department else f"{trade} · {department}"


def _place(order):
    """The unit (and where in it), or the public area, as on the order's page."""
    if order.unit_id:
        return order.place
    if order.building_id:
        return f"{order.building} · {order.location}"
    return order.location
