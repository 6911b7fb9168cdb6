import django_filters
from django.utils.translation import gettext_lazy as _

from desk.filters import EstateFilterSet
from desk.models import User
from desk.scoping import user_estate_ids
from tenants.models import Area
from tenants.unit_labels import unit_label_filter
from visits.models import Visit


def _colleagues(request):
    if request is None:
        return User.objects.none()
    return (
        User.objects.filter(estates__in=user_estate_ids(request.user), is_active=True)
        .distinct()
        .order_by("first_name", "username")
    )


def _areas(request):
    if request is None:
        return Area.objects.none()
    return Area.objects.for_user(request.user).order_by("estate", "name")


class VisitFilter(EstateFilterSet):
    unit = django_filters.CharFilter(label=_("Unit"), method="filter_unit")
    day = django_filters.DateFromToRangeFilter(
        label=_("Date"),
        field_name="at",
        widget=django_filters.widgets.RangeWidget(attrs={"type": "date"}),
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Visit.Kind.choices)
    visited_by = django_filters.ModelChoiceFilter(label=_("Staff"), queryset=_colleagues)
    area = django_filters.ModelChoiceFilter(
        label=_("Area"), queryset=_areas, field_name="unit__building__area_membership__area"
    )

    class Meta:
        model = Visit
        fields = ["unit", "day", "kind", "visited_by", "area", "estate"]

    def filter_unit(self, queryset, name, value):
        lookup = unit_label_filter(value.strip(), prefix="unit__")
        return queryset.filter(lookup) if lookup else queryset.none()
