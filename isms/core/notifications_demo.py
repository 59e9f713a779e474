"""Demo of the notifications (`seed_demo`, after the apps' own data): today's deadline checks over the
demo records, one message from the secretariat, and one e-mail the coordinator sees as not delivered."""

from __future__ import annotations

from .checks import run_checks
from .models import GlobalRole, Municipality, Nudge, OutboxEmail, OutboxStatus, User
from .nudges import send_nudge
from .outbox import failure_note

NUDGE_SUBJECT = "0 påmeldte til grunnkurset"
NUDGE_BODY = (
    "Vi oppfordrer sterkt til å melde på flere deltakere fra alle sektorer. Påmeldingslenken er sendt til "
    "kommunen; tidlig påmelding hindrer overfylte kurs i januar."
)


def seed_notifications_demo() -> int:
    created = sum(max(count, 0) for count in run_checks().values())
    coordinator = User.objects.filter(global_role=GlobalRole.COORDINATOR, email="koordinator@demo.no").first()
    if coordinator and not Nudge.objects.filter(subject=NUDGE_SUBJECT).exists():
        chosen = list(Municipality.objects.filter(slug__in=["vega", "nesna", "heroy"]))
        if chosen:
            send_nudge(sender=coordinator, municipalities=chosen, subject=NUDGE_SUBJECT, body=NUDGE_BODY)
            created += 1
    _row, made = OutboxEmail.objects.get_or_create(
        key="demo:not-delivered",
        defaults={
            "to_email": "leder.hattfjelldal@demo.no",
            "subject": "Avtale utløpt: Visma Flyt Skole",
            "body": "Databehandleravtalen er utløpt.",
            "kind": "agreement_expiry",
            "municipality": Municipality.objects.filter(slug="hattfjelldal").first(),
            "status": OutboxStatus.FAILED,
            "attempts": 10,
            "last_error": failure_note("SMTPRecipientsRefused(550 Mailbox unavailable)"),
        },
    )
    return created + int(made)
