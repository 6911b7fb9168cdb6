"""Work-order URLs × roles.

A technician sees only the orders assigned to them. The matrix creates its per-role
users after `build`, so the URLs about one order hand that order to the matrix's
technician (`m-technician`) as soon as that user exists: the technician role then
acts on its own order, every other role is unaffected (they are asked first, or see
every order anyway). Another technician's order being a 404 is tested in
tests/workorders/test_access.py.
"""

from io import BytesIO

from django.core.files.base import ContentFile
from PIL import Image

from desk import roles
from tests.matrix import DESK_ROLES, Case

VIEWERS = DESK_ROLES | {roles.HOUSEKEEPING, roles.TECHNICIAN}
FOLLOWERS = {roles.SERVICE_REP, roles.SUPERVISOR, roles.MANAGER}
CHECKERS = {roles.SUPERVISOR, roles.MANAGER}
TECHNICIANS = {roles.TECHNICIAN}


def png_bytes(size=(8, 8), color=(200, 30, 30)):
    buffer = BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def own(name):
    """Args of a URL about the world's order `name`, handed to the matrix's technician."""

    def args(world):
        from desk.models import User
        from workorders.models import WorkOrder

        order = getattr(world, name)
        technician = User.objects.filter(username=f"m-{roles.TECHNICIAN}").first()
        if technician is not None:
            WorkOrder.objects.filter(pk=order.pk).update(assignee=technician)
        return [order.pk]

    return args


def photo_args(world):
    own("done_order")(world)
    return [world.photo.pk]


def build(world):
    from django.utils import timezone

    from tests.factories import ComplaintFactory, UserFactory, WorkOrderFactory
    from workorders.models import Status, WorkOrderPhoto

    tech = UserFactory(username="matrix-tech", roles=[roles.TECHNICIAN], estates=[world.estate])
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
    Case("workorders:create", allowed=DESK_ROLES),
    Case(
        "workorders:create_from_complaint",
        args=lambda w: [w.complaint.pk],
        allowed=DESK_ROLES,
    ),
    Case("workorders:detail", args=own("open_order"), allowed=VIEWERS),
    Case("workorders:print", args=own("open_order"), allowed=VIEWERS),
    Case("workorders:dispatch", args=own("open_order"), allowed=FOLLOWERS),
    Case(
        "workorders:start",
        args=own("dispatched_order"),
        method="post",
        ok=302,
        allowed=TECHNICIANS,
    ),
    Case("workorders:finish", args=own("started_order"), allowed=TECHNICIANS),
    Case("workorders:verify", args=own("done_order"), allowed=FOLLOWERS),
    Case("workorders:reopen", args=own("done_order"), allowed=FOLLOWERS),
    Case(
        "workorders:close",
        args=own("verified_order"),
        method="post",
        ok=302,
        allowed=FOLLOWERS,
    ),
    Case("workorders:cancel", args=own("open_order"), allowed=FOLLOWERS),
    Case("workorders:photo", args=photo_args, allowed=VIEWERS),
    Case("workorders:my_today", allowed=TECHNICIANS),
    Case("workorders:daily_closing", allowed=FOLLOWERS),
    Case("workorders:completion_check", allowed=CHECKERS),
    Case("workorders:completion_export", allowed=CHECKERS),
]
