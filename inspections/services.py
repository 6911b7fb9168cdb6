"""Every change to a patrol round: start, tick, scan, findings, submit, review and sign.

draft → submitted → reviewed. Only the round's author changes a draft; a round is never
reviewed by its author, nor twice (a conditional update, so two reviewers cannot both
sign it). Each function raises IllegalTransition or BusinessRuleError, changing nothing,
when the rules refuse.
"""

import datetime

from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from desk import roles
from desk.clock import day_bounds, local_date, local_time
from desk.errors import BusinessRuleError, IllegalTransition
from desk.inbox import notify
from inspections import checklists
from inspections.models import (
    ROUTE_TYPES,
    Checklist,
    ChecklistItem,
    Finding,
    ItemCheck,
    PatrolPoint,
    PointScan,
    Round,
    RoundType,
)
from workorders.models import Priority, Source, Trade
from workorders.models import Status as OrderStatus
from workorders.services import workorder_create, workorder_dispatch

# A round submitted on a day is reviewed and signed by the end of the next day (DOMAIN.md:
# the supervisor or manager reviews the patrol records every day).
REVIEW_TARGET_DAYS = 1
REVIEW_REMINDER = "inspections.review_overdue"


def review_due(round_: Round) -> datetime.datetime:
    """When the review of a submitted round is due: the end of the day after its submission."""
    day = local_date(round_.estate, round_.submitted_at)
    return day_bounds(round_.estate, day + datetime.timedelta(days=REVIEW_TARGET_DAYS))[1]


def checklist_current(*, estate, round_type: str) -> Checklist:
    """The newest version of the estate's checklist for the type (the default items as
    version 1 when the estate never wrote one)."""
    found = (
        Checklist.objects.filter(estate=estate, round_type=round_type).order_by("-version").first()
    )
    if found is not None:
        return found
    return checklist_revise(
        estate=estate, round_type=round_type, items=checklists.default_items(round_type), by=None
    )


def checklist_revise(*, estate, round_type: str, items: list[str], by) -> Checklist:
    """A new version of the checklist; rounds done on the older ones keep theirs."""
    items = [text.strip() for text in items if text.strip()]
    if not items:
        raise BusinessRuleError(_("A checklist needs at least one item."))
    if round_type not in RoundType.values:
        raise BusinessRuleError(_("Unknown round type."))
    with transaction.atomic():
        last = (
            Checklist.objects.select_for_update()
            .filter(estate=estate, round_type=round_type)
            .order_by("-version")
            .first()
        )
        checklist = Checklist.objects.create(
            estate=estate,
            round_type=round_type,
            version=(last.version + 1) if last else 1,
            created_by=by,
        )
        ChecklistItem.objects.bulk_create(
            ChecklistItem(checklist=checklist, position=i, text=text[:200])
            for i, text in enumerate(items, start=1)
        )
    return checklist


def route_points(round_: Round):
    """The points of the round's route, in their order (none for a type without a route)."""
    if round_.round_type not in ROUTE_TYPES:
        return PatrolPoint.objects.none()
    qs = PatrolPoint.objects.filter(
        estate_id=round_.estate_id, round_type=round_.round_type, active=True
    )
    if round_.building_id:
        qs = qs.filter(building_id=round_.building_id)
    elif round_.area_id:
        qs = qs.filter(area_id=round_.area_id)
    else:
        return PatrolPoint.objects.none()
    return qs.order_by("position", "pk")


def may_start(user, round_type: str) -> bool:
    """The manager's own round is a supervisor's or manager's; the others any patroller's."""
    if not user.has_perm("inspections.patrol_round"):
        return False
    if round_type == RoundType.MANAGER:
        return user.has_perm("inspections.review_round")
    return True


