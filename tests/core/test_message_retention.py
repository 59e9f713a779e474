"""What the app has told people is not kept for ever (GDPR Art. 5(1)(e)): sent e-mails leave the outbox after
OUTBOX_RETENTION_DAYS, notifications after NOTIFICATION_RETENTION_DAYS; an e-mail still waiting stays."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from isms.core.message_retention import prune_messages
from isms.core.models import Notification, OutboxEmail, OutboxStatus
from isms.core.notifications import notify, unread_count
from isms.core.outbox import queue_email
from isms.core.tasks import prune_old_messages
from tests.training.builders import make_session, register


def aged(model, pk: int, days: int) -> None:
    """Date a row `days` back (neither model is tracked: no history to keep in step)."""
    model.objects.filter(pk=pk).update(created_at=timezone.now() - datetime.timedelta(days=days))


def email(key: str, *, status: str, days: int) -> OutboxEmail:
    row = queue_email(to="leder@vefsn.kommune.no", subject="Til signering", body="Les og signer.", key=key)
    OutboxEmail.objects.filter(pk=row.pk).update(status=status, sent_at=timezone.now() if status == "sent" else None)
    aged(OutboxEmail, row.pk, days)
    return row


def test_sent_and_given_up_e_mails_leave_the_outbox_after_the_retention_and_a_waiting_one_stays(db):
    limit = settings.OUTBOX_RETENTION_DAYS
    old_sent = email("sent-old", status=OutboxStatus.SENT, days=limit + 1)
    recent_sent = email("sent-recent", status=OutboxStatus.SENT, days=limit - 1)
    old_failed = email("failed-old", status=OutboxStatus.FAILED, days=limit + 1)
    old_waiting = email("waiting-old", status=OutboxStatus.PENDING, days=limit * 3)
    assert prune_messages().emails == 2
    left = set(OutboxEmail.objects.values_list("pk", flat=True))
    assert left == {recent_sent.pk, old_waiting.pk}
    assert old_sent.pk not in left and old_failed.pk not in left


def test_notifications_older_than_the_retention_go_and_the_unread_count_with_them(cast):
    limit = settings.NOTIFICATION_RETENTION_DAYS
    old = notify(user=cast.leader_vefsn, subject="Gammel påminnelse", body="", link="", kind="general")
    recent = notify(user=cast.leader_vefsn, subject="Ny påminnelse", body="", link="", kind="general")
    aged(Notification, old.pk, limit + 1)
    aged(Notification, recent.pk, limit - 1)
    assert unread_count(cast.leader_vefsn) == 2
    assert prune_messages().notifications == 1
    assert list(Notification.objects.values_list("pk", flat=True)) == [recent.pk]
    assert unread_count(cast.leader_vefsn) == 1


def test_a_participants_registration_e_mail_with_their_name_is_gone_after_the_retention(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register(make_session(), cast.vefsn, 7)
    row = OutboxEmail.objects.get(to_email="deltaker7@vefsn.kommune.no")
    assert "Deltaker 7" in row.body and row.status == OutboxStatus.SENT
    aged(OutboxEmail, row.pk, settings.OUTBOX_RETENTION_DAYS + 1)
    assert prune_old_messages() == {"emails": 1, "notifications": 0}
    assert not OutboxEmail.objects.filter(body__contains="Deltaker 7").exists()


def test_the_retention_runs_every_night_and_the_deliveries_page_says_how_long_e_mails_are_kept(cast, client_for):
    assert settings.CELERY_BEAT_SCHEDULE["message-retention"]["task"] == "isms.core.tasks.prune_old_messages"
    page = client_for(cast.coordinator).get(reverse("core:delivery_problems")).content.decode()
    assert f"slettes fra utboksen etter {settings.OUTBOX_RETENTION_DAYS} dager" in page
