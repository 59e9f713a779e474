"""The DPIA PDF is composed of section builders (dpia/pdf.py): every section is there, in order, today and
as of an earlier version."""

import pytest
from django.urls import reverse

from dpia.models import DpiaRisk
from dpia.services import save_dpia
from dpia.workflow import decide, send_for_decision
from tests.pdf_text import assert_in_order, in_bokmal, pdf_pages

from .test_flow import advised

SECTIONS = (
    "Context and systematic description",
    "Necessity and proportionality",
    "Risks to the data subjects",
    "Action plan",
    "Views of the data subjects (Art. 35(9))",
    "The DPO's advice (Art. 35(2))",
    "Response to the advice",
    "Decision",
    "Prior consultation with Datatilsynet (Art. 36)",
)


@pytest.fixture
def decided(cast):
    dpia = advised(cast, decision="conditions", comment="Logging må på plass")
    risk = DpiaRisk.objects.filter(dpia=dpia).order_by("pk").first()
    risk.impacts = "Innbyggere kan miste tilliten til kommunen"
    risk.save()  # a builder's edit of the fixture, before the response and the decision
    dpia.refresh_from_db()
    dpia, _changed = save_dpia(dpia=dpia, actor=cast.editor_vefsn, values={"response_to_advice": "Logging innført"},
                               reason="Svar", expected_version=dpia.version)  # fmt: skip
    send_for_decision(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)
    decide(dpia=dpia, leader=cast.leader_vefsn, decision="approved", comment="Godkjent", expected_version=dpia.version)
    dpia.refresh_from_db()
    return dpia


@pytest.mark.django_db
def test_the_pdf_has_every_section_in_order_with_its_content(client_for, cast, decided):
    text = "\n".join(
        pdf_pages(client_for(cast.viewer_vefsn).get(reverse("dpia:pdf", args=["vefsn", decided.pk])).content)
    )
    assert_in_order(text, in_bokmal(*SECTIONS))
    assert "Innbyggere kan miste tilliten" in text and "Logging må på plass" in text and "Se på logging" in text
    assert "Logging innført" in text and "Godkjent (v" in text and "SHA-256" in text
    assert in_bokmal("No high residual risk remains: prior consultation is not required.")[0] in text


@pytest.mark.django_db
def test_an_earlier_version_has_every_section_without_what_came_later(client_for, cast, decided):
    url = reverse("dpia:pdf", args=["vefsn", decided.pk]) + f"?version={decided.version - 1}"
    text = "\n".join(pdf_pages(client_for(cast.viewer_vefsn).get(url).content))
    assert_in_order(text, in_bokmal(*SECTIONS))
    assert "Logging innført" not in text and "Godkjent (v" not in text
    assert in_bokmal("Not decided")[0] in text
