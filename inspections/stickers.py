"""The QR code on a patrol point's sticker.

It holds the point's code and nothing else: the round's scanner (static/inspections/js/
round.js) puts what it reads into the scan form's code field, the same as a typed code.
Drawn as inline SVG (no image request, nothing a strict CSP refuses), sized by print.css.
"""

import segno
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def point_qr(code: str) -> segno.QRCode:
    """A full QR code (not a Micro QR: phones' detectors read those poorly) of the code."""
    return segno.make_qr(code, error="m")


def point_qr_svg(code: str) -> SafeString:
    """The code's QR as an <svg> for the page, a module a unit of its viewBox."""
    svg = point_qr(code).svg_inline(border=2, omitsize=True, svgclass="insp-label-qr")
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(code)}" ', 1))
