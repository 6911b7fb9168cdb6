"""Estate moved from tenants to desk (desk 0006, tenants 0005, desk 0007): a database from
before the move keeps every row, every id, every link and the estate's history."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection

pytestmark = [pytest.mark.usefixtures("roles_survive_the_flush")]

BEFORE = [
    ("desk", "0005_number_sequence"),
    ("tenants", "0004_estate_settings"),
    ("complaints", "0006_estate_settings"),
    ("workorders", "0005_estate_settings"),
]
AFTER = [
    ("desk", "0007_estate_tables"),
    ("tenants", "0005_estate_to_desk"),
    ("complaints", "0007_estate_in_desk"),
    ("workorders", "0006_estate_in_desk"),
]
WHEN = datetime(2026, 11, 20, 2, 30, tzinfo=UTC)


def _before_the_move(apps):
    """What a database held before the move, written through the models of that time."""
    get = apps.get_model
    User = get("desk", "User")
    Estate = get("tenants", "Estate")
    manager = User.objects.create(username="wang", first_name="王芳")
    rep = User.objects.create(username="li")
    lake = Estate.objects.create(name="翠湖花园", code="CH", time_zone="Asia/Shanghai")
    tower = Estate.objects.create(name="金桥大厦", code="JQ", time_zone="Asia/Urumqi")
    lake.staff.add(manager.pk, rep.pk)
    tower.staff.add(manager.pk)
    history = get("tenants", "HistoricalEstate")
    for row, kind in [(lake, "+"), (tower, "+")]:
        history.objects.create(
            id=row.pk,
            name=row.name,
            code=row.code,
            time_zone=row.time_zone,
            history_date=WHEN,
            history_type=kind,
            history_user_id=manager.pk,
        )
    history.objects.create(
        id=lake.pk,
        name="翠湖花园一期",
        code="CH",
        time_zone="Asia/Shanghai",
        history_date=WHEN + timedelta(days=1),
        history_type="~",
        history_user_id=manager.pk,
    )
    building = get("tenants", "Building").objects.create(estate_id=lake.pk, number="3")
    unit = get("tenants", "Unit").objects.create(
        estate_id=lake.pk, building_id=building.pk, number="1502", floor=15, floor_area="89.50"
    )
    resident = get("tenants", "Resident").objects.create(estate_id=lake.pk, name="张伟")
    complaint = get("complaints", "Complaint").objects.create(
        estate_id=lake.pk,
        unit_id=unit.pk,
        resident_id=resident.pk,
        number="TS-2026-000123",
        channel="phone",
        category="noise",
        complainant_name="张伟",
        subject="楼上装修",
        description="晚上十点还在施工",
        occurred_on=date(2026, 11, 19),
        received_at=WHEN,
        received_by_id=rep.pk,
        first_response_due=WHEN + timedelta(minutes=30),
    )
    order = get("workorders", "WorkOrder").objects.create(
        number="WO-2026-000045",
        estate_id=lake.pk,
        building_id=building.pk,
        unit_id=unit.pk,
        complaint_id=complaint.pk,
        source="complaint",
        trade="plumbing",
        department="engineering",
        description="卫生间漏水",
        created_at=WHEN,
        due_at=WHEN + timedelta(days=1),
    )
    sequences = get("desk", "NumberSequence").objects
    sequences.create(kind="TS", year=2026, last=123)
    receipts = sequences.create(kind="RC", estate_id=tower.pk, year=2026, last=7)
    job = get("desk", "Job").objects.create(
        kind="tenants.import", estate_id=lake.pk, created_by_id=manager.pk, created_at=WHEN
    )
    # A database migrated before the move held the grant (tenants 0002 made it then).
    ContentType = get("contenttypes", "ContentType")
    Permission = get("auth", "Permission")
    estate_type, _ = ContentType.objects.get_or_create(app_label="tenants", model="estate")
    change, _ = Permission.objects.get_or_create(
        content_type_id=estate_type.pk,
        codename="change_estate",
        defaults={"name": "Can change estate"},
    )
    get("auth", "Group").objects.get(name="manager").permissions.add(change.pk)
    return {
        "lake": lake.pk,
        "tower": tower.pk,
        "manager": manager.pk,
        "rep": rep.pk,
        "building": building.pk,
        "unit": unit.pk,
        "resident": resident.pk,
        "complaint": complaint.pk,
        "order": order.pk,
        "receipts": receipts.pk,
        "job": job.pk,
    }


def test_moving_the_estate_to_desk_keeps_every_row_id_and_link(migrator):
    ids = _before_the_move(migrator.apply_initial_migration(BEFORE).apps)

    apps = migrator.apply_tested_migration(AFTER).apps
    get = apps.get_model
    Estate = get("desk", "Estate")

    assert list(Estate.objects.order_by("pk").values_list("pk", "name", "code", "time_zone")) == [
        (ids["lake"], "翠湖花园", "CH", "Asia/Shanghai"),
        (ids["tower"], "金桥大厦", "JQ", "Asia/Urumqi"),
    ]
    lake = Estate.objects.get(pk=ids["lake"])
    assert sorted(lake.staff.values_list("pk", flat=True)) == sorted([ids["manager"], ids["rep"]])
    User = get("desk", "User")
    assert list(
        User.objects.get(pk=ids["manager"]).estates.order_by("pk").values_list("pk", flat=True)
    ) == [ids["lake"], ids["tower"]]
    assert list(
        get("desk", "HistoricalEstate")
        .objects.order_by("history_date", "id")
        .values_list("id", "name", "history_type", "history_user_id")
    ) == [
        (ids["lake"], "翠湖花园", "+", ids["manager"]),
        (ids["tower"], "金桥大厦", "+", ids["manager"]),
        (ids["lake"], "翠湖花园一期", "~", ids["manager"]),
    ]
    # Every app's link reads its estate through desk's table.
    assert get("tenants", "Building").objects.get(pk=ids["building"]).estate.code == "CH"
    assert get("tenants", "Unit").objects.get(pk=ids["unit"]).estate.code == "CH"
    assert get("tenants", "Resident").objects.get(pk=ids["resident"]).estate.code == "CH"
    complaint = get("complaints", "Complaint").objects.get(pk=ids["complaint"])
    assert (complaint.number, complaint.estate.code, complaint.unit_id) == (
        "TS-2026-000123",
        "CH",
        ids["unit"],
    )
    order = get("workorders", "WorkOrder").objects.get(pk=ids["order"])
    assert (order.number, order.estate.code, order.complaint_id) == (
        "WO-2026-000045",
        "CH",
        ids["complaint"],
    )
    sequences = get("desk", "NumberSequence").objects.order_by("kind")
    assert [(s.kind, s.estate and s.estate.code, s.last) for s in sequences] == [
        ("RC", "JQ", 7),
        ("TS", None, 123),
    ]
    assert get("desk", "Job").objects.get(pk=ids["job"]).estate.code == "CH"
    # The manager keeps the grant, now desk's; no estate permission is left under tenants.
    manager_perms = get("auth", "Group").objects.get(name="manager").permissions
    change = manager_perms.get(codename="change_estate")
    assert change.content_type.app_label == "desk"
    ContentType = get("contenttypes", "ContentType")
    assert not ContentType.objects.filter(app_label="tenants", model__contains="estate").exists()
    # The tables carry desk's names; a new estate continues after the old ids.
    tables = set(connection.introspection.table_names())
    assert {"desk_estate", "desk_estate_staff", "desk_historicalestate"} <= tables
    assert not {"tenants_estate", "tenants_estate_staff", "tenants_historicalestate"} & tables
    assert Estate.objects.create(name="新城", code="XC").pk > ids["tower"]
