"""The reminder ladder's pages: a step (a visit's task, with its outcome form), and the
front desk's print batch of notices (催缴通知书 / 限期缴费通知), printed and marked printed."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from billing.ladder import notice_context
from billing.ladder_services import notices_mark_printed, step_outcome_record
from billing.models import LadderStep, Reason
from billing.models.ladder import NOTICE_STAGES, Stage
from desk.errors import BusinessRuleError
from desk.printing import cell, heading, row
from desk.scoping import get_scoped_or_404

BATCH_SIZE = 100  # notices on one print page


class OutcomeForm(forms.Form):
    reason = forms.ChoiceField(label=gettext_lazy("Reason for non-payment"), choices=Reason)
    expected_on = forms.DateField(
        label=gettext_lazy("Expected payment date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    note = forms.CharField(label=gettext_lazy("Note"), required=False, widget=forms.Textarea)


def _steps(user):
    return LadderStep.objects.for_user(user).select_related(
        "estate", "unit__building", "payer", "assignee", "outcome_by", "case"
    )


@login_required
@permission_required("billing.view_bill", raise_exception=True)
def ladder_step(request, pk):
    step = get_scoped_or_404(_steps(request.user), request.user, pk=pk)
    can_record = not step.is_notice and request.user.has_perm("billing.record_outcome")
    initial = {"reason": step.reason, "expected_on": step.expected_on, "note": step.note}
    form = OutcomeForm(request.POST or None, initial=initial) if can_record else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                step_outcome_record(step=step, by=request.user, **form.cleaned_data)
            except BusinessRuleError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The visit's outcome is on the account."))
                return redirect("billing:ladder_step", pk=step.pk)
    history = list(
        LadderStep.objects.filter(case_id=step.case_id)
        .select_related("outcome_by", "assignee")
        .order_by("reached_on", "id")
    )
    return render(
        request,
        "billing/ladder_step.html",
        {"step": step, "form": form, "history": history},
    )


@login_required
@permission_required("billing.print_notice", raise_exception=True)
def reminder_batch(request):
    """The notices waiting to be printed, oldest first, and the last ones printed."""
    waiting = _steps(request.user).filter(stage__in=NOTICE_STAGES, printed_at__isnull=True)
    return render(
        request,
        "billing/ladder_batch.html",
        {
            "waiting": list(waiting.order_by("reached_on", "id")[:BATCH_SIZE]),
            "waiting_count": waiting.count(),
            "printed": list(
                _steps(request.user)
                .filter(stage__in=NOTICE_STAGES, printed_at__isnull=False)
                .select_related("printed_by")
                .order_by("-printed_at", "-id")[:20]
            ),
        },
    )


def _batch(request):
    steps = _steps(request.user).filter(stage__in=NOTICE_STAGES)
    ids = [
        int(v) for v in request.GET.getlist("step") + request.POST.getlist("step") if v.isdigit()
    ]
    if ids:
        return list(steps.filter(pk__in=ids).order_by("reached_on", "id"))
    return list(steps.filter(printed_at__isnull=True).order_by("reached_on", "id")[:BATCH_SIZE])


@login_required
@permission_required("billing.print_notice", raise_exception=True)
def reminder_print(request):
    """The notices as paper: two A5 notices on each A4 (`?step=` some, else the batch)."""
    notices = [
        {**notice_context(step), "rows": notice_rows(step), "date": step.reached_on.isoformat()}
        for step in _batch(request)
    ]
    return render(
        request,
        "print/billing_reminder_notice.html",
        {
            "notices": notices,
            "signatures": [_("Fee centre"), _("Received by")],
            "back_url": reverse("billing:reminder_batch"),
        },
    )


@login_required
@permission_required("billing.print_notice", raise_exception=True)
@require_POST
def reminder_mark_printed(request):
    done = notices_mark_printed(steps=_batch(request), by=request.user)
    messages.success(request, _("%(count)d notices marked printed.") % {"count": done})
    return redirect("billing:reminder_batch")


def notice_rows(step):
    rows = [
        row(
            cell(_("Unit"), step.unit.label),
            cell(_("Payer"), step.payer.name if step.payer else ""),
        ),
        row(
            cell(_("Overdue since"), step.overdue_since.isoformat()),
            cell(_("As of"), step.reached_on.isoformat()),
        ),
        heading(_("Amounts (CNY)")),
        row(
            cell(_("Overdue amount"), f"{step.principal}"),
            cell(_("Late fee to date"), f"{step.late_fee}"),
        ),
        row(cell(_("Total due"), f"{step.total}")),
    ]
    if step.stage == Stage.DEADLINE:
        if step.late_fee_from:
            text = _(
                "%(date)s. From %(start)s a late fee accrues each day on the overdue amount "
                "still unpaid, at its fee standard's daily rate, at most the amount itself."
            ) % {"date": printed_date_of(step.pay_by), "start": step.late_fee_from.isoformat()}
        else:
            text = printed_date_of(step.pay_by)
        rows.append(row(cell(_("Pay by"), text, lines=2)))
    rows.append(
        row(
            cell(
                _("How to pay"),
                _(
                    "At the fee centre (cash, bank card, WeChat Pay, Alipay) or by bank "
                    "transfer naming the unit. Already paid? Please ignore this notice."
                ),
                lines=2,
            )
        )
    )
    return rows


def printed_date_of(day):
    return day.isoformat() if day else ""