def round_start(
    *, estate, round_type: str, by, building=None, area=None, unit=None, now=None
) -> Round:
    if round_type not in RoundType.values:
        raise BusinessRuleError(_("Unknown round type."))
    if not may_start(by, round_type):
        raise BusinessRuleError(_("You cannot do this kind of round."))
    for place in (building, area, unit):
        if place is not None and place.estate_id != estate.pk:
            raise BusinessRuleError(_("The place belongs to another estate."))
    if round_type == RoundType.VACANT_UNIT:
        if unit is None:
            raise BusinessRuleError(_("A vacant-unit check is of one unit."))
        building, area = unit.building, None
    else:
        unit = None
        if round_type in ROUTE_TYPES and building is None and area is None:
            raise BusinessRuleError(_("Give the building or the area of the round."))
    with transaction.atomic():
        return Round.objects.create(
            estate=estate,
            round_type=round_type,
            checklist=checklist_current(estate=estate, round_type=round_type),
            building=building,
            area=area if building is None else None,
            unit=unit,
            by=by,
            started_at=now or timezone.now(),
        )


def _locked(round_: Round) -> Round:
    return Round.objects.select_for_update().select_related("estate").get(pk=round_.pk)


def _editable(round_: Round, by) -> Round:
    """The draft, locked, if `by` is its author."""
    round_ = _locked(round_)
    if round_.status != Round.Status.DRAFT:
        raise IllegalTransition(_("This round was submitted: it cannot be changed."))
    if round_.by_id != by.pk:
        raise IllegalTransition(_("Only the author of a round changes it."))
    return round_


def round_check_item(
    *, round: Round, item: ChecklistItem, ok: bool, by, note: str = "", photo=None, now=None
) -> ItemCheck:
    """Tick one item OK or not OK (again: the latest tick counts)."""
    with transaction.atomic():
        round_ = _editable(round, by)
        if item.checklist_id != round_.checklist_id:
            raise BusinessRuleError(_("This item is not on the round's checklist."))
        note = note.strip()
        if not ok and not note and not photo:
            raise BusinessRuleError(_("Say what is not OK."))
        check, _created = ItemCheck.objects.update_or_create(
            round=round_,
            item=item,
            defaults={"ok": ok, "note": note[:300], "checked_at": now or timezone.now()},
        )
        if photo:
            check.photo = photo
            check.save(update_fields=["photo"])
    return check


def _in_window(point: PatrolPoint, at: datetime.time) -> bool:
    if point.window_start is None or point.window_end is None:
        return True
    if point.window_start <= point.window_end:
        return point.window_start <= at <= point.window_end
    return at >= point.window_start or at <= point.window_end  # a window across midnight


def round_scan_point(
    *, round: Round, code: str, by, latitude=None, longitude=None, typed=False, now=None
) -> PointScan:
    """A point of the route passed: out of order when a later point was passed before it,
    outside its window by the estate's clock."""
    code = code.strip().upper()
    now = now or timezone.now()
    with transaction.atomic():
        round_ = _editable(round, by)
        point = route_points(round_).filter(code=code).first()
        if point is None:
            raise BusinessRuleError(
                _("%(code)s is not a point of this round's route.") % {"code": code or "—"}
            )
        scans = list(round_.scans.select_related("point"))
        if any(scan.point_id == point.pk for scan in scans):
            raise BusinessRuleError(_("%(name)s was already scanned.") % {"name": point.name})
        latest = max((scan.point.position for scan in scans), default=None)
        return PointScan.objects.create(
            round=round_,
            point=point,
            scanned_at=now,
            typed=typed,
            latitude=latitude,
            longitude=longitude,
            out_of_order=latest is not None and point.position < latest,
            outside_window=not _in_window(point, local_time(round_.estate, now).time()),
        )


def finding_add(
    *, round: Round, description: str, by, location: str = "", photo=None, now=None
) -> Finding:
    description = description.strip()
    if not description:
        raise BusinessRuleError(_("Describe what was found."))
    with transaction.atomic():
        round_ = _editable(round, by)
        finding = Finding.objects.create(
            round=round_,
            estate_id=round_.estate_id,
            description=description,
            location=location.strip()[:200],
            created_by=by,
            created_at=now or timezone.now(),
        )
        if photo:
            finding.photo = photo
            finding.save(update_fields=["photo"])
    return finding


