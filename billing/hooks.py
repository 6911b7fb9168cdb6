"""Where billing plugs into desk and the register: the top bar, the bill run's kind of job,
the unit page's account and the arrears check at move-out. Called from
`BillingConfig.ready()`."""

from django.utils.translation import gettext_lazy as _

from desk.navigation import register_nav_item
from tenants.extensions import UnitSection, register_move_out_check, register_unit_section


def register():
    from billing.runs import register_bill_run_kind

    register_nav_item(
        "billing:cashier", _("Fee centre"), "cash-coin", "billing.view_bill", order=45
    )
    register_bill_run_kind()
    register_unit_section(
        UnitSection(
            key="billing",
            title=_("Account"),
            template="billing/unit_section.html",
            permission="billing.view_bill",
            order=20,
            context=lambda unit, user: _account(unit),
        )
    )
    register_move_out_check(arrears_check)


def _account(unit):
    from billing.selectors import unit_account

    return unit_account(unit)


def arrears_check(occupancy):
    """Refuse a move-out while the unit has open bill lines (the account must be settled);
    a manager (who may waive) may override it with a reason."""
    from billing.models import BillLine
    from tenants.extensions import MoveOutRefusal

    if BillLine.objects.filter(unit_id=occupancy.unit_id, status=BillLine.Status.OPEN).exists():
        return MoveOutRefusal(
            _("The unit has unpaid bills: settle the account at the fee centre first."),
            override_permission="billing.waive_billline",
        )
    return None
