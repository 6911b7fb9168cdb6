"""The work orders' home panels (desk/home.py): the technician's orders today, the rep's
orders due and the manager's open orders by department. One query each, counted in SQL;
each number links to the list behind it (`?state=` and `?mine=` of the list's filters)."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from workorders.filters import STATES, state_q
from workorders.models import Department, Status, WorkOrder
from workorders.selectors import my_today


def technician_panel(request) -> dict:
    """The technician's today (the orders of `my_today`): in progress, dispatched, overdue
    of those, and done today."""
    now = timezone.now()
    counts = my_today(request.user, now).aggregate(
        total=Count("pk"),
        in_progress=Count("pk", filter=Q(status=Status.IN_PROGRESS)),
        dispatched=Count("pk", filter=Q(status=Status.DISPATCHED)),
        overdue=Count(
            "pk", filter=Q(status__in=[Status.DISPATCHED, Status.IN_PROGRESS]) & Q(due_at__lt=now)
        ),
        done=Count("pk", filter=Q(status=Status.DONE)),
    )
    return {"counts": counts, "url": reverse("workorders:my_today")}


def rep_panel(request) -> dict:
    """The orders the rep took and follows: the work not done, due by the end of today, and
    overdue."""
    user = request.user
    counts = (
        WorkOrder.objects.visible_to(user)
        # Every state is work not done: reading only those orders (the (estate, status)
        # index) skips the finished 99% of the rep's orders.
        .filter(state_q("pending", user), created_by=user)
        .aggregate(**{key: Count("pk", filter=state_q(key, user)) for key, _label in STATES})
    )
    url = reverse("workorders:list")
    return {
        "states": [
            {
                "key": key,
                "label": label,
                "count": counts[key],
                "url": f"{url}?{urlencode({'mine': 'taken', 'state': key})}",
            }
            for key, label in STATES
        ]
    }


def departments_panel(request) -> dict:
    """The manager's: the orders whose work is not done, by department, and the overdue."""
    user = request.user
    rows = {
        row["department"]: row
        for row in WorkOrder.objects.visible_to(user)
        .filter(state_q("pending", user))
        .values("department")
        .annotate(
            pending=Count("pk"),
            overdue=Count("pk", filter=state_q("overdue", user)),
        )
        .order_by()
    }
    url = reverse("workorders:list")
    departments = []
    for value, label in Department.choices:
        row = rows.get(value, {"pending": 0, "overdue": 0})
        departments.append(
            {
                "label": label,
                "pending": row["pending"],
                "overdue": row["overdue"],
                "pending_url": f"{url}?{urlencode({'department': value, 'state': 'pending'})}",
                "overdue_url": f"{url}?{urlencode({'department': value, 'state': 'overdue'})}",
            }
        )
    return {
        "departments": departments,
        "pending": sum(d["pending"] for d in departments),
        "pending_url": f"{url}?{urlencode({'state': 'pending'})}",
    }
