"""The shift handover's registry: the apps' sections, their kept data, read in any language."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils.translation import gettext_lazy

from desk import handover


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(handover, "_sections", {})
    return handover


def _window():
    end = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    return handover.ShiftWindow(start=end - timedelta(hours=8), end=end)


def test_sections_come_in_order_and_a_name_registered_again_replaces_it(registry):
    registry.register_handover_section(
        "b.second", title="B", template="t.html", context=lambda *a: {}, order=20
    )
    registry.register_handover_section(
        "a.first", title="A", template="t.html", context=lambda *a: {}, order=10
    )
    registry.register_handover_section(
        "b.second", title="B2", template="t.html", context=lambda *a: {}, order=5
    )
    assert [(s.name, s.title) for s in registry.handover_sections()] == [
        ("b.second", "B2"),
        ("a.first", "A"),
    ]


def test_the_snapshot_keeps_plain_values_given_the_estate_window_and_user(registry):
    seen = []

    def context(estate, window, user):
        seen.append((estate, window, user))
        return {"count": 2, "oldest": window.start, "rows": [{"kind": "parcel"}]}

    registry.register_handover_section("m.mail", title="Mail", template="t.html", context=context)
    window = _window()
    snapshot = registry.handover_snapshot("estate", window, "user")
    assert seen == [("estate", window, "user")]
    assert snapshot == {
        "m.mail": {"count": 2, "oldest": "2026-12-01T00:00:00Z", "rows": [{"kind": "parcel"}]}
    }


def test_a_kept_snapshot_is_prepared_in_the_readers_language(registry):
    labels = {"parcel": gettext_lazy("Parcel")}
    registry.register_handover_section(
        "m.mail",
        title="Mail",
        template="t.html",
        context=lambda *a: {},
        prepare=lambda data: {**data, "label": str(labels[data["kind"]])},
    )
    snapshot = {"m.mail": {"kind": "parcel", "count": 1}, "gone.section": {"count": 9}}
    [block] = registry.handover_blocks(snapshot)
    assert (block.section.name, block.count) == ("m.mail", 1)
    assert block.data["label"] == "Parcel"
    assert snapshot["m.mail"] == {"kind": "parcel", "count": 1}  # the kept data is untouched


def test_a_shift_window_is_aware_and_ends_after_it_starts():
    start = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
    with pytest.raises(ValueError):
        handover.ShiftWindow(start=start, end=start)
    with pytest.raises(ValueError):
        handover.ShiftWindow(start=start.replace(tzinfo=None), end=start.replace(tzinfo=None))
