"""Units written the way staff type them, and the one place that reads them.

`3-1502`, `3栋1502`, `3号楼1502室`, `3#1502`, `3/1502`, `3 1502`, `03-1502`, full-width
`３－１５０２`, and any of these after the estate's name or code (`翠湖花园3-1502`,
`CH 3-1502`). Every search or form that finds a unit as typed goes through
`parse_unit_label` and `unit_label_q`, so they all read the same spellings.
"""

import re
import unicodedata
from typing import NamedTuple

from django.db.models import Q

_PART = r"[A-Za-z0-9]+"
# Between the building and the room: a dash, slash, hash, the Chinese building words, or a space.
_SEPARATOR = r"(?:-|/|#|号楼|栋|幢|座|\s)"
_BODY = rf"(?P<building>{_PART})\s*{_SEPARATOR}\s*(?P<unit>{_PART})\s*(?:室|号|房)?"
_LABEL = re.compile(rf"^{_BODY}$")
# The estate's name or code in front: it ends in a Chinese character (`翠湖花园3-1502`) or a
# space (`CH 3-1502`), so a building such as `B2` is never taken for an estate.
_WITH_ESTATE = re.compile(rf"^(?P<estate>.*?(?:[^\x00-\x7f]|\s))\s*{_BODY}$")
# Dashes staff's input methods produce besides "-" (NFKC already folds the full-width ones).
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−ー", "-"))


class UnitLabel(NamedTuple):
    building: str
    unit: str
    estate: str = ""  # the estate's name or code as typed in front, if any


def _normal(part):
    """Upper case; a number without its leading zeros (`03` is building 3)."""
    part = part.upper()
    return str(int(part)) if part.isdigit() else part


def parse_unit_label(text) -> UnitLabel | None:
    """The building, the unit and any estate written in front; None when it is not a unit."""
    if not text:
        return None
    text = unicodedata.normalize("NFKC", str(text)).translate(_DASHES).strip()
    match = _LABEL.match(text) or _WITH_ESTATE.match(text)
    if not match:
        return None
    estate = match.groupdict().get("estate") or ""
    return UnitLabel(_normal(match["building"]), _normal(match["unit"]), estate.strip())


def _number_q(field, value):
    """`field` equals `value`; a number also matches when stored with leading zeros."""
    if value.isdigit():
        return Q(**{f"{field}__regex": rf"^0*{value}$"})
    return Q(**{f"{field}__iexact": value})


def unit_label_q(label: UnitLabel, prefix="") -> Q:
    """The condition finding the unit of a parsed label; `prefix` leads to the unit ("unit__")."""
    condition = _number_q(f"{prefix}building__number", label.building) & _number_q(
        f"{prefix}number", label.unit
    )
    if label.estate:
        estate = f"{prefix}estate__"
        condition &= (
            Q(**{f"{estate}code__iexact": label.estate})
            | Q(**{f"{estate}name__istartswith": label.estate})
            | Q(**{f"{estate}name_en__istartswith": label.estate})
        )
    return condition


def unit_label_filter(text, prefix="") -> Q | None:
    """The condition for a typed unit label, or None when the text is not one."""
    label = parse_unit_label(text)
    return None if label is None else unit_label_q(label, prefix)


def find_unit(units, text):
    """The unit of `units` (a queryset, e.g. one estate's) that the text names, or None."""
    condition = unit_label_filter(text)
    return None if condition is None else units.filter(condition).first()
