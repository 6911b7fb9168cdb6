import django_filters
from django.utils.translation import gettext_lazy as _

from billing.models import (
    Bill,
    DepositRefund,
    FeeKind,
    FeeStandard,
    Method,
    Payment,
    ReversalRequest,
)
from desk.filters import EstateFilterSet
from tenants.filters import user_buildings
from tenants.unit_labels import unit_label_filter


class FeeStandardFilter(EstateFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=FeeKind.choices)
    active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = FeeStandard
        fields = ["estate", "kind", "active"]


def _by_unit(queryset, value, prefix="unit__"):
    lookup = unit_label_filter(value, prefix=prefix)
    return queryset.filter(lookup) if lookup is not None else queryset.none()


class BillFilter(EstateFilterSet):
    q = django_filters.CharFilter(label=_("Unit"), method="filter_unit")
    building = django_filters.ModelChoiceFilter(
        label=_("Building"), queryset=user_buildings, field_name="unit__building"
    )
    year = django_filters.NumberFilter(label=_("Year"))
    month = django_filters.NumberFilter(label=_("Month"))

    class Meta:
        model = Bill
        fields = ["q", "estate", "building", "year", "month"]

    def filter_unit(self, queryset, name, value):
        return _by_unit(queryset, value)


class PaymentFilter(EstateFilterSet):
    q = django_filters.CharFilter(label=_("Receipt or unit"), method="filter_number_or_unit")
    method = django_filters.ChoiceFilter(label=_("Method"), choices=Method.choices)
    day = django_filters.DateFromToRangeFilter(
        label=_("Day"),
        field_name="business_date",
        widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"}),
    )

    class Meta:
        model = Payment
        fields = ["q", "estate", "method"]

    def filter_number_or_unit(self, queryset, name, value):
        value = value.strip()
        if unit_label_filter(value) is not None:
            return _by_unit(queryset, value)
        return queryset.filter(number__iendswith=value)


class ReversalFilter(EstateFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ReversalRequest.Status.choices)

    class Meta:
        model = ReversalRequest
        fields = ["estate", "status"]


class DepositRefundFilter(EstateFilterSet):
    q = django_filters.CharFilter(label=_("Unit"), method="filter_unit")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=DepositRefund.Status.choices)

    class Meta:
        model = DepositRefund
        fields = ["q", "estate", "status"]

    def filter_unit(self, queryset, name, value):
        return _by_unit(queryset, value)
