"""The complaints' home panels (desk/home.py): the manager's month by category with the share
answered within 30 minutes, the supervisor's board counts, the rep's own queues and the front
desk's complaints awaiting a first response. Counted in SQL, a query or two each, whatever
the number of complaints or estates; each number links to the list behind it."""

import datetime

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from complaints.models import Complaint
from complaints.selectors import OPEN, QUEUE_TITLES, QUEUES, breached_q
from desk.clock import period_q, user_today
from desk.scoping import user_estates

MINE_QUEUES = ["awaiting_response", "breached", "awaiting_ruling", "awaiting_visit"]
DESK_QUEUES = ["awaiting_response", "breached"]


def queue_counts(qs, keys, now) -> dict:
    """How many complaints of `qs` are in each of the board's queues `keys` (one query).

    Every queue holds open complaints only: reading just those (the (estate, status) index)
    skips the closed 99% of the table instead of scanning it."""
    return qs.filter(status__in=OPEN).aggregate(
        **{key: Count("pk", filter=QUEUES[key][0](now)) for key in keys}
    )


def _queues(qs, keys, url, now):
    counts = queue_counts(qs, keys, now)
    return [
        {
            "key": key,
            "label": QUEUE_TITLES[key],
            "count": counts[key],
            "url": f"{url}?{urlencode({'queue': key})}",
        }
        for key in keys
    ]


def board_panel(request) -> dict:
    """The supervisor's: the count of each of the board's queues (one query)."""
    qs = Complaint.objects.for_user(request.user)
    return {
        "queues": _queues(qs, list(QUEUES), reverse("complaints:list"), timezone.now()),
        "board_url": reverse("complaints:board"),
    }


def mine_panel(request) -> dict:
    """The rep's: their own complaints waiting for them, by queue (one query)."""
    qs = Complaint.objects.for_user(request.user).filter(assignee=request.user)
    return {
        "queues": _queues(qs, MINE_QUEUES, reverse("complaints:mine"), timezone.now()),
        "mine": True,
    }


def desk_panel(request) -> dict:
    """The front desk's: the complaints still waiting for a first response (one query)."""
    qs = Complaint.objects.for_user(request.user)
    return {"queues": _queues(qs, DESK_QUEUES, reverse("complaints:list"), timezone.now())}


def month_panel(request) -> dict:
    """The manager's: this month's complaints by category and the share answered within the
    30 minutes (answered by the due time, over all received: the monthly analysis's share),
    in the user's estates (one query)."""
    user = request.user
    today = user_today(user)
    first = today.replace(day=1)
    estates = user_estates(user)
    qs = Complaint.objects.for_user(user).filter(
        period_q(estates, "received_at", first, today + datetime.timedelta(days=1))
    )
    # By category, each with its shares; the month's totals are their sums (one query).
    rows = list(
        qs.values("category")
        .annotate(
            n=Count("pk"),
            in_time=Count("pk", filter=Q(responded_at__lte=F("first_response_due"))),
            late=Count("pk", filter=breached_q(timezone.now())),
        )
        .order_by()
    )
    counts = {row["category"]: row["n"] for row in rows}
    totals = {key: sum(row[key] for row in rows) for key in ("in_time", "late")}
    totals["total"] = sum(counts.values())
    received = {"received_min": first.isoformat(), "received_max": today.isoformat()}
    url = reverse("complaints:list")
    categories = [
        {
            "label": label,
            "count": counts[value],
            "url": f"{url}?{urlencode({**received, 'category': value})}",
        }
        for value, label in Complaint.Category.choices
        if counts.get(value)
    ]
    categories.sort(key=lambda row: -row["count"])
    total = totals["total"]
    return {
        "month": first,
        "categories": categories,
        "total": total,
        "total_url": f"{url}?{urlencode(received)}",
        "in_time": totals["in_time"],
        "in_time_share": round(100 * totals["in_time"] / total, 1) if total else None,
        "late": totals["late"],
        "late_url": f"{url}?{urlencode({**received, 'breached': 'true'})}",
    }
