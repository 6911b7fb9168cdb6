"""The receivable-unpaid list (应收未收明细) and the collection statistics, with their
Excel exports. Both read in a constant number of queries (billing/arrears.py)."""

import django_filters
from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When, Window
from django.db.models.query import prefetch_related_objects
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from billing.arrears import BUCKETS, PERIODS, collection_statistics, period_months, units_in_arrears
from billing.figures import cached_figures
from billing.models import BillLine, Reason, Stage
from billing.models.ladder import VISIT_STAGES
from desk.clock import estate_today, user_today
from desk.exports import xlsx_response
from desk.filters import EstateFilterSet, user_estates
from desk.lists import ScopedFilterListView
from desk.privacy import contact_for
from tenants.filters import user_buildings
from tenants.unit_labels import unit_label_filter

VISITS = "visits"  # the stage filter's choice for any visit stage (the rep's home)
AGED = [
    ("30", gettext_lazy("More than 30 days")),
    ("90", gettext_lazy("More than 90 days")),
    ("180", gettext_lazy("More than 180 days")),
]


class ArrearsFilter(EstateFilterSet):
    q = django_filters.CharFilter(label=gettext_lazy("Unit"), method="filter_unit")
    building = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Building"), queryset=user_buildings, field_name="building"
    )
    stage = django_filters.ChoiceFilter(
        label=gettext_lazy("Stage"),
        choices=[*Stage.choices, (VISITS, gettext_lazy("At a visit stage"))],
        method="filter_stage",
    )
    mine = django_filters.ChoiceFilter(
        label=gettext_lazy("Areas"),
        choices=[("1", gettext_lazy("My areas"))],
        method="filter_mine",
    )
    aged = django_filters.ChoiceFilter(
        label=gettext_lazy("Overdue"), choices=AGED, method="filter_aged"
    )

    class Meta:
        from tenants.models import Unit

        model = Unit
        fields = ["q", "estate", "building", "stage", "aged", "mine"]

    def filter_stage(self, queryset, name, value):
        if value == VISITS:
            return queryset.filter(stage__in=VISIT_STAGES)
        return queryset.filter(stage=value)

    def filter_mine(self, queryset, name, value):
        """The units of the areas the user is the rep or the deputy of (the rep's home; a
        building is in one area at most, so no unit is counted twice)."""
        user = self.request.user
        return queryset.filter(
            Q(building__area_membership__area__rep=user)
            | Q(building__area_membership__area__deputy=user)
        )

    def filter_unit(self, queryset, name, value):
        lookup = unit_label_filter(value)
        return queryset.filter(lookup) if lookup is not None else queryset.none()

    def filter_aged(self, queryset, name, value):
        fields = {"30": ["age_90", "age_180", "age_over"], "90": ["age_180", "age_over"]}
        q = Q()
        for key in fields.get(value, ["age_over"]):
            q |= Q(**{f"{key}__gt": 0})
        return queryset.filter(q)


