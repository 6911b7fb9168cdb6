"""The permit's money, through billing without importing it (desk.charges): the deposit
(押金) taken and the fee charged when the manager approves, the deposit refunded less the
deductions (each with its reason) at a passed acceptance; the cashier takes and pays out.

Each call is asked once per permit and key (`deposit`, `fee`): asked again, billing returns
the first charge, so a retried step never charges twice. A call billing refuses (the estate
has no deposit fee standard yet, a deposit not paid in full) or a site without billing
changes nothing there: the permit keeps the result's code (`deposit_charge`, `fee_charge`,
`refund_charge`) and the amounts, its page says so, and a manager asks again once the
cause is fixed (`permit_money_retry`).
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from desk import charges

DEPOSIT, FEE = "deposit", "fee"
DONE = {charges.CHARGED, charges.PENDING, charges.ALREADY, charges.REFUNDED}
UNTAKEN = {charges.REFUSED, charges.UNAVAILABLE}  # ("": never asked, e.g. seeded data)


def permit_charge(*, permit, by) -> None:
    """At approval (inside its transaction): the deposit and the fee, each once."""
    permit.charged_at = permit.charged_at or timezone.now()
    if permit.deposit > 0 and permit.deposit_charge not in DONE:
        result = charges.deposit_take(
            unit=permit.unit,
            amount=permit.deposit,
            label=_("Renovation deposit %(number)s") % {"number": permit.number},
            source=permit,
            by=by,
            key=DEPOSIT,
        )
        permit.deposit_charge = result.code
    if permit.fee > 0 and permit.fee_charge not in DONE:
        result = charges.charge(
            unit=permit.unit,
            amount=permit.fee,
            label=_("Renovation management fee %(number)s") % {"number": permit.number},
            source=permit,
            by=by,
            key=FEE,
            at_once=True,
        )
        permit.fee_charge = result.code


def permit_refund(*, permit, amount, deductions, by) -> None:
    """At a passed acceptance (inside its transaction): the deposit less `deductions`
    [(amount, reason)], once."""
    permit.refund = amount
    permit.refunded_at = permit.refunded_at or timezone.now()
    if permit.deposit > 0 and permit.refund_charge not in DONE:
        result = charges.deposit_refund(source=permit, deductions=deductions, by=by, key=DEPOSIT)
        permit.refund_charge = result.code


def money_state(permit):
    """What billing says of the deposit and the fee (None each without billing or a charge)."""
    return {
        "deposit": charges.charge_state(source=permit, key=DEPOSIT),
        "fee": charges.charge_state(source=permit, key=FEE),
    }


def money_pending(permit) -> bool:
    """A charge or refund billing did not take (refused, or no billing): to ask again."""
    wanted = []
    if permit.decided_at and permit.status in ("approved", "closed"):
        wanted += [(permit.deposit, permit.deposit_charge), (permit.fee, permit.fee_charge)]
    if permit.status == "closed":
        wanted.append((permit.deposit, permit.refund_charge))
    return any(amount > 0 and code in UNTAKEN for amount, code in wanted)
