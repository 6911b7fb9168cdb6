"""Every change to the mail register: register (one item or a courier's batch), notify,
hand out against the pickup code and a signature, deliver to the unit, return to the
sender, void. Each change locks its row and refuses an illegal step, changing nothing."""

import base64
import binascii
import hmac
import secrets

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from desk.errors import BusinessRuleError, IllegalTransition
from mailroom import notices
from mailroom.models import AWAITING, MailItem
from tenants.models import Occupancy

CODE_DIGITS = 6
CODE_ATTEMPTS = 50
SIGNATURE_MAX_BYTES = 512 * 1024
S = MailItem.Status


def new_pickup_code() -> str:
    """Six random digits from the system's CSPRNG: not guessable from the others."""
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def _save_with_a_code(item):
    """Insert the item with a code no other item awaiting pickup in its estate holds.

    The partial unique index decides, also between two desks registering at once: a
    clash rolls back to the savepoint and draws again."""
    for _attempt in range(CODE_ATTEMPTS):
        item.pickup_code = new_pickup_code()
        try:
            with transaction.atomic():
                item.save()
            return item
        except IntegrityError as exc:
            if "mail_pickup_code_unique_while_awaiting" not in str(exc):
                raise
            item.pk = None
    raise BusinessRuleError(_("No free pickup code: hand out or return some items first."))


def unit_occupant(unit, name: str = ""):
    """The unit's current occupant called `name` (or its owner, with no name), or None."""
    occupancies = Occupancy.objects.filter(unit=unit, move_out__isnull=True).select_related(
        "resident"
    )
    people = [o.resident for o in sorted(occupancies, key=lambda o: (o.role != "owner", o.pk))]
    name = name.strip()
    if not name:
        return people[0] if people else None
    return next((p for p in people if name in (p.name, p.name_en)), None)


@transaction.atomic
def mail_register(*, estate, rows: list[dict], by, received_at=None) -> list[MailItem]:
    """Register a batch (one row or a courier's ten parcels): all of it, or nothing.

    A row: kind, carrier, tracking_number, unit (of the estate, or None), recipient_name,
    shelf. The recipient is the unit's occupant named (or its owner) when there is one;
    a name alone (a company in an office tower, a visitor) is kept as written."""
    if not rows:
        raise BusinessRuleError(_("Nothing to register: fill at least one row."))
    received_at = received_at or timezone.now()
    items = []
    for number, row in enumerate(rows, start=1):
        unit = row.get("unit")
        name = (row.get("recipient_name") or "").strip()
        if unit is not None and unit.estate_id != estate.pk:
            raise BusinessRuleError(
                _("Row %(row)d: the unit is not in this estate.") % {"row": number}
            )
        if unit is None and not name:
            raise BusinessRuleError(
                _("Row %(row)d: give the unit or the recipient's name.") % {"row": number}
            )
        resident = unit_occupant(unit, name) if unit is not None else None
        item = MailItem(
            estate=estate,
            kind=row["kind"],
            carrier=(row.get("carrier") or "").strip(),
            tracking_number=(row.get("tracking_number") or "").strip(),
            unit=unit,
            resident=resident,
            recipient_name=name if resident is None or name != resident.name else "",
            shelf=(row.get("shelf") or "").strip(),
            received_at=received_at,
            received_by=by,
        )
        item._history_user = by
        items.append(_save_with_a_code(item))
    for item in items:
        if item.resident_id and item.resident.email:
            _notify_by_email(item, by=by)
    return items


def _notify_by_email(item, *, by):
    item.status, item.notified_by, item.notified_at = S.NOTIFIED, "email", timezone.now()
    item._history_user = by
    item.save(update_fields=["status", "notified_by", "notified_at"])
    transaction.on_commit(lambda pk=item.pk: notices.send_pickup_notice(pk))


def duplicates_of(estate, tracking_numbers) -> dict[str, MailItem]:
    """{tracking number: the item already in the register with it} (voided ones aside)."""
    numbers = [n.strip() for n in tracking_numbers if n and n.strip()]
    if not numbers:
        return {}
    found = (
        MailItem.objects.filter(estate=estate, tracking_number__in=numbers)
        .exclude(status=S.VOIDED)
        .order_by("received_at")
    )
    first = {}
    for item in found:
        first.setdefault(item.tracking_number, item)
    return first


def _locked(item) -> MailItem:
    """The item's row, locked until the transaction ends: two desks acting on the same item
    at once act one after the other, and the second sees what the first did."""
    return MailItem.objects.select_for_update().select_related("estate").get(pk=item.pk)


def _refuse_unless_awaiting(item):
    if item.status not in AWAITING:
        raise IllegalTransition(
            _("This item is no longer at the desk: %(status)s.")
            % {"status": item.get_status_display()}
        )


