"""The short load test of `make test-postgres`: loadtest/locustfile.py for a few seconds against gunicorn
on the bench data; it fails on any failed request (5xx, 429, a reset connection) and on an overbooked session."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import pytest
from django.core.management import call_command

from training.models import Registration, RegistrationStatus

from .gunicorn_process import require_deploy_leg, start_gunicorn
from .worker_process import ROOT, process_env

pytestmark = [pytest.mark.postgres, pytest.mark.deploy, pytest.mark.django_db(transaction=True)]

SEATS = 5


def test_a_short_burst_of_registering_and_browsing_users_gives_no_error_and_no_overbooking(tmp_path):
    require_deploy_leg()
    plan_path = tmp_path / "plan.json"
    call_command("loadtest_data", municipalities=3, records=3, seats=SEATS, plan=plan_path)
    plan = json.loads(plan_path.read_text())
    assert {browser["email"] for browser in plan["browsers"]} >= {"bench.leder@example.no", "bench.pvo@example.no"}
    server = start_gunicorn("load", TRUSTED_PROXIES="127.0.0.1", GUNICORN_WORKERS="2", GUNICORN_THREADS="4")
    try:
        run = subprocess.run(
            [sys.executable, "-m", "locust", "-f", "loadtest/locustfile.py", "--headless", "--users", "16",
             "--spawn-rate", "16", "--run-time", "20s", "--host", server.url, "--only-summary"],
            cwd=ROOT, env=process_env(LOADTEST_PLAN=str(plan_path)), capture_output=True, text=True, timeout=300,
        )  # fmt: skip
    finally:
        server.stop()

    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]
    statuses = Counter(Registration.objects.filter(session_id=plan["session"]).values_list("status", flat=True))
    assert statuses[RegistrationStatus.CONFIRMED] == min(SEATS, sum(statuses.values()))
    assert sum(statuses.values()) > 0
    call_command("loadtest_data", plan=plan_path, verify=True)
