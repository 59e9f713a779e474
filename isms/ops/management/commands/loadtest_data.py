"""Build the load test's data in the configured (empty) database and keep it: the bench builders'
municipalities and records, a course session to register for, the browsing users' logins, and the plan
(loadtest/plan.json) that loadtest/locustfile.py reads. `--verify` checks a run afterwards."""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from isms.core.bench import SCENARIOS, build_data
from isms.core.models import GlobalRole, Membership, MembershipRole, Municipality, User
from training.models import Registration, RegistrationStatus
from training.services import save_session

DEFAULT_PLAN = Path(settings.BASE_DIR) / "loadtest" / "plan.json"


class Command(BaseCommand):
    help = "Build and keep the load test's data (bench builders) and write the locust plan, or --verify a run."

    def add_arguments(self, parser):
        parser.add_argument("--municipalities", type=int, default=40)
        parser.add_argument("--records", type=int, default=40)
        parser.add_argument("--seats", type=int, default=30, help="Seats of the session everyone registers for.")
        parser.add_argument("--password", default=os.environ.get("DEMO_PASSWORD", "Sikker-Kommune-2026"))
        parser.add_argument("--plan", type=Path, default=DEFAULT_PLAN)
        parser.add_argument("--verify", action="store_true", help="Check the plan's session: never overbooked.")

    def handle(self, *args, **options):
        if options["verify"]:
            return self.verify(json.loads(options["plan"].read_text()))
        if Municipality.objects.exists():
            raise CommandError("The database already has municipalities: the load test needs its own, empty one.")
        password = options["password"]
        data = build_data(municipalities=options["municipalities"], records=options["records"])
        browsers = self.browsing_users(data, password)
        plan = {
            "password": password,
            "browsers": [{"email": user.email, "urls": urls} for user, urls in browsers.items() if urls],
            **self.course(data, options["seats"]),
        }
        options["plan"].parent.mkdir(parents=True, exist_ok=True)
        options["plan"].write_text(json.dumps(plan, indent=2, ensure_ascii=False))
        pages = sum(len(browser["urls"]) for browser in plan["browsers"])
        self.stdout.write(f"{len(plan['browsers'])} browsing users, {pages} pages, plan in {options['plan']}")

    def browsing_users(self, data, password: str) -> dict[User, list[dict]]:
        """Each bench scenario's page for its own user, and for the DPO and an editor where they may see it."""
        dpo = User.objects.create_user("bench.pvo@example.no", global_role=GlobalRole.DPO)
        editor = User.objects.create_user("bench.redaktor@example.no")
        Membership(user=editor, municipality=data.municipalities[0], role=MembershipRole.EDITOR).save()
        users = {data.coordinator: [], data.leader: [], dpo: [], editor: []}
        for user in users:
            user.set_password(password)
            user.save(update_fields=["password"])
        for scenario in SCENARIOS:
            if "public" in scenario.name:
                continue  # the registering users have that page
            url = scenario.url(data)
            if url.startswith("/api/"):
                continue  # programs read the API with tokens, not with a browser's session
            owner = scenario.user(data)
            for user in (owner, dpo if owner == data.coordinator else editor):
                if self.answers(user, url):
                    users[user].append({"name": scenario.name, "url": url})
        return users

    def answers(self, user: User, url: str) -> bool:
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client.get(url, HTTP_HOST=settings.ALLOWED_HOSTS[0]).status_code == 200

    def course(self, data, seats: int) -> dict:
        link, template = data.extra["course_link"], data.extra["course_session"]
        starts = timezone.localdate() + datetime.timedelta(days=60)
        session, _changed = save_session(
            actor=None,
            values={"course": template.course, "round": link.round, "starts_on": starts, "ends_on": starts,
                    "capacity": seats, "registration_deadline": starts - datetime.timedelta(days=7),
                    "status": "open", "place": "Mosjøen"},
            reason="load test",
        )  # fmt: skip
        return {
            "course_path": reverse("training:public_register", kwargs={"token": link.token}),
            "session": session.pk,
            "seats": seats,
        }

    def verify(self, plan: dict) -> None:
        statuses = list(Registration.objects.filter(session_id=plan["session"]).values_list("status", flat=True))
        confirmed = statuses.count(RegistrationStatus.CONFIRMED)
        self.stdout.write(
            f"{len(statuses)} registrations: {confirmed} confirmed of {plan['seats']} seats,"
            f" {statuses.count(RegistrationStatus.WAITLISTED)} waitlisted"
        )
        if confirmed > plan["seats"] or (len(statuses) >= plan["seats"] and confirmed != plan["seats"]):
            raise CommandError("Overbooked or seats left empty while people were waitlisted.")
