from django.db import migrations

from desk.roles import grant_permissions

VIEW_BILLS = ["billing.view_bill"]
VIEW_MONEY = VIEW_BILLS + ["billing.view_feestandard", "billing.view_payment"]
CASHIER = VIEW_MONEY + [
    "billing.add_meterreading",
    "billing.view_meterreading",
    "billing.run_bills",
    "billing.add_payment",
    "billing.request_reversal",
]
MANAGE = [
    "billing.add_feestandard",
    "billing.change_feestandard",
    "billing.add_meterreading",
    "billing.view_meterreading",
    "billing.run_bills",
    "billing.approve_reversal",
    "billing.waive_billline",
]

TABLE = {
    # A rep chases fees in their area: they see a unit's account, not the fee centre's money.
    "service_rep": VIEW_BILLS,
    "supervisor": VIEW_MONEY,
    "cashier": CASHIER,
    # The manager approves reversals and waives; taking money stays with the cashier.
    "manager": VIEW_MONEY + MANAGE,
}


def grant(apps, schema_editor):
    grant_permissions(apps, TABLE)


class Migration(migrations.Migration):
    dependencies = [("billing", "0001_initial"), ("desk", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
