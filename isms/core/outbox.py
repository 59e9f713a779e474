"""Reliable e-mail: `queue_email` writes an outbox row in the caller's transaction; after commit a task
sends it, retrying with backoff, and `sweep_outbox` (beat, every minute) re-queues any row whose task
never ran (broker down when queued, worker killed mid-send). A row is sent under its row lock and marked
sent in the same transaction, so two workers never both send it; the idempotency key is the Message-ID.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from .models import Municipality, OutboxEmail, OutboxStatus

logger = logging.getLogger(__name__)


def queue_email(
    *, to: str, subject: str, body: str, key: str, kind: str = "", municipality: Municipality | None = None
) -> OutboxEmail | None:
    """One e-mail per `key`: a second call with the same key returns the first row and queues nothing.
    An empty address is logged and skipped (a participant may have none); the in-app notice remains."""
    if not to:
        logger.info("No e-mail address for outbox key %s; nothing queued.", key)
        return None
    try:
        with transaction.atomic():
            row = OutboxEmail.objects.create(
                key=key[:200],
                kind=kind,
                municipality=municipality,
                to_email=to,
                subject=" ".join(subject.split())[:300],
                body=body,
            )
    except IntegrityError:
        return OutboxEmail.objects.filter(key=key[:200]).first()
    transaction.on_commit(lambda: dispatch(row.pk))
    return row


def dispatch(outbox_id: int) -> None:
    """Hand the row to a worker. A broker that is down is no error: the row waits for the sweep."""
    from .tasks import deliver_email

    try:
        deliver_email.delay(outbox_id)
    except Exception:  # kombu raises OperationalError, but any publish failure must leave the row queued
        logger.warning("Could not queue outbox e-mail %s; the sweep will send it.", outbox_id, exc_info=True)


def failure_note(error: str) -> str:
    """What the deliveries page shows of a failed attempt: when (Oslo time, as the page's other columns) and
    the mail server's answer."""
    return f"{timezone.localtime():%d.%m.%Y %H:%M} {error}"[:2000]


def backoff(attempts: int) -> datetime.timedelta:
    """1, 2, 4, 8 … minutes after each failed attempt, at most six hours."""
    seconds = settings.OUTBOX_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(seconds, 6 * 60 * 60))


def message_id(key: str) -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].rstrip(">").strip() or "localhost"
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:40]}@{domain}>"


@dataclass(frozen=True)
class Attempt:
    sent: bool
    retry_in: datetime.timedelta | None = None  # when the caller may try again (None: nothing to do)


def send_outbox_email(outbox_id: int) -> Attempt:
    """Send one row once. A row another worker is sending (locked) or already sent is left alone."""
    with transaction.atomic():
        row = (
            OutboxEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=outbox_id, status=OutboxStatus.PENDING)
            .first()
        )
        if row is None:
            return Attempt(sent=False)
        message = EmailMessage(row.subject, row.body, None, [row.to_email], headers={"Message-ID": message_id(row.key)})
        row.attempts += 1
        try:
            message.send()
        except (smtplib.SMTPException, OSError) as error:
            row.last_error = failure_note(repr(error))
            if row.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
                row.status = OutboxStatus.FAILED
                retry_in = None
            else:
                retry_in = backoff(row.attempts)
                row.next_attempt_at = timezone.now() + retry_in
            row.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            logger.warning("Outbox e-mail %s not sent (attempt %s): %r", row.pk, row.attempts, error)
            return Attempt(sent=False, retry_in=retry_in)
        row.status, row.sent_at, row.last_error = OutboxStatus.SENT, timezone.now(), ""
        row.save(update_fields=["attempts", "status", "sent_at", "last_error"])
        return Attempt(sent=True)


def due_rows(now: datetime.datetime | None = None) -> QuerySet[OutboxEmail]:
    """Rows waiting past their next attempt by more than the grace the normal path gets."""
    now = now or timezone.now()
    grace = datetime.timedelta(seconds=settings.OUTBOX_SWEEP_GRACE_SECONDS)
    return OutboxEmail.objects.filter(status=OutboxStatus.PENDING, next_attempt_at__lte=now - grace).order_by(
        "next_attempt_at"
    )


def sweep(limit: int = 500) -> int:
    """Queue every due row again (idempotent: sending locks the row and checks its status)."""
    ids = list(due_rows().values_list("pk", flat=True)[:limit])
    for outbox_id in ids:
        dispatch(outbox_id)
    return len(ids)


def retry_failed(*, outbox_ids: list[int]) -> int:
    """The coordinator sends failed e-mails again: they are pending with a fresh count of attempts."""
    count = 0
    with transaction.atomic():
        for row in OutboxEmail.objects.select_for_update().filter(pk__in=outbox_ids, status=OutboxStatus.FAILED):
            row.status, row.attempts, row.next_attempt_at = OutboxStatus.PENDING, 0, timezone.now()
            row.save(update_fields=["status", "attempts", "next_attempt_at"])
            transaction.on_commit(lambda pk=row.pk: dispatch(pk))
            count += 1
    return count


def problem_rows() -> QuerySet[OutboxEmail]:
    """What the coordinator must see: failed rows, and rows still waiting after a failed attempt or for
    longer than ten minutes (the broker or the worker is down)."""
    from django.db.models import Q

    stuck = timezone.now() - datetime.timedelta(minutes=10)
    return OutboxEmail.objects.filter(
        Q(status=OutboxStatus.FAILED) | Q(status=OutboxStatus.PENDING) & (Q(attempts__gt=0) | Q(created_at__lt=stuck))
    ).select_related("municipality")
