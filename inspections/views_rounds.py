"""The round on a phone: today's rounds, start, tick, scan, find, make a work order, submit.

Each step is a plain POST that comes back to the round's page (static/inspections/js/round.js
keeps what was typed and what could not be sent in the browser, so a reload or a lost
connection loses nothing); every tick is on the server as soon as it is sent.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from desk.clock import estate_today
from desk.errors import BusinessRuleError, IllegalTransition
from desk.models import Estate
from desk.photos import photo_response
from desk.scoping import get_scoped_or_404
from inspections import coverage, selectors, services
from inspections.forms import (
    CheckForm,
    FindingForm,
    FindingOrderForm,
    ReviewForm,
    ScanForm,
    StartForm,
    SubmitForm,
)
from inspections.models import ROUTE_TYPES, Finding, ItemCheck

RULE_ERRORS = (BusinessRuleError, IllegalTransition)
PATROL, VIEW = "inspections.patrol_round", "inspections.view_round"


def today_lines(user):
    """Today's due rounds of the user's estates (daily rules), the gaps first."""
    estates = Estate.objects.for_user(user)
    lines = coverage.today_due(estates, estate_today)
    return sorted(lines, key=lambda line: (line["gap"] == 0, line["label"]))


@login_required
@permission_required(PATROL, raise_exception=True)
def today(request):
    lines = [
        line
        for line in today_lines(request.user)
        if services.may_start(request.user, line["round_type"])
    ]
    return render(
        request,
        "inspections/today.html",
        {
            "lines": lines,
            "drafts": selectors.my_drafts(request.user),
            "start_form": StartForm(user=request.user),
            "route_types": ROUTE_TYPES,
        },
    )


@login_required
@permission_required(PATROL, raise_exception=True)
@require_POST
def start(request):
    form = StartForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            round_ = services.round_start(
                estate=data["estate"],
                round_type=data["round_type"],
                building=data["building"],
                area=data["area"],
                unit=data["unit"],
                by=request.user,
            )
        except BusinessRuleError as exc:
            messages.error(request, str(exc))
        else:
            return redirect("inspections:round", pk=round_.pk)
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    if request.POST.get("back") == "vacant":
        return redirect("inspections:vacant_units")
    return redirect("inspections:today")


@login_required
@permission_required(VIEW, raise_exception=True)
def round_page(request, pk):
    round_ = selectors.round_for_page(request.user, pk)
    checks = {check.item_id: check for check in round_.checks.all()}
    items = [{"item": item, "check": checks.get(item.pk)} for item in round_.checklist.items.all()]
    editable = round_.status == round_.Status.DRAFT and round_.by_id == request.user.pk
    may_review = (
        round_.status == round_.Status.SUBMITTED
        and round_.by_id != request.user.pk
        and request.user.has_perm("inspections.review_round")
    )
    findings = list(round_.findings.all())
    may_order = request.user.has_perm("workorders.add_workorder")
    # One form (its technicians read once) rendered in each finding still without an order.
    order_form = (
        FindingOrderForm(estate=round_.estate, round_type=round_.round_type)
        if may_order and any(not f.work_order_id for f in findings)
        else None
    )
    return render(
        request,
        "inspections/round.html",
        {
            "round": round_,
            "items": items,
            "ticked": len(checks),
            "route": selectors.route_of(round_),
            "findings": findings,
            "editable": editable,
            "may_review": may_review,
            "may_order": may_order,
            "order_form": order_form,
            "finding_form": FindingForm(),
            "review_form": ReviewForm(),
            "review_due": services.review_due(round_) if round_.submitted_at else None,
        },
    )


def _round_step(request, pk, act):
    """Run `act(round_)` on the user's round; a refusal is a message; back to the round."""
    round_ = get_scoped_or_404(selectors.rounds_for_list(request.user), request.user, pk=pk)
    try:
        done = act(round_)
    except RULE_ERRORS as exc:
        messages.error(request, str(exc))
    else:
        if done:
            messages.success(request, done)
    return round_


