"""Widgets rendered in Python where Django's templates cost too much (see
templates/django/forms/widgets/select.html)."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


def _attrs(attrs):
    """Django's attrs.html: True is a bare attribute, False is left out."""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(format_html(" {}", name))
        elif value is not False and value is not None:
            parts.append(format_html(' {}="{}"', name, value))
    return mark_safe("".join(parts))


@register.simple_tag
def select_options(optgroups):
    """A select's options (and option groups) in one pass: a filter bar has a hundred."""
    html = []
    for group_name, options, _index in optgroups:
        rendered = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((option["value"], _attrs(option["attrs"]), option["label"]) for option in options),
        )
        if group_name:
            rendered = format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered)
        html.append(rendered)
    return mark_safe("".join(html))
