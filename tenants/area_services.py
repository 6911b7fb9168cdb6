"""Areas (片区): a manager divides an estate's buildings into areas and names each area's
rep and deputy. Every refusal is a translated `BusinessRuleError` and saves nothing."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from desk import roles
from desk.errors import BusinessRuleError
from desk.estate_settings import lock_estate
from desk.models import User
from tenants.models import Area, AreaBuilding


def reps_of(estate):
    """The active service reps who work in the estate: who may look after its areas."""
    return (
        User.objects.filter(is_active=True, estates=estate, groups__name=roles.SERVICE_REP)
        .distinct()
        .order_by("first_name", "username")
    )


def _check(*, estate, area, name, buildings, rep, deputy):
    if area is not None and area.estate_id != estate.pk:
        raise BusinessRuleError(_("This area belongs to another estate."))
    if not name:
        raise BusinessRuleError(_("Give the area a name."))
    for building in buildings:
        if building.estate_id != estate.pk:
            raise BusinessRuleError(
                _("Building %(number)s is not in this estate.") % {"number": building.number}
            )
    if rep is None:
        raise BusinessRuleError(_("Name the area's rep."))
    reps = set(reps_of(estate).values_list("pk", flat=True))
    for person in (rep, deputy):
        if person is not None and person.pk not in reps:
            raise BusinessRuleError(
                _("%(name)s is not a service rep of this estate.") % {"name": person.display_name}
            )
    if deputy is not None and deputy.pk == rep.pk:
        raise BusinessRuleError(_("The deputy must be another rep than the area's rep."))


@transaction.atomic
def area_save(*, estate, by, name: str, buildings, rep, deputy=None, area=None) -> Area:
    """Create an area (`area` None) or change one: its name, its buildings, its reps.

    Refuses a building of another estate or already in another area, a rep or deputy who
    is not a service rep of the estate, and a name another area of the estate has."""
    name = name.strip()
    buildings = list({building.pk: building for building in buildings}.values())
    _check(estate=estate, area=area, name=name, buildings=buildings, rep=rep, deputy=deputy)
    lock_estate(estate)  # one division of the estate at a time
    taken = AreaBuilding.objects.filter(building__in=buildings).select_related("area", "building")
    if area is not None:
        taken = taken.exclude(area=area)
    for membership in taken.order_by("building__number")[:1]:
        raise BusinessRuleError(
            _(
                "Building %(building)s is already in the area %(area)s: "
                "take it out of that area first."
            )
            % {"building": membership.building.number, "area": membership.area.name}
        )
    others = Area.objects.filter(estate=estate, name=name)
    if area is not None:
        others = others.exclude(pk=area.pk)
    if others.exists():
        raise BusinessRuleError(
            _("Another area of this estate is already called %(name)s.") % {"name": name}
        )
    try:
        with transaction.atomic():
            return _write(estate, by, area, name, buildings, rep, deputy)
    except IntegrityError:  # a building taken by a save that committed meanwhile
        raise BusinessRuleError(_("The areas changed meanwhile; open the page again.")) from None


def _write(estate, by, area, name, buildings, rep, deputy):
    if area is not None:
        area = Area.objects.select_for_update().get(pk=area.pk)
    area = area or Area(estate=estate)
    values = {"name": name, "rep_id": rep.pk, "deputy_id": deputy.pk if deputy else None}
    if area.pk is None or any(getattr(area, k) != v for k, v in values.items()):
        for field, value in values.items():
            setattr(area, field, value)
        area._history_user = by
        area.save()
    current = {m.building_id: m for m in area.memberships.all()}
    wanted = {building.pk for building in buildings}
    for building_id, membership in current.items():
        if building_id not in wanted:
            membership._history_user = by
            membership.delete()
    for building in buildings:
        if building.pk not in current:
            membership = AreaBuilding(area=area, building=building)
            membership._history_user = by
            membership.save()
    return area


@transaction.atomic
def area_delete(*, area, by) -> None:
    """Remove an area: its buildings are then in no area (the history keeps who did it)."""
    lock_estate(area.estate)
    for membership in area.memberships.all():
        membership._history_user = by
        membership.delete()
    area._history_user = by
    area.delete()
