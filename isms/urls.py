"""URL configuration: the apps' own pages, authentication and the admin (superusers only)."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("isms.core.urls")),
    path("", include("isms.core.library.urls")),
    path("", include("isms.protocol.urls")),
    path("", include("risk.urls")),
    path("", include("risk.cooperation_urls")),
    path("", include("dpia.urls")),
    path("", include("training.urls")),
    path("", include("isms.oversight.urls")),
    path("", include("isms.incidents.urls")),
    path("", include("isms.cycle.urls")),
    path("", include("isms.ops.urls")),
    path("", include("isms.api.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "isms.core.views.error_403"
handler404 = "isms.core.views.error_404"
handler500 = "isms.core.views.error_500"
