"""Work-order URLs × roles.

A technician sees only the orders assigned to them: the world's orders past `open` are the
matrix technician's (`world.users[TECHNICIAN]`), the open order is nobody's, so its page is
a 404 for the technician. Another technician's order is tested in tests/workorders/test_views.py.
"""

from io import BytesIO

from django.core.files.base import ContentFile
from PIL import Image

from desk import roles
from tests.matrix import DESK_ROLES, Case

VIEWERS = DESK_ROLES | {roles.HOUSEKEEPING, roles.TECHNICIAN}
# Who makes work orders: the desk and the housekeeping supervisor (from a patrol finding).
MAKERS = DESK_ROLES | {roles.HOUSEKEEPING}
FOLLOWERS = {roles.SERVICE_REP, roles.SUPERVISOR, roles.MANAGER}
CHECKERS = {roles.SUPERVISOR, roles.MANAGER}
TECHNICIANS = {roles.TECHNICIAN}


def png_bytes(size=(8, 8), color=(200, 30, 30)):
    buffer = BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def _pk(name):
    return lambda world: [getattr(world, name).pk]


def build(world):
    from django.utils import timezone

    from tests.factories import ComplaintFactory, WorkOrderFactory
    from workorders.models import Status, WorkOrderPhoto

    tech = world.users[roles.TECHNICIAN]
    now = timezone.now()

    def order(status, **extra):
        return WorkOrderFactory(unit=world.unit, status=status, assignee=tech, **extra)

    world.open_order = WorkOrderFactory(unit=world.unit)
    world.dispatched_order = order(Status.DISPATCHED, dispatched_at=now)
    world.started_order = order(Status.IN_PROGRESS, dispatched_at=now, started_at=now)
    world.done_order = order(
        Status.DONE, dispatched_at=now, started_at=now, done_at=now, work_notes="换了阀芯"
    )
    world.verified_order = order(
        Status.VERIFIED,
        dispatched_at=now,
        started_at=now,
        done_at=now,
        verified_at=now,
        satisfaction=5,
        work_notes="换了阀芯",
    )
    world.photo = WorkOrderPhoto.objects.create(
        order=world.done_order, image=ContentFile(png_bytes(), name="leak.png")
    )
    if not hasattr(world, "complaint"):
        world.complaint = ComplaintFactory(unit=world.unit)


CASES = [
    Case("workorders:list", allowed=VIEWERS),
    Case("workorders:export", allowed=VIEWERS),
    Case("workorders:create", allowed=MAKERS),
    Case(
        "workorders:create_from_complaint",
        args=lambda w: [w.complaint.pk],
        allowed=MAKERS,
    ),
    Case("workorders:detail", args=_pk("dispatched_order"), allowed=VIEWERS),
    Case(
        "workorders:detail",
        args=_pk("open_order"),
        allowed=VIEWERS,
        expect={roles.TECHNICIAN: 404},
        note="not assigned to the technician",
    ),
    Case("workorders:print", args=_pk("dispatched_order"), allowed=VIEWERS),
    Case("workorders:dispatch", args=_pk("open_order"), allowed=FOLLOWERS),
    Case(
        "workorders:start",
        args=_pk("dispatched_order"),
        method="post",
        expect={roles.TECHNICIAN: 302},
    ),
    Case("workorders:finish", args=_pk("started_order"), allowed=TECHNICIANS),
    Case("workorders:verify", args=_pk("done_order"), allowed=FOLLOWERS),
    Case("workorders:reopen", args=_pk("done_order"), allowed=FOLLOWERS),
    Case(
        "workorders:close",
        args=_pk("verified_order"),
        method="post",
        ok=302,
        allowed=FOLLOWERS,
    ),
    Case("workorders:cancel", args=_pk("open_order"), allowed=FOLLOWERS),
    Case("workorders:photo", args=_pk("photo"), allowed=VIEWERS),
    Case("workorders:my_today", allowed=TECHNICIANS),
    Case("workorders:daily_closing", allowed=FOLLOWERS),
    Case("workorders:daily_closing_export", allowed=FOLLOWERS),
    Case("workorders:completion_check", allowed=CHECKERS),
    Case("workorders:completion_export", allowed=CHECKERS),
]

# The POST of each form page, empty: the form is shown again (200) to who may send it,
# 403 for the others, 404 for another estate's manager; nothing changes.
CASES += [
    Case("workorders:create", method="post", allowed=MAKERS),
    Case(
        "workorders:create_from_complaint",
        args=lambda w: [w.complaint.pk],
        method="post",
        allowed=MAKERS,
    ),
    Case("workorders:dispatch", args=_pk("open_order"), method="post", allowed=FOLLOWERS),
    Case("workorders:finish", args=_pk("started_order"), method="post", allowed=TECHNICIANS),
    Case("workorders:verify", args=_pk("done_order"), method="post", allowed=FOLLOWERS),
    Case("workorders:reopen", args=_pk("done_order"), method="post", allowed=FOLLOWERS),
    Case("workorders:cancel", args=_pk("open_order"), method="post", allowed=FOLLOWERS),
]
