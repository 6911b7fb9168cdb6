from django.urls import path

from workorders import views, views_print, views_reports

app_name = "workorders"

urlpatterns = [
    path("", views.WorkOrderListView.as_view(), name="list"),
    path("export.xlsx", views.WorkOrderListView.as_view(export=True), name="export"),
    path("new/", views.workorder_create, name="create"),
    path(
        "from-complaint/<int:complaint_pk>/",
        views.workorder_create_from_complaint,
        name="create_from_complaint",
    ),
    path("<int:pk>/", views.workorder_detail, name="detail"),
    path("<int:pk>/print/", views_print.workorder_slip, name="print"),
    path("<int:pk>/dispatch/", views.workorder_dispatch, name="dispatch"),
    path("<int:pk>/start/", views.workorder_start, name="start"),
    path("<int:pk>/finish/", views.workorder_finish, name="finish"),
    path("<int:pk>/verify/", views.workorder_verify, name="verify"),
    path("<int:pk>/reopen/", views.workorder_reopen, name="reopen"),
    path("<int:pk>/close/", views.workorder_close, name="close"),
    path("<int:pk>/cancel/", views.workorder_cancel, name="cancel"),
    path("photos/<int:pk>/", views.workorder_photo, name="photo"),
    path("today/", views_reports.my_today, name="my_today"),
    path("daily-closing/", views_reports.DailyClosingView.as_view(), name="daily_closing"),
    path(
        "daily-closing/export.xlsx",
        views_reports.DailyClosingView.as_view(export=True),
        name="daily_closing_export",
    ),
    path("completion/", views_reports.completion_check, name="completion_check"),
    path("completion/export.xlsx", views_reports.completion_export, name="completion_export"),
]
