"""The visits: finding the unit, recording a visit on a phone, a visit's page, the list and
its workbook; answering an opinion or turning it into a complaint or a work order."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from desk.errors import BusinessRuleError
from desk.exports import excel_time
from desk.lists import ScopedFilterListView
from desk.privacy import contact_for
from tenants.selectors import unit_for_page
from visits import selectors, services
from visits.filters import VisitFilter
from visits.forms import (
    AnswerForm,
    OpinionLines,
    ToComplaintForm,
    ToWorkOrderForm,
    UnitFindForm,
    VisitForm,
)
from visits.models import Visit

VIEW, ADD = "visits.view_visit", "visits.add_visit"
ANSWER = "visits.change_opinion"


def visit_columns(user):
    """[(header, cell)] of a visit's row in a workbook; phones masked for the reader."""
    return [
        (_("Time"), lambda v: excel_time(v.at, v.estate)),
        (_("Estate"), lambda v: v.estate.name),
        (_("Unit"), lambda v: v.unit.label),
        (_("Kind"), lambda v: v.get_kind_display()),
        (_("Who was met"), lambda v: v.met.name if v.met_id else _("Nobody home")),
        (_("Phone"), lambda v: contact_for(user, v.met.mobile) if v.met_id else ""),
        (_("Opinions"), lambda v: v.opinion_count),
        (_("Open"), lambda v: v.open_count),
        (_("Notes"), lambda v: v.notes),
        (_("Visited by"), lambda v: v.visited_by.display_name),
    ]


class VisitListView(ScopedFilterListView):
    model = Visit
    permission_required = VIEW
    filterset_class = VisitFilter
    template_name = "visits/visit_list.html"
    partial_template_name = "visits/partials/visit_rows.html"
    export_url_name = "visits:export"
    export_filename = "visits"
    export_title = gettext_lazy("Visits")
    export_related = ("estate",)  # the workbook's time and estate columns

    def get_queryset(self):
        return selectors.visits_for_list(self.request.user)

    def export_columns(self):
        return visit_columns(self.request.user)


@login_required
@permission_required(ADD, raise_exception=True)
def visit_find_unit(request):
    """A phone's first step: type the unit, go to its visit form."""
    form = UnitFindForm(request.GET or None, user=request.user)
    if request.GET and form.is_valid():
        return redirect("visits:new", unit=form.cleaned_data["unit"].pk)
    return render(request, "visits/find_unit.html", {"form": form})


@login_required
@permission_required(ADD, raise_exception=True)
def visit_new(request, unit):
    unit = unit_for_page(request.user, unit)
    form = VisitForm(request.POST or None, unit=unit)
    lines = OpinionLines(request.POST or None, prefix="opinion")
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        data = form.cleaned_data
        try:
            visit = services.visit_record(
                unit=unit,
                met=data["met"],
                kind=data["kind"],
                at=data["at"],
                notes=data["notes"],
                opinions=[(line["text"], line["category"]) for line in lines.cleaned_data if line],
                by=request.user,
            )
        except BusinessRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Visit recorded."))
            return redirect("visits:detail", pk=visit.pk)
    return render(request, "visits/visit_form.html", {"unit": unit, "form": form, "lines": lines})


@login_required
@permission_required(VIEW, raise_exception=True)
def visit_detail(request, pk):
    visit = selectors.visit_for_page(request.user, pk)
    return render(request, "visits/visit_detail.html", {"visit": visit, "now": timezone.now()})


def _opinion_step(request, pk, form_class, act, title, button, success):
    opinion = selectors.opinion_for_page(request.user, pk)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                result = act(opinion=opinion, by=request.user, **form.cleaned_data)
        except BusinessRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, success(result))
            return redirect(services.opinion_origin_url(opinion))
    return render(
        request,
        "visits/opinion_step.html",
        {
            "opinion": opinion,
            "form": form,
            "title": title,
            "button": button,
            "back_url": services.opinion_origin_url(opinion),
        },
    )


@login_required
@permission_required(ANSWER, raise_exception=True)
def opinion_answer(request, pk):
    return _opinion_step(
        request,
        pk,
        AnswerForm,
        services.opinion_answer,
        _("Answer the opinion"),
        _("Save the answer"),
        lambda opinion: _("Answered."),
    )


@login_required
@permission_required(ANSWER, raise_exception=True)
@permission_required("complaints.add_complaint", raise_exception=True)
def opinion_to_complaint(request, pk):
    return _opinion_step(
        request,
        pk,
        ToComplaintForm,
        services.opinion_to_complaint,
        _("Turn into a complaint"),
        _("Receive the complaint"),
        lambda case: _("%(number)s created from the opinion.") % {"number": case.number},
    )


@login_required
@permission_required(ANSWER, raise_exception=True)
@permission_required("workorders.add_workorder", raise_exception=True)
def opinion_to_work_order(request, pk):
    return _opinion_step(
        request,
        pk,
        ToWorkOrderForm,
        services.opinion_to_work_order,
        _("Turn into a repair work order"),
        _("Create work order"),
        lambda case: _("%(number)s created from the opinion.") % {"number": case.number},
    )
