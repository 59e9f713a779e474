"""One log line per request: method, path, status, milliseconds and the user's id. Never the query
string, never a form field, and a secret token in the path (a participant's own course page, a public
report link) is written as <token>: the log holds no participant's personal data."""

from __future__ import annotations

import logging
import time

logger = logging.getLogger("isms.request")
# Load balancers ask every few seconds: their probes would drown the log.
QUIET_PATHS = ("/healthz", "/readyz")


def logged_path(request) -> str:
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match is not None:
        for name, value in match.kwargs.items():
            if name == "token" or name.endswith("_token"):
                path = path.replace(str(value), "<token>")
    return path


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        if request.path not in QUIET_PATHS:
            user = getattr(request, "user", None)
            logger.info(
                "request",
                extra={
                    "method": request.method,
                    "path": logged_path(request),
                    "status": response.status_code,
                    "ms": round((time.perf_counter() - started) * 1000, 1),
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                },
            )
        return response
