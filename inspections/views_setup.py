"""A manager's set-up of the patrols: the checklists (a new version each time), the patrol
points of the routes and their sheet of QR stickers, and the coverage rules per estate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from desk.errors import BusinessRuleError
from desk.lists import ScopedFilterListView
from desk.models import Estate
from desk.scoping import get_scoped_or_404
from inspections import coverage, selectors, services
from inspections.filters import PointFilter
from inspections.forms import ChecklistForm, PointForm, RuleForm
from inspections.models import CoverageRule, PatrolPoint, RoundType

SET_UP = "inspections.change_checklist"


def _estate(request):
    """The estate a set-up page is about: ?estate=<id> of the user's, else their first."""
    estates = Estate.objects.for_user(request.user)
    wanted = request.GET.get("estate") or request.POST.get("estate")
    if wanted and str(wanted).isdigit():
        return get_scoped_or_404(Estate, request.user, pk=wanted), estates
    return estates.first(), estates


@login_required
@permission_required(SET_UP, raise_exception=True)
def checklists(request):
    estate, estates = _estate(request)
    current = {}
    if estate is not None:
        for round_type in RoundType:
            current[round_type] = services.checklist_current(estate=estate, round_type=round_type)
    return render(
        request,
        "inspections/checklists.html",
        {"estate": estate, "estates": estates, "current": current},
    )


@login_required
@permission_required(SET_UP, raise_exception=True)
def checklist_edit(request, round_type):
    if round_type not in RoundType.values:
        raise Http404
    estate, _estates = _estate(request)
    if estate is None:
        return redirect("inspections:checklists")
    current = services.checklist_current(estate=estate, round_type=round_type)
    initial = {"items": "\n".join(item.text for item in current.items.all())}
    form = ChecklistForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            revised = services.checklist_revise(
                estate=estate,
                round_type=round_type,
                items=form.cleaned_data["items"],
                by=request.user,
            )
        except BusinessRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Checklist saved as version %(version)d; past rounds keep theirs.")
                % {"version": revised.version},
            )
            return redirect(reverse("inspections:checklists") + f"?estate={estate.pk}")
    return render(
        request,
        "inspections/checklist_edit.html",
        {
            "form": form,
            "estate": estate,
            "current": current,
            "round_type_label": RoundType(round_type).label,
        },
    )


class PointListView(ScopedFilterListView):
    model = PatrolPoint
    permission_required = SET_UP
    filterset_class = PointFilter
    template_name = "inspections/point_list.html"
    partial_template_name = "inspections/partials/point_rows.html"

    def get_queryset(self):
        return selectors.points_for_list(self.request.user)


@login_required
@permission_required(SET_UP, raise_exception=True)
def point_edit(request, pk=None):
    point = get_scoped_or_404(PatrolPoint, request.user, pk=pk) if pk else None
    form = PointForm(request.POST or None, instance=point, user=request.user)
    if request.method == "POST" and form.is_valid():
        point = form.save()
        messages.success(request, _("Patrol point %(name)s saved.") % {"name": point.name})
        return redirect("inspections:points")
    return render(request, "inspections/point_form.html", {"form": form, "point": point})


@login_required
@permission_required(SET_UP, raise_exception=True)
def point_labels(request):
    """The sheet of stickers (a label per point, its code large) in the print layout."""
    points = selectors.points_for_list(request.user).filter(active=True)
    estate = request.GET.get("estate")
    if estate and estate.isdigit():
        points = points.filter(estate_id=estate)
    building = request.GET.get("building")
    if building and building.isdigit():
        points = points.filter(building_id=building)
    return render(
        request,
        "inspections/point_labels.html",
        {
            "points": points.order_by("estate", "round_type", "building", "area", "position"),
            "back_url": reverse("inspections:points"),
        },
    )


@login_required
@permission_required(SET_UP, raise_exception=True)
def rules(request):
    """The estate's coverage rules: one line per round type (none saved yet: the defaults)."""
    estate, estates = _estate(request)
    if estate is None:
        return redirect("inspections:checklists")
    current = {rule.round_type: rule for rule in coverage.rules_for(estate)}
    forms = []
    for round_type in RoundType:
        rule = current.get(round_type) or CoverageRule(
            estate=estate, round_type=round_type, per="estate", times=1, period="day"
        )
        forms.append(
            (
                round_type,
                RuleForm(
                    request.POST if request.method == "POST" else None,
                    instance=rule,
                    prefix=round_type.value,
                ),
                round_type in current,
            )
        )
    if request.method == "POST" and all(form.is_valid() for _type, form, _on in forms):
        chosen = set(request.POST.getlist("required"))
        services.coverage_rules_save(
            estate=estate,
            rules={
                round_type: form.cleaned_data
                for round_type, form, _on in forms
                if round_type.value in chosen
            },
        )
        messages.success(request, _("Coverage rules saved."))
        return redirect(reverse("inspections:rules") + f"?estate={estate.pk}")
    return render(
        request,
        "inspections/rules.html",
        {"estate": estate, "estates": estates, "forms": forms},
    )
