"""The reads the patrol pages share: lists, the review queue, a round's page, the vacant
units' register, the open findings. Each list reads a constant number of queries."""

import datetime

from django.db.models import (
    BooleanField,
    DateTimeField,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from desk.scoping import get_scoped_or_404
from inspections.models import (
    ChecklistItem,
    Finding,
    InspectionSettings,
    ItemCheck,
    PatrolPoint,
    PointScan,
    Round,
    RoundType,
)
from tenants.models import Unit

ROUND_LIST_RELATED = ("estate", "by", "building", "area", "unit__building", "reviewed_by")


def rounds_for_list(user):
    return Round.objects.for_user(user).select_related(*ROUND_LIST_RELATED)


def review_queue(user):
    """Every round submitted and not yet reviewed, oldest first."""
    return (
        Round.objects.for_user(user)
        .filter(status=Round.Status.SUBMITTED)
        .select_related(*ROUND_LIST_RELATED)
        .order_by("submitted_at", "pk")
    )


def round_for_page(user, pk) -> Round:
    """A round with everything its page shows, in a fixed number of queries."""
    return get_scoped_or_404(
        Round.objects.select_related(*ROUND_LIST_RELATED, "checklist").prefetch_related(
            Prefetch("checklist__items", queryset=ChecklistItem.objects.order_by("position")),
            Prefetch("checks", queryset=ItemCheck.objects.select_related("item")),
            Prefetch("scans", queryset=PointScan.objects.select_related("point")),
            Prefetch(
                "findings",
                queryset=Finding.objects.select_related("work_order__assignee").order_by(
                    "created_at", "pk"
                ),
            ),
        ),
        user,
        pk=pk,
    )


def route_of(round_: Round) -> list[dict]:
    """The route's points in order, each with its scan (or none: missed so far)."""
    from inspections.services import route_points

    scans = {scan.point_id: scan for scan in round_.scans.all()}
    return [{"point": point, "scan": scans.get(point.pk)} for point in route_points(round_)]


def my_drafts(user):
    return (
        Round.objects.for_user(user)
        .filter(by=user, status=Round.Status.DRAFT)
        .select_related(*ROUND_LIST_RELATED)
        .order_by("-started_at")
    )


def findings_for_list(user):
    return Finding.objects.for_user(user).select_related(
        "estate",
        "round__building",
        "round__area",
        "round__unit__building",
        "created_by",
        "work_order",
    )


def open_findings_count(user) -> int:
    return Finding.objects.for_user(user).exclude(status=Finding.Status.VERIFIED).count()


def vacant_units(user, now=None):
    """The vacant units (their status, derived by the register) with their last check and
    whether it is overdue: unchecked, or last checked longer ago than the days their
    estate's patrol settings give (InspectionSettings, a week unless set)."""
    now = now or timezone.now()
    last = (
        Round.objects.submitted()
        .filter(unit=OuterRef("pk"), round_type=RoundType.VACANT_UNIT)
        .order_by("-started_at")
        .values("started_at")[:1]
    )
    days = InspectionSettings.objects.filter(estate=OuterRef("estate")).values("vacant_check_days")[
        :1
    ]
    due_before = ExpressionWrapper(
        Value(now) - F("vacant_check_days") * Value(datetime.timedelta(days=1)),
        output_field=DateTimeField(),
    )
    overdue = Q(last_checked__isnull=True) | Q(last_checked__lt=F("check_due_before"))
    return (
        Unit.objects.for_user(user)
        .filter(status=Unit.Status.VACANT)
        .select_related("building", "estate")
        .annotate(
            last_checked=Subquery(last),
            vacant_check_days=Coalesce(
                Subquery(days), Value(InspectionSettings.DEFAULT_VACANT_CHECK_DAYS)
            ),
        )
        .annotate(check_due_before=due_before)
        .annotate(check_overdue=ExpressionWrapper(overdue, output_field=BooleanField()))
    )


def finding_for_page(user, pk) -> Finding:
    return get_scoped_or_404(
        Finding.objects.select_related("round", "estate", "work_order"), user, pk=pk
    )


def points_for_list(user):
    return PatrolPoint.objects.for_user(user).select_related("estate", "building", "area")
