"""URLs of the avvik register: a municipality's avvik under /m/<slug>/incidents/, reporting at
/incidents/report/ (logged in) and /p/incidents/<token>/ (no login), the DPO's overview at /dpo/incidents/."""

from django.urls import path

from . import report_views, views, workflow_views

app_name = "incidents"

urlpatterns = [
    path("incidents/report/", report_views.report, name="report"),
    path("p/incidents/<str:token>/", report_views.public_report, name="public_report"),
    path("dpo/incidents/", workflow_views.dpo_overview, name="dpo_overview"),
    path("m/<slug:slug>/incidents/", views.incident_list, name="list"),
    path("m/<slug:slug>/incidents/register.pdf", views.register_pdf, name="register_pdf"),
    path("m/<slug:slug>/incidents/link/rotate/", views.link_rotate, name="link_rotate"),
    path("m/<slug:slug>/incidents/<int:pk>/", views.incident_detail, name="detail"),
    path("m/<slug:slug>/incidents/<int:pk>/edit/", views.incident_edit, name="edit"),
    path("m/<slug:slug>/incidents/<int:pk>/measures/new/", views.measure_edit, name="measure_create"),
    path("m/<slug:slug>/incidents/<int:pk>/measures/<int:measure_pk>/", views.measure_edit, name="measure_edit"),
    path("m/<slug:slug>/incidents/<int:pk>/advice/", workflow_views.advice, name="advice"),
    path("m/<slug:slug>/incidents/<int:pk>/submit/", workflow_views.submit, name="submit"),
    path("m/<slug:slug>/incidents/<int:pk>/decide/", workflow_views.decide, name="decide"),
    path("m/<slug:slug>/incidents/<int:pk>/notification/", workflow_views.notification, name="notification"),
    path("m/<slug:slug>/incidents/<int:pk>/close/", workflow_views.close, name="close"),
    path("m/<slug:slug>/incidents/<int:pk>/pdf/", views.incident_pdf, name="pdf"),
]
