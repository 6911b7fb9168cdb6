"""The job pages, in the `desk` namespace: `desk:job`, `desk:job_file`."""

from django.urls import path

from desk import views_jobs

app_name = "desk"

urlpatterns = [
    path("<int:pk>/", views_jobs.job_detail, name="job"),
    path("<int:pk>/file/", views_jobs.job_file, name="job_file"),
]
