import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from desk.filters import EstateFilterSet
from desk.privacy import can_see_contacts
from tenants.models import Building, ContactReveal, Resident, Unit
from tenants.unit_labels import unit_label_filter


def user_buildings(request):
    """The buildings of the user's estates: the building choice of the apps' filters."""
    if request is None:
        return Building.objects.none()
    return Building.objects.for_user(request.user).select_related("estate")


class UnitFilter(EstateFilterSet):
    q = django_filters.CharFilter(label=_("Unit"), method="filter_label")
    building = django_filters.ModelChoiceFilter(label=_("Building"), queryset=user_buildings)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Unit.Status.choices)
    usage = django_filters.ChoiceFilter(label=_("Usage"), choices=Unit.Usage.choices)
    area_min = django_filters.NumberFilter(
        label=_("Area from (m²)"), field_name="floor_area", lookup_expr="gte"
    )
    area_max = django_filters.NumberFilter(
        label=_("Area to (m²)"), field_name="floor_area", lookup_expr="lte"
    )

    class Meta:
        model = Unit
        fields = ["q", "estate", "building", "status", "usage", "area_min", "area_max"]

    def filter_label(self, queryset, name, value):
        """`3-1502` finds that unit; a bare number finds the rooms of that number."""
        lookup = unit_label_filter(value)
        if lookup:
            return queryset.filter(**lookup)
        return queryset.filter(number__iexact=value.strip())


PHONE_TAIL = 4  # the digits a masked phone shows at its end


class ResidentFilter(EstateFilterSet):
    q = django_filters.CharFilter(label=_("Name or phone"), method="filter_name_phone")
    unit = django_filters.CharFilter(label=_("Unit"), method="filter_unit")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Resident.Kind.choices)

    class Meta:
        model = Resident
        fields = ["q", "unit", "estate", "kind"]

    def filter_name_phone(self, queryset, name, value):
        value = value.strip()
        condition = Q(name__icontains=value) | Q(name_en__icontains=value)
        if value.isdigit() and len(value) >= PHONE_TAIL:
            # Searching by a phone is allowed to every role; only the display is masked. A
            # tail longer than the four digits the mask shows would find the hidden digits
            # one by one, so without the contact permission it is the last four or the whole.
            condition |= Q(mobile=value) | Q(phone_other=value)
            user = getattr(self.request, "user", None)
            if len(value) == PHONE_TAIL or (user is not None and can_see_contacts(user)):
                condition |= Q(mobile__endswith=value)
        return queryset.filter(condition)

    def filter_unit(self, queryset, name, value):
        lookup = unit_label_filter(value, prefix="occupancies__unit__")
        if not lookup:
            return queryset.filter(occupancies__unit__number__iexact=value.strip()).distinct()
        return queryset.filter(**lookup, occupancies__move_out__isnull=True).distinct()


class RevealFilter(django_filters.FilterSet):
    revealed_at = django_filters.DateFromToRangeFilter(
        label=_("Date"), widget=django_filters.widgets.RangeWidget(attrs={"type": "date"})
    )

    class Meta:
        model = ContactReveal
        fields = ["revealed_at"]
