"""/healthz (the process answers) and /readyz (it can do its work: database, cache and broker reachable,
each within READINESS_TIMEOUT seconds). Anonymous, no session, no template: cheap enough to probe often."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from isms.celery import app as celery_app

READINESS_KEY = "readyz"


def _database() -> None:
    connection.ensure_connection()
    if not connection.is_usable():  # PostgreSQL: a round trip on the connection (SELECT 1)
        raise RuntimeError("the database connection is not usable")


def _cache() -> None:
    ping = getattr(cache, "ping", None)
    if ping is not None:  # Redis: the shared cache swallows outages, so ask it directly
        ping()
        return
    cache.set(READINESS_KEY, "ok", timeout=5)
    if cache.get(READINESS_KEY) != "ok":
        raise RuntimeError("the cache did not keep a value")


def _broker() -> None:
    if settings.CELERY_BROKER_URL.startswith("memory://"):
        return  # tasks run in the request (eager): there is no broker to reach
    with celery_app.connection_for_write() as broker:
        broker.ensure_connection(max_retries=0, timeout=settings.READINESS_TIMEOUT)


CHECKS = {"database": _database, "cache": _cache, "broker": _broker}


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    results: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # any failure of a dependency makes the instance not ready
            results[name] = f"unavailable: {type(error).__name__}"
        else:
            results[name] = "ok"
    failing = [name for name, result in results.items() if result != "ok"]
    if failing:
        return JsonResponse({"status": "unavailable", "failing": failing, "checks": results}, status=503)
    return JsonResponse({"status": "ok", "checks": results})
