from django.urls import path

from inspections import (
    views_contractors,
    views_lists,
    views_review,
    views_rounds,
    views_setup,
)

app_name = "inspections"

urlpatterns = [
    # The round on a phone
    path("today/", views_rounds.today, name="today"),
    path("start/", views_rounds.start, name="start"),
    path("rounds/<int:pk>/", views_rounds.round_page, name="round"),
    path("rounds/<int:pk>/check/", views_rounds.check_item, name="check"),
    path("rounds/<int:pk>/scan/", views_rounds.scan, name="scan"),
    path("rounds/<int:pk>/finding/", views_rounds.finding_add, name="finding_add"),
    path("rounds/<int:pk>/submit/", views_rounds.submit, name="submit"),
    path("findings/<int:pk>/order/", views_rounds.finding_order, name="finding_order"),
    path("findings/<int:pk>/photo/", views_rounds.finding_photo, name="finding_photo"),
    path("checks/<int:pk>/photo/", views_rounds.check_photo, name="check_photo"),
    # Review and coverage
    path("", views_review.RoundListView.as_view(), name="list"),
    path("export.xlsx", views_review.RoundListView.as_view(export=True), name="export"),
    path("review/", views_review.ReviewQueueView.as_view(), name="review_queue"),
    path("review/sign/", views_review.sign, name="sign"),
    path("rounds/<int:pk>/review/", views_review.review, name="review"),
    path("coverage/", views_review.coverage_page, name="coverage"),
    # Findings and vacant units
    path("findings/", views_lists.FindingListView.as_view(), name="findings"),
    path(
        "findings/export.xlsx",
        views_lists.FindingListView.as_view(export=True),
        name="finding_export",
    ),
    path("findings/<int:pk>/correct/", views_lists.finding_correct, name="finding_correct"),
    path("findings/<int:pk>/verify/", views_lists.finding_verify, name="finding_verify"),
    path("vacant-units/", views_lists.VacantUnitListView.as_view(), name="vacant_units"),
    path(
        "vacant-units/export.xlsx",
        views_lists.VacantUnitListView.as_view(export=True),
        name="vacant_export",
    ),
    # Set-up
    path("checklists/", views_setup.checklists, name="checklists"),
    path("checklists/<slug:round_type>/", views_setup.checklist_edit, name="checklist_edit"),
    path("points/", views_setup.PointListView.as_view(), name="points"),
    path("points/new/", views_setup.point_edit, name="point_new"),
    path("points/<int:pk>/", views_setup.point_edit, name="point_edit"),
    path("points/labels/", views_setup.point_labels, name="point_labels"),
    path("rules/", views_setup.rules, name="rules"),
    # Contractors
    path("contractors/", views_contractors.contractor_list, name="contractors"),
    path("contractors/export.xlsx", views_contractors.evaluation_export, name="contractor_export"),
    path("contractors/<int:pk>/", views_contractors.contractor_detail, name="contractor"),
    path("contractors/<int:pk>/score/", views_contractors.evaluation_new, name="evaluation_new"),
    path("contractors/<int:pk>/notice/", views_contractors.notice_new, name="notice_new"),
    path("notices/<int:pk>/close/", views_contractors.notice_close, name="notice_close"),
]
