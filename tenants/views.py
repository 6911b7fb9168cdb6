from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from desk.errors import BusinessRuleError
from desk.lists import ScopedFilterListView
from desk.scoping import get_scoped_or_404
from tenants import exports, selectors, services
from tenants.extensions import unit_sections_for
from tenants.filters import ResidentFilter, RevealFilter, UnitFilter
from tenants.forms import MoveInForm, MoveOutForm, ResidentForm, RevealForm
from tenants.models import ContactReveal, Occupancy, Resident, Unit


class UnitListView(ScopedFilterListView):
    model = Unit
    permission_required = "tenants.view_unit"
    filterset_class = UnitFilter
    template_name = "tenants/unit_list.html"
    partial_template_name = "tenants/partials/unit_rows.html"

    def get_base_queryset(self):
        return Unit.objects.select_related("building", "estate")

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        # Typing one exact unit (`3-1502`) goes straight to its page.
        if request.GET.get("go") and self.object_list.count() == 1:
            return redirect("tenants:unit_detail", pk=self.object_list.get().pk)
        return response


@login_required
@permission_required("tenants.export_register", raise_exception=True)
def tenant_list_export(request):
    units = Unit.objects.for_user(request.user)
    filterset = UnitFilter(request.GET, queryset=units, request=request)
    return exports.tenant_list_xlsx(
        filterset.qs if filterset.is_valid() else units.none(), request.user
    )


@login_required
@permission_required("tenants.view_unit", raise_exception=True)
def unit_detail(request, pk):
    unit = selectors.unit_for_page(request.user, pk)
    occupancies = list(unit.occupancies.all())
    sections = [
        (section, section.context(unit, request.user))
        for section in unit_sections_for(request.user)
    ]
    return render(
        request,
        "tenants/unit_detail.html",
        {
            "unit": unit,
            "area": selectors.area_of_unit(unit),
            "current": [o for o in occupancies if o.is_current],
            "past": [o for o in occupancies if not o.is_current],
            "sections": sections,
        },
    )


class ResidentListView(ScopedFilterListView):
    model = Resident
    permission_required = "tenants.view_resident"
    filterset_class = ResidentFilter
    template_name = "tenants/resident_list.html"
    partial_template_name = "tenants/partials/resident_rows.html"
    export_url_name = "tenants:resident_export"
    export_permission = "tenants.export_register"
    export_filename = "residents"
    export_title = gettext_lazy("Residents")

    def get_queryset(self):
        return selectors.residents_for_list(self.request.user)

    def export_columns(self):
        return exports.resident_columns(self.request.user)


@login_required
@permission_required("tenants.view_resident", raise_exception=True)
def resident_detail(request, pk):
    resident = get_scoped_or_404(Resident, request.user, pk=pk)
    occupancies = resident.occupancies.select_related("unit__building").order_by("-move_in")
    return render(
        request,
        "tenants/resident_detail.html",
        {"resident": resident, "occupancies": occupancies, "reveal_form": RevealForm()},
    )


@login_required
@permission_required("tenants.change_resident", raise_exception=True)
def resident_edit(request, pk):
    resident = get_scoped_or_404(Resident, request.user, pk=pk)
    form = ResidentForm(request.POST or None, instance=resident, user=request.user)
    refusal = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.resident_update(
                resident=resident,
                by=request.user,
                changes=form.changes(),
                seen_version=form.cleaned_data["seen_version"],
            )
        except BusinessRuleError as exc:
            # Someone else's change: the form again, with the resident as it is now.
            resident = get_scoped_or_404(Resident, request.user, pk=pk)
            form = ResidentForm(instance=resident, user=request.user)
            refusal = str(exc)
        else:
            messages.success(request, _("Resident saved."))
            return redirect("tenants:resident_detail", pk=resident.pk)
    return render(
        request,
        "tenants/resident_form.html",
        {"form": form, "resident": resident, "refusal": refusal},
    )


