"""workorders 0007: the timeline's stored sentences become kinds and values (with data)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("roles_survive_the_flush"),
]

WORKORDERS = ("workorders", "0006_estate_in_desk"), ("workorders", "0007_events_store_kinds")
RECEIVED = datetime(2026, 11, 20, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))

WORKORDER_EVENTS = [
    ("created", "", {}),
    ("dispatched", "李师傅", {"assignee": "李师傅"}),
    ("finished", "更换阀芯", {"note": "更换阀芯"}),
    ("verified", "4/5 很好", {"score": 4, "note": "很好"}),
    ("verified", "5/5", {"score": 5, "note": ""}),
    ("reopened", "The resident is not satisfied (2/5).", {"score": 2, "note": ""}),
    ("reopened", "业户不满意（1/5）。", {"score": 1, "note": ""}),
    ("reopened", "还在漏", {"note": "还在漏"}),
    ("cancelled", "住户自行修好", {"note": "住户自行修好"}),
]


def test_work_order_sentences_become_kinds_and_values(migrator):
    old = migrator.apply_initial_migration(WORKORDERS[0]).apps
    estate = old.get_model("desk", "Estate").objects.create(name="翠湖花园", code="CH")
    WorkOrder = old.get_model("workorders", "WorkOrder")
    order = WorkOrder.objects.create(
        number="WO-2026-000001",
        estate=estate,
        source="repair_call",
        trade="plumbing",
        department="engineering",
        description="漏水",
        location="3号楼大堂",
        created_at=RECEIVED,
        due_at=RECEIVED + timedelta(hours=4),
    )
    WorkOrderEvent = old.get_model("workorders", "WorkOrderEvent")
    for kind, note, _values in WORKORDER_EVENTS:
        WorkOrderEvent.objects.create(order=order, at=RECEIVED, kind=kind, note=note)

    new = migrator.apply_tested_migration(WORKORDERS[1]).apps

    order_events = new.get_model("workorders", "WorkOrderEvent").objects.order_by("pk")
    assert [(e.kind, e.values) for e in order_events] == [(k, v) for k, _n, v in WORKORDER_EVENTS]
