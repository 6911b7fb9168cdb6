"""The migration that stops cases copying a resident's phone (complaints 0009, work orders
0008 and 0009), run on a database that holds the copies: each copy of the linked resident's
own number is cleared, a complaint's work order gets the complaint's resident, and every
number that is not the register's (a visitor's, another one) stays."""

from datetime import UTC, date, datetime, timedelta

import pytest

pytestmark = [pytest.mark.usefixtures("roles_survive_the_flush")]

# The migrator applies the whole plan up to the last target, so each app's migration is
# tested from a state just before it (complaints 0009 comes before work orders 0007).
COMPLAINTS_BEFORE = [
    ("tenants", "0005_estate_to_desk"),
    ("complaints", "0008_events_and_notifications_store_kinds"),
]
COMPLAINTS_AFTER = [("complaints", "0009_phone_through_resident")]
ORDERS_BEFORE = [("workorders", "0007_events_store_kinds")]
ORDERS_AFTER = [("workorders", "0009_phone_through_resident")]
WHEN = datetime(2026, 11, 20, 2, 30, tzinfo=UTC)


def _cases_with_copies(apps, *, orders):
    get = apps.get_model
    rep = get("desk", "User").objects.create(username="li")
    lake = get("desk", "Estate").objects.create(name="翠湖花园", code="CH")
    building = get("tenants", "Building").objects.create(estate_id=lake.pk, number="3")
    unit = get("tenants", "Unit").objects.create(
        estate_id=lake.pk, building_id=building.pk, number="1502", floor=15, floor_area="89.50"
    )
    zhang = get("tenants", "Resident").objects.create(
        estate_id=lake.pk, name="张伟", mobile="13812345678", phone_other="02155551234"
    )
    Complaint = get("complaints", "Complaint").objects
    number = iter(range(1, 100))

    def complaint(phone, resident=None):
        return Complaint.create(
            estate_id=lake.pk,
            unit_id=unit.pk,
            resident_id=resident.pk if resident else None,
            number=f"TS-2026-{next(number):06d}",
            channel="phone",
            category="noise",
            complainant_name="张伟" if resident else "访客刘先生",
            complainant_phone=phone,
            subject="楼上装修",
            description="晚上十点还在施工",
            occurred_on=date(2026, 11, 19),
            received_at=WHEN,
            received_by_id=rep.pk,
            first_response_due=WHEN + timedelta(minutes=30),
        ).pk

    def order(phone, complaint=None):
        return (
            get("workorders", "WorkOrder")
            .objects.create(
                number=f"WO-2026-{next(number):06d}",
                estate_id=lake.pk,
                building_id=building.pk,
                unit_id=unit.pk,
                complaint_id=complaint,
                source="complaint" if complaint else "repair_call",
                trade="plumbing",
                department="engineering",
                description="卫生间漏水",
                requested_by_phone=phone,
                created_at=WHEN,
                due_at=WHEN + timedelta(days=1),
            )
            .pk
        )

    ids = {
        "resident": zhang.pk,
        "copied": complaint("13812345678", zhang),
        "copied_other": complaint("02155551234", zhang),
        "own_number": complaint("13900002222", zhang),
        "visitor": complaint("13700004321"),
    }
    if not orders:
        return ids
    ids["copied_order"] = order("13812345678", ids["copied"])
    ids["own_number_order"] = order("13900002222", ids["own_number"])
    ids["visitor_order"] = order("13700004321", ids["visitor"])
    ids["repair_call"] = order("13812345678")  # free text, no link: not the register's copy
    return ids


def test_the_complaints_copies_of_a_residents_phone_are_cleared(migrator):
    ids = _cases_with_copies(migrator.apply_initial_migration(COMPLAINTS_BEFORE).apps, orders=False)

    get = migrator.apply_tested_migration(COMPLAINTS_AFTER).apps.get_model

    phones = dict(get("complaints", "Complaint").objects.values_list("pk", "complainant_phone"))
    assert phones == {
        ids["copied"]: "",
        ids["copied_other"]: "",
        ids["own_number"]: "13900002222",
        ids["visitor"]: "13700004321",
    }


def test_a_complaints_work_order_gets_its_resident_and_loses_the_copy(migrator):
    ids = _cases_with_copies(migrator.apply_initial_migration(ORDERS_BEFORE).apps, orders=True)

    get = migrator.apply_tested_migration(ORDERS_AFTER).apps.get_model

    orders = {
        pk: (resident, phone)
        for pk, resident, phone in get("workorders", "WorkOrder").objects.values_list(
            "pk", "resident_id", "requested_by_phone"
        )
    }
    assert orders == {
        ids["copied_order"]: (ids["resident"], ""),
        ids["own_number_order"]: (ids["resident"], "13900002222"),
        ids["visitor_order"]: (None, "13700004321"),
        ids["repair_call"]: (None, "13812345678"),
    }