@login_required
@permission_required("tenants.manage_occupancy", raise_exception=True)
def move_in(request, pk):
    """Move an existing resident (found by search) or a new one into the unit."""
    unit = get_scoped_or_404(Unit.objects.select_related("building", "estate"), request.user, pk=pk)
    chosen = None
    if picked := request.POST.get("resident") or request.GET.get("resident"):
        if not picked.isdigit():
            raise Http404  # a mangled link: not a 500
        chosen = get_scoped_or_404(
            Resident.objects.filter(estate=unit.estate), request.user, pk=picked
        )
    data = request.POST or None
    form = MoveInForm(data, estate=unit.estate)
    resident_form = None if chosen else ResidentForm(data)
    if request.method == "POST":
        valid = form.is_valid() and (chosen is not None or resident_form.is_valid())
        if valid:
            stay = {"role": form.cleaned_data["role"], "move_in": form.cleaned_data["move_in"]}
            try:
                if chosen is not None:
                    resident = chosen
                    services.occupancy_move_in(unit=unit, resident=resident, **stay)
                else:
                    details = {
                        name: resident_form.cleaned_data[name]
                        for name in services.RESIDENT_FIELDS
                        if name in resident_form.cleaned_data
                    }
                    resident = services.resident_move_in_new(
                        unit=unit, details=details, by=request.user, **stay
                    )
            except BusinessRuleError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request, _("%(name)s moved in to %(unit)s.") % {"name": resident, "unit": unit}
                )
                return redirect("tenants:unit_detail", pk=unit.pk)
    matches, search_hint = [], ""
    query = request.GET.get("q", "").strip()
    if query and not chosen:
        filterset = ResidentFilter(
            {"q": query}, queryset=Resident.objects.filter(estate=unit.estate), request=request
        )
        matches = list(filterset.qs[:20])
        search_hint = filterset.search_hint
    return render(
        request,
        "tenants/move_in.html",
        {
            "unit": unit,
            "form": form,
            "resident_form": resident_form,
            "chosen": chosen,
            "query": query,
            "matches": matches,
            "search_hint": search_hint,
        },
    )


@login_required
@permission_required("tenants.manage_occupancy", raise_exception=True)
def move_out(request, pk):
    occupancy = get_scoped_or_404(
        Occupancy.objects.select_related("unit__building", "unit__estate", "resident"),
        request.user,
        pk=pk,
    )
    form = MoveOutForm(request.POST or None, estate=occupancy.unit.estate)
    if request.method == "POST" and form.is_valid():
        try:
            services.occupancy_move_out(
                occupancy=occupancy,
                move_out=form.cleaned_data["move_out"],
                reason=form.cleaned_data["reason"],
                by=request.user,
                override_reason=form.cleaned_data["override_reason"],
            )
        except BusinessRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("%(name)s moved out of %(unit)s.")
                % {"name": occupancy.resident, "unit": occupancy.unit},
            )
            return redirect("tenants:unit_detail", pk=occupancy.unit_id)
    return render(request, "tenants/move_out.html", {"occupancy": occupancy, "form": form})


@require_POST
@login_required
def reveal_contact(request, pk):
    if not (
        request.user.has_perm("tenants.reveal_contact")
        or request.user.has_perm("tenants.view_contact_details")
    ):
        raise PermissionDenied
    resident = get_scoped_or_404(Resident, request.user, pk=pk)
    form = RevealForm(request.POST)
    value, error = None, None
    if form.is_valid():
        try:
            value = services.contact_reveal(
                resident=resident,
                field=form.cleaned_data["field"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except BusinessRuleError as exc:
            error = str(exc)
    else:
        error = _("Give the reason for revealing this contact.")
    context = {"resident": resident, "value": value, "error": error, "reveal_form": form}
    if request.htmx:
        return render(request, "tenants/partials/reveal_result.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.info(request, _("Revealed: %(value)s") % {"value": value})
    return redirect("tenants:resident_detail", pk=resident.pk)


class RevealLogView(ScopedFilterListView):
    model = ContactReveal
    permission_required = "tenants.view_contactreveal"
    filterset_class = RevealFilter
    template_name = "tenants/reveal_log.html"
    partial_template_name = "tenants/reveal_log.html"
    export_url_name = "tenants:reveal_log_export"
    export_filename = "contact-reveals"
    export_title = gettext_lazy("Contact reveals")

    def get_base_queryset(self):
        return ContactReveal.objects.select_related("estate", "resident", "revealed_by")

    def export_columns(self):
        return exports.reveal_columns()
