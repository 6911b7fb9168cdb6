from django import template
from django.utils.http import urlencode
from django.utils.translation import pgettext

from desk.privacy import contact_for
from desk.roles import role_label

register = template.Library()


@register.simple_tag(takes_context=True)
def contact(context, value, id_number=False):
    """A resident's phone or ID as the current user may see it (masked without permission)."""
    return contact_for(context["request"].user, value, id_number=id_number)


@register.simple_tag
def colon():
    """A label's colon in the reader's language: ": " in English, "：" in Chinese."""
    return pgettext("label separator", ": ")


@register.simple_tag
def comma():
    """The separator of a list of names: ", " in English, "，" in Chinese."""
    return pgettext("list separator", ", ")


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (pagination, sorting)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(params, doseq=True) if params else "?"


@register.filter
def role_name(group_name):
    return role_label(group_name)
