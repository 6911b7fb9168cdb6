import django_filters
from django.utils.translation import gettext_lazy as _

from desk.filters import EstateFilterSet, user_estates
from renovation.models import Permit, Violation, ViolationKind
from renovation.selectors import overdue_q
from tenants.filters import user_buildings
from tenants.unit_labels import unit_label_filter


def _number_or_unit(queryset, value, prefix, number_field, number_prefix):
    value = value.strip()
    lookup = unit_label_filter(value, prefix=prefix)
    if lookup:
        return queryset.filter(lookup)
    if value.upper().startswith(number_prefix):
        return queryset.filter(**{f"{number_field}__iexact": value})
    return queryset.filter(**{f"{number_field}__iendswith": value})


class PermitFilter(EstateFilterSet):
    q = django_filters.CharFilter(label=_("Number or unit"), method="filter_number_or_unit")
    building = django_filters.ModelChoiceFilter(
        label=_("Building"), queryset=user_buildings, field_name="unit__building"
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Permit.Status.choices)
    applied = django_filters.DateFromToRangeFilter(
        label=_("Applied"),
        field_name="applied_at",
        widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"}),
    )

    class Meta:
        model = Permit
        fields = ["q", "estate", "building", "status"]

    def filter_number_or_unit(self, queryset, name, value):
        return _number_or_unit(queryset, value, "unit__", "number", "RP-")


class ViolationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Notice, permit or unit"), method="filter_q")
    estate = django_filters.ModelChoiceFilter(
        label=_("Estate"), queryset=user_estates, field_name="permit__estate"
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Violation.Status.choices)
    severity = django_filters.ChoiceFilter(label=_("Severity"), choices=Violation.Severity.choices)
    kind = django_filters.ChoiceFilter(label=_("Violation"), choices=ViolationKind.choices)
    overdue = django_filters.BooleanFilter(
        label=_("Overdue"), method="filter_overdue", widget=django_filters.widgets.BooleanWidget
    )

    class Meta:
        model = Violation
        fields = ["q", "estate", "status", "severity", "kind", "overdue"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if value.upper().startswith("RP-"):
            return queryset.filter(permit__number__iexact=value)
        return _number_or_unit(queryset, value, "permit__unit__", "notice_number", "ZG-")

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = overdue_q(self.request.user)
        return queryset.filter(overdue) if value else queryset.exclude(overdue)
