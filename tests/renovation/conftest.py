"""Renovation's fixtures: a permit applied for by the owner of 3-1502, and the steps."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from desk.clock import estate_today
from renovation import services
from renovation.models import AcceptanceItem, PatrolItem


def apply_for(unit, resident, by, **overrides):
    today = estate_today(unit.estate)
    values = {
        "unit": unit,
        "applicant": resident,
        "contractor": "上海安居装饰工程有限公司",
        "contractor_lead": "陈师傅",
        "contractor_phone": "13611112222",
        "workers": 4,
        "scopes": ["waterproofing", "plumbing"],
        "description": "卫生间翻新，重做防水层",
        "planned_start": today,
        "planned_end": today + datetime.timedelta(days=30),
        "deposit": Decimal("2000.00"),
        "fee": Decimal("300.00"),
        "by": by,
    }
    values.update(overrides)
    return services.permit_apply(**values)


def all_ok(items=PatrolItem):
    return {item.value: True for item in items}


def acceptance_ok():
    return all_ok(AcceptanceItem)


def photo(name="site.jpg", fmt="JPEG"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def permit(occupancy, front_desk):
    return apply_for(occupancy.unit, occupancy.resident, front_desk)


@pytest.fixture
def active_permit(permit, manager):
    return services.permit_approve(permit=permit, by=manager)
