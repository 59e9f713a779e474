"""Background work of the core app; tasks take IDs, run after commit and are idempotent."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .exports import build_export


@shared_task
def send_invitation_email(invitation_id: int, token: str) -> bool:
    """E-mail an invitation link once; a second run for the same invitation sends nothing."""
    from django.db import transaction

    from .models import Invitation

    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update().select_related("municipality", "invited_by").get(pk=invitation_id)
        )
        if invitation.sent_at is not None or not invitation.is_usable:
            return False
        with translation.override(settings.LANGUAGE_CODE):
            context = {
                "invitation": invitation,
                "link": settings.SITE_URL + reverse("core:invitation_accept", args=[token]),
            }
            subject = render_to_string("core/email/invitation_subject.txt", context).strip()
            body = render_to_string("core/email/invitation_body.txt", context)
        send_mail(subject, body, None, [invitation.email])
        invitation.sent_at = timezone.now()
        invitation.save(update_fields=["sent_at"])
    return True


@shared_task
def run_export(job_id: int) -> str:
    """Build an export once; a job already finished (or picked up twice) is left as it is."""
    return build_export(job_id)


@shared_task
def send_notification_email(notification_id: int) -> bool:
    """E-mail a notification once; a second run sends nothing."""
    from django.db import transaction

    from .models import Notification

    with transaction.atomic():
        notification = Notification.objects.select_for_update().select_related("user").get(pk=notification_id)
        if notification.emailed_at is not None:
            return False
        with translation.override(settings.LANGUAGE_CODE):
            context = {"notification": notification, "link": settings.SITE_URL + notification.link}
            body = render_to_string("core/email/notification_body.txt", context)
        send_mail(notification.subject, body, None, [notification.user.email])
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return True