def _payer(field):
    from tenants.models import Occupancy

    return Subquery(
        Occupancy.objects.filter(unit_id=OuterRef("pk"), move_out__isnull=True)
        .annotate(
            owner_first=Case(
                When(role="owner", then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("owner_first", "move_in", "pk")
        .values(f"resident__{field}")[:1]
    )


class CountedPaginator(Paginator):
    """A page of a grouped list and the number of its rows in one query: each row carries
    the count of all the rows (a window over them), so the list's sums are worked out once,
    not once for the count and again for the page. Past the last page it counts as Django
    does (and raises as it does)."""

    def page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            return super().page(number)
        if number < 1:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        rows = list(
            self.object_list.annotate(rows_in_list=Window(Count("*")))[
                bottom : bottom + self.per_page + self.orphans
            ]
        )
        if not rows:
            return super().page(number)
        self.count = rows[0].rows_in_list  # the cached property, without its query
        if bottom + self.per_page + self.orphans < self.count:
            rows = rows[: self.per_page]
        return self._get_page(rows, number, self)


class ArrearsListView(ScopedFilterListView):
    permission_required = "billing.view_bill"
    paginator_class = CountedPaginator
    filterset_class = ArrearsFilter
    template_name = "billing/arrears_list.html"
    partial_template_name = "billing/partials/arrears_rows.html"
    export_url_name = "billing:arrears_export"
    export_filename = "arrears"
    export_title = gettext_lazy("Receivable-unpaid list")
    export_related = ("building", "estate")

    @property
    def model(self):
        from tenants.models import Unit

        return Unit

    def get_base_queryset(self):
        from tenants.models import Unit

        return (
            units_in_arrears(Unit.objects.all(), user_today(self.request.user))
            .annotate(payer_name=_payer("name"), payer_mobile=_payer("mobile"))
            .order_by("-arrears", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["buckets"] = BUCKETS
        # The page's buildings read apart: joined into the sums, they would be grouped by
        # too.
        prefetch_related_objects(context["object_list"], "building")
        for unit in context["object_list"]:
            unit.stage_label = Stage(unit.stage).label if unit.stage else ""
            unit.reason_label = Reason(unit.reason).label if unit.reason else ""
        return context

    def export_columns(self):
        user = self.request.user
        columns = [
            (_("Estate"), lambda u: u.estate.display_name),
            (_("Unit"), lambda u: u.label),
            (_("Payer"), lambda u: u.payer_name or ""),
            (_("Mobile"), lambda u: contact_for(user, u.payer_mobile or "")),
        ]
        columns += [(str(label), lambda u, key=key: getattr(u, key)) for key, label, *_r in BUCKETS]
        columns += [
            (_("Total (CNY)"), lambda u: u.arrears),
            (_("Stage"), lambda u: str(Stage(u.stage).label) if u.stage else ""),
            (
                _("Reason for non-payment"),
                lambda u: str(Reason(u.reason).label) if u.reason else "",
            ),
            (_("Expected payment date"), lambda u: u.expected_on),
            (_("Note"), lambda u: u.heard_note or ""),
        ]
        return columns


class StatisticsForm(forms.Form):
    estate = forms.ModelChoiceField(label=gettext_lazy("Estate"), queryset=None)
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    period = forms.ChoiceField(
        label=gettext_lazy("Period"),
        choices=[
            ("month", gettext_lazy("Month")),
            ("quarter", gettext_lazy("Quarter")),
            ("half", gettext_lazy("Half-year")),
            ("year", gettext_lazy("Year")),
        ],
    )
    number = forms.IntegerField(
        label=gettext_lazy("Which"),
        min_value=1,
        max_value=12,
        required=False,
        help_text=gettext_lazy("The month, quarter or half of the year (1, 2, …)."),
    )
    building = forms.ModelChoiceField(label=gettext_lazy("Building"), queryset=None, required=False)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["estate"].queryset = user_estates(request)
        self.fields["building"].queryset = user_buildings(request)
        for field in self.fields.values():
            select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = (
                "form-select form-select-sm" if select else "form-control form-control-sm"
            )

    def clean(self):
        data = super().clean()
        period, number = data.get("period"), data.get("number") or 1
        if period and number > 12 // PERIODS[period]:
            self.add_error("number", _("There is no such period in a year."))
        data["number"] = number
        return data


def _statistics(request):
    estate = user_estates(request).first()
    initial = {}
    if estate is not None:
        today = estate_today(estate)
        initial = {"estate": estate, "year": today.year, "period": "month", "number": today.month}
    form = StatisticsForm(request.GET or initial, request=request)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    first, last = period_months(data["year"], data["period"], data["number"])
    estate, building = data["estate"], data.get("building")
    lines = BillLine.objects.for_user(request.user).filter(estate=estate)
    if building:
        lines = lines.filter(unit__building=building)
    # The estate is one of the user's (the form's choices): its figures are the same for
    # everyone who may see it.
    key = ("statistics", estate.pk, building.pk if building else "", data["year"], first, last)
    return form, cached_figures(
        key,
        lambda: collection_statistics(
            lines, year=data["year"], first_month=first, last_month=last, estate=estate
        ),
    )


@login_required
@permission_required("billing.view_payment", raise_exception=True)
def statistics(request):
    form, stats = _statistics(request)
    return render(
        request,
        "billing/collection_statistics.html",
        {"form": form, "stats": stats, "query": request.GET.urlencode()},
    )


@login_required
@permission_required("billing.view_payment", raise_exception=True)
def statistics_export(request):
    form, stats = _statistics(request)
    headers = [
        _("Fee kind / building"),
        _("Receivable (CNY)"),
        _("Collected (CNY)"),
        _("Current-period collection rate (%)"),
        _("Target (%)"),
        _("Arrears brought forward (CNY)"),
        _("Recovered (CNY)"),
        _("Arrears recovery rate (%)"),
    ]
    rows = []
    if stats is not None:
        for f in [*stats.by_kind, stats.total, *stats.by_building]:
            rows.append(
                [
                    str(f.label or _("Total")),
                    f.receivable,
                    f.collected,
                    f.rate,
                    f.target,
                    f.arrears,
                    f.recovered,
                    f.recovery_rate,
                ]
            )
    day = user_today(request.user).isoformat()
    return xlsx_response(
        f"collection-statistics-{day}.xlsx", [(_("Collection statistics"), headers, rows)]
    )
