"""Create the fictional demo users on top of the real municipalities; safe to run again."""

import os

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from isms.core.demo import demo_seeders
from isms.core.models import GlobalRole, Membership, MembershipRole, Municipality, User
from isms.core.tracking import create_tracked

# Printed by `make run`; for the fictional demo users only.
DEFAULT_DEMO_PASSWORD = "Sikker-Kommune-2026"  # noqa: S105  # nosec B105
SEED_REASON = "Demodata"


def demo_users() -> list[tuple[str, str, str, str]]:
    """(e-mail, first name, last name, global role) of the cooperation-wide demo users."""
    return [
        ("dpo@demo.no", "Personvernombud", "(demo)", GlobalRole.DPO),
        ("koordinator@demo.no", "Koordinator", "(demo)", GlobalRole.COORDINATOR),
    ]


class Command(BaseCommand):
    help = "Create fictional demo users: dpo@, koordinator@, leder.<slug>@ and redaktor.<slug>@demo.no."

    def handle(self, *args, **options):
        # The seeders go through the real services, which notify people by e-mail; demo addresses are
        # fictional, so those e-mails are kept in memory instead of printed or sent through SMTP.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            self._seed()

    def _seed(self) -> None:
        password = os.environ.get("DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD)
        municipalities = list(Municipality.objects.order_by("number"))
        if not municipalities:
            raise CommandError("Ingen kommuner: kjør `manage.py load_kins_templates` først.")
        created = 0
        with transaction.atomic():
            for email, first, last, role in demo_users():
                created += self._user(email, first, last, password, global_role=role)
            for municipality in municipalities:
                for prefix, title, role in (
                    ("leder", "Leder", MembershipRole.LEADER),
                    ("redaktor", "Redaktør", MembershipRole.EDITOR),
                ):
                    email = f"{prefix}.{municipality.slug}@demo.no"
                    created += self._user(email, title, f"i {municipality.name}", password)
                    user = User.objects.get(email=email)
                    if not Membership.objects.filter(user=user, municipality=municipality).exists():
                        create_tracked(
                            Membership,
                            actor=None,
                            reason=SEED_REASON,
                            values={"user": user, "municipality": municipality, "role": role},
                        )
            for label, seeder in demo_seeders():
                self.stdout.write(f"{label}: {seeder()} nye")
        self.stdout.write(f"Demodata klar: {created} nye brukere, {len(municipalities)} kommuner.")

    def _user(self, email: str, first: str, last: str, password: str, global_role: str = "") -> int:
        user, created = User.objects.get_or_create(
            email=email, defaults={"first_name": first, "last_name": last, "global_role": global_role}
        )
        if created:
            user.set_password(password)
            user.save()
        return int(created)
