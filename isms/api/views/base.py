"""What every endpoint shares: read-only, scoped through access.py, and one log line per request."""

from __future__ import annotations

import logging
import time

from rest_framework import viewsets
from rest_framework.views import APIView

from isms.core.access import scoped

logger = logging.getLogger("isms.api")


class LoggedMixin:
    """Log method, path, status, the token (pk and prefix, never the secret) and the user of every request."""

    def initial(self, request, *args, **kwargs):
        request._api_started = time.perf_counter()
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        token = getattr(request, "auth", None)
        user = getattr(request, "user", None)
        started = getattr(request, "_api_started", None)
        logger.info(
            "api %s %s status=%s token=%s user=%s ms=%s",
            request.method,
            request.get_full_path(),
            response.status_code,
            f"{token.pk}:{token.prefix}" if token is not None else "-",
            user.pk if user is not None and user.is_authenticated else "-",
            round((time.perf_counter() - started) * 1000) if started else "-",
        )
        return response


class ApiView(LoggedMixin, APIView):
    """A single read that is not a list of model rows (status figures, history)."""


class ReadOnlyViewSet(LoggedMixin, viewsets.ReadOnlyModelViewSet):
    """A list and a detail of one model. Municipal models are restricted with `access.scoped`, so another
    municipality's object is simply not there (404, never 403). `decorate` adds, for the rows of one page
    at a time, what takes a query of its own (sign-offs, say), so a page costs the same at any size."""

    municipal = True

    def base_queryset(self):
        raise NotImplementedError

    def get_queryset(self):
        queryset = self.base_queryset()
        return scoped(queryset, self.request.user) if self.municipal else queryset

    def decorate(self, rows: list) -> None:
        """Attach per-page extras to `rows` in a constant number of queries."""

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        response = self.get_paginated_response(self.get_serializer(page, many=True).to_representation(page))
        response.add_post_render_callback(lambda rendered: self._let_go(page, rendered))
        return response

    def _let_go(self, page: list, response) -> None:
        """Once the JSON is rendered nothing needs the page's rows and their representation. The view, request,
        serializer and response refer to each other, so what they hold would wait for a full garbage
        collection; at 500 rows a page those collections were the list's p95 (issue 13)."""
        response.data = None
        self.paginator.page = None
        page.clear()

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:
            self.decorate(page)
        return page

    def get_object(self):
        obj = super().get_object()
        self.decorate([obj])
        return obj
