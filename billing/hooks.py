"""Where billing plugs into desk and the register: the top bar, the bill run's kind of job,
the unit page's account, the arrears check at move-out and the monthly workbook's sheets.
Called from `BillingConfig.ready()`."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from desk.charges import register_charges
from desk.inbox import register_notification_kind
from desk.navigation import register_nav_item
from desk.reports import register_report_section
from desk.seeding import register_seeder
from tenants.extensions import (
    UnitSection,
    register_move_out_check,
    register_unit_arrears,
    register_unit_section,
)


def register():
    from billing import seed
    from billing.ladder_hooks import register_ladder
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
    register_unit_arrears(_arrears)  # shown where the desk issues a release pass
    register_money_seam()
    register_ladder()
    register_report_sections()
    register_seeder("billing", seed.seed, order=70)  # after the register, staff and areas
    register_manager_panel()


def register_report_sections():
    """The Fees and Arrears sheets of the monthly workbook, the Summary's collection targets
    and the 12-month collection trend (billing/report_sheets.py)."""
    from billing import report_sheets

    register_report_section(
        "billing.fees",
        title=_("Fees"),
        write=report_sheets.fees_sheet,
        summary=report_sheets.summary,
        trend=report_sheets.trend,
        order=5,
    )
    register_report_section(
        "billing.arrears",
        title=pgettext_lazy("the monthly workbook's sheet", "Arrears"),
        write=report_sheets.arrears_sheet,
        order=6,
    )


def register_manager_panel():
    """The manager's home: the month's property-fee collection rate and its trend."""
    from billing.dashboard import manager_collection
    from desk import roles
    from desk.home import register_home_panel

    register_home_panel(
        "billing.collection",
        roles=[roles.MANAGER],
        template="billing/home_collection.html",
        context=manager_collection,
        order=30,
    )


def register_money_seam():
    """The charges other apps raise (desk.charges) and what billing tells people."""
    from billing import charge_services, payment_services

    register_charges(
        "billing",
        charge=charge_services.charge_raise,
        deposit_take=charge_services.deposit_take,
        deposit_refund=charge_services.deposit_refund,
        state=charge_services.charge_state,
    )
    register_notification_kind(
        charge_services.REFUND_DUE,
        text=_("A deposit refund of %(amount)s for %(unit)s is to be paid out."),
        icon="cash-stack",
    )
    register_notification_kind(
        payment_services.REVERSAL_ASKED,
        text=_("%(by)s asks to reverse receipt %(number)s (%(amount)s): %(note)s"),
        icon="arrow-counterclockwise",
    )


def _account(unit):
    from billing.selectors import unit_account

    return unit_account(unit)


def _arrears(unit):
    from billing.selectors import open_lines

    return sum((line.open_amount + line.late_fee_now for line in open_lines(unit)), Decimal(0))


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
