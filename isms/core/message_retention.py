"""How long the app keeps what it has told people (GDPR Art. 5(1)(e)): the e-mails in the outbox and the
in-app notifications. An outbox row holds the whole e-mail, a participant's name and links included, so
the course retention (training/retention.py) would not keep its promise if the outbox kept them for ever.

Neither model is tracked: these rows are deleted, not versioned. An e-mail still waiting to be sent is
never deleted, however old; the deadline checks' claims (`DeadlineNotice`) are kept, or an overdue
deadline would be notified again.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from .models import Notification, OutboxEmail, OutboxStatus
from .notifications import forget_unread_count


@dataclass(frozen=True)
class Pruned:
    emails: int
    notifications: int


def prune_messages(*, now: datetime.datetime | None = None) -> Pruned:
    """Delete the e-mails sent or given up more than OUTBOX_RETENTION_DAYS ago and the notifications
    created more than NOTIFICATION_RETENTION_DAYS ago."""
    now = now or timezone.now()
    email_cutoff = now - datetime.timedelta(days=settings.OUTBOX_RETENTION_DAYS)
    notification_cutoff = now - datetime.timedelta(days=settings.NOTIFICATION_RETENTION_DAYS)
    emails, _kinds = (
        OutboxEmail.objects.exclude(status=OutboxStatus.PENDING).filter(created_at__lt=email_cutoff).delete()
    )
    expired = Notification.objects.filter(created_at__lt=notification_cutoff)
    unread_of = set(expired.filter(read_at__isnull=True).values_list("user_id", flat=True).distinct())
    notifications, _kinds = expired.delete()
    for user_id in unread_of:  # the count on "Varsler" is cached
        forget_unread_count(user_id)
    return Pruned(emails=emails, notifications=notifications)
