import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from desk.clock import period_q
from desk.filters import EstateFilterSet
from mailroom.models import AWAITING, MailItem
from mailroom.selectors import age_q, user_estates
from tenants.filters import user_buildings
from tenants.unit_labels import unit_label_filter

STATE_CHOICES = [("awaiting", _("At the desk (not yet handed out)")), *MailItem.Status.choices]
AGE_CHOICES = [
    ("flagged", _("Uncollected past the estate's days")),
    ("to_return", _("Due back to the sender")),
]


class MailFilter(EstateFilterSet):
    q = django_filters.CharFilter(label=_("Unit, tracking number or recipient"), method="filter_q")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=STATE_CHOICES, method="filter_status"
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=MailItem.Kind.choices)
    building = django_filters.ModelChoiceFilter(
        label=_("Building"), queryset=user_buildings, field_name="unit__building"
    )
    age = django_filters.ChoiceFilter(label=_("Waiting"), choices=AGE_CHOICES, method="filter_age")
    received = django_filters.DateFromToRangeFilter(
        label=_("Received"),
        method="filter_received",
        widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"}),
    )
    carrier = django_filters.CharFilter(
        label=_("Carrier"), lookup_expr="icontains", widget=forms.TextInput()
    )

    class Meta:
        model = MailItem
        fields = ["q", "status", "kind", "estate", "building", "age", "received", "carrier"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        lookup = unit_label_filter(value, prefix="unit__")
        if lookup is not None:
            return queryset.filter(lookup)
        return queryset.filter(
            Q(tracking_number__iexact=value)
            | Q(recipient_name__icontains=value)
            | Q(resident__name__icontains=value)
        )

    def filter_status(self, queryset, name, value):
        if value == "awaiting":
            return queryset.filter(status__in=AWAITING)
        return queryset.filter(status=value)

    def filter_age(self, queryset, name, value):
        field = "return_after_days" if value == "to_return" else "flag_after_days"
        estates = user_estates(self.request.user)
        return queryset.filter(status__in=AWAITING).filter(age_q(estates, field))

    def filter_received(self, queryset, name, value):
        """Days of each item's own estate, both ends included."""
        if not value or not (value.start or value.stop):
            return queryset
        # django-filter gives the days as datetimes of the active zone: their dates are the days.
        first = value.start.date() if value.start else datetime.date(2000, 1, 1)
        last = value.stop.date() if value.stop else datetime.date(9999, 12, 30)
        estates = user_estates(self.request.user)
        return queryset.filter(
            period_q(estates, "received_at", first, last + datetime.timedelta(days=1))
        )
