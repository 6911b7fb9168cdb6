"""Areas (片区) of an estate: the manager's page of the estate settings (see
tenants/settings_section.py) that divides the buildings and names each area's reps."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from desk.errors import BusinessRuleError
from desk.models import Estate
from desk.scoping import get_scoped_or_404
from tenants import area_services, selectors
from tenants.models import Area, AreaBuilding, Building

PERMISSION = "tenants.change_area"


class _RepChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class _BuildingChoices(forms.ModelMultipleChoiceField):
    """Each building with the area it is in now, so a manager sees what is taken."""

    def __init__(self, *args, areas_of=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas_of = areas_of or {}

    def label_from_instance(self, obj):
        area = self.areas_of.get(obj.pk)
        label = str(obj) if not obj.name else f"{obj.number} · {obj.name}"
        return f"{label} ({area})" if area else label


class AreaForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=50)
    buildings = _BuildingChoices(
        label=gettext_lazy("Buildings"),
        queryset=Building.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("Pick buildings of this estate.")},
        help_text=gettext_lazy("A building is in one area at most; in brackets, its area now."),
    )
    rep = _RepChoice(
        label=gettext_lazy("Rep"),
        queryset=Building.objects.none(),
        error_messages={"invalid_choice": gettext_lazy("Pick a service rep of this estate.")},
    )
    deputy = _RepChoice(
        label=gettext_lazy("Deputy rep"),
        queryset=Building.objects.none(),
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Pick a service rep of this estate.")},
    )

    def __init__(self, *args, estate, area=None, **kwargs):
        if area is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": area.name,
                    "buildings": [b.pk for b in area.buildings.all()],
                    "rep": area.rep_id,
                    "deputy": area.deputy_id,
                },
            )
        super().__init__(*args, **kwargs)
        memberships = AreaBuilding.objects.filter(area__estate=estate).select_related("area")
        self.fields["buildings"].areas_of = {m.building_id: m.area.name for m in memberships}
        self.fields["buildings"].queryset = Building.objects.filter(estate=estate).order_by(
            "number"
        )
        reps = area_services.reps_of(estate)
        self.fields["rep"].queryset = reps
        self.fields["deputy"].queryset = reps


def _estate(request, pk):
    return get_scoped_or_404(Estate, request.user, pk=pk)


@login_required
@permission_required(PERMISSION, raise_exception=True)
def area_list(request, pk):
    estate = _estate(request, pk)
    return render(
        request,
        "tenants/area_list.html",
        {
            "estate": estate,
            "areas": selectors.areas_for_page(estate),
            "unassigned": selectors.buildings_in_no_area(estate),
        },
    )


def _form_page(request, estate, area=None):
    form = AreaForm(request.POST or None, estate=estate, area=area)
    if request.method == "POST" and form.is_valid():
        try:
            saved = area_services.area_save(
                estate=estate, area=area, by=request.user, **form.cleaned_data
            )
        except BusinessRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Area %(name)s saved.") % {"name": saved.name})
            return redirect("tenants:area_list", pk=estate.pk)
    return render(request, "tenants/area_form.html", {"estate": estate, "area": area, "form": form})


@login_required
@permission_required(PERMISSION, raise_exception=True)
def area_new(request, pk):
    return _form_page(request, _estate(request, pk))


@login_required
@permission_required(PERMISSION, raise_exception=True)
def area_edit(request, pk):
    area = get_scoped_or_404(Area.objects.select_related("estate"), request.user, pk=pk)
    return _form_page(request, area.estate, area)


@require_POST
@login_required
@permission_required(PERMISSION, raise_exception=True)
def area_delete(request, pk):
    area = get_scoped_or_404(Area.objects.select_related("estate"), request.user, pk=pk)
    area_services.area_delete(area=area, by=request.user)
    messages.success(request, _("Area %(name)s removed.") % {"name": area.name})
    return redirect("tenants:area_list", pk=area.estate_id)
