"""Background work of the core app; tasks take IDs, run after commit and are idempotent."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation


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
