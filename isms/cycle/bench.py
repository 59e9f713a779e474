"""Synthetic kartlegginger and årshjul for `manage.py bench`: the DPO's heat map across every municipality,
one municipality's year view, its kartlegging and its management review (page and PDFs). Written through the
services (no bulk path: a few rows per municipality)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from isms.core.bench import BenchData, Scenario
from isms.core.kins_templates import TEMPLATE_DIR
from isms.core.library.loader import load_template_file
from isms.core.models import Template

from . import services


def build_cycle_data(data: BenchData) -> None:
    load_template_file(TEMPLATE_DIR / "annual_cycles.yaml", "cycle")
    load_template_file(TEMPLATE_DIR / "maturity_questionnaires.yaml", "maturity")
    questionnaire = Template.objects.get(kind="maturity", key="kartlegging-hele-kommunen")
    cycle_template = Template.objects.get(kind="cycle", key="arshjul-digitale-helgeland")
    today = timezone.localdate()
    actor = data.coordinator
    for index, municipality in enumerate(data.municipalities):
        assessment = services.start_assessment(
            municipality=municipality,
            template=questionnaire,
            assessed_on=today - datetime.timedelta(days=index % 300),
            actor=actor,
        )
        questions = services.questions_of(assessment)
        answers = {q["key"]: {"level": (index + n) % 5} for n, q in enumerate(questions)}
        assessment = services.save_answers(
            assessment=assessment,
            actor=actor,
            answers=answers,
            questionnaire_version=assessment.template_version,
            expected_version=assessment.version,
            reason="bench",
        )
        services.complete_assessment(assessment=assessment, actor=actor, expected_version=assessment.version)
        services.adopt_cycle(template=cycle_template, municipality=municipality, year=today.year, actor=actor)
        if index == 0:
            data.extra["assessment"] = assessment.pk
    data.extra["cycle_year"] = today.year
    _build_review(data, year=today.year - 1)


def _build_review(data: BenchData, *, year: int) -> None:
    """The first municipality's review of last year, its inputs gathered from the records, with one decision
    per ten records (at least one), so the review's page and PDF grow with --records."""
    review = services.start_review(municipality=data.municipalities[0], year=year, actor=data.leader)
    for index in range(max(1, data.records // 10)):
        services.save_decision(
            review=review, actor=data.leader, values={"title": f"Tiltak {index:03d}", "owner": "Kommunalsjef"},
            reason="bench", expected_version=review.version,
        )  # fmt: skip
        review.refresh_from_db()
    data.extra["review_year"] = year


SCENARIOS = [
    Scenario("kartlegging heat map (DPO)", lambda d: d.coordinator, lambda d: reverse("cycle:heat_map")),
    Scenario(
        "årshjul year view",
        lambda d: d.leader,
        lambda d: reverse("cycle:cycle_detail", args=[d.municipalities[0].slug, d.extra["cycle_year"]]),
    ),
    Scenario(
        "årshjul PDF",
        lambda d: d.leader,
        lambda d: reverse("cycle:cycle_pdf", args=[d.municipalities[0].slug, d.extra["cycle_year"]]),
    ),
    Scenario(
        "kartlegging PDF",
        lambda d: d.leader,
        lambda d: reverse("cycle:assessment_pdf", args=[d.municipalities[0].slug, d.extra["assessment"]]),
    ),
    Scenario(
        "management review",
        lambda d: d.leader,
        lambda d: reverse("cycle:review_detail", args=[d.municipalities[0].slug, d.extra["review_year"]]),
    ),
    Scenario(
        "management review PDF",
        lambda d: d.leader,
        lambda d: reverse("cycle:review_pdf", args=[d.municipalities[0].slug, d.extra["review_year"]]),
    ),
]
