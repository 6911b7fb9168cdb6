"""The mail states: registered with a code, handed out once against it and a signature,
delivered, returned or voided with a reason; never deleted, never handed out twice."""

import pytest
from django.core import mail as outbox
from django.test import TestCase

from desk.errors import BusinessRuleError, IllegalTransition
from mailroom.models import MailItem
from mailroom.services import mail_deliver, mail_hand_out, mail_register, mail_return, mail_void
from tests.factories import ResidentFactory, UnitFactory
from tests.mailroom.matrix import SIGNATURE

pytestmark = pytest.mark.django_db
S = MailItem.Status


def test_a_parcel_for_an_occupied_unit_goes_to_its_occupant_with_a_six_digit_code(
    register_one, occupancy, resident
):
    item = register_one(tracking_number="SF1234567890")
    assert (item.resident, item.status, item.unit.label) == (resident, S.RECEIVED, "3-1502")
    assert len(item.pickup_code) == 6 and item.pickup_code.isdigit()


def test_a_recipient_with_an_email_is_notified_with_the_code(register_one, occupancy, resident):
    resident.email = "zhangwei@example.com"
    resident.save()
    with TestCase.captureOnCommitCallbacks(execute=True):
        item = register_one(tracking_number="SF1")
    item.refresh_from_db()
    assert (item.status, item.notified_by) == (S.NOTIFIED, "email")
    assert [m.to for m in outbox.outbox] == [["zhangwei@example.com"]]
    assert item.pickup_code in outbox.outbox[0].body


def test_a_company_in_a_tower_is_kept_by_its_name(front_desk, estate):
    [item] = mail_register(
        estate=estate,
        rows=[{"kind": "letter", "unit": None, "recipient_name": "金桥科技有限公司"}],
        by=front_desk,
    )
    assert (item.resident, item.recipient_name) == (None, "金桥科技有限公司")


def test_the_named_occupant_is_the_recipient(register_one, unit, estate, occupancy):
    from tests.factories import OccupancyFactory

    renter = ResidentFactory(estate=estate, name="李娜")
    OccupancyFactory(unit=unit, resident=renter, role="occupant")
    assert register_one(recipient_name="李娜").resident == renter


def test_a_batch_with_one_bad_row_saves_nothing_and_names_the_row(front_desk, estate, unit):
    elsewhere = UnitFactory()
    rows = [{"kind": "parcel", "unit": unit, "tracking_number": f"JD{n}"} for n in range(3)]
    rows.insert(2, {"kind": "parcel", "unit": elsewhere, "tracking_number": "JDX"})
    with pytest.raises(BusinessRuleError, match="Row 3"):
        mail_register(estate=estate, rows=rows, by=front_desk)
    assert MailItem.objects.count() == 0


def test_ten_parcels_of_one_courier_get_ten_different_codes(front_desk, estate, unit):
    rows = [{"kind": "parcel", "unit": unit, "tracking_number": f"SF{n}"} for n in range(10)]
    items = mail_register(estate=estate, rows=rows, by=front_desk)
    assert len({item.pickup_code for item in items}) == 10


def test_a_clashing_code_is_drawn_again(monkeypatch, register_one):
    first = register_one()
    codes = iter([first.pickup_code, first.pickup_code, "654321"])
    monkeypatch.setattr("mailroom.services.new_pickup_code", lambda: next(codes))
    assert register_one().pickup_code == "654321"


def test_a_code_is_free_again_once_its_item_left_the_desk(monkeypatch, register_one, front_desk):
    first = register_one()
    mail_hand_out(item=first, by=front_desk, code=first.pickup_code, signed_name="张伟")
    monkeypatch.setattr("mailroom.services.new_pickup_code", lambda: first.pickup_code)
    assert register_one().pickup_code == first.pickup_code


