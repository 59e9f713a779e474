"""URLs of the risk app: a municipality's analyses under /m/<slug>/risk/."""

from django.urls import path

from . import views, workflow_views

app_name = "risk"

urlpatterns = [
    path("m/<slug:slug>/risk/", views.analysis_list, name="analysis_list"),
    path("m/<slug:slug>/risk/new/", views.analysis_create, name="analysis_create"),
    path("m/<slug:slug>/risk/measures/", views.measure_list, name="measure_list"),
    path("m/<slug:slug>/risk/<int:pk>/", views.analysis_detail, name="analysis_detail"),
    path("m/<slug:slug>/risk/<int:pk>/edit/", views.analysis_edit, name="analysis_edit"),
    path("m/<slug:slug>/risk/<int:pk>/scenarios/new/", views.scenario_edit, name="scenario_create"),
    path("m/<slug:slug>/risk/<int:pk>/scenarios/<int:scenario_pk>/", views.scenario_edit, name="scenario_edit"),
    path("m/<slug:slug>/risk/<int:pk>/measures/new/", views.measure_edit, name="measure_create"),
    path("m/<slug:slug>/risk/<int:pk>/measures/<int:measure_pk>/", views.measure_edit, name="measure_edit"),
    path(
        "m/<slug:slug>/risk/<int:pk>/<slug:kind>s/<int:part_pk>/delete/",
        views.part_delete,
        name="part_delete",
    ),
    path("m/<slug:slug>/risk/<int:pk>/send/", workflow_views.analysis_send, name="analysis_send"),
    path("m/<slug:slug>/risk/<int:pk>/sign/", workflow_views.analysis_sign, name="analysis_sign"),
    path("m/<slug:slug>/risk/<int:pk>/archive/", workflow_views.analysis_archive, name="analysis_archive"),
    path("m/<slug:slug>/risk/<int:pk>/revise/", workflow_views.analysis_revise, name="analysis_revise"),
    path("m/<slug:slug>/risk/<int:pk>/changes/", workflow_views.analysis_changes, name="analysis_changes"),
    path("m/<slug:slug>/risk/<int:pk>/pdf/", workflow_views.analysis_pdf, name="analysis_pdf"),
]
