"""URLs of the cycle app: a municipality's årshjul, kartlegging and management review, and the DPO's heat map."""

from django.urls import path

from . import cycle_views, maturity_views, review_views

app_name = "cycle"

urlpatterns = [
    path("m/<slug:slug>/cycle/", cycle_views.cycle_index, name="cycle_index"),
    path("m/<slug:slug>/cycle/adopt/", cycle_views.cycle_adopt, name="cycle_adopt"),
    path("m/<slug:slug>/cycle/<int:year>/", cycle_views.cycle_detail, name="cycle_detail"),
    path("m/<slug:slug>/cycle/<int:year>/pdf/", cycle_views.cycle_pdf, name="cycle_pdf"),
    path("m/<slug:slug>/cycle/<int:year>/activities/new/", cycle_views.activity_edit, name="activity_create"),
    path("m/<slug:slug>/cycle/<int:year>/activities/<int:pk>/", cycle_views.activity_edit, name="activity_edit"),
    path(
        "m/<slug:slug>/cycle/<int:year>/activities/<int:pk>/status/",
        cycle_views.activity_status,
        name="activity_status",
    ),
    path("maturity/", maturity_views.heat_map_page, name="heat_map"),
    path("m/<slug:slug>/maturity/", maturity_views.assessment_list, name="assessment_list"),
    path("m/<slug:slug>/maturity/new/", maturity_views.assessment_create, name="assessment_create"),
    path("m/<slug:slug>/maturity/<int:pk>/", maturity_views.assessment_detail, name="assessment_detail"),
    path("m/<slug:slug>/maturity/<int:pk>/answer/", maturity_views.assessment_answer, name="assessment_answer"),
    path("m/<slug:slug>/maturity/<int:pk>/complete/", maturity_views.assessment_complete, name="assessment_complete"),
    path("m/<slug:slug>/maturity/<int:pk>/action/", maturity_views.assessment_action, name="assessment_action"),
    path("m/<slug:slug>/maturity/<int:pk>/pdf/", maturity_views.assessment_pdf, name="assessment_pdf"),
    path("m/<slug:slug>/review/", review_views.review_list, name="review_list"),
    path("m/<slug:slug>/review/new/", review_views.review_create, name="review_create"),
    path("m/<slug:slug>/review/<int:year>/", review_views.review_detail, name="review_detail"),
    path("m/<slug:slug>/review/<int:year>/edit/", review_views.review_edit, name="review_edit"),
    path("m/<slug:slug>/review/<int:year>/refresh/", review_views.review_refresh, name="review_refresh"),
    path("m/<slug:slug>/review/<int:year>/decisions/new/", review_views.decision_edit, name="decision_create"),
    path("m/<slug:slug>/review/<int:year>/decisions/<int:pk>/", review_views.decision_edit, name="decision_edit"),
    path("m/<slug:slug>/review/<int:year>/sign/", review_views.review_sign, name="review_sign"),
    path("m/<slug:slug>/review/<int:year>/pdf/", review_views.review_pdf, name="review_pdf"),
]