# The trade a finding's work order goes to unless the patroller says otherwise.
TRADE_FOR_TYPE = {
    RoundType.CLEANING: Trade.CLEANING,
    RoundType.GREENING: Trade.GREENING,
    RoundType.PEST_CONTROL: Trade.PEST_CONTROL,
}


def default_trade(round_type: str) -> str:
    return TRADE_FOR_TYPE.get(round_type, Trade.CIVIL)


def finding_to_workorder(
    *, finding: Finding, by, trade: str = "", priority: str = Priority.NORMAL, assignee=None
):
    """The finding's work order (source: patrol finding), linked from the finding, and
    dispatched at once when a technician is given."""
    with transaction.atomic():
        finding = (
            Finding.objects.select_for_update(of=("self",))
            .select_related("round__unit__building", "round__building", "round__area", "estate")
            .get(pk=finding.pk)
        )
        if finding.work_order_id:
            raise IllegalTransition(
                _("This finding already has its work order %(number)s.")
                % {"number": finding.work_order.number}
            )
        round_ = finding.round
        place = round_.place
        location = " · ".join(part for part in (place, finding.location) if part)
        order = workorder_create(
            estate=finding.estate,
            source=Source.PATROL,
            trade=trade or default_trade(round_.round_type),
            priority=priority,
            description=finding.description,
            unit=round_.unit,
            building=round_.building,
            location=location or round_.get_round_type_display(),
            by=by,
        )
        finding.work_order = order
        finding.save(update_fields=["work_order"])
        if assignee is not None:
            order = workorder_dispatch(order=order, assignee=assignee, by=by)
    return order


def round_submit(*, round: Round, by, notes: str = "", now=None) -> Round:
    """Done: every item ticked; the route's missed, out-of-order and late points counted."""
    with transaction.atomic():
        round_ = _editable(round, by)
        checked = set(round_.checks.values_list("item_id", flat=True))
        missing = round_.checklist.items.exclude(pk__in=checked).count()
        if missing:
            raise BusinessRuleError(_("%(count)d items are not ticked yet.") % {"count": missing})
        scans = list(round_.scans.all())
        scanned = {scan.point_id for scan in scans}
        round_.points_missed = route_points(round_).exclude(pk__in=scanned).count()
        round_.points_out_of_order = sum(scan.out_of_order for scan in scans)
        round_.points_outside_window = sum(scan.outside_window for scan in scans)
        round_.finding_count = round_.findings.count()
        round_.notes = notes.strip() or round_.notes
        round_.status = Round.Status.SUBMITTED
        round_.submitted_at = now or timezone.now()
        round_.save(
            update_fields=[
                "points_missed",
                "points_out_of_order",
                "points_outside_window",
                "finding_count",
                "notes",
                "status",
                "submitted_at",
            ]
        )
    return round_


def _sign(queryset, by, comment, now):
    return (
        queryset.filter(status=Round.Status.SUBMITTED)
        .exclude(by=by)
        .update(
            status=Round.Status.REVIEWED, reviewed_by=by, reviewed_at=now, review_comment=comment
        )
    )


def round_review(*, round: Round, by, comment: str = "", now=None) -> Round:
    """One round reviewed and signed; a round with findings needs the reviewer's comment."""
    comment = comment.strip()
    with transaction.atomic():
        round_ = _locked(round)
        if round_.status == Round.Status.DRAFT:
            raise IllegalTransition(_("This round is not submitted yet."))
        if round_.status == Round.Status.REVIEWED:
            raise IllegalTransition(_("This round was already reviewed."))
        if round_.by_id == by.pk:
            raise IllegalTransition(_("A round is reviewed by someone other than its author."))
        if not comment and (round_.finding_count or round_.points_missed):
            raise BusinessRuleError(_("Comment on the findings before signing."))
        if _sign(Round.objects.filter(pk=round_.pk), by, comment, now or timezone.now()) != 1:
            raise IllegalTransition(_("This round was already reviewed."))
        round_.refresh_from_db()
    return round_


