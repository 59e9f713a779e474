"""Courses in `manage.py bench`: a session with 100 participants, the statistics over every municipality,
the public registration page, and 200 concurrent registrations for 150 seats (threads on PostgreSQL)."""

from __future__ import annotations

import datetime
import time
from concurrent.futures import ThreadPoolExecutor

from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

from isms.core.bench import BenchData, Scenario

from .models import RegistrationLink, RegistrationStatus
from .services import register_participant, save_course, save_round, save_session

CONCURRENT = 200
CONCURRENT_SEATS = 150
THREADS = 40


def _session(course, round_, capacity: int, offset: int):
    starts = timezone.localdate() + datetime.timedelta(days=30 + offset)
    session, _changed = save_session(
        actor=None,
        values={"course": course, "round": round_, "starts_on": starts, "ends_on": starts, "capacity": capacity,
                "registration_deadline": starts - datetime.timedelta(days=7), "status": "open", "place": "Mosjøen"},
        reason="bench",
    )  # fmt: skip
    return session


def build_courses(data: BenchData) -> None:
    course, _changed = save_course(actor=None, values={"key": "bench", "title": "Grunnkurs (bench)"}, reason="bench")
    round_ = save_round(actor=None, values={"number": 9001, "name": "Pulje bench"})
    session = _session(course, round_, 80, 0)
    for n in range(100):
        register_participant(
            session=session,
            municipality=data.municipalities[n % len(data.municipalities)],
            values={"name": f"Deltaker {n}", "email": f"deltaker{n}@bench.example.no", "sector": "administration"},
        )
    data.extra["course_session"] = session
    data.extra["course_link"] = RegistrationLink.objects.get(municipality=data.municipalities[0], round=round_)
    data.extra["course_concurrent"] = _session(course, round_, CONCURRENT_SEATS, 1)


def concurrent_registrations(data: BenchData) -> str:
    """200 people registering at once for 150 seats; on SQLite (no row locks, one writer) one by one."""
    from django.conf import settings

    settings.COURSE_PUBLIC_RATE_LIMIT = 10**9
    session = data.extra["course_concurrent"]
    municipality = data.municipalities[0]
    errors: list[BaseException] = []

    def one(n: int) -> None:
        try:
            register_participant(
                session=session,
                municipality=municipality,
                values={"name": f"Samtidig {n}", "email": f"samtidig{n}@bench.example.no"},
            )
        except BaseException as error:
            errors.append(error)
        finally:
            if threaded:
                connections.close_all()

    threaded = connection.vendor == "postgresql"
    start = time.perf_counter()
    if threaded:
        # 40 threads at a time: PostgreSQL's default max_connections is 100.
        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            list(pool.map(one, range(CONCURRENT)))
    else:
        for n in range(CONCURRENT):
            one(n)
    elapsed = (time.perf_counter() - start) * 1000
    rows = list(session.registrations.values_list("status", flat=True))
    confirmed = rows.count(RegistrationStatus.CONFIRMED)
    waitlisted = rows.count(RegistrationStatus.WAITLISTED)
    how = f"{THREADS} threads" if threaded else "sequential (SQLite: no row locks, not concurrent)"
    ok = "OK" if (confirmed, waitlisted) == (CONCURRENT_SEATS, CONCURRENT - CONCURRENT_SEATS) else "OVERBOOKED?"
    return (
        f"{'200 registrations, 150 seats':32} {elapsed:8.0f} ms total · {how} · {confirmed} confirmed,"
        f" {waitlisted} waitlisted, {len(errors)} errors{f' ({errors[0]!r})' if errors else ''} · {ok}"
    )


def _public(d: BenchData) -> str:
    from django.conf import settings

    settings.COURSE_PUBLIC_RATE_LIMIT = 10**9
    return reverse("training:public_register", args=[d.extra["course_link"].token])


SCENARIOS = [
    Scenario(
        "course session (100 people)",
        lambda d: d.coordinator,
        lambda d: reverse("training:session_detail", args=[d.extra["course_session"].pk]),
    ),
    Scenario(
        "participant list PDF (80)",
        lambda d: d.coordinator,
        lambda d: reverse("training:participants_pdf", args=[d.extra["course_session"].pk]),
    ),
    Scenario("course statistics", lambda d: d.coordinator, lambda d: reverse("training:statistics")),
    Scenario("public course registration", lambda d: d.leader, _public),
    Scenario("course list", lambda d: d.coordinator, lambda d: reverse("training:course_list")),
]
ACTIONS = [concurrent_registrations]
