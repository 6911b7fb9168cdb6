from django.db.models import Count, Prefetch, Q

from desk.models import Estate
from tenants.models import Area, AreaBuilding, Building, Occupancy, Resident, Unit


def units_for_list(user):
    return Unit.objects.for_user(user).select_related("building", "estate")


def unit_for_page(user, pk):
    from desk.scoping import get_scoped_or_404

    return get_scoped_or_404(
        Unit.objects.select_related("building", "estate").prefetch_related(
            Prefetch(
                "occupancies",
                queryset=Occupancy.objects.select_related("resident").order_by(
                    "-move_out", "role", "move_in"
                ),
            )
        ),
        user,
        pk=pk,
    )


def residents_for_list(user):
    return (
        Resident.objects.for_user(user)
        .select_related("estate")
        .prefetch_related(
            Prefetch(
                "occupancies",
                queryset=Occupancy.objects.current().select_related("unit__building"),
                to_attr="current_occupancies",
            )
        )
    )


def tenant_list_rows(units):
    """Rows of the tenant list (业户名单): each current occupant of each unit, or the bare unit."""
    occupancies = Prefetch(
        "occupancies",
        queryset=Occupancy.objects.current().select_related("resident").order_by("role"),
        to_attr="current",
    )
    for unit in (
        units.select_related("building", "estate")
        .prefetch_related(occupancies)
        .order_by("estate__name", "building__sort_key", "sort_key")
        .iterator(chunk_size=2000)
    ):
        if not unit.current:
            yield unit, None
        for occupancy in unit.current:
            yield unit, occupancy


def estates_with_unit_counts(user):
    """The user's estates with their units by status (the home page's panel): one query.
    The units are the only join, so each is counted once without DISTINCT (a hash
    aggregate instead of a sort per count)."""
    return Estate.objects.for_user(user).annotate(
        unit_count=Count("units"),
        occupied=Count("units", filter=Q(units__status=Unit.Status.OCCUPIED)),
        vacant=Count("units", filter=Q(units__status=Unit.Status.VACANT)),
        renovating=Count("units", filter=Q(units__status=Unit.Status.RENOVATING)),
    )


def phone_to_keep(phone: str, resident) -> str:
    """The caller's number to keep on a case (complaint, work order): "" when it is one the
    resident's register entry already has, which the case reads through its resident
    link instead of keeping a copy that outlives a change to the register."""
    phone = (phone or "").strip()
    if resident is not None and phone in {resident.mobile, resident.phone_other}:
        return ""
    return phone


# --- Areas (片区): whose area is this unit in --------------------------------------------


def area_of_unit(unit) -> Area | None:
    """The area of the unit's building, with its rep and deputy (one query), or None."""
    return (
        Area.objects.filter(memberships__building_id=unit.building_id)
        .select_related("rep", "deputy")
        .first()
    )


def area_rep(unit):
    """The rep who looks after the unit's area (the deputy while the area has no rep), or
    None when the unit's building is in no area."""
    area = area_of_unit(unit)
    if area is None:
        return None
    return area.rep or area.deputy


def buildings_looked_after(user):
    """The buildings of the areas `user` looks after or stands in for (a subquery)."""
    return AreaBuilding.objects.filter(Q(area__rep=user) | Q(area__deputy=user)).values(
        "building_id"
    )


def looks_after_an_area(user) -> bool:
    """Whether `user` is an area's rep or its deputy (one query)."""
    return Area.objects.filter(Q(rep=user) | Q(deputy=user)).exists()


def areas_of_units(units) -> dict:
    """{unit id: area} for a list of units, in one query: for lists and runs over many
    units (fee visits, patrol rounds) that must stay within constant queries. A unit in
    no area is left out."""
    building_of = {unit.pk: unit.building_id for unit in units}
    by_building = {
        membership.building_id: membership.area
        for membership in AreaBuilding.objects.filter(
            building_id__in=set(building_of.values())
        ).select_related("area__rep", "area__deputy")
    }
    return {
        unit_id: by_building[building_id]
        for unit_id, building_id in building_of.items()
        if building_id in by_building
    }


def areas_for_page(estate):
    """The estate's areas with their buildings and reps, for the areas page (3 queries)."""
    return list(
        Area.objects.filter(estate=estate)
        .select_related("rep", "deputy")
        .prefetch_related(Prefetch("buildings", queryset=Building.objects.order_by("number")))
        .order_by("name")
    )


def buildings_in_no_area(estate):
    return list(
        Building.objects.filter(estate=estate, area_membership__isnull=True).order_by("number")
    )
