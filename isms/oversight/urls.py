"""URLs of the oversight app: /oversikt/ for the DPO and the coordinator (the old /dpo/ redirects there)."""

from django.urls import path

from . import views

app_name = "oversight"

urlpatterns = [
    path("dpo/", views.dpo_redirect, name="dpo_redirect"),
    path("oversikt/", views.status, name="status"),
    path("oversikt/felles-tjenester/", views.shared_services, name="shared_services"),
    path("oversikt/rapporter/", views.report_list, name="report_list"),
    path("oversikt/rapporter/<int:pk>/", views.report_detail, name="report_detail"),
    path("oversikt/rapporter/<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
]
