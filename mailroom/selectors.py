"""Reads of the mail register: the list, an item's page, the unit's mail, what waits at
the desk by age (the home panel and the shift handover), and the flags of uncollected mail.

An item is *flagged* once it has waited `flag_after_days` of its estate's calendar days
(default 7) and *to return* after `return_after_days` (default 30): each estate's own
days, counted on the estate clock."""

import datetime

from django.db.models import Count, Q

from desk.clock import day_bounds, estate_today
from desk.models import Estate
from desk.scoping import user_estate_ids
from desk.scoping import user_estates as _user_estates
from mailroom.models import AWAITING, MailItem, MailSettings

LIST_RELATED = ["estate", "unit__building", "resident", "received_by", "handed_by"]


def settings_of(estates) -> dict[int, MailSettings]:
    """{estate id: its settings row}, unsaved defaults for an estate that set none."""
    rows = {row.estate_id: row for row in MailSettings.objects.filter(estate__in=estates)}
    found = {}
    for estate in estates:
        row = rows.get(estate.pk) or MailSettings(estate=estate)
        row.estate = estate  # no query for the estate's zone
        found[estate.pk] = row
    return found


def waited_since(estate, days, today=None) -> datetime.datetime:
    """Received before this instant: waited `days` of the estate's days or more on `today`
    (the estate's today unless given: the monthly workbook asks of a month's last day)."""
    today = today or estate_today(estate)
    return day_bounds(estate, today - datetime.timedelta(days=days - 1))[0]


def age_q(estates, field: str, rows=None) -> Q:
    """Items of the estates received at least `field` days ago (flag_after_days or
    return_after_days), each by its own estate's settings (`rows`, read unless given)
    and clock."""
    condition = Q(pk__in=[])
    rows = settings_of(estates) if rows is None else rows
    for estate_id, row in rows.items():
        since = waited_since(row.estate, getattr(row, field))
        condition |= Q(estate_id=estate_id, received_at__lt=since)
    return condition


def user_estates(user):
    """The estates the user works in, read once per request (desk.scoping); a superuser's
    are the ones they are staff of."""
    if user.is_superuser:
        return list(Estate.objects.filter(pk__in=user_estate_ids(user)))
    return _user_estates(user)


def register_for_list(user):
    return MailItem.objects.for_user(user).select_related(*LIST_RELATED)


def item_for_page(user, pk):
    from desk.scoping import get_scoped_or_404

    return get_scoped_or_404(
        MailItem.objects.select_related(*LIST_RELATED, "closed_by"), user, pk=pk
    )


def unit_mail(unit, limit=10):
    """The unit's latest mail, waiting items first; one query."""
    return list(
        MailItem.objects.filter(unit=unit)
        .select_related("resident", "received_by")
        .order_by("-received_at", "-pk")[:limit]
    )


def waiting_by_age(estates, *, by_kind=True) -> dict:
    """What waits at the desk in these estates: in all, received today, flagged (past the
    estate's days), to return to the sender; and by kind. Two queries besides the settings."""
    rows = settings_of(estates)
    awaiting = MailItem.objects.filter(estate__in=estates, status__in=AWAITING)
    today_q = Q(pk__in=[])
    for estate in estates:
        start, end = day_bounds(estate, estate_today(estate))
        today_q |= Q(estate=estate, received_at__gte=start, received_at__lt=end)
    counts = awaiting.aggregate(
        total=Count("pk"),
        today=Count("pk", filter=today_q),
        flagged=Count("pk", filter=age_q(estates, "flag_after_days", rows)),
        to_return=Count("pk", filter=age_q(estates, "return_after_days", rows)),
    )
    if not by_kind:
        return counts
    kinds = dict(
        awaiting.order_by().values_list("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    counts["by_kind"] = [
        (label, kinds[value]) for value, label in MailItem.Kind.choices if kinds.get(value)
    ]
    return counts


def flag_since(estates) -> dict[int, datetime.datetime]:
    """{estate id: items received before this instant and still at the desk are flagged}."""
    return {
        estate_id: waited_since(row.estate, row.flag_after_days)
        for estate_id, row in settings_of(estates).items()
    }


def is_flagged(item) -> bool:
    if not item.is_awaiting:
        return False
    return item.received_at < flag_since([item.estate])[item.estate_id]


def unit_occupant_names(unit) -> list[str]:
    """The names of the unit's current occupants, owner first: the recipient's choices."""
    from tenants.models import Occupancy

    occupancies = (
        Occupancy.objects.filter(unit=unit, move_out__isnull=True)
        .select_related("resident")
        .order_by("pk")
    )
    ordered = sorted(occupancies, key=lambda o: (o.role != "owner", o.pk))
    return list(dict.fromkeys(o.resident.name for o in ordered))


def home_waiting(request) -> dict:
    """The front desk's home panel: the mail at the desk by age (four queries)."""
    from desk.clock import user_today

    estates = user_estates(request.user)
    return {"mail": waiting_by_age(estates, by_kind=False), "today": user_today(request.user)}
