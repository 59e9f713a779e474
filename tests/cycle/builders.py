"""Objects of the cycle app for tests and the access matrix: an årshjul template and a year, a questionnaire
and a kartlegging, a management review with a decision."""

from __future__ import annotations

import datetime

from isms.core.library.kinds import get_kind
from isms.core.library.services import publish_template, save_template
from isms.core.models import Template
from isms.cycle import services
from isms.cycle.models import ActivityKind

CYCLE_CONTENT = {
    "scope": "Styringssystemet",
    "activities": [
        {"title": "Styremøte: årsrapport", "months": [3], "kind": "board", "role": "Daglig leder"},
        {"title": "Revisjon av ROS-analyser", "months": [4], "kind": "ros", "role": "Risikoeier"},
        {"title": "Internkontroll av tilganger", "months": [3, 9], "kind": "internal_control", "role": "Systemeier"},
    ],
}
QUESTIONS = [
    {"area": "Rutiner", "text": "Har kommunen rutiner?", "levels": ["Ingen", "Noen", "Vedtatt", "Brukes", "Forbedres"]},
    {"area": "Rutiner", "text": "Er rutinene kjent?", "levels": ["Nei", "Litt", "Delvis", "Ja", "Målt"]},
    {
        "area": "Opplæring",
        "text": "Får ansatte opplæring?",
        "levels": ["Nei", "Tilfeldig", "Ved start", "Årlig", "Målt"],
    },
]


def _template(kind_code: str, title: str, content: dict, actor, key: str) -> Template:
    existing = Template.objects.filter(kind=kind_code, key=key).first()
    if existing is not None:
        return existing
    kind = get_kind(kind_code)
    cleaned, errors = kind.clean_content(content)
    assert not errors, errors
    template, _changed = save_template(
        kind=kind, actor=actor, values={"title": title, "description": "", "is_joint": False},
        content=cleaned, reason="", key=key,
    )  # fmt: skip
    publish_template(template=template, actor=actor, change_note="", expected_version=template.version)
    template.refresh_from_db()
    return template


def cycle_template(actor) -> Template:
    return _template("cycle", "Årshjul for samarbeidet", CYCLE_CONTENT, actor, "arshjul-test")


def questionnaire(actor, questions=QUESTIONS) -> Template:
    return _template("maturity", "Kartlegging test", {"sector": "", "introduction": "", "questions": questions},
                     actor, "kartlegging-test")  # fmt: skip


def make_cycle(municipality, actor, year: int = 2026):
    return services.adopt_cycle(template=cycle_template(actor), municipality=municipality, year=year, actor=actor)


def own_activity(cycle, actor, title="Egen aktivitet", months=("5",), kind=ActivityKind.OTHER):
    activity, _changed = services.save_activity(
        cycle=cycle, actor=actor, values={"title": title, "kind": kind, "months": list(months)}, reason="",
        expected_version=type(cycle).objects.get(pk=cycle.pk).version,
    )  # fmt: skip
    return activity


def make_assessment(municipality, actor, levels=(1, 2, 3), assessed_on=None, complete=True):
    template = questionnaire(actor)
    assessment = services.start_assessment(
        municipality=municipality, template=template, assessed_on=assessed_on or datetime.date(2026, 1, 10),
        actor=actor,
    )  # fmt: skip
    keys = [q["key"] for q in services.questions_of(assessment)]
    assessment = services.save_answers(
        assessment=assessment, actor=actor, answers={k: {"level": lv} for k, lv in zip(keys, levels, strict=False)},
        questionnaire_version=assessment.template_version, expected_version=assessment.version,
    )  # fmt: skip
    if complete and len(levels) == len(keys):
        assessment = services.complete_assessment(
            assessment=assessment, actor=actor, expected_version=assessment.version
        )
    return assessment


def make_review(municipality, actor, year: int = 2025, decision: bool = True):
    review = services.start_review(municipality=municipality, year=year, actor=actor)
    if decision:
        services.save_decision(
            review=review, actor=actor, values={"title": "ROS for helse revideres", "owner": "Kommunalsjef"},
            reason="", expected_version=review.version,
        )  # fmt: skip
        review.refresh_from_db()
    return review
