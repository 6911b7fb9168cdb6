from django.urls import path

from visits import views, views_print, views_rates, views_survey_public, views_surveys

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
    path("surveys/", views_surveys.survey_list, name="survey_list"),
    path("surveys/new/", views_surveys.survey_new, name="survey_new"),
    path("surveys/<int:pk>/", views_surveys.survey_detail, name="survey_detail"),
    path("surveys/<int:pk>/export.xlsx", views_surveys.survey_export, name="survey_export"),
    path("surveys/<int:pk>/entry/", views_surveys.survey_entry, name="survey_entry"),
    path("surveys/<int:pk>/sheets/", views_print.survey_sheets, name="survey_sheets"),
    # The resident's page: no login, the sheet's code and its signed token.
    path("s/<str:code>/<str:token>/", views_survey_public.survey_answer, name="survey_answer"),
]
