import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.models import Complaint
from complaints.selectors import QUEUE_TITLES, breached_q, in_queue
from complaints.services import handlers_in
from desk.filters import EstateFilterSet
from desk.models import User
from desk.scoping import user_estate_ids
from tenants.filters import user_buildings
from tenants.unit_labels import unit_label_filter


def user_colleagues(request):
    """Who can be a complaint's assignee in the user's estates."""
    if request is None:
        return User.objects.none()
    return handlers_in(user_estate_ids(request.user))


class ComplaintFilter(EstateFilterSet):
    q = django_filters.CharFilter(label=_("Number or unit"), method="filter_q")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Complaint.Status.choices)
    category = django_filters.ChoiceFilter(label=_("Category"), choices=Complaint.Category.choices)
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=Complaint.Channel.choices)
    building = django_filters.ModelChoiceFilter(
        label=_("Building"), queryset=user_buildings, field_name="unit__building"
    )
    received = django_filters.DateFromToRangeFilter(
        label=_("Received"),
        field_name="received_at",
        widget=django_filters.widgets.RangeWidget(attrs={"type": "date"}),
    )
    assignee = django_filters.ModelChoiceFilter(label=_("Assignee"), queryset=user_colleagues)
    breached = django_filters.BooleanFilter(
        label=_("Breached"),
        method="filter_breached",
        # Not NullBooleanSelect: its "Unknown" reads as a value; empty means "any", as above.
        widget=forms.Select(choices=[("", "---------"), ("true", _("Yes")), ("false", _("No"))]),
    )
    queue = django_filters.ChoiceFilter(
        label=_("Queue"), choices=list(QUEUE_TITLES.items()), method="filter_queue"
    )

    class Meta:
        model = Complaint
        fields = [
            "q",
            "status",
            "category",
            "channel",
            "estate",
            "building",
            "received",
            "assignee",
            "breached",
            "queue",
        ]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        lookup = unit_label_filter(value, prefix="unit__")
        if lookup:
            return queryset.filter(lookup)
        return queryset.filter(Q(number__iexact=value) | Q(number__endswith=value))

    def filter_breached(self, queryset, name, value):
        condition = breached_q(timezone.now())
        return queryset.filter(condition) if value else queryset.exclude(condition)

    def filter_queue(self, queryset, name, value):
        """One of the board's queues, whole and in the board's order."""
        return in_queue(queryset, value, timezone.now())
