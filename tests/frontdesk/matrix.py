"""Front-desk URLs × roles: the front desk does the work; supervisors and managers read it.
A message is for its recipient (here the technician) whatever their role; everyone has
their own messages."""

from datetime import timedelta

from django.utils import timezone

from desk import roles
from tests.matrix import ALL_ROLES, Case

FD, SUP, MGR, TECH = roles.FRONT_DESK, roles.SUPERVISOR, roles.MANAGER, roles.TECHNICIAN
READERS = {FD, SUP, MGR}
DESK = {FD}
NOT_READERS = ALL_ROLES - READERS


def _pk(name):
    return lambda world: [getattr(world, name).pk]


def build(world):
    from frontdesk import services
    from frontdesk.models import LogEntry

    desk = world.users[FD]
    now = timezone.now()
    world.log_entry = services.log_entry_create(
        estate=world.estate,
        kind=LogEntry.Kind.CALL,
        unit=world.unit,
        resident=world.resident,
        purpose=LogEntry.Purpose.REPAIR,
        summary="厨房水龙头漏水",
        outcome=LogEntry.Outcome.PASSED_ON,
        department="engineering",
        at=now - timedelta(hours=2),
        resolve_by=now - timedelta(hours=1),
        by=desk,
    )
    world.incident = services.incident_announce(
        estate=world.estate,
        kind="water",
        title="3号楼停水",
        buildings=[world.building],
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=3),
        script="预计15:00恢复供水",
        by=desk,
    )
    world.staff_message = services.message_leave(
        estate=world.estate,
        recipient=world.users[TECH],
        from_name="李先生",
        text="请回电",
        by=desk,
    )
    world.release_pass = services.release_pass_issue(
        unit=world.unit,
        resident=world.resident,
        items="沙发一张",
        carrier="搬家公司",
        valid_on=timezone.localdate(),
        by=desk,
    )
    world.handover = services.handover_hand(estate=world.estate, by=desk, checked=[])


CASES = [
    Case("frontdesk:log", allowed=READERS),
    Case("frontdesk:log", method="post", allowed=DESK),
    Case("frontdesk:occupants", allowed=DESK),
    Case("frontdesk:log_list", allowed=READERS),
    Case("frontdesk:log_export", allowed=READERS),
    Case("frontdesk:entry_detail", args=_pk("log_entry"), allowed=READERS),
    Case("frontdesk:entry_resolve", args=_pk("log_entry"), allowed=DESK),
    Case("frontdesk:entry_resolve", args=_pk("log_entry"), method="post", allowed=DESK),
    Case("frontdesk:entry_to_complaint", args=_pk("log_entry"), allowed=DESK),
    Case("frontdesk:entry_to_complaint", args=_pk("log_entry"), method="post", allowed=DESK),
    Case("frontdesk:entry_to_work_order", args=_pk("log_entry"), allowed=DESK),
    Case("frontdesk:entry_to_work_order", args=_pk("log_entry"), method="post", allowed=DESK),
    Case("frontdesk:message_list", allowed=READERS),
    Case("frontdesk:message_list", method="post", allowed=DESK),
    Case("frontdesk:my_messages", allowed=ALL_ROLES),
    Case(
        "frontdesk:message_detail",
        args=_pk("staff_message"),
        allowed=READERS | {TECH},
        expect=dict.fromkeys(NOT_READERS - {TECH}, 404),
    ),
    Case(
        "frontdesk:message_done",
        args=_pk("staff_message"),
        method="post",
        expect=dict.fromkeys(ALL_ROLES, 302),
    ),
    Case("frontdesk:incident_list", allowed=READERS),
    Case("frontdesk:incident_new", allowed=DESK),
    Case("frontdesk:incident_new", method="post", allowed=DESK),
    Case("frontdesk:incident_detail", args=_pk("incident"), allowed=READERS),
    Case("frontdesk:incident_call", args=_pk("incident"), method="post", expect={FD: 302}),
    Case("frontdesk:incident_end", args=_pk("incident"), method="post", expect={FD: 302}),
    Case("frontdesk:pass_list", allowed=READERS),
    Case("frontdesk:pass_export", allowed=READERS),
    Case("frontdesk:pass_new", allowed=DESK),
    Case("frontdesk:pass_new", method="post", allowed=DESK),
    Case("frontdesk:pass_detail", args=_pk("release_pass"), allowed=READERS),
    Case("frontdesk:pass_print", args=_pk("release_pass"), allowed=READERS),
    Case("frontdesk:pass_use", args=_pk("release_pass"), method="post", expect={FD: 302}),
    Case("frontdesk:unit_authorise", args=_pk("unit"), allowed=DESK),
    Case("frontdesk:unit_authorise", args=_pk("unit"), method="post", allowed=DESK),
    Case("frontdesk:handover_list", allowed=READERS),
    Case("frontdesk:handover_new", allowed=DESK),
    Case("frontdesk:handover_new", method="post", expect={FD: 302}),
    Case("frontdesk:handover_detail", args=_pk("handover"), allowed=READERS),
    Case("frontdesk:handover_acknowledge", args=_pk("handover"), method="post", expect={FD: 302}),
    Case("tenants:unit_alerts", allowed=ALL_ROLES, note="what any staff must know of a unit"),
]
