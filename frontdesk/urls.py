from django.urls import path

from frontdesk import views, views_desk, views_handover, views_passes

app_name = "frontdesk"

urlpatterns = [
    path("", views.log_desk, name="log"),
    path("occupants/", views.occupants, name="occupants"),
    path("entries/", views.LogEntryListView.as_view(), name="log_list"),
    path("entries/export.xlsx", views.LogEntryListView.as_view(export=True), name="log_export"),
    path("entries/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("entries/<int:pk>/resolve/", views.entry_resolve, name="entry_resolve"),
    path("entries/<int:pk>/complaint/", views.entry_to_complaint, name="entry_to_complaint"),
    path("entries/<int:pk>/work-order/", views.entry_to_work_order, name="entry_to_work_order"),
    path("messages/", views_desk.message_list, name="message_list"),
    path("messages/mine/", views_desk.my_messages, name="my_messages"),
    path("messages/<int:pk>/", views_desk.message_detail, name="message_detail"),
    path("messages/<int:pk>/done/", views_desk.message_done, name="message_done"),
    path("incidents/", views_desk.IncidentListView.as_view(), name="incident_list"),
    path("incidents/new/", views_desk.incident_new, name="incident_new"),
    path("incidents/<int:pk>/", views_desk.incident_detail, name="incident_detail"),
    path("incidents/<int:pk>/call/", views_desk.incident_call, name="incident_call"),
    path("incidents/<int:pk>/end/", views_desk.incident_end, name="incident_end"),
    path("passes/", views_passes.ReleasePassListView.as_view(), name="pass_list"),
    path(
        "passes/export.xlsx",
        views_passes.ReleasePassListView.as_view(export=True),
        name="pass_export",
    ),
    path("passes/new/", views_passes.pass_new, name="pass_new"),
    path("passes/<int:pk>/", views_passes.pass_detail, name="pass_detail"),
    path("passes/<int:pk>/use/", views_passes.pass_use, name="pass_use"),
    path("passes/<int:pk>/print/", views_passes.pass_print, name="pass_print"),
    path("units/<int:pk>/authorise/", views_passes.unit_authorise, name="unit_authorise"),
    path("handovers/", views_handover.handover_list, name="handover_list"),
    path("handovers/new/", views_handover.handover_new, name="handover_new"),
    path("handovers/<int:pk>/", views_handover.handover_detail, name="handover_detail"),
    path(
        "handovers/<int:pk>/acknowledge/",
        views_handover.handover_acknowledge,
        name="handover_acknowledge",
    ),
]
