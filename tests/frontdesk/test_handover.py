"""The shift handover: what is open, computed against known open items; kept as it was;
acknowledged by the next receptionist in her own session, never by its author."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from complaints.services import complaint_receive, complaint_respond
from desk import roles
from desk.errors import BusinessRuleError
from desk.inbox import inbox_for
from frontdesk import services
from frontdesk.models import Handover, HandoverChecklist
from tests.factories import UserFactory
from workorders.services import workorder_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def next_desk(estate):
    return UserFactory(username="nextdesk", roles=[roles.FRONT_DESK], estates=[estate])


@pytest.fixture
def known_open(estate, unit, front_desk, passed_on, water_cut, technician):
    """One of each: overdue, open, waiting complaint (and one answered), an order of the
    shift (and one closed before it), an unread message."""
    now = timezone.now()
    overdue = passed_on(hours=-0.1)  # its agreed time has just passed
    open_entry = passed_on(hours=3)
    waiting = complaint_receive(
        estate=estate,
        unit=unit,
        channel="phone",
        category="noise",
        complainant_name="王",
        subject="楼上噪音",
        description="夜里装修",
        occurred_on=timezone.localdate(),
        by=front_desk,
    )
    answered = complaint_receive(
        estate=estate,
        unit=unit,
        channel="phone",
        category="noise",
        complainant_name="赵",
        subject="已答复",
        description="x",
        occurred_on=timezone.localdate(),
        by=front_desk,
    )
    complaint_respond(complaint=answered, plan="今天上门", by=front_desk)
    order = workorder_create(
        estate=estate,
        source="repair_call",
        trade="plumbing",
        description="水管",
        unit=unit,
        by=front_desk,
    )
    services.message_leave(
        estate=estate, recipient=technician, from_name="3-1502 张先生", text="请回电", by=front_desk
    )
    return {"overdue": overdue, "open": open_entry, "waiting": waiting, "order": order, "now": now}


def _section(handover, name):
    return handover.snapshot[name]


def test_the_handover_lists_what_is_open_computed(front_desk, estate, known_open, water_cut):
    handover = services.handover_hand(estate=estate, by=front_desk, checked=[])
    assert [r["id"] for r in _section(handover, "frontdesk.overdue")["rows"]] == [
        known_open["overdue"].pk
    ]
    assert [r["id"] for r in _section(handover, "frontdesk.open")["rows"]] == [
        known_open["open"].pk
    ]
    complaints = _section(handover, "frontdesk.complaints")
    assert (complaints["count"], complaints["rows"][0]["number"]) == (
        1,
        known_open["waiting"].number,
    )
    assert [r["number"] for r in _section(handover, "frontdesk.workorders")["rows"]] == [
        known_open["order"].number
    ]
    assert [r["id"] for r in _section(handover, "frontdesk.incidents")["rows"]] == [water_cut.pk]
    assert _section(handover, "frontdesk.messages")["count"] == 1


def test_an_order_taken_before_the_shift_is_not_this_shifts(front_desk, estate, unit):
    with time_machine.travel(timezone.now() - timedelta(hours=10)):
        workorder_create(
            estate=estate,
            source="repair_call",
            trade="plumbing",
            description="旧",
            unit=unit,
            by=front_desk,
        )
    handover = services.handover_hand(estate=estate, by=front_desk, checked=[])
    assert _section(handover, "frontdesk.workorders")["count"] == 0


def test_the_next_shift_starts_where_the_last_ended(front_desk, next_desk, estate):
    first = services.handover_hand(estate=estate, by=front_desk, checked=[])
    second = services.handover_hand(estate=estate, by=next_desk, checked=[])
    assert second.shift_start == first.shift_end


def test_the_handover_keeps_what_it_listed(client_for, front_desk, next_desk, estate, passed_on):
    entry = passed_on(hours=3)
    handover = services.handover_hand(estate=estate, by=front_desk, checked=[])
    services.log_entry_resolve(entry=entry, resolution="修好了", by=front_desk)
    page = client_for(next_desk).get(reverse("frontdesk:handover_detail", args=[handover.pk]))
    assert reverse("frontdesk:entry_detail", args=[entry.pk]) in page.content.decode()


def test_the_checklist_and_notes_are_kept(front_desk, estate):
    HandoverChecklist.objects.create(estate=estate, items="前台钥匙\n对讲机 ×2\n")
    handover = services.handover_hand(
        estate=estate, by=front_desk, checked=["前台钥匙"], notes="5-802 业主下午来取钥匙"
    )
    assert handover.checklist == [
        {"item": "前台钥匙", "ok": True},
        {"item": "对讲机 ×2", "ok": False},
    ]
    assert handover.notes == "5-802 业主下午来取钥匙"


def test_the_author_cannot_acknowledge(client_for, front_desk, estate):
    handover = services.handover_hand(estate=estate, by=front_desk, checked=[])
    client_for(front_desk).post(reverse("frontdesk:handover_acknowledge", args=[handover.pk]))
    handover.refresh_from_db()
    assert handover.acknowledged_at is None
    with pytest.raises(BusinessRuleError):
        services.handover_acknowledge(handover=handover, by=front_desk)


def test_the_wrong_user_cannot_acknowledge(
    client_for, front_desk, estate, supervisor, other_estate
):
    outsider = UserFactory(roles=[roles.FRONT_DESK], estates=[other_estate])
    handover = services.handover_hand(estate=estate, by=front_desk, checked=[])
    with pytest.raises(BusinessRuleError):  # not the next receptionist
        services.handover_acknowledge(handover=handover, by=supervisor)
    url = reverse("frontdesk:handover_acknowledge", args=[handover.pk])
    assert client_for(supervisor).post(url).status_code == 403
    assert client_for(outsider).post(url).status_code == 404
    handover.refresh_from_db()
    assert handover.acknowledged_by is None


def test_the_next_receptionist_acknowledges_in_her_session_then_it_is_read_only(
    client_for, front_desk, next_desk, estate
):
    handover = services.handover_hand(estate=estate, by=front_desk, checked=[])
    client = client_for(next_desk)
    page = client.get(reverse("frontdesk:handover_detail", args=[handover.pk])).content.decode()
    assert 'id="handover-acknowledge"' in page
    client.post(reverse("frontdesk:handover_acknowledge", args=[handover.pk]))
    handover.refresh_from_db()
    assert handover.acknowledged_by == next_desk
    with pytest.raises(BusinessRuleError):
        services.handover_acknowledge(
            handover=handover, by=UserFactory(roles=[roles.FRONT_DESK], estates=[estate])
        )
    page = client.get(reverse("frontdesk:handover_detail", args=[handover.pk])).content.decode()
    assert 'id="handover-acknowledge"' not in page and 'id="handover-acknowledged"' in page


def test_a_handover_left_unacknowledged_reaches_the_supervisors_inbox_once(
    front_desk, estate, supervisor
):
    handover = services.handover_hand(estate=estate, by=front_desk, checked=[])
    assert services.handovers_tell_supervisors() == 0
    later = timezone.now() + timedelta(minutes=31)
    assert services.handovers_tell_supervisors(now=later) == 1
    assert services.handovers_tell_supervisors(now=later) == 0
    [note] = inbox_for(supervisor)
    assert note.url == reverse("frontdesk:handover_detail", args=[handover.pk])


def test_the_list_shows_the_waiting_and_the_history(client_for, front_desk, next_desk, estate):
    done = services.handover_hand(estate=estate, by=front_desk, checked=[])
    services.handover_acknowledge(handover=done, by=next_desk)
    waiting = services.handover_hand(estate=estate, by=next_desk, checked=[])
    response = client_for(front_desk).get(reverse("frontdesk:handover_list"))
    assert response.context["waiting"] == [waiting]
    assert response.context["history"] == [done]


def test_the_form_shows_the_sections_and_hands_over(client_for, front_desk, estate, passed_on):
    passed_on(hours=3)
    client = client_for(front_desk)
    page = client.get(reverse("frontdesk:handover_new")).content.decode()
    assert 'data-section="frontdesk.open"' in page
    response = client.post(reverse("frontdesk:handover_new"), {"estate": estate.pk, "notes": "无"})
    handover = Handover.objects.get()
    assert response["Location"] == reverse("frontdesk:handover_detail", args=[handover.pk])


def test_the_front_desks_home_shows_its_day_and_the_open_handover(
    client_for, front_desk, next_desk, estate, passed_on
):
    passed_on(hours=-0.1)
    handover = services.handover_hand(estate=estate, by=front_desk, checked=[])
    html = client_for(next_desk).get(reverse("home")).content.decode()
    assert 'id="home-frontdesk-overdue"' in html
    assert reverse("frontdesk:handover_detail", args=[handover.pk]) in html


def test_a_long_section_lists_its_first_rows_and_counts_them_all(
    monkeypatch, front_desk, estate, passed_on
):
    from frontdesk import selectors

    monkeypatch.setattr(selectors, "HANDOVER_ROWS", 2)
    entries = [passed_on(hours=hours) for hours in (3, 1, 2)]
    handover = services.handover_hand(estate=estate, by=front_desk, checked=[])
    section = _section(handover, "frontdesk.open")
    assert section["count"] == 3
    assert [row["id"] for row in section["rows"]] == [entries[1].pk, entries[2].pk]
    assert _section(handover, "frontdesk.messages") == {"count": 0, "rows": []}
