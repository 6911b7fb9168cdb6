import django_filters
from django.utils.translation import gettext_lazy as _

from desk.filters import EstateFilterSet
from inspections.models import Finding, PatrolPoint, Round, RoundType
from tenants.filters import user_areas, user_buildings
from tenants.models import Unit

DATE_RANGE = django_filters.widgets.DateRangeWidget(attrs={"type": "date"})


class RoundFilter(EstateFilterSet):
    round_type = django_filters.ChoiceFilter(label=_("Round type"), choices=RoundType.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Round.Status.choices)
    building = django_filters.ModelChoiceFilter(label=_("Building"), queryset=user_buildings)
    area = django_filters.ModelChoiceFilter(label=_("Area"), queryset=user_areas)
    findings = django_filters.BooleanFilter(
        label=_("With findings"),
        method="filter_findings",
        widget=django_filters.widgets.BooleanWidget(),
    )
    started = django_filters.DateFromToRangeFilter(
        label=_("Started"), field_name="started_at", widget=DATE_RANGE
    )

    class Meta:
        model = Round
        fields = ["estate", "round_type", "status", "building", "area"]

    def filter_findings(self, queryset, name, value):
        return queryset.filter(finding_count__gt=0) if value else queryset.filter(finding_count=0)


class FindingFilter(EstateFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Finding.Status.choices)
    round_type = django_filters.ChoiceFilter(
        label=_("Round type"), choices=RoundType.choices, field_name="round__round_type"
    )
    building = django_filters.ModelChoiceFilter(
        label=_("Building"), queryset=user_buildings, field_name="round__building"
    )
    found = django_filters.DateFromToRangeFilter(
        label=_("Found"), field_name="created_at", widget=DATE_RANGE
    )

    class Meta:
        model = Finding
        fields = ["estate", "status", "round_type", "building"]


class VacantUnitFilter(EstateFilterSet):
    building = django_filters.ModelChoiceFilter(label=_("Building"), queryset=user_buildings)
    overdue = django_filters.BooleanFilter(
        label=_("Overdue only"),
        method="filter_overdue",
        widget=django_filters.widgets.BooleanWidget(),
    )

    class Meta:
        model = Unit
        fields = ["estate", "building"]

    def filter_overdue(self, queryset, name, value):
        # The queryset is inspections.selectors.vacant_units', which says what is overdue.
        return queryset.filter(check_overdue=value)


class PointFilter(EstateFilterSet):
    round_type = django_filters.ChoiceFilter(label=_("Round type"), choices=RoundType.choices)
    building = django_filters.ModelChoiceFilter(label=_("Building"), queryset=user_buildings)
    area = django_filters.ModelChoiceFilter(label=_("Area"), queryset=user_areas)

    class Meta:
        model = PatrolPoint
        fields = ["estate", "round_type", "building", "area"]