def test_hand_out_against_the_code_and_a_drawn_signature(register_one, front_desk, occupancy):
    item = register_one()
    done = mail_hand_out(item=item, by=front_desk, code=item.pickup_code, signature=SIGNATURE)
    assert (done.status, done.collector, done.collector_name, done.handed_by) == (
        S.COLLECTED,
        "resident",
        "张伟",
        front_desk,
    )
    assert done.signature.read().startswith(b"\x89PNG")


def test_a_wrong_code_is_refused_and_changes_nothing(register_one, front_desk):
    item = register_one()
    wrong = "000000" if item.pickup_code != "000000" else "111111"
    with pytest.raises(BusinessRuleError, match="Wrong pickup code"):
        mail_hand_out(item=item, by=front_desk, code=wrong, signed_name="张伟")
    item.refresh_from_db()
    assert (item.status, item.handed_at) == (S.RECEIVED, None)


def test_without_the_code_the_id_is_checked(register_one, front_desk):
    item = register_one()
    with pytest.raises(BusinessRuleError, match="ID"):
        mail_hand_out(item=item, by=front_desk, signed_name="张伟")
    assert mail_hand_out(item=item, by=front_desk, id_checked=True, signed_name="张伟").id_checked


def test_no_signature_no_hand_out(register_one, front_desk):
    item = register_one()
    with pytest.raises(BusinessRuleError, match="signature"):
        mail_hand_out(item=item, by=front_desk, code=item.pickup_code)
    with pytest.raises(BusinessRuleError, match="not a drawing"):
        mail_hand_out(
            item=item, by=front_desk, code=item.pickup_code, signature="data:image/png;base64,AAAA"
        )


def test_a_third_party_needs_a_name_and_the_authorisation(register_one, front_desk):
    item = register_one()
    with pytest.raises(BusinessRuleError, match="authorisation"):
        mail_hand_out(
            item=item, by=front_desk, code=item.pickup_code, collector="proxy", signed_name="王五"
        )
    done = mail_hand_out(
        item=item,
        by=front_desk,
        code=item.pickup_code,
        collector="proxy",
        collector_name="王五",
        authorisation="业主电话授权",
        signed_name="王五",
    )
    assert (done.collector, done.collector_name, done.authorisation) == (
        "proxy",
        "王五",
        "业主电话授权",
    )


def test_a_collected_item_cannot_be_collected_again_or_voided(register_one, front_desk):
    item = register_one()
    mail_hand_out(item=item, by=front_desk, code=item.pickup_code, signed_name="张伟")
    with pytest.raises(IllegalTransition):
        mail_hand_out(item=item, by=front_desk, code=item.pickup_code, signed_name="张伟")
    with pytest.raises(IllegalTransition):
        mail_void(item=item, by=front_desk, reason="登记错误")
    with pytest.raises(IllegalTransition):
        mail_deliver(item=item, by=front_desk, signed_name="张伟")


def test_a_void_needs_a_reason_and_keeps_the_entry(register_one, front_desk):
    item = register_one()
    with pytest.raises(BusinessRuleError, match="reason"):
        mail_void(item=item, by=front_desk, reason="  ")
    mail_void(item=item, by=front_desk, reason="登记错误，重复录入")
    item.refresh_from_db()
    assert (item.status, item.reason, item.closed_by) == (
        S.VOIDED,
        "登记错误，重复录入",
        front_desk,
    )
    assert MailItem.objects.filter(pk=item.pk).exists()


def test_returned_to_the_sender_with_a_reason(register_one, front_desk):
    item = register_one()
    mail_return(item=item, by=front_desk, reason="查无此人")
    item.refresh_from_db()
    assert (item.status, item.reason) == (S.RETURNED, "查无此人")


def test_delivered_to_the_unit_signed_by_the_receiver(register_one, front_desk):
    done = mail_deliver(item=register_one(), by=front_desk, signed_name="张伟家人")
    assert (done.status, done.collector_name, done.signed_name) == (
        S.DELIVERED,
        "张伟家人",
        "张伟家人",
    )
