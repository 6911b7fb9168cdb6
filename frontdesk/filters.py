import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from desk.filters import EstateFilterSet
from desk.models import User
from desk.scoping import user_estate_ids
from frontdesk.models import Incident, LogEntry, ReleasePass
from tenants.unit_labels import unit_label_filter

YES_NO = [("", "---------"), ("true", _("Yes")), ("false", _("No"))]


def user_colleagues(request):
    if request is None:
        return User.objects.none()
    return (
        User.objects.filter(estates__in=user_estate_ids(request.user), is_active=True)
        .distinct()
        .order_by("first_name", "username")
    )


def _unit(queryset, name, value):
    lookup = unit_label_filter(value.strip(), prefix="unit__")
    return queryset.filter(lookup) if lookup else queryset.none()


class LogEntryFilter(EstateFilterSet):
    unit = django_filters.CharFilter(label=_("Unit"), method="filter_unit")
    day = django_filters.DateFromToRangeFilter(
        label=_("Date"),
        field_name="at",
        widget=django_filters.widgets.RangeWidget(attrs={"type": "date"}),
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=LogEntry.Kind.choices)
    purpose = django_filters.ChoiceFilter(label=_("Purpose"), choices=LogEntry.Purpose.choices)
    logged_by = django_filters.ModelChoiceFilter(label=_("Staff"), queryset=user_colleagues)
    outcome = django_filters.ChoiceFilter(label=_("Outcome"), choices=LogEntry.Outcome.choices)
    overdue = django_filters.BooleanFilter(
        label=_("Overdue"), method="filter_overdue", widget=forms.Select(choices=YES_NO)
    )

    class Meta:
        model = LogEntry
        fields = ["unit", "day", "kind", "purpose", "logged_by", "outcome", "overdue", "estate"]

    def filter_unit(self, queryset, name, value):
        return _unit(queryset, name, value)

    def filter_overdue(self, queryset, name, value):
        overdue = LogEntry.objects.overdue(timezone.now()).values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)


class IncidentFilter(EstateFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Incident.Kind.choices)

    class Meta:
        model = Incident
        fields = ["kind", "estate"]


class ReleasePassFilter(EstateFilterSet):
    valid_on = django_filters.DateFilter(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    unit = django_filters.CharFilter(label=_("Unit"), method="filter_unit")

    class Meta:
        model = ReleasePass
        fields = ["valid_on", "unit", "estate"]

    def filter_unit(self, queryset, name, value):
        return _unit(queryset, name, value)
