from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from desk import views, views_inbox, views_reports, views_settings

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/new/", views.staff_edit, name="staff_new"),
    path("staff/<int:pk>/", views.staff_edit, name="staff_edit"),
    path("estates/", views_settings.estate_settings_list, name="estate_settings_list"),
    path("estates/<int:pk>/settings/", views_settings.estate_settings, name="estate_settings"),
    path(
        "estates/<int:pk>/settings/<slug:key>/",
        views_settings.estate_settings_save,
        name="estate_settings_save",
    ),
    path("reports/", views_reports.reports, name="reports"),
    path("inbox/", views_inbox.inbox_page, name="inbox"),
    path("inbox/read/", views_inbox.inbox_read_all, name="inbox_read_all"),
    path("inbox/<int:pk>/open/", views_inbox.inbox_open, name="inbox_open"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("", include("tenants.urls")),
    path("complaints/", include("complaints.urls")),
    path("workorders/", include("workorders.urls")),
    path("billing/", include("billing.urls")),
    path("inspections/", include("inspections.urls")),
    path("frontdesk/", include("frontdesk.urls")),
    path("visits/", include("visits.urls")),
    path("mail/", include("mailroom.urls")),
    path("renovation/", include("renovation.urls")),
    path("jobs/", include("desk.urls_jobs")),
    path("admin/", admin.site.urls),
]

# MEDIA_ROOT is never served as such, not even with DEBUG: it holds uploads waiting for
# an import (imports/), job results (jobs/) and photos, each served by a view that checks
# who asks (e.g. desk:job_file, workorders:photo).
