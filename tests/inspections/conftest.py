import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from inspections import services
from inspections.models import PatrolPoint, Round, RoundType


def photo_upload(name="finding.png", fmt="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def route(estate, building):
    """Three points of building 3's public-area route, in order."""
    return [
        PatrolPoint.objects.create(
            estate=estate,
            round_type=RoundType.PUBLIC_AREA,
            building=building,
            name=name,
            position=i,
            code=f"P{i}{building.pk:03d}",
        )
        for i, name in enumerate(["大堂", "电梯厅", "地下车库"], start=1)
    ]


@pytest.fixture
def make_round(estate, building, rep):
    """A round of `by` (the rep), started, every item ticked OK, and submitted unless told."""

    def make(
        by=None, round_type=RoundType.PUBLIC_AREA, submit=True, findings=0, started_at=None, **place
    ):
        by = by or rep
        if not place and round_type != RoundType.VACANT_UNIT:
            place = {"building": building}
        round_ = services.round_start(
            estate=estate, round_type=round_type, by=by, now=started_at, **place
        )
        for item in round_.checklist.items.all():
            services.round_check_item(round=round_, item=item, ok=True, by=by)
        for i in range(findings):
            services.finding_add(
                round=round_,
                description=f"发现 {i}",
                by=by,
                now=(started_at + datetime.timedelta(minutes=5)) if started_at else None,
            )
        if submit:
            round_ = services.round_submit(
                round=round_,
                by=by,
                now=(started_at + datetime.timedelta(minutes=30)) if started_at else None,
            )
        return Round.objects.get(pk=round_.pk)

    return make


@pytest.fixture
def at():
    """An aware instant in Shanghai: at(2026, 3, 31, 23, 50)."""

    def make(*args):
        return timezone.make_aware(
            datetime.datetime(*args), timezone=datetime.timezone(datetime.timedelta(hours=8))
        )

    return make
