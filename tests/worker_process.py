"""Start and stop real Celery workers (and one-off Django processes) on the test database, for the
`worker`-marked tests of the PostgreSQL leg."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def wait_for(condition, timeout: float = 40.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return False


def require_worker_leg() -> None:
    if connection.vendor != "postgresql" or settings.CELERY_BROKER_URL.startswith("memory"):
        pytest.fail("Worker tests run in `make test-postgres` (PostgreSQL and Redis); they are never skipped there.")


def process_env(**extra: str) -> dict[str, str]:
    """The environment of a process that works on the test database (what the test process sees)."""
    db = connection.settings_dict
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        **extra,
    }
    env.pop("TEST_DATABASE_NAME", None)
    return env


@dataclass
class Worker:
    process: subprocess.Popen
    log_path: Path

    @property
    def log(self) -> str:
        return self.log_path.read_text()

    def kill(self) -> None:
        """kill -9: no chance to finish the task, acknowledge it or roll back cleanly."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=20)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


def start_worker(name: str = "w1", **extra_env: str) -> Worker:
    log_path = Path(tempfile.mkdtemp()) / f"{name}.log"
    with log_path.open("w") as log:  # the worker keeps its own copy of the descriptor
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "isms", "worker", "--pool=solo", "--concurrency=1", "-l", "info",
             "-n", f"{name}@%h", "--without-heartbeat", "--without-gossip", "--without-mingle"],
            cwd=ROOT, env=process_env(**extra_env), stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    worker = Worker(process, log_path)
    if not wait_for(lambda: "ready." in worker.log):
        worker.stop()
        pytest.fail(worker.log)
    return worker


def run_django(code: str, **extra_env: str) -> subprocess.CompletedProcess:
    """Run Python code in a fresh Django process on the test database (e.g. with the broker down)."""
    script = "import django\ndjango.setup()\n" + code
    return subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=process_env(DJANGO_SETTINGS_MODULE="isms.settings", **extra_env),
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