def rounds_sign(*, rounds, by, now=None) -> int:
    """Several rounds signed together: only rounds without a finding, none of one's own;
    one refused round refuses them all (nothing is signed)."""
    ids = [r.pk for r in rounds]
    if not ids:
        raise BusinessRuleError(_("Choose the rounds to sign."))
    with transaction.atomic():
        locked = list(Round.objects.select_for_update().filter(pk__in=ids))
        if len(locked) != len(set(ids)):
            raise BusinessRuleError(_("Some of these rounds do not exist."))
        for round_ in locked:
            if round_.status != Round.Status.SUBMITTED:
                raise IllegalTransition(_("Only rounds waiting for review can be signed."))
            if round_.by_id == by.pk:
                raise IllegalTransition(_("A round is reviewed by someone other than its author."))
            if round_.finding_count or round_.points_missed:
                raise IllegalTransition(
                    _("A round with findings or missed points is reviewed on its own.")
                )
        return _sign(Round.objects.filter(pk__in=ids), by, "", now or timezone.now())


def finding_correct(*, finding: Finding, by) -> Finding:
    with transaction.atomic():
        finding = Finding.objects.select_for_update().get(pk=finding.pk)
        if finding.status != Finding.Status.OPEN:
            raise IllegalTransition(_("Only an open finding can be marked corrected."))
        if finding.work_order_id and finding.work_order.status not in (
            OrderStatus.DONE,
            OrderStatus.VERIFIED,
            OrderStatus.CLOSED,
        ):
            raise IllegalTransition(_("Its work order is not done yet."))
        finding.status = Finding.Status.CORRECTED
        finding.corrected_at = timezone.now()
        finding.corrected_by = by
        finding.save(update_fields=["status", "corrected_at", "corrected_by"])
    return finding


def finding_verify(*, finding: Finding, by) -> Finding:
    with transaction.atomic():
        finding = Finding.objects.select_for_update().get(pk=finding.pk)
        if finding.status != Finding.Status.CORRECTED:
            raise IllegalTransition(_("Only a corrected finding can be verified."))
        finding.status = Finding.Status.VERIFIED
        finding.verified_at = timezone.now()
        finding.verified_by = by
        finding.save(update_fields=["status", "verified_at", "verified_by"])
    return finding


def review_queue_url() -> str:
    try:
        return reverse("inspections:review_queue")
    except NoReverseMatch:  # before the pages are routed
        return ""


def remind_overdue_reviews(*, estate, now=None) -> int:
    """The rounds past their review target, to the estate's supervisors' inbox (once a day:
    the schedule's job key is the day). Returns how many rounds wait."""
    now = now or timezone.now()
    today = local_date(estate, now)
    # Submitted before yesterday began: past the end of the day after its submission.
    cutoff = day_bounds(estate, today - datetime.timedelta(days=REVIEW_TARGET_DAYS))[0]
    waiting = Round.objects.filter(
        estate=estate, status=Round.Status.SUBMITTED, submitted_at__lt=cutoff
    )
    count = waiting.count()
    if count:
        oldest = waiting.order_by("submitted_at").values_list("submitted_at", flat=True)[0]
        notify(
            estate=estate,
            kind=REVIEW_REMINDER,
            role=roles.SUPERVISOR,
            values={"count": count, "since": local_date(estate, oldest).isoformat()},
            url=review_queue_url(),
        )
    return count


def coverage_rules_save(*, estate, rules: dict) -> None:
    """The estate's rules, replaced: {round_type: {"per", "times", "period"}}; a type left
    out is not required. Saving none at all goes back to the defaults."""
    from inspections.models import CoverageRule

    with transaction.atomic():
        CoverageRule.objects.filter(estate=estate).exclude(round_type__in=list(rules)).delete()
        for round_type, values in rules.items():
            CoverageRule.objects.update_or_create(
                estate=estate, round_type=round_type, defaults=values
            )
