"""Mail room URLs × roles: the front desk, the supervisor and the manager register, hand
out, return and void; a service rep reads the register; the others do not see it."""

from desk import roles
from tests.matrix import Case

FD, REP, SUP, MAN = roles.FRONT_DESK, roles.SERVICE_REP, roles.SUPERVISOR, roles.MANAGER
VIEWERS = {FD, REP, SUP, MAN}
DESK = {FD, SUP, MAN}


def _pk(name):
    return lambda world: [getattr(world, name).pk]


def build(world):
    from django.core.files.base import ContentFile

    from mailroom.services import mail_hand_out, mail_register

    def one(**row):
        return mail_register(
            estate=world.estate,
            rows=[{"kind": "parcel", "unit": world.unit, "tracking_number": "SF1", **row}],
            by=world.users[FD],
        )[0]

    world.mail = one()
    world.mail_signed = one(tracking_number="SF2")
    world.mail_photo = one(tracking_number="SF3")
    world.mail_photo.photo.save("photo.png", ContentFile(_png()), save=True)
    mail_hand_out(
        item=world.mail_signed,
        by=world.users[FD],
        code=world.mail_signed.pickup_code,
        signed_name="张伟",
        signature=SIGNATURE,
    )


# A real 1×1 PNG, as the canvas sends it.
SIGNATURE = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4"
    "2mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def _png():
    import base64

    return base64.b64decode(SIGNATURE.split(",", 1)[1])


CASES = [
    Case("mailroom:list", allowed=VIEWERS),
    Case("mailroom:export", allowed=DESK),
    Case("mailroom:register", allowed=DESK),
    Case("mailroom:register", method="post", allowed=DESK, note="empty: the sheet's errors"),
    Case("mailroom:row_check", allowed=DESK, data=lambda w: {"rows-0-unit_label": "3-1502"}),
    Case("mailroom:pickup", allowed=DESK, data=lambda w: {"q": "3-1502"}),
    Case("mailroom:slips", allowed=DESK, data=lambda w: {"ids": str(w.mail.pk)}, scoped=False),
    Case("mailroom:detail", args=_pk("mail"), allowed=VIEWERS),
    Case("mailroom:signature", args=_pk("mail_signed"), allowed=VIEWERS),
    Case("mailroom:hand_out", args=_pk("mail"), allowed=DESK),
    Case(
        "mailroom:hand_out",
        args=_pk("mail"),
        method="post",
        allowed=DESK,
        ok=400,
        note="empty: no signature, the form again",
    ),
    Case("mailroom:deliver", args=_pk("mail"), allowed=DESK),
    Case("mailroom:deliver", args=_pk("mail"), method="post", allowed=DESK, ok=400),
    Case("mailroom:return_to_sender", args=_pk("mail"), allowed=DESK),
    Case("mailroom:return_to_sender", args=_pk("mail"), method="post", allowed=DESK, ok=400),
    Case("mailroom:void", args=_pk("mail"), allowed=DESK),
    Case("mailroom:void", args=_pk("mail"), method="post", allowed=DESK, ok=400),
    Case("mailroom:add_photo", args=_pk("mail"), allowed=DESK),
    Case("mailroom:add_photo", args=_pk("mail"), method="post", allowed=DESK, ok=400),
    Case("mailroom:photo", args=_pk("mail_photo"), allowed=VIEWERS),
    # A button: the slip is marked given and the desk goes back to the item.
    Case("mailroom:slip_given", args=_pk("mail"), method="post", allowed=DESK, ok=302),
]
