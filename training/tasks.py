"""E-mails to course participants (most have no account) and the daily course jobs. Tasks take IDs,
are queued on commit and send each kind of e-mail to a participant once, however often they run."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

REMINDER_DAYS = {"reminder_7": 7, "reminder_1": 1}


def _other_sessions(registration):
    from .models import Session, SessionStatus

    return list(
        Session.objects.filter(
            course=registration.course,
            status__in=[SessionStatus.OPEN, SessionStatus.PLANNED],
            starts_on__gte=timezone.localdate(),
        )
        .exclude(pk=registration.session_id)
        .select_related("round")
        .order_by("starts_on")
    )


def queue_participant_email(registration_id: int, kind: str) -> bool:
    """Write one kind of e-mail (confirmation, promoted, session_cancelled, reminder_7, reminder_1) to the
    outbox once, in the caller's transaction: the registration and its e-mail commit together.
    "cancelled" confirms a cancellation and is queued only while the registration is cancelled, once per
    cancellation."""
    from isms.core.outbox import queue_email

    from .models import CANCELLATION_EMAIL, ParticipantEmail, Registration, RegistrationLink, RegistrationStatus

    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("session__course", "session__round", "municipality")
            .filter(pk=registration_id)
            .first()
        )
        if registration is None or not registration.email or registration.anonymised_at is not None:
            return False
        if kind == CANCELLATION_EMAIL:
            if registration.status != RegistrationStatus.CANCELLED:
                return False
        elif ParticipantEmail.objects.filter(registration=registration, kind=kind).exists():
            return False
        link = RegistrationLink.objects.filter(
            municipality=registration.municipality, round=registration.round, active=True
        ).first()
        with translation.override(settings.LANGUAGE_CODE):
            context = {
                "registration": registration,
                "session": registration.session,
                "kind": kind,
                "link": settings.SITE_URL + reverse("training:public_registration", args=[registration.token]),
                "register_link": settings.SITE_URL + reverse("training:public_register", args=[link.token])
                if link
                else "",
                "other_sessions": _other_sessions(registration) if kind == "session_cancelled" else [],
            }
            subject = render_to_string("training/email/subject.txt", context).strip()
            body = render_to_string("training/email/body.txt", context)
        if kind == CANCELLATION_EMAIL:
            key = f"course:{registration.pk}:{kind}:v{registration.version}"
        else:
            try:
                with transaction.atomic():
                    ParticipantEmail.objects.create(registration=registration, kind=kind)
            except IntegrityError:
                return False
            key = f"course:{registration.pk}:{kind}"
        queue_email(
            to=registration.email, subject=subject, body=body, key=key,
            kind=f"course_{kind}", municipality=registration.municipality,
        )  # fmt: skip
    return True


@shared_task
def send_participant_email(registration_id: int, kind: str) -> bool:
    """Queue one kind of course e-mail for a participant (once); the outbox sends it."""
    return queue_participant_email(registration_id, kind)


def reminders_due(today: datetime.date | None = None) -> list[tuple[int, str]]:
    """(registration id, kind) of every reminder due and not yet sent: 7 days and 1 day before."""
    from .models import EmailKind, Registration, RegistrationStatus, SessionStatus

    today = today or timezone.localdate()
    due = []
    for kind, days in REMINDER_DAYS.items():
        rows = (
            Registration.objects.filter(
                status=RegistrationStatus.CONFIRMED,
                session__status__in=[SessionStatus.OPEN, SessionStatus.CLOSED],
                session__starts_on__gt=today,
                session__starts_on__lte=today + datetime.timedelta(days=days),
                anonymised_at__isnull=True,
            )
            .exclude(email="")
            .exclude(emails__kind=kind)
        )
        if kind == EmailKind.REMINDER_7:
            # Registered the day before the course: the one-day reminder is enough.
            rows = rows.filter(session__starts_on__gt=today + datetime.timedelta(days=1))
        due += [(pk, kind) for pk in rows.values_list("pk", flat=True)]
    return due


@shared_task
def send_course_reminders() -> int:
    """Beat task: the reminders due today; running it twice sends nothing new."""
    sent = 0
    for registration_id, kind in reminders_due():
        sent += queue_participant_email(registration_id, kind)
    return sent


@shared_task
def anonymise_expired_participants() -> int:
    from .retention import anonymise_participants

    return anonymise_participants()
