import math

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from desk.clock import local_time
from desk.durations import countdown_data, overdue_by, time_left

register = template.Library()

LIST_FORMAT = "Y-m-d H:i"


@register.filter
def in_estate(value, estate):
    """`{{ c.received_at|in_estate:c.estate|date:"Y-m-d H:i" }}`: the estate's wall clock."""
    return local_time(estate, value)


@register.simple_tag
def estate_datetime(value, estate, fmt=LIST_FORMAT):
    """The value in the estate's zone, formatted without the active zone converting it back."""
    local = local_time(estate, value)
    if local is None:
        return "—"
    if fmt == LIST_FORMAT:  # the lists' format, the same in every language: no formatter
        return local.strftime("%Y-%m-%d %H:%M")
    with timezone.override(local.tzinfo):
        return date_format(local, fmt)


@register.simple_tag(takes_context=True)
def clock(context, complaint):
    """The first-response countdown (live in the browser, see countdown.js) and the breached
    mark. Built in Python: a list shows fifty of them."""
    now = context.get("now_ts") or timezone.now()
    breached = complaint.is_breached(now)
    if complaint.responded_at is not None:
        if breached:
            return format_html(
                '<span class="badge text-bg-danger breached">{}</span>', _("Answered late")
            )
        return format_html('<span class="badge text-bg-success">{}</span>', _("Answered in time"))
    due_iso = local_time(complaint.estate, complaint.first_response_due).isoformat()
    seconds = (complaint.first_response_due - now).total_seconds()
    data = countdown_data()  # the script keeps the words live in the reader's language
    if breached:
        return format_html(
            '<span class="countdown text-danger fw-bold" data-due="{}" {}>{}</span> '
            '<span class="badge text-bg-danger breached">{}</span>',
            due_iso,
            data,
            overdue_by(seconds, with_seconds=True),
            _("Breached"),
        )
    return format_html(
        '<span class="countdown" data-due="{}" {}>{}</span>',
        due_iso,
        data,
        time_left(math.ceil(seconds), with_seconds=True),
    )
