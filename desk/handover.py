"""The shift handover's sections (交接班): what is open at the end of a shift, added by the apps.

An app adds a section from its `AppConfig.ready()` (in `<app>/hooks.py`):

    register_handover_section("mailroom.uncollected", title=_("Mail not collected"),
                              template="mailroom/handover_uncollected.html",
                              context=uncollected_for_handover, order=40)

`context(estate, window, user)` is a selector call: `estate` is the desk's estate, `window`
a `ShiftWindow` (aware `start` and `end`, the end exclusive: the shift being handed over)
and `user` the receptionist handing over. It returns the section's data as plain values
(str, int, float, bool, None, lists and dicts of them; a date or time as an ISO string,
or already written in the estate's zone with `desk.clock.local_time`), because the
handover keeps what it listed when it was handed over: once acknowledged it is read-only
and shows the data as it was, not as it is now. A `"count"` key, when given, is what the
handover's summary counts for the section ("3 mail items not collected").

Stored data is not translated text: keep codes (a mail kind "parcel"), and give
`prepare(data) -> data` to turn them into labels at reading time, in the reader's
language (as `desk.inbox` kinds do). The template gets the prepared data as `data` and the
section as `section`.

The handover renders, in `order`, every registered section: `handover_snapshot(...)` takes
the data of all of them, `handover_blocks(snapshot)` prepares a kept snapshot for its
templates (a section registered since shows nothing; one that is gone is left out).
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string


@dataclass(frozen=True)
class ShiftWindow:
    """The shift being handed over: aware `start` and `end`, the end exclusive."""

    start: datetime
    end: datetime

    def __post_init__(self):
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("A shift window is aware.")
        if self.end <= self.start:
            raise ValueError("A shift ends after it starts.")


@dataclass(frozen=True)
class HandoverSection:
    name: str
    title: object  # a lazily translated string
    template: str
    context: Callable  # (estate, window, user) -> dict of plain values
    order: int = 100
    prepare: Callable[[dict], dict] | None = None


@dataclass(frozen=True)
class HandoverBlock:
    """One section of a handover, ready for its template."""

    section: HandoverSection
    data: dict

    @property
    def count(self):
        return self.data.get("count")

    def render(self, request=None) -> str:
        return render_to_string(
            self.section.template, {"section": self.section, "data": self.data}, request=request
        )


_sections: dict[str, HandoverSection] = {}


def register_handover_section(
    name, *, title, template, context, order=100, prepare=None
) -> HandoverSection:
    """Add (or replace, by name) a section of the shift handover."""
    section = HandoverSection(name, title, template, context, order, prepare)
    _sections[name] = section
    return section


def handover_sections() -> list[HandoverSection]:
    """Every registered section, in the handover's order."""
    return sorted(_sections.values(), key=lambda section: (section.order, section.name))


def _plain(data) -> dict:
    """The data as the handover keeps it (JSON), so that a kept one reads as a fresh one."""
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def handover_snapshot(estate, window: ShiftWindow, user) -> dict[str, dict]:
    """Each section's data at this moment, by name, as plain values to keep."""
    return {
        section.name: _plain(section.context(estate, window, user) or {})
        for section in handover_sections()
    }


def handover_blocks(snapshot: dict[str, dict]) -> list[HandoverBlock]:
    """The sections of a snapshot, in order, each prepared in the active language."""
    blocks = []
    for section in handover_sections():
        if section.name not in snapshot:
            continue
        data = dict(snapshot[section.name])
        if section.prepare is not None:
            data = section.prepare(data)
        blocks.append(HandoverBlock(section, data))
    return blocks
