"""Production settings read from the environment: a clear refusal without SECRET_KEY or ALLOWED_HOSTS,
the PostgreSQL connection pool, Redis for cache and sessions, gunicorn's sizes (each in a fresh process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from .worker_process import ROOT

PRODUCTION = {"SECRET_KEY": "a-long-production-key-for-the-settings-test-only-0123456789", "ALLOWED_HOSTS": "isms.no"}
PRINT_SETTINGS = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'db': s.DATABASES['default'], 'cache': s.CACHES['default'], 'session': s.SESSION_ENGINE}))"
)


def run(code: str, **env: str) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}}
    clean.pop("CACHE_URL", None)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**clean, "DJANGO_SETTINGS_MODULE": "isms.settings", **env},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def settings_with(**env: str) -> dict:
    result = run(PRINT_SETTINGS, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_without_a_secret_key_refuses_to_start_and_names_it():
    result = run(PRINT_SETTINGS, ALLOWED_HOSTS="isms.no")
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY must be set when DEBUG is off." in result.stderr


def test_production_without_allowed_hosts_refuses_to_start_and_names_it():
    result = run(PRINT_SETTINGS, SECRET_KEY=PRODUCTION["SECRET_KEY"])
    assert result.returncode != 0
    assert "ImproperlyConfigured: ALLOWED_HOSTS must be set when DEBUG is off" in result.stderr


def test_production_with_both_starts():
    assert settings_with(**PRODUCTION)["session"] == "django.contrib.sessions.backends.cached_db"


def test_postgresql_gets_a_bounded_pool_without_persistent_connections():
    db = settings_with(**PRODUCTION, DATABASE_URL="postgres://isms@db:5432/isms", DB_POOL_MIN="2", DB_POOL_MAX="6")
    assert db["db"]["OPTIONS"]["pool"] == {"min_size": 2, "max_size": 6, "timeout": 30.0}
    assert db["db"]["CONN_MAX_AGE"] == 0
    assert db["db"]["CONN_HEALTH_CHECKS"] is True


def test_without_the_pool_persistent_connections_are_back_for_pgbouncer():
    db = settings_with(**PRODUCTION, DATABASE_URL="postgres://isms@db:6432/isms", DB_POOL_MAX="0")["db"]
    assert "pool" not in db["OPTIONS"]
    assert db["CONN_MAX_AGE"] == 60


def test_sqlite_has_no_pool():
    assert (
        "pool" not in settings_with(**PRODUCTION, DATABASE_URL="sqlite:////tmp/isms-no-pool.sqlite3")["db"]["OPTIONS"]
    )


def test_cache_url_shares_the_cache_in_redis_and_sessions_go_through_it():
    shared = settings_with(**PRODUCTION, CACHE_URL="redis://redis:6379/1")
    assert shared["cache"]["BACKEND"] == "isms.ops.cache.ResilientRedisCache"
    assert shared["cache"]["LOCATION"] == "redis://redis:6379/1"
    assert settings_with(**PRODUCTION)["cache"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_gunicorn_takes_workers_threads_and_timeout_from_the_environment():
    names = ["bind", "workers", "threads", "worker_class", "timeout", "accesslog"]
    code = (
        f"import runpy, json; c = runpy.run_path('gunicorn.conf.py'); print(json.dumps({{k: c[k] for k in {names!r}}}))"
    )
    default = json.loads(run(code).stdout)
    assert default == {"bind": "127.0.0.1:8000", "workers": 2, "threads": 4, "worker_class": "gthread",
                       "timeout": 60, "accesslog": None}  # fmt: skip
    tuned = json.loads(run(code, GUNICORN_WORKERS="3", GUNICORN_THREADS="1", GUNICORN_TIMEOUT="90", PORT="8110").stdout)
    assert (tuned["workers"], tuned["threads"], tuned["worker_class"], tuned["timeout"]) == (3, 1, "sync", 90)
    assert tuned["bind"] == "127.0.0.1:8110"
