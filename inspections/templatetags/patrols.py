from django import template

register = template.Library()


@register.filter
def hours(delta):
    """A wait as hours with one decimal: 10.5."""
    if delta is None:
        return ""
    return f"{delta.total_seconds() / 3600:.1f}"


@register.filter
def qr_svg(code):
    """A patrol point's code as the QR of its sticker (inline SVG)."""
    from inspections.stickers import point_qr_svg

    return point_qr_svg(code)
