"""Synthetic kartlegginger and årshjul for `manage.py bench`: the DPO's heat map across every municipality
and one municipality's year view. Written through the services (no bulk path: a few rows per municipality)."""

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
    data.extra["cycle_year"] = today.year


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
]
