from datetime import timedelta

import pytest
from django.utils import timezone

from frontdesk import services
from frontdesk.models import LogEntry


@pytest.fixture
def log_call(estate, front_desk):
    """Log a call: `log_call(summary=..., **overrides)`."""

    def make(**overrides):
        values = {
            "estate": estate,
            "kind": LogEntry.Kind.CALL,
            "caller_name": "李先生",
            "purpose": LogEntry.Purpose.INQUIRY,
            "summary": "询问停车月卡办理",
            "outcome": LogEntry.Outcome.ANSWERED,
            "by": front_desk,
        }
        values.update(overrides)
        return services.log_entry_create(**values)

    return make


@pytest.fixture
def passed_on(log_call, unit, occupancy):
    """Factory: an entry passed to engineering, its agreed time `hours` from now."""

    def make(hours=2, **overrides):
        now = timezone.now()
        return log_call(
            unit=unit,
            resident=occupancy.resident,
            caller_name="",
            purpose=LogEntry.Purpose.REPAIR,
            summary="卫生间漏水\n楼下天花板有水印",
            outcome=LogEntry.Outcome.PASSED_ON,
            department="engineering",
            at=now - timedelta(minutes=30),
            resolve_by=now + timedelta(hours=hours),
            **overrides,
        )

    return make


@pytest.fixture
def water_cut(estate, building, front_desk):
    now = timezone.now()
    return services.incident_announce(
        estate=estate,
        kind="water",
        title="3号楼停水检修",
        buildings=[building],
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=4),
        script="二次供水水箱清洗，预计下午四点恢复。",
        by=front_desk,
    )
