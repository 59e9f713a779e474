"""Demo courses from the seeds: round 1 (2023) with the grunnkurs 16.–17.11 (7 registered as of
6 November) and the ISMS course 23.11 (6 registered), round 2 (2024) with 9.–10.01 and 19.01, and
"Sikkerhetstesting" 16.–17.11.2023 cancelled. The participants are fictional; the seats (30 per session)
and the deadlines are illustrative, the seeds do not give them. Written through the services."""

from __future__ import annotations

import datetime

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


def _email(name: str, slug: str) -> str:
    local = name.lower().replace(" ", ".").replace("ø", "o").replace("å", "a").replace("æ", "ae")
    return f"{local}@{slug}.demo.no"


def seed_training_demo() -> int:
    if Round.objects.filter(number=1).exists():
        return 0
    if not Course.objects.exists():
        load_courses(TEMPLATE_DIR / "courses.yaml")
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
    municipalities = {m.slug: m for m in Municipality.objects.all()}
    for key, people in (("grunnkurs", GRUNNKURS), ("isms", ISMS)):
        for name, slug, unit, sector, job_title in people:
            if slug not in municipalities:
                continue
            register_participant(
                session=sessions[(1, key)],
                municipality=municipalities[slug],
                values={"name": name, "email": _email(name, slug), "unit": unit, "sector": sector,
                        "job_title": job_title},
                today=AS_OF,
            )  # fmt: skip
            created += 1
    cancel_session(session=sessions[(1, "sikkerhetstesting")], actor=None, reason="Avlyst")
    return created
