"""Reliable delivery and idempotent checks with real workers on Redis (PostgreSQL leg): two workers
running the same check at once tell nobody twice; with the broker down, with SMTP down, and with a
worker killed in the middle of sending, the e-mail waits in the outbox and goes out exactly once."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from isms.core.models import Notification, OutboxEmail, OutboxStatus
from isms.core.notifications import notify
from isms.core.tasks import run_deadline_checks, sweep_outbox
from isms.protocol.models import ProcessingActivity
from tests.fake_smtp import FakeSmtp
from tests.worker_process import require_worker_leg, run_django, start_worker, wait_for

from ..factories import MembershipFactory, MunicipalityFactory, UserFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
FAST = {"OUTBOX_BACKOFF_SECONDS": "1", "OUTBOX_SWEEP_GRACE_SECONDS": "0"}


@pytest.fixture
def workers():
    require_worker_leg()
    from isms.celery import app

    app.control.purge()
    started = []

    def start(name: str = "w1", **env):
        worker = start_worker(name, **{**FAST, **env})
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


@pytest.fixture
def smtp():
    server = FakeSmtp(accepting=False)
    yield server
    server.close()


def smtp_env(server: FakeSmtp) -> dict[str, str]:
    return {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(server.port), "EMAIL_USE_TLS": "0"}


def vefsn_editor():
    vefsn = MunicipalityFactory(number="1824", name="Vefsn", slug="vefsn")
    editor = MembershipFactory(municipality=vefsn, role="editor", user=UserFactory(email="redaktor@vefsn.kommune.no"))
    return vefsn, editor.user


def test_two_workers_running_the_checks_at_once_tell_each_person_once(workers):
    vefsn, editor = vefsn_editor()
    for index in range(30):
        ProcessingActivity.objects.create(
            municipality=vefsn, name=f"Behandling {index}", sector="welfare", purposes="Formål", legal_bases=["e"],
            data_subject_categories="Innbyggere", personal_data_categories="Navn", retention="Arkivlova",
            next_review=timezone.localdate(),
        )  # fmt: skip
    first, second = workers("w1"), workers("w2")
    run_deadline_checks.delay()
    run_deadline_checks.delay()
    assert wait_for(lambda: first.log.count("succeeded") + second.log.count("succeeded") >= 2, 90), (
        first.log + second.log
    )
    assert "run_deadline_checks" in first.log and "run_deadline_checks" in second.log  # both really ran it
    assert Notification.objects.filter(user=editor, kind="review_due").count() == 30
    run_deadline_checks.delay()  # the next day's beat, early: nothing new
    assert wait_for(lambda: first.log.count("succeeded") + second.log.count("succeeded") >= 3, 60)
    assert Notification.objects.filter(user=editor, kind="review_due").count() == 30


def test_with_the_broker_down_a_registration_answers_and_the_e_mail_waits(workers):
    from tests.training.builders import make_course, make_round, make_session
    from training.models import Registration, RegistrationLink

    vefsn = MunicipalityFactory(number="1824", name="Vefsn", slug="vefsn")
    session = make_session(make_course(), make_round(11, "Pulje 11"))
    link = RegistrationLink.objects.get(municipality=vefsn, round=session.round)
    url = reverse("training:public_register", args=[link.token])
    data = {"name": "Kari Nordmann", "email": "kari@vefsn.kommune.no", "unit": "Servicetorget",
            "sector": "administration", "job_title": "Rådgiver", "session": session.pk, "privacy": "on"}  # fmt: skip
    result = run_django(
        f"from django.test import Client\nprint('STATUS', Client().post({url!r}, {data!r}).status_code)",
        CELERY_BROKER_URL="redis://127.0.0.1:1/0",  # nothing listens there
        ALLOWED_HOSTS="testserver",
    )
    assert "STATUS 302" in result.stdout, result.stdout + result.stderr
    registration = Registration.objects.get()
    row = OutboxEmail.objects.get(key=f"course:{registration.pk}:confirmation")
    assert row.status == OutboxStatus.PENDING and row.attempts == 0

    worker = workers("w1")  # the broker is back; beat's sweep finds the row
    sweep_outbox.delay()
    assert wait_for(lambda: OutboxEmail.objects.get(pk=row.pk).status == OutboxStatus.SENT), worker.log
    sweep_outbox.delay()
    assert wait_for(lambda: worker.log.count("succeeded") >= 3), worker.log
    assert worker.log.count("To: kari@vefsn.kommune.no") == 1


def test_smtp_refusing_then_accepting_sends_the_e_mail_once(workers, smtp):
    vefsn, editor = vefsn_editor()
    worker = workers("w1", **smtp_env(smtp))
    with transaction.atomic():
        notify(user=editor, municipality=vefsn, subject="Avtale utløper: Visma", body="Forny avtalen.", link="/")
    assert wait_for(lambda: OutboxEmail.objects.get().attempts >= 2), worker.log  # refused, retried with backoff
    assert OutboxEmail.objects.get().status == OutboxStatus.PENDING and not smtp.messages
    smtp.accepting = True
    assert wait_for(lambda: OutboxEmail.objects.get().status == OutboxStatus.SENT, 60), worker.log
    sweep_outbox.delay()
    assert wait_for(lambda: "sweep_outbox" in worker.log and worker.log.count("succeeded") >= 2)
    assert len(smtp.sent_to("redaktor@vefsn.kommune.no")) == 1
    assert "421" in worker.log or OutboxEmail.objects.get().attempts >= 2


def test_a_worker_killed_while_sending_leaves_the_e_mail_for_the_next_one(workers, smtp):
    vefsn, editor = vefsn_editor()
    smtp.accepting, smtp.hold_data = True, threading.Event()  # the server keeps the worker waiting at DATA
    first = workers("w1", **smtp_env(smtp))
    with transaction.atomic():
        notify(user=editor, municipality=vefsn, subject="Tiltak forfalt", body="Tofaktorinnlogging.", link="/")
    assert smtp.waiting.wait(40), first.log
    first.kill()  # kill -9 in the middle of the SMTP conversation: its task stays unacked in Redis
    smtp.hold_data.set()
    assert OutboxEmail.objects.get().status == OutboxStatus.PENDING and not smtp.messages

    second = workers("w2", **smtp_env(smtp))
    sweep_outbox.delay()  # beat's next sweep, not an hour's visibility timeout
    assert wait_for(lambda: OutboxEmail.objects.get().status == OutboxStatus.SENT, 60), second.log
    assert len(smtp.sent_to("redaktor@vefsn.kommune.no")) == 1
    assert OutboxEmail.objects.get().sent_at > timezone.now() - datetime.timedelta(minutes=5)
