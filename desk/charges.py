"""Charges other apps raise on a unit: a one-off charge, a deposit taken, a deposit refunded.

desk knows no app: the money app (billing) registers the implementation once, from its
`hooks.py`, and any feature app asks through the three calls below without importing it:

    register_charges("billing", charge=..., deposit_take=..., deposit_refund=..., state=...)

    from desk.charges import charge, deposit_refund, deposit_take
    result = charge(unit=order.unit, fee="one_off", amount=order.price,
                    label=_("Special paid service WO-2026-000012"), source=order, by=user)
    if not result.ok:
        ...  # record it on the caller's side: result.code, result.message

- `charge(...)`: a one-off charge on the unit, of a fee standard `fee` (a fee kind such as
  "one_off", or the name of one of the estate's fee standards): a line on the unit's next
  bill, or a bill of its own at once (`at_once`; None: as the estate's fee standard says).
- `deposit_take(...)`: a deposit (押金) the unit owes, on a bill of its own at once.
- `deposit_refund(...)`: the refund of that deposit, less deductions, each with its reason:
  `deductions=[(Decimal("200"), "wall repainted")]`; the cashier pays it out.
- `charge_state(...)`: what became of a source's charge (amount, paid, refunded), or None.

A source (the work order, the permit) asks at most once per `key`: asking again returns
the first charge (`code="already"`), so a retried call never charges twice. A source with
several charges gives each its key (`key="fee"`); a deposit's key is "deposit" unless given
(`charge_state(source=permit, key="deposit")`). Each call runs
in a savepoint of the caller's transaction: a refused call writes nothing and returns
`ok=False` with its reason (`code="refused"`), a call with no implementation registered
says so (`code="unavailable"`); the caller records either and carries on.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from desk.errors import BusinessRuleError

CHARGED = "charged"  # on a bill now (a bill of its own, or a deposit)
PENDING = "pending"  # waits for the unit's next monthly bill
ALREADY = "already"  # the source asked before: that charge stands
REFUNDED = "refunded"  # a deposit refund entry, to be paid out at the fee centre
REFUSED = "refused"
UNAVAILABLE = "unavailable"
DEPOSIT_KEY = "deposit"  # a deposit's default key, so a source's fee and deposit are apart


@dataclass(frozen=True)
class ChargeResult:
    ok: bool
    code: str
    message: str = ""
    amount: Decimal | None = None
    reference: str = ""  # what the money app calls it (e.g. a bill's period and line)


@dataclass(frozen=True)
class ChargeState:
    kind: str  # the fee kind: "one_off", "deposit", ...
    amount: Decimal
    paid: Decimal
    open: Decimal
    billed: bool  # on a bill (False: waiting for the next one)
    refund: Decimal | None = None  # a deposit's refund entry, once asked
    refund_paid: bool = False


@dataclass(frozen=True)
class ChargesBackend:
    name: str
    charge: Callable
    deposit_take: Callable
    deposit_refund: Callable
    state: Callable


_backend: ChargesBackend | None = None


def register_charges(name, *, charge, deposit_take, deposit_refund, state) -> ChargesBackend:
    """The money app's implementation (registering again replaces it)."""
    global _backend
    _backend = ChargesBackend(name, charge, deposit_take, deposit_refund, state)
    return _backend


def charges_backend() -> ChargesBackend | None:
    return _backend


def source_ref(source) -> str:
    """How a source object is kept: `"<app>.<model>:<pk>"`."""
    return f"{source._meta.label_lower}:{source.pk}"


def _call(function, **kwargs) -> ChargeResult:
    if _backend is None:
        return ChargeResult(
            ok=False,
            code=UNAVAILABLE,
            message=_("No billing is installed: the charge was not raised."),
        )
    try:
        with transaction.atomic():
            return getattr(_backend, function)(**kwargs)
    except BusinessRuleError as exc:
        return ChargeResult(ok=False, code=REFUSED, message=str(exc))


def charge(
    *, unit, amount, label, source, fee="one_off", by=None, key="", at_once=None
) -> ChargeResult:
    """A one-off charge on `unit` for `source` (see the module's docstring)."""
    return _call(
        "charge",
        unit=unit,
        amount=Decimal(amount),
        label=str(label),
        source=source,
        fee=fee,
        by=by,
        key=key,
        at_once=at_once,
    )


def deposit_take(
    *, unit, amount, label, source, fee="deposit", by=None, key=DEPOSIT_KEY
) -> ChargeResult:
    """A deposit the unit owes for `source`, on a bill of its own at once."""
    return _call(
        "deposit_take",
        unit=unit,
        amount=Decimal(amount),
        label=str(label),
        source=source,
        fee=fee,
        by=by,
        key=key,
    )


def deposit_refund(*, source, deductions=(), by=None, key=DEPOSIT_KEY) -> ChargeResult:
    """Refund the deposit taken for `source`, less `deductions` [(amount, reason)]."""
    return _call(
        "deposit_refund",
        source=source,
        deductions=[(Decimal(amount), str(reason)) for amount, reason in deductions],
        by=by,
        key=key,
    )


def charge_state(*, source, key="") -> ChargeState | None:
    """What became of the charge `source` raised under `key`; None without one (or billing)."""
    if _backend is None:
        return None
    return _backend.state(source=source, key=key)
