from django.urls import path

from tenants import views, views_alerts, views_areas, views_import

app_name = "tenants"

urlpatterns = [
    path("units/", views.UnitListView.as_view(), name="unit_list"),
    path("units/export.xlsx", views.tenant_list_export, name="tenant_list_export"),
    path("units/alerts/", views_alerts.alerts_for_unit, name="unit_alerts"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("units/<int:pk>/move-in/", views.move_in, name="move_in"),
    path("occupancies/<int:pk>/move-out/", views.move_out, name="move_out"),
    path("residents/", views.ResidentListView.as_view(), name="resident_list"),
    path(
        "residents/export.xlsx",
        views.ResidentListView.as_view(export=True),
        name="resident_export",
    ),
    path("residents/<int:pk>/", views.resident_detail, name="resident_detail"),
    path("residents/<int:pk>/edit/", views.resident_edit, name="resident_edit"),
    path("residents/<int:pk>/reveal/", views.reveal_contact, name="reveal_contact"),
    path("reveals/", views.RevealLogView.as_view(), name="reveal_log"),
    path("reveals/export.xlsx", views.RevealLogView.as_view(export=True), name="reveal_log_export"),
    path("import/", views_import.import_upload, name="import"),
    path("import/template.xlsx", views_import.import_template, name="import_template"),
    path("import/commit/", views_import.import_commit, name="import_commit"),
    path("estates/<int:pk>/areas/", views_areas.area_list, name="area_list"),
    path("estates/<int:pk>/areas/new/", views_areas.area_new, name="area_new"),
    path("areas/<int:pk>/edit/", views_areas.area_edit, name="area_edit"),
    path("areas/<int:pk>/delete/", views_areas.area_delete, name="area_delete"),
]
