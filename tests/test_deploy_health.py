"""/healthz and /readyz: anonymous JSON, cheap (a constant number of queries), never redirected or
rate-limited, and /readyz names the dependency that is down."""

from __future__ import annotations

import pytest
from django.core.cache import caches

from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

DEAD_REDIS = {
    "default": {
        "BACKEND": "isms.ops.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


@pytest.mark.parametrize("municipalities", [1, 30])
def test_healthz_answers_ok_without_touching_the_database(client, django_assert_num_queries, municipalities):
    MunicipalityFactory.create_batch(municipalities)
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.parametrize("municipalities", [1, 30])
def test_readyz_checks_database_cache_and_broker_cheaply(client, django_assert_max_num_queries, municipalities):
    MunicipalityFactory.create_batch(municipalities)
    with django_assert_max_num_queries(1):
        response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "broker": "ok"}}


def test_readyz_names_the_cache_when_redis_is_down_and_pages_still_answer(client, settings, cast):
    settings.CACHES = DEAD_REDIS  # Django's test signal replaces the cache handlers
    assert caches["default"].get("anything", "missing") == "missing"

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["failing"] == ["cache"]
    assert response.json()["checks"]["cache"] == "unavailable: ConnectionError"
    assert client.get("/tilgjengelighet/").status_code == 200


def test_probes_are_only_read(client):
    assert client.post("/healthz").status_code == 405
    assert client.post("/readyz").status_code == 405


def test_probes_are_not_redirected_to_https_in_production(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
    assert client.get("/tilgjengelighet/").status_code == 301


def test_logging_in_and_the_course_rate_limit_go_on_while_redis_is_down(client, settings, cast):
    settings.CACHES = DEAD_REDIS
    settings.COURSE_PUBLIC_RATE_LIMIT = 1
    response = client.post("/accounts/login/", {"login": cast.editor_vefsn.email, "password": cast.password})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert caches["default"].add("lock", True) is True  # a lock is taken rather than waited for
    with pytest.raises(ValueError):  # the rate limit then counts the request as the first
        caches["default"].incr("course-public:10.0.0.1:1")
