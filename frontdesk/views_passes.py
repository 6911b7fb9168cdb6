"""Item release passes (物品放行条): issued at the desk, printed with a number, marked used by
the guard; today's passes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from desk.clock import user_today
from desk.errors import BusinessRuleError
from desk.exports import excel_time
from desk.lists import ScopedFilterListView
from desk.printing import cell, printed_time, row
from desk.scoping import get_scoped_or_404
from frontdesk import selectors, services
from frontdesk.filters import ReleasePassFilter
from frontdesk.forms import AuthorisationForm, ReleasePassForm
from frontdesk.models import ReleasePass
from tenants.extensions import unit_arrears
from tenants.models import Unit

VIEW, ADD, CHANGE = (
    "frontdesk.view_releasepass",
    "frontdesk.add_releasepass",
    "frontdesk.change_releasepass",
)


class ReleasePassListView(ScopedFilterListView):
    """The passes of a day (today unless the filter says another)."""

    model = ReleasePass
    permission_required = VIEW
    filterset_class = ReleasePassFilter
    template_name = "frontdesk/pass_list.html"
    partial_template_name = "frontdesk/partials/pass_rows.html"
    export_url_name = "frontdesk:pass_export"
    export_filename = "release-passes"
    export_title = gettext_lazy("Release passes")

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if "valid_on" not in self.request.GET:
            data = kwargs["data"].copy() if kwargs.get("data") is not None else {}
            data["valid_on"] = user_today(self.request.user).isoformat()
            kwargs["data"] = data
        return kwargs

    def get_queryset(self):
        return selectors.passes_for_list(self.request.user)

    def export_columns(self):
        return [
            (_("Number"), lambda p: p.number),
            (_("Date"), lambda p: p.valid_on),
            (_("Unit"), lambda p: p.unit.label),
            (_("Issued to"), lambda p: p.resident.name),
            (_("Items"), lambda p: p.items),
            (_("Carried by"), lambda p: p.carrier),
            (_("Issued by"), lambda p: p.issued_by.display_name),
            (_("Used at"), lambda p: excel_time(p.used_at, p.estate)),
        ]


@login_required
@permission_required(ADD, raise_exception=True)
def pass_new(request):
    form = ReleasePassForm(
        request.POST or None,
        user=request.user,
        initial={"unit_label": request.GET.get("unit_label", "")},
    )
    unit = form.unit
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            issued = services.release_pass_issue(
                unit=data["unit"],
                resident=data["resident"],
                items=data["items"],
                carrier=data["carrier"],
                valid_on=data["valid_on"],
                by=request.user,
            )
        except BusinessRuleError as exc:
            form.add_error("resident", str(exc))
        else:
            messages.success(request, _("Release pass %(number)s issued.") % {"number": issued})
            return redirect("frontdesk:pass_detail", pk=issued.pk)
    return render(
        request,
        "frontdesk/pass_form.html",
        {
            "form": form,
            "unit": unit,
            "arrears": unit_arrears(unit) if unit is not None else None,
        },
    )


@login_required
@permission_required(ADD, raise_exception=True)
def unit_authorise(request, pk):
    """The owner's authorisation for an occupant to take goods out, recorded at the desk."""
    unit = get_scoped_or_404(Unit.objects.select_related("building", "estate"), request.user, pk=pk)
    form = AuthorisationForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.release_authorise(unit=unit, by=request.user, **form.cleaned_data)
        except BusinessRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The owner's authorisation is recorded."))
            return redirect(reverse("frontdesk:pass_new") + f"?unit_label={unit.label}")
    return render(request, "frontdesk/authorise.html", {"form": form, "unit": unit})


def _pass(request, pk):
    return get_scoped_or_404(selectors.passes_for_list(request.user), request.user, pk=pk)


@login_required
@permission_required(VIEW, raise_exception=True)
def pass_detail(request, pk):
    return render(request, "frontdesk/pass_detail.html", {"release_pass": _pass(request, pk)})


@login_required
@permission_required(CHANGE, raise_exception=True)
def pass_use(request, pk):
    release_pass = _pass(request, pk)
    if request.method == "POST":
        try:
            services.release_pass_use(release_pass=release_pass, by=request.user)
        except BusinessRuleError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The goods went out: the pass is used."))
    return redirect("frontdesk:pass_detail", pk=pk)


@login_required
@permission_required(VIEW, raise_exception=True)
def pass_print(request, pk):
    release_pass = _pass(request, pk)
    rows = [
        row(cell(_("Unit"), release_pass.unit.label), cell(_("Date"), release_pass.valid_on)),
        row(
            cell(_("Issued to"), release_pass.resident.name),
            cell(_("Carried by"), release_pass.carrier),
        ),
        row(cell(_("Items"), release_pass.items, lines=3)),
        row(
            cell(_("Issued by"), release_pass.issued_by.display_name),
            cell(_("Issued at"), printed_time(release_pass.issued_at, release_pass.estate)),
        ),
        row(cell(_("Checked out at"), printed_time(release_pass.used_at, release_pass.estate))),
    ]
    return render(
        request,
        "print/frontdesk_pass.html",
        {
            "release_pass": release_pass,
            "form_title": _("Item release pass"),
            "date": printed_time(release_pass.issued_at, release_pass.estate, "%Y-%m-%d"),
            "copies": [_("Guard's copy"), _("Desk's copy")],
            "rows": rows,
            "signatures": [_("Front desk"), _("Resident"), _("Guard")],
            "back_url": reverse("frontdesk:pass_detail", args=[release_pass.pk]),
        },
    )
