from django.urls import path

from complaints import reports, views, views_print

app_name = "complaints"

urlpatterns = [
    path("", views.ComplaintListView.as_view(), name="list"),
    path("export.xlsx", views.ComplaintListView.as_view(export=True), name="export"),
    path("mine/", views.MyComplaintListView.as_view(), name="mine"),
    path("mine/export.xlsx", views.MyComplaintListView.as_view(export=True), name="mine_export"),
    path("new/", views.intake, name="new"),
    path("new/occupants/", views.intake_occupants, name="occupants"),
    path("board/", reports.board, name="board"),
    path("daily/", reports.daily, name="daily"),
    path("monthly/", reports.monthly, name="monthly"),
    path("monthly/export.xlsx", reports.monthly_export, name="monthly_export"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/print/", views_print.complaint_sheet, name="print"),
]

for _name in views.ACTIONS:
    urlpatterns.append(
        path(f"<int:pk>/{_name.replace('_', '-')}/", views.action_view(_name), name=_name)
    )
