from django.urls import path

from billing import (
    views_bills,
    views_cashier,
    views_cashup,
    views_fees,
    views_notices,
    views_print,
    views_reading_import,
    views_readings,
    views_refunds,
)

app_name = "billing"

urlpatterns = [
    path("standards/", views_fees.FeeStandardListView.as_view(), name="standard_list"),
    path(
        "standards/export.xlsx",
        views_fees.FeeStandardListView.as_view(export=True),
        name="standard_export",
    ),
    path("standards/new/", views_fees.standard_edit, name="standard_new"),
    path("standards/<int:pk>/", views_fees.standard_edit, name="standard_edit"),
    path("standards/<int:pk>/rates/new/", views_fees.rate_new, name="rate_new"),
    path("readings/", views_readings.reading_sheet, name="readings"),
    path("readings/import/", views_reading_import.import_upload, name="reading_import"),
    path(
        "readings/import/save/",
        views_reading_import.import_commit,
        name="reading_import_commit",
    ),
    path(
        "readings/import/template.xlsx",
        views_reading_import.import_template,
        name="reading_import_template",
    ),
    path("bills/", views_bills.BillListView.as_view(), name="bill_list"),
    path("bills/export.xlsx", views_bills.BillListView.as_view(export=True), name="bill_export"),
    path("run/", views_bills.bill_run_view, name="run"),
    path("cashier/", views_cashier.cashier, name="cashier"),
    path("units/<int:pk>/", views_cashier.account, name="account"),
    path("units/<int:pk>/notice/", views_notices.unit_notice, name="notice"),
    path("notices/", views_notices.building_notices, name="notice_batch"),
    path("units/<int:pk>/pay/", views_cashier.pay, name="pay"),
    path("payments/", views_cashier.PaymentListView.as_view(), name="payment_list"),
    path(
        "payments/export.xlsx",
        views_cashier.PaymentListView.as_view(export=True),
        name="payment_export",
    ),
    path("payments/<int:pk>/receipt/", views_print.receipt, name="receipt"),
    path("payments/<int:pk>/reverse/", views_cashier.reversal_ask, name="reversal_ask"),
    path("reversals/", views_cashier.ReversalListView.as_view(), name="reversal_list"),
    path(
        "reversals/export.xlsx",
        views_cashier.ReversalListView.as_view(export=True),
        name="reversal_export",
    ),
    path("reversals/<int:pk>/approve/", views_cashier.reversal_approve, name="reversal_approve"),
    path("reversals/<int:pk>/reject/", views_cashier.reversal_reject, name="reversal_reject"),
    path("cashup/", views_cashup.cashup_today, name="cashup"),
    path("cashups/", views_cashup.CashUpListView.as_view(), name="cashup_list"),
    path(
        "cashups/export.xlsx",
        views_cashup.CashUpListView.as_view(export=True),
        name="cashup_export",
    ),
    path("cashups/<int:pk>/", views_cashup.cashup_detail, name="cashup_detail"),
    path("cashups/<int:pk>/print/", views_cashup.cashup_print, name="cashup_print"),
    path("collections/week/", views_cashup.collection_week, name="collection_week"),
    path(
        "collections/week/export.xlsx",
        views_cashup.collection_week_export,
        name="collection_week_export",
    ),
    path("refunds/", views_refunds.RefundListView.as_view(), name="refund_list"),
    path(
        "refunds/export.xlsx",
        views_refunds.RefundListView.as_view(export=True),
        name="refund_export",
    ),
    path("refunds/<int:pk>/", views_refunds.refund_detail, name="refund_detail"),
    path("refunds/<int:pk>/pay/", views_refunds.refund_pay, name="refund_pay"),
    path("lines/<int:pk>/waive/", views_cashier.waive, name="waive"),
    path("lines/<int:pk>/waive-late-fee/", views_cashier.waive_late_fee, name="waive_late_fee"),
]
