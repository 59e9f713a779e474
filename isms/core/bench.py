"""Synthetic data and timed scenarios for `manage.py bench`; apps add their own scenarios here."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from simple_history.utils import bulk_create_with_history

from .models import GlobalRole, Membership, MembershipRole, Municipality, User


@dataclass
class BenchData:
    municipalities: list[Municipality]
    coordinator: User
    leader: User  # leader of the first municipality
    records: int = 0  # records per municipality that the apps' builders create
    extra: dict = field(default_factory=dict)  # what the apps' builders want their scenarios to find


@dataclass(frozen=True)
class Scenario:
    name: str
    user: Callable[[BenchData], User]
    url: Callable[[BenchData], str]
    # For PDFs: milliseconds a bare ReportLab document of the same rows takes (the ratio is printed).
    baseline: Callable[[BenchData], float] | None = None


@dataclass(frozen=True)
class Measurement:
    name: str
    p50_ms: float
    p95_ms: float
    queries: int
    status: int
    baseline_ms: float | None = None

    @property
    def ratio(self) -> str:
        return f"{self.p50_ms / self.baseline_ms:.1f}×" if self.baseline_ms else ""


# Apps add (builder, scenarios): the builder fills BenchData.extra after the municipalities exist.
BUILDERS: list[Callable[[BenchData], None]] = []
# Timed actions that are not a page (e.g. 200 concurrent registrations): each returns its printed line.
ACTIONS: list[Callable[[BenchData], str]] = []


def register_bench(
    builder: Callable[[BenchData], None],
    scenarios: list[Scenario],
    actions: list[Callable[[BenchData], str]] | None = None,
) -> None:
    if builder not in BUILDERS:
        BUILDERS.append(builder)
        SCENARIOS.extend(scenarios)
        ACTIONS.extend(actions or [])


def build_data(*, municipalities: int, records: int = 0) -> BenchData:
    """Municipalities written with their history rows (the one allowed bulk path, DESIGN.md)."""
    rows = [
        Municipality(
            number=f"{1000 + index:04d}",
            name=f"Benchkommune {index:03d}",
            slug=f"bench-{index}",
            population=1000 + index * 37,
            kins_member=index % 3 == 0,
        )
        for index in range(municipalities)
    ]
    bulk_create_with_history(rows, Municipality, batch_size=500, default_change_reason="bench")
    created = list(Municipality.objects.order_by("number"))
    coordinator = User.objects.create_user("bench.koordinator@example.no", global_role=GlobalRole.COORDINATOR)
    leader = User.objects.create_user("bench.leder@example.no")
    membership = Membership(user=leader, municipality=created[0], role=MembershipRole.LEADER)
    membership.save()
    data = BenchData(municipalities=created, coordinator=coordinator, leader=leader, records=records)
    for builder in BUILDERS:
        builder(data)
    if connection.vendor == "postgresql":
        # A live database has been through autovacuum: planner statistics and a visibility map. Rows written a
        # second ago have neither: the planner takes 142 800 activities for 55 and picks nested loops (7 s
        # instead of 2 s), and a count must read the whole table instead of an index (the API's page count of
        # 142 800 activities: 57 ms instead of 12).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return data


SCENARIOS: list[Scenario] = [
    Scenario("municipality list", lambda d: d.coordinator, lambda d: reverse("core:municipality_list")),
    Scenario(
        "municipality detail",
        lambda d: d.leader,
        lambda d: reverse("core:municipality_detail", args=[d.municipalities[0].slug]),
    ),
    Scenario(
        "municipality history",
        lambda d: d.leader,
        lambda d: reverse(
            "core:municipal_object_history",
            args=[d.municipalities[0].slug, "municipality", d.municipalities[0].pk],
        ),
    ),
    Scenario("dashboard (my page)", lambda d: d.coordinator, lambda d: reverse("core:home")),
    Scenario("Kommuneoversikt PDF", lambda d: d.coordinator, lambda d: reverse("core:municipality_overview_pdf")),
]


def measure(scenario: Scenario, data: BenchData, *, repeat: int) -> Measurement:
    client = Client()
    client.force_login(scenario.user(data), backend="django.contrib.auth.backends.ModelBackend")
    url = scenario.url(data)
    client.get(url)  # warm caches and connections
    timings = []
    queries = 0
    status = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        queries, status = len(captured), response.status_code
    timings.sort()
    p95_index = max(0, round(0.95 * len(timings)) - 1)
    baseline = statistics.median(scenario.baseline(data) for _ in range(3)) if scenario.baseline else None
    return Measurement(scenario.name, statistics.median(timings), timings[p95_index], queries, status, baseline)
