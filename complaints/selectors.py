"""Reads reused by the views: lists, the board, the unit section, the daily summary."""

from django.db.models import Case, Q, Value, When
from django.db.models.fields import BooleanField
from django.utils.translation import gettext_lazy as _

from complaints.models import Complaint

S = Complaint.Status
OPEN = [S.RECEIVED, S.RESPONDED, S.INVESTIGATING, S.RESOLVED, S.VISITED]
BOARD_ROWS = 10  # per queue; the list shows the rest


def breached_q(now):
    """Answered late, or still unanswered past the due time (each half has its index)."""
    return Q(answered_late=True) | Q(responded_at__isnull=True, first_response_due__lt=now)


def with_breached(qs, now):
    return qs.annotate(
        breached=Case(
            When(breached_q(now), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def complaints_for_list(user):
    """The rows of the list and the board: what their columns show, no more (the resident,
    whose phone only the export reads, would cost a join over every resident)."""
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


# The supervisor's queues: the board shows the head of each, the list shows any one whole
# (`?queue=breached`). Each is a filter and the order its head is read in.
QUEUES = {
    "awaiting_response": (lambda now: Q(status=S.RECEIVED), "first_response_due"),
    "breached": (lambda now: Q(status__in=OPEN) & breached_q(now), "first_response_due"),
    "escalated": (lambda now: Q(status__in=OPEN, escalation_level__gt=0), "-escalated_at"),
    "awaiting_ruling": (
        lambda now: Q(status__in=[S.INVESTIGATING, S.RESOLVED, S.VISITED], validity=""),
        "received_at",
    ),
    "awaiting_visit": (lambda now: Q(status=S.RESOLVED), "resolved_at"),
}
QUEUE_TITLES = {
    "awaiting_response": _("Awaiting first response"),
    "breached": _("Breached"),
    "escalated": _("Escalated"),
    "awaiting_ruling": _("Awaiting ruling"),
    "awaiting_visit": _("Awaiting return visit"),
}


def in_queue(qs, key, now):
    condition, order = QUEUES[key]
    return qs.filter(condition(now)).order_by(order, "pk")


def board_sections(qs, now):
    """The head of every queue, one query each: (key, rows, more) with `more` true when
    the queue is longer than the board shows."""
    sections = []
    for key in QUEUES:
        rows = list(in_queue(qs, key, now)[: BOARD_ROWS + 1])
        sections.append((key, rows[:BOARD_ROWS], len(rows) > BOARD_ROWS))
    return sections


def unit_complaints(unit, limit=10):
    """The unit page's section: the latest complaints (one query)."""
    return list(
        Complaint.objects.filter(unit=unit)
        .select_related("assignee")
        .order_by("-received_at")[:limit]
    )
