"""The ROS PDF is composed of section builders (risk/pdf.py): every section is there, in order, today and
as of an earlier version."""

import pytest
from django.urls import reverse

from risk.models import RiskScenario
from risk.services import save_scenario
from tests.pdf_text import assert_in_order, in_bokmal, pdf_pages

from .test_lifecycle import signed_analysis

SECTIONS = (
    "Scope and context",
    "Risk picture",
    "Before measures",
    "After measures (residual risk)",
    "Scenarios",
    "Assessments per scenario",
    "Measures",
    "Acceptance of the residual risk",
)


@pytest.fixture
def edited_after_signing(cast):
    analysis = signed_analysis(cast, scenarios=2)
    scenario = RiskScenario.objects.filter(analysis=analysis).order_by("pk").first()
    save_scenario(
        analysis=analysis, scenario=scenario, actor=cast.editor_vefsn, expected_version=1, reason="Årsak skrevet",
        values={"title": scenario.title, "asset": "Søknader", "security": ["C"], "likelihood": 4, "consequence": 4,
                "cause": "Gjenbrukt passord fra en annen tjeneste"},
    )  # fmt: skip
    save_scenario(
        analysis=analysis, actor=cast.editor_vefsn, expected_version=2, reason="Nytt scenario etter hendelse",
        values={"title": "Strømbrudd", "asset": "Serverrom", "security": ["A"], "likelihood": 3, "consequence": 3},
    )  # fmt: skip
    return analysis


@pytest.mark.django_db
def test_the_pdf_has_every_section_in_order_with_its_content(client_for, cast, edited_after_signing):
    url = reverse("risk:analysis_pdf", args=["vefsn", edited_after_signing.pk])
    text = "\n".join(pdf_pages(client_for(cast.viewer_vefsn).get(url).content))
    assert_in_order(text, in_bokmal(*SECTIONS))
    assert "Strømbrudd" in text and "Gjenbrukt passord" in text and "Tiltak 1" in text and "Tiltak 2" in text
    assert "Godkjent (v1)" in text and "SHA-256" in text and "Versjon 3" in text
    assert in_bokmal("Changed after approval")[0] in text


@pytest.mark.django_db
def test_the_signed_version_has_every_section_as_it_was_then(client_for, cast, edited_after_signing):
    url = reverse("risk:analysis_pdf", args=["vefsn", edited_after_signing.pk]) + "?version=1"
    text = "\n".join(pdf_pages(client_for(cast.viewer_vefsn).get(url).content))
    # Version 1 had no written assessment yet: that section is left out, every other one is there.
    assert_in_order(text, in_bokmal(*(section for section in SECTIONS if section != "Assessments per scenario")))
    assert in_bokmal("Assessments per scenario")[0] not in text
    assert "Strømbrudd" not in text and "Gjenbrukt passord" not in text and "Scenario 2" in text
    assert "Godkjent (v1)" in text and "Versjon 1" in text
    assert in_bokmal("Changed after approval")[0] not in text


@pytest.mark.django_db
def test_the_version_with_the_assessment_shows_it_under_its_numbered_scenario(client_for, cast, edited_after_signing):
    url = reverse("risk:analysis_pdf", args=["vefsn", edited_after_signing.pk]) + "?version=2"
    text = "\n".join(pdf_pages(client_for(cast.viewer_vefsn).get(url).content))
    assert_in_order(text, [*in_bokmal("Assessments per scenario"), "1. Scenario 1", "Gjenbrukt passord"])
    assert "Strømbrudd" not in text
