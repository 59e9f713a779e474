"""Telling users: an in-app notification and, as the user chose for its kind, an e-mail at once, in the
daily digest or none. The e-mail is an outbox row written in the same transaction as the notification.

Kinds are registered (`register_kind`) by the apps that notify; an unknown kind is refused.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Delivery, Municipality, Notification, NotificationPreference, NotificationSettings, User
from .outbox import queue_email


@dataclass(frozen=True)
class NotificationKind:
    key: str
    label: str | Promise
    default: str = Delivery.IMMEDIATELY
    # Who may receive it, for the settings page: a function(user) → bool (None: everyone).
    for_user: object = None


KINDS: dict[str, NotificationKind] = {}


def register_kind(key: str, label, *, default: str = Delivery.IMMEDIATELY, for_user=None) -> NotificationKind:
    kind = NotificationKind(key, label, default, for_user)
    KINDS[key] = kind
    return kind


def for_editors(user: User) -> bool:
    from .models import MembershipRole

    return user.memberships.filter(role__in=[MembershipRole.EDITOR, MembershipRole.LEADER]).exists()


def for_leaders(user: User) -> bool:
    from .models import MembershipRole

    return user.memberships.filter(role=MembershipRole.LEADER).exists()


def for_dpo(user: User) -> bool:
    return user.is_dpo


def for_coordinator(user: User) -> bool:
    return user.is_coordinator


register_kind("general", _("Workflow: sent to you, decided, advice given"))
register_kind("nudge", _("Messages from the secretariat"))


class UnknownNotificationKind(ValueError):
    pass


def kinds_for(user: User) -> list[NotificationKind]:
    return [kind for kind in KINDS.values() if kind.for_user is None or kind.for_user(user)]


def delivery_for(user: User, kind: str) -> str:
    row = NotificationPreference.objects.filter(user=user, kind=kind).values_list("delivery", flat=True).first()
    return row or KINDS[kind].default


def notify(
    *,
    user: User,
    subject: str,
    body: str,
    link: str,
    municipality: Municipality | None = None,
    kind: str = "general",
    delivery: str | None = None,
) -> Notification:
    """Tell `user`. `delivery` is the user's choice for `kind` unless the caller already read it."""
    if kind not in KINDS:
        raise UnknownNotificationKind(f"Unknown notification kind: {kind}")
    delivery = delivery or delivery_for(user, kind)
    with transaction.atomic():
        notification = Notification.objects.create(
            user=user,
            municipality=municipality,
            subject=subject[:200],
            body=body,
            link=link,
            kind=kind,
            delivery=delivery,
        )
        if delivery == Delivery.IMMEDIATELY:
            email_notification(notification)
    transaction.on_commit(lambda: forget_unread_count(user.pk))
    return notification


def email_notification(notification: Notification) -> None:
    """Queue the notification's own e-mail (once: the key is the notification)."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {"notification": notification, "link": settings.SITE_URL + notification.link}
        body = render_to_string("core/email/notification_body.txt", context)
    queue_email(
        to=notification.user.email,
        subject=notification.subject,
        body=body,
        key=f"notification:{notification.pk}",
        kind=notification.kind,
        municipality=notification.municipality,
    )
    notification.emailed_at = timezone.now()
    notification.save(update_fields=["emailed_at"])


def mark_read(*, user: User, notification_ids: list[int] | None = None) -> None:
    rows = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        rows = rows.filter(pk__in=notification_ids)
    for notification in rows:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    forget_unread_count(user.pk)


# The header's unread count, cached per user until a notice arrives or is read.
def _count_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def forget_unread_count(user_id: int) -> None:
    from django.core.cache import cache

    cache.delete(_count_key(user_id))


def unread_count(user: User) -> int:
    from django.core.cache import cache

    count = cache.get(_count_key(user.pk))
    if count is None:
        count = Notification.objects.filter(user=user, read_at__isnull=True).count()
        cache.set(_count_key(user.pk), count, 300)
    return count


# The daily digest.


def digest_hour(user: User) -> int:
    row = NotificationSettings.objects.filter(user=user).values_list("digest_hour", flat=True).first()
    return settings.NOTIFICATION_DEFAULT_DIGEST_HOUR if row is None else row


def send_digests(now: datetime.datetime | None = None) -> int:
    """Once a day, at the user's hour or the first run after it, one e-mail with every digest notice not
    yet e-mailed. The key names the user and the day, and the settings row (locked) records the day, so
    running this twice, or on two workers at once, sends one digest."""
    now = timezone.localtime(now or timezone.now())
    waiting = Notification.objects.filter(delivery=Delivery.DIGEST, emailed_at__isnull=True)
    user_ids = set(waiting.values_list("user_id", flat=True).distinct())
    if not user_ids:
        return 0
    known = {row.user_id: row for row in NotificationSettings.objects.filter(user_id__in=user_ids)}
    default_hour = settings.NOTIFICATION_DEFAULT_DIGEST_HOUR

    def due(user_id: int) -> bool:
        row = known.get(user_id)
        hour = row.digest_hour if row else default_hour
        last = timezone.localdate(row.last_digest_at) if row and row.last_digest_at else None
        return hour <= now.hour and last != now.date()

    sent = 0
    for user in User.objects.filter(pk__in=[pk for pk in user_ids if due(pk)], is_active=True):
        with transaction.atomic():
            NotificationSettings.objects.get_or_create(user=user, defaults={"digest_hour": default_hour})
            user_settings = NotificationSettings.objects.select_for_update().get(user=user)
            if user_settings.last_digest_at and timezone.localdate(user_settings.last_digest_at) == now.date():
                continue
            rows = list(waiting.filter(user=user).select_related("municipality").order_by("created_at", "pk"))
            if not rows:
                continue
            with translation.override(settings.LANGUAGE_CODE):
                context = {"notifications": rows, "site_url": settings.SITE_URL, "day": now.date()}
                subject = render_to_string("core/email/digest_subject.txt", context).strip()
                body = render_to_string("core/email/digest_body.txt", context)
            queue_email(
                to=user.email, subject=subject, body=body, key=f"digest:{user.pk}:{now:%Y-%m-%d}", kind="digest"
            )
            for row in rows:
                row.emailed_at = now
                row.save(update_fields=["emailed_at"])
            user_settings.last_digest_at = now
            user_settings.save(update_fields=["last_digest_at"])
            sent += 1
    return sent


def save_preferences(*, user: User, digest_hour: int, deliveries: dict[str, str]) -> None:
    """The user's digest hour and their choice per kind (validated by the form; checked again here)."""
    if not 0 <= digest_hour <= 23:
        raise ValueError("digest hour outside 0–23")
    with transaction.atomic():
        NotificationSettings.objects.update_or_create(user=user, defaults={"digest_hour": digest_hour})
        for kind, delivery in deliveries.items():
            if kind not in KINDS:
                raise UnknownNotificationKind(kind)
            if delivery not in Delivery.values:
                raise ValueError(delivery)
            NotificationPreference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})
