"""Demo courses from the seeds: round 1 (2023) with the grunnkurs 16.–17.11 (7 registered as of
6 November) and the ISMS course 23.11 (6 registered), round 2 (2024) with 9.–10.01 and 19.01, and
"Sikkerhetstesting" 16.–17.11.2023 cancelled, kept as history. On top of them a current round with dates
relative to the day the demo is seeded, so a registration link always takes registrations (the ISMS course
nearly full). The participants are fictional; the seats and the deadlines are illustrative, the seeds do
not give them. Written through the services."""

from __future__ import annotations

import datetime

from django.utils import timezone

from isms.core.kins_templates import TEMPLATE_DIR
from isms.core.models import Municipality

from .loaders import load_courses
from .models import Course, Round, Session, SessionStatus
from .services import cancel_session, register_participant, save_round, save_session

REASON = "Demodata"
AS_OF = datetime.date(2023, 11, 6)
D = datetime.date
# (round, course key, first day, last day, deadline)
SESSIONS = [
    (1, "grunnkurs", D(2023, 11, 16), D(2023, 11, 17), D(2023, 11, 9)),
    (1, "isms", D(2023, 11, 23), D(2023, 11, 23), D(2023, 11, 16)),
    (1, "sikkerhetstesting", D(2023, 11, 16), D(2023, 11, 17), D(2023, 11, 9)),
    (2, "grunnkurs", D(2024, 1, 9), D(2024, 1, 10), D(2024, 1, 2)),
    (2, "isms", D(2024, 1, 19), D(2024, 1, 19), D(2024, 1, 12)),
]
# Fictional participants, named by their role so no real person is named: (name, municipality slug, unit,
# sector, job title)
GRUNNKURS = [
    ("Konsulent Servicetorget", "vefsn", "Servicetorget", "administration", "Konsulent"),
    ("Rådgiver IKT", "rana", "IKT", "it", "IKT-rådgiver"),
    ("Avdelingsleder Hjemmetjenesten", "bronnoy", "Hjemmetjenesten", "health", "Avdelingsleder"),
    ("Rektor Oppvekst", "alstahaug", "Oppvekst", "education", "Rektor"),
    ("Arkivleder Dokumentsenteret", "hemnes", "Dokumentsenteret", "archive", "Arkivleder"),
    ("Byggesaksbehandler Teknisk", "bindal", "Teknisk", "technical", "Byggesaksbehandler"),
    ("Veileder NAV", "luroy", "NAV", "welfare", "Veileder"),
]
ISMS = [
    ("Konsulent Servicetorget", "vefsn", "Servicetorget", "administration", "Konsulent"),
    ("Rådgiver Informasjonssikkerhet", "rana", "Rådmannens stab", "administration", "Rådgiver informasjonssikkerhet"),
    ("Leder IKT", "bronnoy", "IKT", "it", "IKT-leder"),
    ("Kommunalsjef Administrasjon", "donna", "Administrasjon", "administration", "Kommunalsjef"),
    ("Controller Økonomi", "heroy", "Økonomi", "finance", "Controller"),
    ("Enhetsleder Helse", "vevelstad", "Helse og omsorg", "health", "Enhetsleder"),
]


# The current round: (course key, days from today to the first day, days, seats, place); the deadline is a
# week before the first day.
CURRENT_SESSIONS = [
    ("grunnkurs", 21, 2, 30, "Mosjøen"),
    ("isms", 35, 1, 12, "Sandnessjøen"),
    ("sikkerhetstesting", 49, 2, 20, "Mo i Rana"),
]
CURRENT_GRUNNKURS = [
    ("Saksbehandler Barnevern", "vefsn", "Barnevernet", "welfare", "Saksbehandler"),
    ("Lærer Ungdomsskolen", "rana", "Oppvekst", "education", "Lærer"),
    ("Sykepleier Sykehjemmet", "heroy", "Helse og omsorg", "health", "Sykepleier"),
]
# Ten of twelve seats taken: the page shows a session that is nearly full.
CURRENT_ISMS = [
    ("Personvernrådgiver Stab", "vefsn", "Rådmannens stab", "administration", "Rådgiver personvern"),
    ("Digitaliseringsleder Stab", "rana", "Digitalisering", "it", "Digitaliseringsleder"),
    ("Kvalitetsleder Helse", "bronnoy", "Helse og omsorg", "health", "Kvalitetsleder"),
    ("Økonomisjef Økonomi", "alstahaug", "Økonomi", "finance", "Økonomisjef"),
    ("Arkivar Dokumentsenteret", "leirfjord", "Dokumentsenteret", "archive", "Arkivar"),
    ("Driftsleder IKT", "hemnes", "IKT", "it", "Driftsleder"),
    ("Kommunalsjef Oppvekst", "nesna", "Oppvekst", "education", "Kommunalsjef"),
    ("Enhetsleder NAV", "grane", "NAV", "welfare", "Enhetsleder"),
    ("Rådgiver Teknisk", "hattfjelldal", "Teknisk", "technical", "Rådgiver"),
    ("Personalsjef Personal", "somna", "Personal", "administration", "Personalsjef"),
]


