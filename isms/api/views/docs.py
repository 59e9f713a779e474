"""The OpenAPI schema (drf-spectacular) and the docs page on it (Swagger UI, vendored, no CDN)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from drf_spectacular.views import SpectacularAPIView

from isms.core.access import require_municipal_access

from ..permissions import WorksWithMunicipalRecords
from .base import LoggedMixin


class SchemaView(LoggedMixin, SpectacularAPIView):
    """The schema, for the people who may use the API (with a token or logged in)."""

    permission_classes = [WorksWithMunicipalRecords]


@login_required
def docs(request: HttpRequest) -> HttpResponse:
    require_municipal_access(request.user)
    return render(request, "api/docs.html")
