"""Courses, rounds and sessions for the tests, written through the services."""

from __future__ import annotations

import datetime
import itertools

from training import services
from training.models import Course, Round, Session, SessionStatus

_numbers = itertools.count(1)
TODAY = datetime.date(2026, 12, 1)


def make_course(title: str = "Grunnkurs i informasjonssikkerhet og personvern", key: str | None = None) -> Course:
    course, _changed = services.save_course(
        actor=None,
        values={"key": key or f"kurs-{next(_numbers)}", "title": title, "provider": "KINS", "target_group": "Alle"},
        reason="test",
    )
    return course


def make_round(number: int | None = None, name: str = "") -> Round:
    number = number or next(_numbers) + 100
    return services.save_round(actor=None, values={"number": number, "name": name or f"Pulje {number}"})


def make_session(
    course: Course | None = None,
    round: Round | None = None,
    *,
    capacity: int = 30,
    starts_on: datetime.date | None = None,
    days: int = 2,
    deadline: datetime.date | None = None,
    status: str = SessionStatus.OPEN,
) -> Session:
    starts_on = starts_on or datetime.date.today() + datetime.timedelta(days=30)
    session, _changed = services.save_session(
        actor=None,
        values={
            "course": course or make_course(),
            "round": round or make_round(),
            "starts_on": starts_on,
            "ends_on": starts_on + datetime.timedelta(days=days - 1),
            "place": "Mosjøen",
            "capacity": capacity,
            "registration_deadline": deadline or starts_on - datetime.timedelta(days=7),
            "status": status,
        },
        reason="test",
    )
    return session


def person(n: int | str, **extra) -> dict:
    return {"name": f"Deltaker {n}", "email": f"deltaker{n}@vefsn.kommune.no", "unit": "Servicetorget",
            "sector": "administration", "job_title": "Rådgiver", **extra}  # fmt: skip


def register(session: Session, municipality, n: int | str, **extra):
    """Register through the service; for a session already held, as on the day of its deadline."""
    today = session.registration_deadline if session.starts_on <= datetime.date.today() else None
    return services.register_participant(
        session=session, municipality=municipality, values=person(n, **extra), today=today
    )


def held_session(course: Course | None = None, round: Round | None = None, **options) -> Session:
    """A session whose first day was three days ago: attendance can be marked."""
    return make_session(course, round, starts_on=datetime.date.today() - datetime.timedelta(days=3), **options)
