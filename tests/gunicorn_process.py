"""Start and stop real gunicorn instances on the test database, for the `deploy`-marked tests of the
PostgreSQL leg (the scale-out proof, the outage, the short load test)."""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from .worker_process import ROOT, process_env, wait_for

# The gunicorns' connections carry this name, so the test can count them in pg_stat_activity.
APPLICATION_NAME = "isms-deploy-test"


def require_deploy_leg() -> None:
    if connection.vendor != "postgresql" or "Redis" not in settings.CACHES["default"]["BACKEND"]:
        pytest.fail("Deploy tests run in `make test-postgres` (PostgreSQL, CACHE_URL on Redis); never skipped there.")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Instance:
    process: subprocess.Popen
    port: int
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log(self) -> str:
        return self.log_path.read_text()

    def answers(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:  # noqa: S310
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start_gunicorn(name: str, **extra_env: str) -> Instance:
    """One gunicorn (gunicorn.conf.py, like `make serve`) on a free port over the test database."""
    port = free_port()
    log_path = Path(tempfile.mkdtemp()) / f"{name}.log"
    defaults = {
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "PGAPPNAME": APPLICATION_NAME,
        "CACHE_URL": settings.CACHES["default"].get("LOCATION", ""),
        "CELERY_TASK_ALWAYS_EAGER": "1" if settings.CELERY_BROKER_URL.startswith("memory") else "0",
        "LOG_REQUESTS": "0",
    }
    env = process_env(**{**defaults, **extra_env})
    with log_path.open("w") as log:  # gunicorn keeps its own copy of the descriptor
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "isms.wsgi"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    instance = Instance(process, port, log_path)
    if not wait_for(instance.answers, timeout=60):
        instance.stop()
        pytest.fail(f"gunicorn {name} did not start:\n{instance.log}")
    return instance
