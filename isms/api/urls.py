from django.urls import include, path
from rest_framework.routers import SimpleRouter

from .views import docs, figures, history, records, tokens

app_name = "api"

router = SimpleRouter()
router.register("municipalities", records.MunicipalityViewSet, basename="municipality")
router.register("processing-activities", records.ProcessingActivityViewSet, basename="processing-activity")
router.register("agreements", records.AgreementViewSet, basename="agreement")
router.register("systems", records.SystemViewSet, basename="system")
router.register("vendors", records.VendorViewSet, basename="vendor")
router.register("risk-analyses", records.RiskAnalysisViewSet, basename="risk-analysis")
router.register("dpias", records.DpiaViewSet, basename="dpia")
router.register("courses", records.CourseViewSet, basename="course")

urlpatterns = [
    path("api/v1/", include(router.urls)),
    path("api/v1/participation/", figures.ParticipationView.as_view(), name="participation"),
    path("api/v1/status/", figures.StatusView.as_view(), name="status"),
    path(
        "api/v1/municipalities/<int:municipality_id>/history/<slug:label>/<int:pk>/",
        history.MunicipalHistoryView.as_view(),
        name="municipal_history",
    ),
    path("api/v1/history/<slug:label>/<int:pk>/", history.CooperationHistoryView.as_view(), name="cooperation_history"),
    path("api/schema/", docs.SchemaView.as_view(), name="schema"),
    path("api/docs/", docs.docs, name="docs"),
    path("api/tokens/", tokens.token_list, name="token_list"),
    path("api/tokens/<int:pk>/revoke/", tokens.token_revoke, name="token_revoke"),
    path("secretariat/api-tokens/", tokens.token_admin, name="token_admin"),
    path("secretariat/api-tokens/<int:pk>/revoke/", tokens.token_admin_revoke, name="token_admin_revoke"),
]
