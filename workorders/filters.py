import django_filters
from django.utils.translation import gettext_lazy as _

from desk.filters import EstateFilterSet
from tenants.filters import user_buildings
from tenants.unit_labels import unit_label_filter
from workorders.models import Department, Priority, Source, Status, Trade, WorkOrder


class WorkOrderFilter(EstateFilterSet):
    q = django_filters.CharFilter(label=_("Number or unit"), method="filter_number_or_unit")
    building = django_filters.ModelChoiceFilter(label=_("Building"), queryset=user_buildings)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    source = django_filters.ChoiceFilter(label=_("Source"), choices=Source.choices)
    trade = django_filters.ChoiceFilter(label=_("Trade"), choices=Trade.choices)
    department = django_filters.ChoiceFilter(label=_("Department"), choices=Department.choices)
    priority = django_filters.ChoiceFilter(label=_("Priority"), choices=Priority.choices)
    created = django_filters.DateFromToRangeFilter(
        label=_("Created"),
        field_name="created_at",
        widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"}),
    )

    class Meta:
        model = WorkOrder
        fields = ["q", "estate", "building", "status", "source", "trade", "department", "priority"]

    def filter_number_or_unit(self, queryset, name, value):
        value = value.strip()
        lookup = unit_label_filter(value, prefix="unit__")
        if lookup:
            return queryset.filter(lookup)
        if value.upper().startswith("WO-"):
            return queryset.filter(number__iexact=value)
        return queryset.filter(number__iendswith=value)


class DailyClosingFilter(EstateFilterSet):
    department = django_filters.ChoiceFilter(label=_("Department"), choices=Department.choices)

    class Meta:
        model = WorkOrder
        fields = ["estate", "department"]
