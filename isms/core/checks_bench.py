"""The deadline checks in `manage.py bench`: every municipality gets an editor, then all checks run
twice over the whole data set — the first run tells everything new, the second must find nothing and
cost a fixed number of queries whatever the size."""

from __future__ import annotations

import time

from django.db import connection

from .bench import BenchData
from .models import Membership, MembershipRole, User


def build_editors(data: BenchData) -> None:
    for municipality in data.municipalities:
        user = User.objects.create_user(f"bench.redaktor.{municipality.number}@example.no")
        Membership(user=user, municipality=municipality, role=MembershipRole.EDITOR).save()


def deadline_checks(data: BenchData) -> str:
    from .checks import run_checks
    from .models import Notification

    lines = []
    for label in ("first run", "second run"):
        queries: list[int] = []

        def count(execute, sql, params, many, context, queries=queries):
            queries.append(1)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            start = time.perf_counter()
            results = run_checks()
            seconds = time.perf_counter() - start
        told = sum(max(count, 0) for count in results.values())
        failed = [kind for kind, count in results.items() if count < 0]
        lines.append(
            f"{'deadline checks, ' + label:32} {seconds:8.1f} s {len(queries):8d} SQL {told:7d} notices"
            + (f"  FEIL i {', '.join(failed)}" if failed else "")
        )
    lines.append(f"{'  notifications written':32} {Notification.objects.count():8d}")
    return "\n".join(lines)
