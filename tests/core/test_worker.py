"""A real Celery worker on Redis runs a queued task once and writes to the database (PostgreSQL leg)."""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from isms.core.models import GlobalRole, Invitation, MembershipRole
from isms.core.services import invite_user
from isms.core.tasks import send_invitation_email

from ..factories import MunicipalityFactory, UserFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]


def _wait_for(condition, timeout: float = 40.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return False


@pytest.fixture
def worker():
    if connection.vendor != "postgresql" or settings.CELERY_BROKER_URL.startswith("memory"):
        pytest.fail("Worker tests run in `make test-postgres` (PostgreSQL and Redis); they are never skipped there.")
    from isms.celery import app

    app.control.purge()
    db = connection.settings_dict
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "CELERY_TASK_ALWAYS_EAGER": "0",
    }
    env.pop("TEST_DATABASE_NAME", None)
    log_path = Path(tempfile.mkdtemp()) / "worker.log"
    with log_path.open("w") as log:  # the worker keeps its own copy of the descriptor
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "isms", "worker", "--pool=solo", "--concurrency=1", "-l", "info",
             "--without-heartbeat", "--without-gossip", "--without-mingle"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        assert _wait_for(lambda: "ready." in log_path.read_text()), log_path.read_text()
        yield log_path
    finally:
        process.terminate()
        process.wait(timeout=20)
        log_path.unlink()


def test_a_queued_invitation_is_sent_once_by_the_worker(worker):
    vefsn = MunicipalityFactory(number="1824", name="Vefsn", slug="vefsn")
    coordinator = UserFactory(global_role=GlobalRole.COORDINATOR)
    invitation, token = invite_user(
        municipality=vefsn, email="ny.kollega@vefsn.kommune.no", role=MembershipRole.EDITOR, invited_by=coordinator
    )
    assert _wait_for(lambda: Invitation.objects.get(pk=invitation.pk).sent_at is not None), worker.read_text()
    sent_at = Invitation.objects.get(pk=invitation.pk).sent_at

    send_invitation_email.delay(invitation.pk, token)  # a retry or a double click queues it again
    assert _wait_for(lambda: worker.read_text().count("succeeded") >= 2), worker.read_text()
    assert Invitation.objects.get(pk=invitation.pk).sent_at == sent_at
    assert worker.read_text().count("To: ny.kollega@vefsn.kommune.no") == 1