def _form_errors(form):
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


@login_required
@permission_required(PATROL, raise_exception=True)
@require_POST
def check_item(request, pk):
    form = CheckForm(request.POST, request.FILES)

    def act(round_):
        if not form.is_valid():
            raise BusinessRuleError(_form_errors(form))
        item = round_.checklist.items.filter(pk=form.cleaned_data["item"]).first()
        if item is None:
            raise BusinessRuleError(_("This item is not on the round's checklist."))
        services.round_check_item(
            round=round_,
            item=item,
            ok=form.cleaned_data["ok"],
            note=form.cleaned_data["note"],
            photo=form.cleaned_data["photo"],
            by=request.user,
        )
        return ""

    _round_step(request, pk, act)
    return redirect(
        reverse("inspections:round", args=[pk]) + f"#item-{request.POST.get('item', '')}"
    )


@login_required
@permission_required(PATROL, raise_exception=True)
@require_POST
def scan(request, pk):
    form = ScanForm(request.POST)

    def act(round_):
        if not form.is_valid():
            raise BusinessRuleError(_form_errors(form))
        scan_ = services.round_scan_point(round=round_, by=request.user, **form.cleaned_data)
        return _("%(name)s scanned.") % {"name": scan_.point.name}

    _round_step(request, pk, act)
    return redirect(reverse("inspections:round", args=[pk]) + "#route")


@login_required
@permission_required(PATROL, raise_exception=True)
@require_POST
def finding_add(request, pk):
    form = FindingForm(request.POST, request.FILES)

    def act(round_):
        if not form.is_valid():
            raise BusinessRuleError(_form_errors(form))
        services.finding_add(round=round_, by=request.user, **form.cleaned_data)
        return _("Finding added.")

    _round_step(request, pk, act)
    return redirect(reverse("inspections:round", args=[pk]) + "#findings")


@login_required
@permission_required(["workorders.add_workorder", VIEW], raise_exception=True)
@require_POST
def finding_order(request, pk):
    """The finding's work order in one tap (with the round's trade), dispatched at once to
    the technician chosen."""
    finding = get_scoped_or_404(
        Finding.objects.select_related("round", "estate"), request.user, pk=pk
    )
    form = FindingOrderForm(
        request.POST, estate=finding.estate, round_type=finding.round.round_type
    )
    if not form.is_valid():
        messages.error(request, _form_errors(form))
    else:
        try:
            order = services.finding_to_workorder(
                finding=finding, by=request.user, **form.cleaned_data
            )
        except RULE_ERRORS as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Work order %(number)s created.") % {"number": order})
    return redirect(reverse("inspections:round", args=[finding.round_id]) + f"#finding-{pk}")


@login_required
@permission_required(PATROL, raise_exception=True)
@require_POST
def submit(request, pk):
    form = SubmitForm(request.POST)
    form.is_valid()

    def act(round_):
        services.round_submit(
            round=round_, by=request.user, notes=form.cleaned_data.get("notes", "")
        )
        return _("Round submitted for review.")

    round_ = _round_step(request, pk, act)
    round_.refresh_from_db()
    if round_.status != round_.Status.DRAFT:
        return redirect("inspections:today")
    return redirect("inspections:round", pk=pk)


@login_required
@permission_required(VIEW, raise_exception=True)
def finding_photo(request, pk):
    """Photos are served through the round's access check, never as public media."""
    finding = get_scoped_or_404(Finding, request.user, pk=pk)
    if not finding.photo:
        raise Http404
    return photo_response(finding.photo)


@login_required
@permission_required(VIEW, raise_exception=True)
def check_photo(request, pk):
    check = get_scoped_or_404(ItemCheck, request.user, pk=pk)
    if not check.photo:
        raise Http404
    return photo_response(check.photo)
