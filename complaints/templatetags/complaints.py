import math

from django import template
from django.utils import timezone
from django.utils.formats import date_format

from complaints.clock import estate_time

register = template.Library()


@register.filter
def in_estate(value, estate):
    """`{{ c.received_at|in_estate:c.estate|date:"Y-m-d H:i" }}`: the estate's wall clock."""
    return estate_time(value, estate)


@register.simple_tag
def estate_datetime(value, estate, fmt="Y-m-d H:i"):
    """The value in the estate's zone, formatted without the active zone converting it back."""
    local = estate_time(value, estate)
    if local is None:
        return "—"
    with timezone.override(local.tzinfo):
        return date_format(local, fmt)


@register.inclusion_tag("complaints/partials/clock.html", takes_context=True)
def clock(context, complaint):
    """The first-response countdown (live in the browser) and the breached mark."""
    now = context.get("now_ts") or timezone.now()
    return {
        "complaint": complaint,
        "answered": complaint.responded_at is not None,
        "breached": complaint.is_breached(now),
        "due_iso": estate_time(complaint.first_response_due, complaint.estate).isoformat(),
        "minutes_left": math.ceil((complaint.first_response_due - now).total_seconds() / 60),
    }
