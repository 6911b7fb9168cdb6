"""Billing's records: fee standards and their rates, meter readings, bills and their lines,
payments with their allocations, prepaid balances and reversals. Nothing about money is
ever deleted (PROTECT everywhere, history on bills, lines and payments)."""

from billing.models.bills import Bill, BillLine, BillRun
from billing.models.charges import CashUp, CashUpLine, Charge, DepositDeduction, DepositRefund
from billing.models.fees import FeeKind, FeeRate, FeeStandard, Payer
from billing.models.ladder import ArrearsCase, LadderSettings, LadderStep, Reason, Stage
from billing.models.meters import MeterReading
from billing.models.payments import (
    Allocation,
    Method,
    Payment,
    PrepaidEntry,
    ReversalRequest,
)

__all__ = [
    "Allocation",
    "ArrearsCase",
    "Bill",
    "BillLine",
    "BillRun",
    "CashUp",
    "CashUpLine",
    "Charge",
    "DepositDeduction",
    "DepositRefund",
    "FeeKind",
    "FeeRate",
    "FeeStandard",
    "LadderSettings",
    "LadderStep",
    "MeterReading",
    "Method",
    "Payer",
    "Payment",
    "PrepaidEntry",
    "Reason",
    "ReversalRequest",
    "Stage",
]
