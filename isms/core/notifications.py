"""Telling users: an in-app notification, e-mailed once after the transaction commits."""

from __future__ import annotations

from django.db import transaction

from .models import Municipality, Notification, User


def notify(*, user: User, subject: str, body: str, link: str, municipality: Municipality | None = None) -> Notification:
    from .tasks import send_notification_email

    notification = Notification.objects.create(
        user=user, municipality=municipality, subject=subject[:200], body=body, link=link
    )
    transaction.on_commit(lambda: send_notification_email.delay(notification.pk))
    return notification


def mark_read(*, user: User, notification_ids: list[int] | None = None) -> None:
    from django.utils import timezone

    rows = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        rows = rows.filter(pk__in=notification_ids)
    for notification in rows:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
