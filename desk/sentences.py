"""Stored events are not translated text: a record keeps a kind and its values, and the
sentence is made when someone reads it, in the reader's language.

`sentence(text, values)` fills a lazily translated format string (`%(name)s`) with the
stored values, in the active language. A value the string names but the record lacks
shows as a dash instead of failing the page (an old row, a renamed value).
"""

from collections.abc import Mapping


class _Values(dict):
    def __missing__(self, key):
        return "—"


def sentence(text, values: Mapping) -> str:
    return str(text) % _Values(values)


def note_of(values: Mapping) -> str:
    """The free text a person typed (a plan, a reason), kept as typed: shown as is."""
    return str(values.get("note", "") or "")
