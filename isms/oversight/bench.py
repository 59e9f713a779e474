"""Bench scenarios of the oversight app: the status page, the shared services, the start pages, and the board
report built from the history tables (a timed action: it is a background job, not a page)."""

from __future__ import annotations

import time

from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

from isms.core.bench import BenchData, Scenario


def build_oversight(data: BenchData) -> None:
    """Nothing of its own: the overview reads what the other apps' builders made."""


def board_report(data: BenchData) -> str:
    """Time a status report over every municipality, with its queries, twice (the second has a previous report
    to compare with; today's figures may be kept ones), then the status of every municipality counted from
    the history tables as of this instant, as a report for a past period counts it (the bench's rows are all
    of today, so a past period would be empty)."""
    from isms.core.models import Municipality
    from isms.core.tasks import run_export

    from .models import BoardReport
    from .registry import Context
    from .selectors import status_rows
    from .services import request_board_report

    today = timezone.localdate()
    lines = []
    for name in ("#1", "#2"):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            # Eager Celery runs the job on commit, inside this call (not in a thread of its own, so that it is
            # timed); with a broker, run it here.
            with override_settings(EXPORTS_IN_THREAD_WHEN_EAGER=False):
                report, _created = request_board_report(
                    user=data.coordinator, start=today.replace(month=1, day=1), end=today
                )
                run_export(report.job_id)
            elapsed = (time.perf_counter() - start) * 1000
        report = BoardReport.objects.select_related("job").get(pk=report.pk)
        pages = report.job.file.size if report.job.file else 0
        lines.append(
            f"{'board report PDF ' + name:32} {elapsed:8.1f} {elapsed:8.1f} {len(captured):5d}"
            f" {report.job.status:>6} {pages // 1024:>6}kB"
        )
    with CaptureQueriesContext(connection) as captured:
        start = time.perf_counter()
        rows = status_rows(municipalities=Municipality.objects.all(), context=Context(day=today, as_of=timezone.now()))
        elapsed = (time.perf_counter() - start) * 1000
    name = "status from history (as of now)"
    lines.append(f"{name:32} {elapsed:8.1f} {elapsed:8.1f} {len(captured):5d} {len(rows):>6}")
    return "\n".join(lines)


SCENARIOS = [
    Scenario("oversikt (status, all areas)", lambda d: d.coordinator, lambda d: reverse("oversight:status")),
    Scenario(
        "oversikt, ROS needing action",
        lambda d: d.coordinator,
        lambda d: reverse("oversight:status") + "?area=ros&action=1",
    ),
    Scenario("oversikt CSV", lambda d: d.coordinator, lambda d: reverse("oversight:status") + "?_export=csv"),
    Scenario("oversikt XLSX", lambda d: d.coordinator, lambda d: reverse("oversight:status") + "?_export=xlsx"),
    Scenario("shared services", lambda d: d.coordinator, lambda d: reverse("oversight:shared_services")),
    Scenario("start page (leader)", lambda d: d.leader, lambda d: reverse("core:home")),
]
ACTIONS = [board_report]
