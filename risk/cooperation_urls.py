"""Cooperation-level risk URLs: the matrix, the threat catalogue and the overview across municipalities."""

from django.urls import path

from . import cooperation_views

app_name = "risk_cooperation"

urlpatterns = [
    path("risk/matrix/", cooperation_views.matrix_detail, name="matrix_detail"),
    path("risk/matrix/edit/", cooperation_views.matrix_edit, name="matrix_edit"),
    path("risk/threats/", cooperation_views.threat_list, name="threat_list"),
    path("risk/overview/", cooperation_views.risk_overview, name="overview"),
]
