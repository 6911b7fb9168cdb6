from django.urls import path

from renovation import views, views_print

app_name = "renovation"

urlpatterns = [
    path("", views.PermitListView.as_view(), name="list"),
    path("export.xlsx", views.PermitListView.as_view(export=True), name="export"),
    path("apply/", views.permit_apply, name="apply"),
    path("today/", views.patrols_today, name="today"),
    path("weekly/", views.weekly_report, name="weekly"),
    path("weekly/export.xlsx", views.weekly_export, name="weekly_export"),
    path("violations/", views.ViolationListView.as_view(), name="violation_list"),
    path(
        "violations/export.xlsx",
        views.ViolationListView.as_view(export=True),
        name="violation_export",
    ),
    path("<int:pk>/", views.permit_detail, name="detail"),
    path("<int:pk>/approve/", views.permit_approve, name="approve"),
    path("<int:pk>/reject/", views.permit_reject, name="reject"),
    path("<int:pk>/patrol/", views.permit_patrol, name="patrol"),
    path("<int:pk>/violation/", views.violation_new, name="violation_new"),
    path("<int:pk>/acceptance/", views.permit_accept, name="accept"),
    path("<int:pk>/money/", views.permit_money, name="money"),
    path("violations/<int:pk>/notice/", views_print.rectification_notice, name="notice"),
    path("violations/<int:pk>/follow-up/", views.violation_follow_up, name="follow_up"),
    path("violations/<int:pk>/work-order/", views.violation_work_order, name="work_order"),
    path("photos/<int:pk>/", views.patrol_photo, name="photo"),
]
