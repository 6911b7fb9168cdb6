import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from desk.filters import EstateFilterSet
from desk.privacy import can_see_contacts
from tenants.models import Area, Building, ContactReveal, Resident, Unit
from tenants.unit_labels import unit_label_filter


def user_buildings(request):
    """The buildings of the user's estates: the building choice of the apps' filters."""
    if request is None:
        return Building.objects.none()
    return Building.objects.for_user(request.user).select_related("estate")


def user_areas(request):
    if request is None:
        return Area.objects.none()
    return Area.objects.for_user(request.user).select_related("estate")


class UnitFilter(EstateFilterSet):
    q = django_filters.CharFilter(label=_("Unit"), method="filter_label")
    building = django_filters.ModelChoiceFilter(label=_("Building"), queryset=user_buildings)
    area = django_filters.ModelChoiceFilter(
        label=_("Area"), queryset=user_areas, field_name="building__areas"
    )
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
        fields = ["q", "estate", "building", "area", "status", "usage", "area_min", "area_max"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Areas of several estates may share a name (北区): say whose.
        self.form.fields["area"].label_from_instance = lambda a: (
            f"{a.name} · {a.estate.display_name}"
        )

    def filter_label(self, queryset, name, value):
        """`3-1502` finds that unit; a bare number finds the rooms of that number."""
        lookup = unit_label_filter(value)
        if lookup:
            return queryset.filter(lookup)
        return queryset.filter(number__iexact=value.strip())


PHONE_TAIL = 4  # the digits a masked phone shows at its end

SEARCH_HINT = _(
    "Your role sees phone numbers masked: search by the last four digits together with "
    "the name or the unit, e.g. “张伟 5678”."
)


def _phone_digits(token: str) -> str:
    """`138-1234-5678` or `+8613812345678` → its digits; "" when the token is no number."""
    digits = token.replace("-", "").removeprefix("+")
    return digits if digits.isdigit() else ""


class ResidentFilter(EstateFilterSet):
    q = django_filters.CharFilter(label=_("Name or phone"), method="filter_name_phone")
    unit = django_filters.CharFilter(label=_("Unit"), method="filter_unit")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Resident.Kind.choices)

    class Meta:
        model = Resident
        fields = ["q", "unit", "estate", "kind"]

    # Set when the search was refused: the list says how to search instead.
    search_hint = ""

    def filter_name_phone(self, queryset, name, value):
        """A name, a phone, or both (`张伟 5678`). Who sees contacts finds by the whole
        number or any tail. A role that sees them masked finds only by what the mask
        shows, the last four digits, and only together with a name or a unit: a whole
        number, a longer tail, or four digits alone would confirm a hidden number by
        trying (10⁴ tries at most), so they find nothing and the list says why."""
        words, numbers = [], []
        for token in value.split():
            digits = _phone_digits(token)
            (numbers if len(digits) >= PHONE_TAIL else words).append(digits or token)
        condition = Q()
        if words:
            text = " ".join(words)
            condition &= Q(name__icontains=text) | Q(name_en__icontains=text)
        user = getattr(self.request, "user", None)
        sees_contacts = user is not None and can_see_contacts(user)
        for digits in numbers:
            if not sees_contacts and (
                len(digits) != PHONE_TAIL or not (words or self.form.cleaned_data.get("unit"))
            ):
                self.search_hint = SEARCH_HINT
                return queryset.none()
            condition &= Q(mobile__endswith=digits) | Q(phone_other__endswith=digits)
        return queryset.filter(condition)

    def filter_unit(self, queryset, name, value):
        lookup = unit_label_filter(value, prefix="occupancies__unit__")
        if not lookup:
            return queryset.filter(occupancies__unit__number__iexact=value.strip()).distinct()
        return queryset.filter(lookup, occupancies__move_out__isnull=True).distinct()


class RevealFilter(django_filters.FilterSet):
    revealed_at = django_filters.DateFromToRangeFilter(
        label=_("Date"), widget=django_filters.widgets.RangeWidget(attrs={"type": "date"})
    )

    class Meta:
        model = ContactReveal
        fields = ["revealed_at"]
