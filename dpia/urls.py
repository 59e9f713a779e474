"""URLs of the DPIA app: a municipality's DPIAs under /m/<slug>/dpia/, and the DPO's queue."""

from django.urls import path

from . import views, workflow_views

app_name = "dpia"

urlpatterns = [
    path("dpo/dpia/", workflow_views.dpo_queue, name="dpo_queue"),
    path("m/<slug:slug>/dpia/", views.dpia_list, name="list"),
    path("m/<slug:slug>/dpia/screening/<int:activity_pk>/", views.screening, name="screening"),
    path("m/<slug:slug>/dpia/new/<int:activity_pk>/", views.dpia_create, name="create"),
    path("m/<slug:slug>/dpia/<int:pk>/", views.dpia_detail, name="detail"),
    path("m/<slug:slug>/dpia/<int:pk>/edit/", views.dpia_edit, name="edit"),
    path("m/<slug:slug>/dpia/<int:pk>/principles/", views.principles_edit, name="principles"),
    path("m/<slug:slug>/dpia/<int:pk>/risks/new/", views.risk_edit, name="risk_create"),
    path("m/<slug:slug>/dpia/<int:pk>/risks/<int:risk_pk>/", views.risk_edit, name="risk_edit"),
    path("m/<slug:slug>/dpia/<int:pk>/actions/new/", views.action_edit, name="action_create"),
    path("m/<slug:slug>/dpia/<int:pk>/actions/<int:action_pk>/", views.action_edit, name="action_edit"),
    path("m/<slug:slug>/dpia/<int:pk>/send/", workflow_views.send_to_dpo, name="send"),
    path("m/<slug:slug>/dpia/<int:pk>/advice/", workflow_views.advice, name="advice"),
    path("m/<slug:slug>/dpia/<int:pk>/submit/", workflow_views.send_for_decision, name="submit"),
    path("m/<slug:slug>/dpia/<int:pk>/decide/", workflow_views.decide, name="decide"),
    path(
        "m/<slug:slug>/dpia/<int:pk>/prior-consultation/", workflow_views.prior_consultation, name="prior_consultation"
    ),
    path("m/<slug:slug>/dpia/<int:pk>/pdf/", workflow_views.dpia_pdf, name="pdf"),
    path("m/<slug:slug>/dpia/<int:pk>/archive/", workflow_views.archive, name="archive"),
]
