"""The reporter's receipt: e-mailed once after the report commits (the task takes the avvik's id)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation


@shared_task
def send_receipt(incident_id: int) -> bool:
    """Tell the reporter what was received; a second run sends nothing. The receipt repeats only what
    the reporter wrote, never anything of the handling."""
    from isms.core.outbox import queue_email
    from isms.core.tracking import save_state_change

    from .models import Incident

    with transaction.atomic():
        incident = (
            Incident.objects.select_for_update(of=("self",))
            .select_related("municipality")
            .filter(pk=incident_id)
            .first()
        )
        if incident is None or not incident.reporter_email or incident.receipt_sent_at is not None:
            return False
        with translation.override(settings.LANGUAGE_CODE):
            context = {"incident": incident}
            subject = render_to_string("incidents/email/receipt_subject.txt", context).strip()
            body = render_to_string("incidents/email/receipt_body.txt", context)
        # Through the outbox like every e-mail of the app: written with the receipt mark, sent with retries.
        queue_email(
            to=incident.reporter_email, subject=subject, body=body, key=f"incident:{incident.pk}:receipt",
            kind="incident_receipt", municipality=incident.municipality,
        )  # fmt: skip
        incident.receipt_sent_at = timezone.now()
        save_state_change(incident, actor=None, reason="Kvittering sendt til melderen")
    return True
