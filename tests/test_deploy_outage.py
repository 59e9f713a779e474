"""Redis down (cache and broker): /readyz answers 503 naming both, while gunicorn still serves pages,
logins and course registrations from PostgreSQL, and the confirmation e-mail waits in the outbox."""

from __future__ import annotations

import pytest
import requests
from django.urls import reverse

from isms.core.models import OutboxEmail, OutboxStatus
from tests.training.builders import make_session
from training import services
from training.models import Registration, RegistrationStatus

from .gunicorn_process import require_deploy_leg, start_gunicorn
from .test_deploy_scaleout import CSRF, PBKDF2

pytestmark = [pytest.mark.postgres, pytest.mark.deploy, pytest.mark.django_db(transaction=True)]

NOBODY_LISTENS = "redis://127.0.0.1:1/0"


@pytest.fixture
def without_redis():
    require_deploy_leg()
    instance = start_gunicorn(
        "outage", CACHE_URL=NOBODY_LISTENS, CELERY_BROKER_URL=NOBODY_LISTENS, CELERY_TASK_ALWAYS_EAGER="0"
    )
    yield instance
    instance.stop()


def test_redis_down_makes_readyz_fail_while_pages_logins_and_registrations_go_on(without_redis, cast, settings):
    base = without_redis.url
    ready = requests.get(f"{base}/readyz", timeout=30)
    assert ready.status_code == 503
    assert ready.json()["failing"] == ["cache", "broker"]
    assert ready.json()["checks"]["database"] == "ok"
    assert requests.get(f"{base}/healthz", timeout=30).json() == {"status": "ok"}

    settings.PASSWORD_HASHERS = PBKDF2
    cast.editor_vefsn.set_password(cast.password)
    cast.editor_vefsn.save(update_fields=["password"])
    browser = requests.Session()
    login = browser.get(f"{base}/accounts/login/", timeout=30)
    browser.post(
        f"{base}/accounts/login/",
        data={"csrfmiddlewaretoken": CSRF.search(login.text).group(1), "login": cast.editor_vefsn.email,
              "password": cast.password},
        timeout=30,
    )  # fmt: skip
    home = browser.get(f"{base}/", allow_redirects=False, timeout=30)
    assert home.status_code == 200
    assert cast.editor_vefsn.email in home.text

    session = make_session(capacity=5)
    link = services.registration_link(municipality=cast.vefsn, round=session.round, actor=None)
    path = reverse("training:public_register", kwargs={"token": link.token})
    participant = requests.Session()
    form = participant.get(f"{base}{path}", timeout=30)
    answer = participant.post(
        f"{base}{path}",
        data={"csrfmiddlewaretoken": CSRF.search(form.text).group(1), "session": session.pk, "name": "Deltaker 1",
              "email": "deltaker1@vefsn.kommune.no", "privacy": "on"},
        timeout=30,
    )  # fmt: skip
    assert answer.status_code == 200
    registration = Registration.objects.get(session=session)
    assert registration.status == RegistrationStatus.CONFIRMED
    waiting = OutboxEmail.objects.get(to_email="deltaker1@vefsn.kommune.no")
    assert waiting.status == OutboxStatus.PENDING
    assert waiting.sent_at is None