def _signature_file(data_url: str) -> ContentFile | None:
    """The canvas's drawing (a data: URL of a PNG) as a file, checked to be a PNG image."""
    from desk.photos import validate_photo  # the shared photo checks

    if not data_url:
        return None
    head, _sep, payload = data_url.partition(",")
    if head != "data:image/png;base64" or not payload:
        raise BusinessRuleError(_("The signature is not a drawing: sign again."))
    try:
        content = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise BusinessRuleError(_("The signature is not a drawing: sign again.")) from exc
    if len(content) > SIGNATURE_MAX_BYTES:
        raise BusinessRuleError(_("The signature is too large: sign again."))
    upload = ContentFile(content, name="signature.png")
    try:
        image_format = validate_photo(upload)
    except Exception as exc:  # noqa: BLE001 - a ValidationError from the photo checks
        raise BusinessRuleError(_("The signature is not a drawing: sign again.")) from exc
    if image_format != "PNG":
        raise BusinessRuleError(_("The signature is not a drawing: sign again."))
    return upload


def _take_signature(item, *, signature: str, signed_name: str):
    signed_name = (signed_name or "").strip()
    upload = _signature_file(signature)
    if upload is None and not signed_name:
        raise BusinessRuleError(_("A signature is needed: sign on the screen or type the name."))
    item.signed_name = signed_name
    if upload is not None:
        item.signature.save(f"{item.pk}-signature.png", upload, save=False)


def _check_code(item, code: str, id_checked: bool):
    """The code shown, or (found by the unit, without the code) an ID checked at the desk."""
    code = (code or "").strip()
    if code:
        if not hmac.compare_digest(code, item.pickup_code):
            raise BusinessRuleError(_("Wrong pickup code: ask the recipient to show it again."))
    elif not id_checked:
        raise BusinessRuleError(_("Without the pickup code, check the collector's ID."))


@transaction.atomic
def mail_hand_out(
    *,
    item,
    by,
    code: str = "",
    collector: str = MailItem.Collector.RESIDENT,
    collector_name: str = "",
    authorisation: str = "",
    id_checked: bool = False,
    signature: str = "",
    signed_name: str = "",
) -> MailItem:
    """Sign for an item at the desk: once, against its code (or an ID checked), signed."""
    item = _locked(item)
    _refuse_unless_awaiting(item)
    _check_code(item, code, id_checked)
    collector_name = (collector_name or "").strip()
    authorisation = (authorisation or "").strip()
    if collector == MailItem.Collector.PROXY and not (collector_name and authorisation):
        raise BusinessRuleError(
            _("A third party collects with their name and the recipient's authorisation noted.")
        )
    _take_signature(item, signature=signature, signed_name=signed_name)
    signed_name = (signed_name or "").strip()
    item.status = S.COLLECTED
    item.collector = collector
    item.collector_name = (
        collector_name or (item.resident.name if item.resident_id else "") or signed_name
    )
    item.authorisation = authorisation if collector == MailItem.Collector.PROXY else ""
    item.id_checked = bool(id_checked)
    item.handed_at, item.handed_by = timezone.now(), by
    item._history_user = by
    item.save()
    return item


@transaction.atomic
def mail_deliver(*, item, by, signed_name: str = "", signature: str = "") -> MailItem:
    """Delivered to the unit by staff, signed there by whoever received it."""
    item = _locked(item)
    _refuse_unless_awaiting(item)
    _take_signature(item, signature=signature, signed_name=signed_name)
    item.status = S.DELIVERED
    item.collector_name = (signed_name or "").strip()
    item.handed_at, item.handed_by = timezone.now(), by
    item._history_user = by
    item.save()
    return item


def _close(item, *, by, reason: str, status) -> MailItem:
    reason = (reason or "").strip()
    if not reason:
        raise BusinessRuleError(_("Give the reason."))
    item = _locked(item)
    _refuse_unless_awaiting(item)
    item.status, item.reason = status, reason
    item.closed_at, item.closed_by = timezone.now(), by
    item._history_user = by
    item.save(update_fields=["status", "reason", "closed_at", "closed_by"])
    return item


@transaction.atomic
def mail_return(*, item, by, reason: str) -> MailItem:
    """Returned to the sender (refused, unknown recipient, uncollected too long)."""
    return _close(item, by=by, reason=reason, status=S.RETURNED)


@transaction.atomic
def mail_void(*, item, by, reason: str) -> MailItem:
    """A wrong entry: voided with the reason, kept in the register, its code freed."""
    return _close(item, by=by, reason=reason, status=S.VOIDED)


@transaction.atomic
def mail_add_photo(*, item, by, photo) -> MailItem:
    """A photo of the parcel as it arrived (a damaged box): a real image (the shared photo
    checks, in the form), named for its content; a later photo replaces it."""
    item = _locked(item)
    if item.status == S.VOIDED:
        raise IllegalTransition(_("A voided entry takes no photo."))
    item.photo.save(f"{item.pk}-{photo.name}", photo, save=False)
    item._history_user = by
    item.save(update_fields=["photo"])
    return item


@transaction.atomic
def mail_slip_given(*, item, by) -> MailItem:
    """The pickup slip was put in the recipient's mailbox: the item shows as notified."""
    item = _locked(item)
    if item.status != S.RECEIVED:
        raise IllegalTransition(_("This item was already notified, or is no longer at the desk."))
    item.status, item.notified_by, item.notified_at = S.NOTIFIED, "slip", timezone.now()
    item._history_user = by
    item.save(update_fields=["status", "notified_by", "notified_at"])
    return item