def _email(name: str, slug: str) -> str:
    local = name.lower().replace(" ", ".").replace("ø", "o").replace("å", "a").replace("æ", "ae")
    return f"{local}@{slug}.demo.no"


def seed_training_demo(today: datetime.date | None = None) -> int:
    if not Course.objects.exists():
        load_courses(TEMPLATE_DIR / "courses.yaml")
    created = 0 if Round.objects.filter(number=1).exists() else _seed_history()
    return created + _seed_current_round(today or timezone.localdate())


def _register(session: Session, people: list[tuple[str, str, str, str, str]], *, today: datetime.date) -> int:
    municipalities = {m.slug: m for m in Municipality.objects.all()}
    created = 0
    for name, slug, unit, sector, job_title in people:
        if slug not in municipalities:
            continue
        register_participant(
            session=session,
            municipality=municipalities[slug],
            values={"name": name, "email": _email(name, slug), "unit": unit, "sector": sector,
                    "job_title": job_title},
            today=today,
        )  # fmt: skip
        created += 1
    return created


def _seed_current_round(today: datetime.date) -> int:
    """A round open for registration today, unless one is: seeding again later the same season adds
    nothing, and seeding after the current round's deadlines adds the next round (the old one is history)."""
    if Session.objects.filter(status=SessionStatus.OPEN, registration_deadline__gte=today).exists():
        return 0
    number = (Round.objects.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    round_ = save_round(actor=None, values={"number": number, "name": f"Pulje {number} {today.year}"}, reason=REASON)
    courses = {course.key: course for course in Course.objects.all()}
    created = 0
    sessions: dict[str, Session] = {}
    for key, offset, days, seats, place in CURRENT_SESSIONS:
        if key not in courses:
            continue
        first = today + datetime.timedelta(days=offset)
        sessions[key], _changed = save_session(
            actor=None,
            values={
                "course": courses[key],
                "round": round_,
                "starts_on": first,
                "ends_on": first + datetime.timedelta(days=days - 1),
                "place": place,
                "capacity": seats,
                "registration_deadline": first - datetime.timedelta(days=7),
                "status": SessionStatus.OPEN,
            },
            reason=REASON,
        )
        created += 1
    for key, people in (("grunnkurs", CURRENT_GRUNNKURS), ("isms", CURRENT_ISMS)):
        if key in sessions:
            created += _register(sessions[key], people, today=today)
    return created


def _seed_history() -> int:
    created = 0
    rounds = {
        1: save_round(actor=None, values={"number": 1, "name": "Pulje 1 2023"}, reason=REASON),
        2: save_round(actor=None, values={"number": 2, "name": "Pulje 2 2024"}, reason=REASON),
    }
    courses = {course.key: course for course in Course.objects.all()}
    sessions: dict[tuple[int, str], Session] = {}
    for number, key, first, last, deadline in SESSIONS:
        session, _changed = save_session(
            actor=None,
            values={
                "course": courses[key],
                "round": rounds[number],
                "starts_on": first,
                "ends_on": last,
                "place": "Mosjøen" if number == 1 else "Sandnessjøen",
                "capacity": 30,
                "registration_deadline": deadline,
                "status": SessionStatus.OPEN,
            },
            reason=REASON,
        )
        sessions[(number, key)] = session
        created += 1
    for key, people in (("grunnkurs", GRUNNKURS), ("isms", ISMS)):
        created += _register(sessions[(1, key)], people, today=AS_OF)
    cancel_session(session=sessions[(1, "sikkerhetstesting")], actor=None, reason="Avlyst")
    return created
