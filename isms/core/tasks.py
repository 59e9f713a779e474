"""Background work of the core app; tasks take IDs, run after commit and are idempotent."""

import logging
import threading

from celery import shared_task
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .exports import build_export

logger = logging.getLogger(__name__)


def queue_invitation_email(invitation, token: str) -> bool:
    """Write the invitation's e-mail to the outbox (in the caller's transaction), once per invitation."""
    from .outbox import queue_email

    if invitation.sent_at is not None or not invitation.is_usable:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "invitation": invitation,
            "link": settings.SITE_URL + reverse("core:invitation_accept", args=[token]),
        }
        subject = render_to_string("core/email/invitation_subject.txt", context).strip()
        body = render_to_string("core/email/invitation_body.txt", context)
    queue_email(
        to=invitation.email, subject=subject, body=body, key=f"invitation:{invitation.pk}", kind="invitation",
        municipality=invitation.municipality,
    )  # fmt: skip
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["sent_at"])
    return True


@shared_task
def send_invitation_email(invitation_id: int, token: str) -> bool:
    """E-mail an invitation link once; a second run for the same invitation sends nothing."""
    from django.db import transaction

    from .models import Invitation

    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update().select_related("municipality", "invited_by").get(pk=invitation_id)
        )
        return queue_invitation_email(invitation, token)


@shared_task
def run_export(job_id: int) -> str:
    """Build an export once; a job already finished (or picked up twice) is left as it is."""
    return build_export(job_id)


def queue_export(job_id: int) -> None:
    """Hand an export to the worker. Without one (eager Celery, the development default) it is built in a
    thread of this process, so the request that asked for it answers at once and the job page shows
    its progress; a process stopped mid-export leaves that job running (the worker is for production)."""
    if settings.CELERY_TASK_ALWAYS_EAGER and settings.EXPORTS_IN_THREAD_WHEN_EAGER:
        threading.Thread(target=_export_in_thread, args=(job_id,), name=f"export-{job_id}", daemon=True).start()
    else:
        run_export.delay(job_id)


def _export_in_thread(job_id: int) -> None:
    from django.db import connections

    try:
        build_export(job_id)
    except Exception:
        logger.exception("Export %s failed (recorded on the job)", job_id)
    finally:
        connections.close_all()


@shared_task
def send_notification_email(notification_id: int) -> bool:
    """E-mail a notification once (through the outbox); a second run sends nothing."""
    from django.db import transaction

    from .models import Notification
    from .notifications import email_notification

    with transaction.atomic():
        notification = Notification.objects.select_for_update().select_related("user").get(pk=notification_id)
        if notification.emailed_at is not None:
            return False
        email_notification(notification)
    return True


@shared_task(bind=True, max_retries=None)
def deliver_email(self, outbox_id: int) -> bool:
    """Send one outbox row; an SMTP failure is retried with backoff (and found again by the sweep)."""
    from .outbox import send_outbox_email

    attempt = send_outbox_email(outbox_id)
    if attempt.retry_in is not None and not self.request.is_eager:
        raise self.retry(countdown=attempt.retry_in.total_seconds())
    return attempt.sent


@shared_task
def sweep_outbox() -> int:
    """Beat, every minute: queue again every outbox row whose task never ran or whose retry is due."""
    from .outbox import sweep

    return sweep()


@shared_task
def prune_old_messages() -> dict[str, int]:
    """Beat, daily: the e-mails and notifications past their retention (message_retention.py)."""
    from .message_retention import prune_messages

    pruned = prune_messages()
    return {"emails": pruned.emails, "notifications": pruned.notifications}


@shared_task
def send_notification_digests() -> int:
    """Beat, hourly: the daily digest of each user whose hour has come."""
    from .notifications import send_digests

    return send_digests()


@shared_task
def run_deadline_checks() -> dict[str, int]:
    """Beat, daily: every registered check; each notifies once per object and occasion."""
    from .checks import run_checks

    return run_checks()
