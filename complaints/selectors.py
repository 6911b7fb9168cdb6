"""Reads reused by the views: lists, the board, the unit section, the daily summary."""

from datetime import datetime, time, timedelta

from django.db.models import Case, F, Q, Value, When
from django.db.models.fields import BooleanField

from complaints.clock import estate_zone
from complaints.models import Complaint, Notification

S = Complaint.Status
OPEN = [S.RECEIVED, S.RESPONDED, S.INVESTIGATING, S.RESOLVED, S.VISITED]
BOARD_ROWS = 50


def breached_q(now):
    """Answered late, or still unanswered past the due time."""
    return Q(responded_at__gt=F("first_response_due")) | Q(
        responded_at__isnull=True, first_response_due__lt=now
    )


def with_breached(qs, now):
    return qs.annotate(
        breached=Case(
            When(breached_q(now), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def complaints_for_list(user):
    return Complaint.objects.for_user(user).select_related("estate", "unit__building", "assignee")


def complaint_for_page(user, pk):
    from desk.scoping import get_scoped_or_404

    return get_scoped_or_404(
        Complaint.objects.select_related(
            "estate",
            "unit__building",
            "resident",
            "assignee",
            "received_by",
            "responded_by",
            "ruled_by",
            "visited_by",
        ),
        user,
        pk=pk,
    )


def timeline(complaint):
    return complaint.events.select_related("by").order_by("at", "pk")


def board_sections(qs, now):
    """The supervisor's board: five short lists, one query each."""
    open_qs = qs.filter(status__in=OPEN)
    return [
        (
            "awaiting_response",
            qs.filter(status=S.RECEIVED).order_by("first_response_due")[:BOARD_ROWS],
        ),
        ("breached", open_qs.filter(breached_q(now)).order_by("first_response_due")[:BOARD_ROWS]),
        (
            "escalated",
            open_qs.filter(escalation_level__gt=0).order_by("-escalated_at")[:BOARD_ROWS],
        ),
        (
            "awaiting_ruling",
            qs.filter(status__in=[S.INVESTIGATING, S.RESOLVED, S.VISITED], validity="").order_by(
                "received_at"
            )[:BOARD_ROWS],
        ),
        ("awaiting_visit", qs.filter(status=S.RESOLVED).order_by("resolved_at")[:BOARD_ROWS]),
    ]


def unread_notifications(user):
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def unit_complaints(unit, limit=10):
    """The unit page's section: the latest complaints (one query)."""
    return list(
        Complaint.objects.filter(unit=unit)
        .select_related("assignee")
        .order_by("-received_at")[:limit]
    )


def day_bounds(estate, day):
    zone = estate_zone(estate)
    start = datetime.combine(day, time.min, tzinfo=zone)
    return start, datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)


def month_bounds(estate, year, month):
    zone = estate_zone(estate)
    start = datetime(year, month, 1, tzinfo=zone)
    end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=zone)
    return start, end
