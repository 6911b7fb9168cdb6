"""Ages and overdue times in words, the same in Python and in the live countdowns.

"overdue 1 h 40 min" / "已超时1小时40分", never "100:52" (which reads as hours). The word
patterns are also handed to the browser (`countdown_patterns`), so a countdown the script
keeps live reads as the server's first rendering did.
"""

from functools import lru_cache

from django.utils.html import format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext as _


def _patterns():
    return {
        "dh": _("%(days)s d %(hours)s h"),
        "hm": _("%(hours)s h %(minutes)s min"),
        "ms": _("%(minutes)s min %(seconds)s s"),
        "m": _("%(minutes)s min"),
    }


def duration_words(seconds: float, *, with_seconds: bool = False) -> str:
    """A span in words: days and hours past a day, hours and minutes past an hour, else
    minutes (and seconds, for a live countdown's first frame)."""
    total = int(abs(seconds))
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    words = _patterns()
    if days:
        return words["dh"] % {"days": days, "hours": hours}
    if hours:
        return words["hm"] % {"hours": hours, "minutes": minutes}
    if with_seconds:
        return words["ms"] % {"minutes": minutes, "seconds": f"{secs:02d}"}
    return words["m"] % {"minutes": minutes}


def time_left(seconds: float, **options) -> str:
    return _("%(duration)s left") % {"duration": duration_words(seconds, **options)}


def overdue_by(seconds: float, **options) -> str:
    return _("overdue %(duration)s") % {"duration": duration_words(seconds, **options)}


def countdown_patterns() -> dict[str, str]:
    """The patterns with the browser's placeholders (%d %h %m %s, and %t for the span)."""
    marks = {"days": "%d", "hours": "%h", "minutes": "%m", "seconds": "%s"}
    patterns = {key: pattern % marks for key, pattern in _patterns().items()}
    patterns["left"] = _("%(duration)s left") % {"duration": "%t"}
    patterns["overdue"] = _("overdue %(duration)s") % {"duration": "%t"}
    return patterns


def countdown_data() -> str:
    """The patterns as the countdown element's data attributes, built once per language
    (a list shows fifty countdowns)."""
    return _countdown_data(get_language())


@lru_cache(maxsize=8)
def _countdown_data(_language):
    return format_html_join(" ", 'data-{}="{}"', sorted(countdown_patterns().items()))
