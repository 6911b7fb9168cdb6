import datetime

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from desk.clock import user_day_start
from desk.filters import EstateFilterSet
from tenants.filters import user_buildings
from tenants.unit_labels import unit_label_filter
from workorders.models import PENDING, Department, Priority, Source, Status, Trade, WorkOrder

STATES = [
    ("pending", _("Work not done")),
    ("due_today", _("Due by the end of today, work not done")),
    ("overdue", _("Overdue, work not done")),
]


def state_q(state, user, now=None) -> Q:
    """The orders of a `state` (STATES) for `user`: the work not done yet (open, dispatched
    or in progress), due by the end of their today or already overdue."""
    now = now or timezone.now()
    q = Q(status__in=PENDING)
    if state == "due_today":
        q &= Q(due_at__lt=user_day_start(user, now) + datetime.timedelta(days=1))
    elif state == "overdue":
        q &= Q(due_at__lt=now)
    return q


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

    state = django_filters.ChoiceFilter(label=_("Progress"), choices=STATES, method="filter_state")
    mine = django_filters.ChoiceFilter(
        label=_("Mine"), choices=[("taken", _("Taken by me"))], method="filter_mine"
    )

    class Meta:
        model = WorkOrder
        fields = [
            "q",
            "estate",
            "building",
            "status",
            "source",
            "trade",
            "department",
            "priority",
            "state",
            "mine",
        ]

    def filter_state(self, queryset, name, value):
        return queryset.filter(state_q(value, self.request.user))

    def filter_mine(self, queryset, name, value):
        return queryset.filter(created_by=self.request.user)

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
