"""Units written the way staff say them: `3-1502`, `3栋1502`, `3#1502室`, `3幢1502`."""

import re

_LABEL = re.compile(
    r"^\s*(?P<building>[A-Za-z0-9]+)\s*(?:-|#|栋|幢|号楼|座|\s)\s*(?P<unit>[A-Za-z0-9]+)\s*(?:室|号)?\s*$"
)


def parse_unit_label(text):
    """Return (building number, unit number) or None when the text is not a unit label."""
    if not text:
        return None
    match = _LABEL.match(text.strip().replace("－", "-").replace("—", "-"))
    if not match:
        return None
    return match["building"].upper(), match["unit"].upper()


def unit_label_filter(text, prefix=""):
    """A Q-ready dict for a unit label, or None. `prefix` leads to the unit, e.g. "unit__"."""
    parsed = parse_unit_label(text)
    if parsed is None:
        return None
    building, unit = parsed
    return {f"{prefix}building__number__iexact": building, f"{prefix}number__iexact": unit}
