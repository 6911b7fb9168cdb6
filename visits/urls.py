from django.urls import path

from visits import views, views_rates

app_name = "visits"

urlpatterns = [
    path("", views.VisitListView.as_view(), name="list"),
    path("export.xlsx", views.VisitListView.as_view(export=True), name="export"),
    path("new/", views.visit_find_unit, name="find_unit"),
    path("units/<int:unit>/new/", views.visit_new, name="new"),
    path("<int:pk>/", views.visit_detail, name="detail"),
    path("handling/", views_rates.handling_rate, name="handling"),
    path("plan/", views_rates.half_year_plan, name="plan"),
    path("opinions/<int:pk>/answer/", views.opinion_answer, name="opinion_answer"),
    path("opinions/<int:pk>/complaint/", views.opinion_to_complaint, name="opinion_to_complaint"),
    path(
        "opinions/<int:pk>/work-order/", views.opinion_to_work_order, name="opinion_to_work_order"
    ),
]
