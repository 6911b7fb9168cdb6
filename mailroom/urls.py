from django.urls import path

from mailroom import views

app_name = "mailroom"

urlpatterns = [
    path("", views.MailListView.as_view(), name="list"),
    path("export.xlsx", views.MailListView.as_view(export=True), name="export"),
    path("register/", views.register, name="register"),
    path("register/check/", views.row_check, name="row_check"),
    path("pickup/", views.pickup, name="pickup"),
    path("slips/", views.slips, name="slips"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/signature.png", views.signature, name="signature"),
    path("<int:pk>/photo/", views.photo, name="photo"),
]

for _name in views.STEPS:
    urlpatterns.append(
        path(f"<int:pk>/{_name.replace('_', '-')}/", views.step_view(_name), name=_name)
    )
