from django import template

from desk.clock import local_time

register = template.Library()


@register.simple_tag
def mail_time(value, estate):
    """The time on the estate's wall clock, as the lists show it."""
    local = local_time(estate, value)
    return local.strftime("%Y-%m-%d %H:%M") if local else "—"


@register.filter
def mail_flagged(item, flag_since):
    """Still at the desk past its estate's days (`flag_since` from selectors.flag_since)."""
    since = flag_since.get(item.estate_id)
    return bool(item.is_awaiting and since and item.received_at < since)
