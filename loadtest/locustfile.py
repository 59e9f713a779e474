"""Load test of Sikker kommune (README "Drift"): staff registering from the public course link in bursts,
and editors, leaders, the coordinator and the DPO browsing lists, details and PDFs.

The data and the plan come from `manage.py loadtest_data` (LOADTEST_PLAN, default loadtest/plan.json).
The server must trust 127.0.0.1 as its proxy (TRUSTED_PROXIES=127.0.0.1): every simulated person gets
an address of their own in X-Forwarded-For, as behind the real proxy. Any failed request (a 5xx, a 429)
makes locust exit with 1; `manage.py loadtest_data --verify` then checks that no seat was overbooked."""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from pathlib import Path

from locust import HttpUser, between, task

PLAN = json.loads(Path(os.environ.get("LOADTEST_PLAN", Path(__file__).with_name("plan.json"))).read_text())
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_people = itertools.count(1)
_browsers = itertools.cycle(PLAN["browsers"])


def csrf_token(html: str) -> str:
    match = CSRF.search(html)
    return match.group(1) if match else ""


class Person(HttpUser):
    abstract = True

    def on_start(self) -> None:
        self.number = next(_people)
        self.client.headers["X-Forwarded-For"] = (
            f"10.{self.number // 65536 % 256}.{self.number // 256 % 256}.{self.number % 256}"
        )


class RegisteringStaff(Person):
    """A municipal employee opening the course link and registering (bursts: many start at once)."""

    weight = 4
    wait_time = between(2, 10)

    @task
    def register(self) -> None:
        self.registrations = getattr(self, "registrations", 0) + 1
        page = self.client.get(PLAN["course_path"], name="course: registration page")
        if page.status_code != 200:
            return
        self.client.post(
            PLAN["course_path"],
            data={
                "csrfmiddlewaretoken": csrf_token(page.text),
                "session": PLAN["session"],
                "name": f"Lasttest {self.number}",
                "email": f"lasttest{self.number}.{self.registrations}.{random.randint(0, 10**6)}@example.no",  # noqa: S311
                "sector": "",
                "privacy": "on",
            },
            name="course: register (POST + own page)",
        )


class BrowsingUser(Person):
    """An editor, leader, coordinator or the DPO opening the pages of the bench scenarios."""

    weight = 1
    wait_time = between(1, 4)

    def on_start(self) -> None:
        super().on_start()
        self.account = next(_browsers)
        login = self.client.get("/accounts/login/", name="login page")
        self.client.post(
            "/accounts/login/",
            data={"csrfmiddlewaretoken": csrf_token(login.text), "login": self.account["email"],
                  "password": PLAN["password"]},
            name="login (POST)",
        )  # fmt: skip

    @task
    def browse(self) -> None:
        page = random.choice(self.account["urls"])  # noqa: S311
        self.client.get(page["url"], name=page["name"])
