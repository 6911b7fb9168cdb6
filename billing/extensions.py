"""Where billing plugs into the register: the unit page's account, and move-out."""

from django.utils.translation import gettext_lazy as _


def register():
    from tenants.extensions import UnitSection, register_move_out_check, register_unit_section

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
