"""One reading of a decision (ADR 6): the page, the list and the PDF of a ROS analysis and of a DPIA say the
same "Godkjent", "Ikke godkjent" or "Endret etter godkjenning", from the root's stored fields and from the
sign-off rows alike."""

import re

import pytest
from django.urls import reverse

from dpia.services import save_dpia
from dpia.workflow import decide, give_advice, send_for_decision, send_to_dpo
from isms.core.models import SignOffState
from isms.core.signoff import signoffs_of
from risk.models import RiskAnalysis
from risk.services import save_analysis
from risk.workflow import request_signoff, sign_analysis
from tests.dpia.builders import complete_dpia
from tests.pdf_text import pdf_pages
from tests.risk.builders import make_analysis, make_scenario

STATES = {"approved": "Godkjent", "rejected": "Ikke godkjent", "changed": "Endret etter godkjenning"}


def _decided_analysis(cast, state: str) -> RiskAnalysis:
    analysis = make_analysis(cast.vefsn, cast.leader_vefsn)
    make_scenario(analysis, likelihood=2, consequence=2)
    request_signoff(analysis=analysis, actor=cast.editor_vefsn, expected_version=analysis.version)
    decision = "rejected" if state == "rejected" else "approved"
    sign_analysis(analysis=analysis, signer=cast.leader_vefsn, decision=decision, comment="Vurdert", expected_version=1)
    if state == "changed":
        save_analysis(
            municipality=cast.vefsn, actor=cast.editor_vefsn, values={"scope": "Også innsyn"}, reason="Utvidet",
            analysis=analysis, expected_version=1,
        )  # fmt: skip
    return RiskAnalysis.objects.get(pk=analysis.pk)


def _decided_dpia(cast, state: str):
    dpia = complete_dpia(cast.vefsn, cast.editor_vefsn, cast.leader_vefsn)
    send_to_dpo(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)
    give_advice(dpia=dpia, dpo=cast.dpo, decision="agrees", comment="", notes={}, expected_version=dpia.version)
    send_for_decision(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)
    decision = "rejected" if state == "rejected" else "approved"
    decide(dpia=dpia, leader=cast.leader_vefsn, decision=decision, comment="Vurdert", expected_version=dpia.version)
    dpia.refresh_from_db()
    if state == "changed":
        dpia, _changed = save_dpia(
            dpia=dpia, actor=cast.editor_vefsn, values={"retention": "Fem år"}, reason="Presisert",
            expected_version=dpia.version,
        )  # fmt: skip
    dpia.refresh_from_db()
    return dpia


def _state_in_header(html: str) -> str:
    """The state in the page's line under the title: "… · <state> · Versjon N"."""
    return re.search(r"· ([^·<]+?) · Versjon \d", html).group(1).strip()


@pytest.mark.django_db
@pytest.mark.parametrize("state", list(STATES))
def test_ros_page_list_and_pdf_say_the_same(client_for, cast, state):
    analysis = _decided_analysis(cast, state)
    words = STATES[state]
    stored = analysis.signoff_state
    from_rows = SignOffState.from_signoffs(
        signoffs_of(RiskAnalysis, [analysis.pk])[analysis.pk], version=analysis.version
    )
    assert stored == from_rows and stored.label() == words

    client = client_for(cast.viewer_vefsn)
    page = client.get(reverse("risk:analysis_detail", args=["vefsn", analysis.pk])).content.decode()
    assert _state_in_header(page) == words
    listing = client.get(reverse("risk:analysis_list", args=["vefsn"])).content.decode()
    assert f"<td>{words}</td>" in listing
    overview = client_for(cast.coordinator).get(reverse("risk_cooperation:overview")).content.decode()
    assert f"<td>{words}</td>" in overview
    pdf = pdf_pages(client.get(reverse("risk:analysis_pdf", args=["vefsn", analysis.pk])).content)
    assert words in pdf[0]
    assert ("Endret etter godkjenning" in page) is (state == "changed")
    assert ("Endret etter godkjenning" in "\n".join(pdf)) is (state == "changed")


@pytest.mark.django_db
@pytest.mark.parametrize("state", list(STATES))
def test_dpia_page_list_and_pdf_say_the_same(client_for, cast, state):
    from dpia.models import Dpia

    dpia = _decided_dpia(cast, state)
    words = STATES[state]
    from_rows = SignOffState.from_signoffs(signoffs_of(Dpia, [dpia.pk])[dpia.pk], version=dpia.version)
    assert dpia.signoff_state == from_rows and from_rows.label() == words

    client = client_for(cast.viewer_vefsn)
    page = client.get(reverse("dpia:detail", args=["vefsn", dpia.pk])).content.decode()
    assert _state_in_header(page) == words
    listing = client.get(reverse("dpia:list", args=["vefsn"])).content.decode()
    assert f"<td>{words}</td>" in listing
    pdf = pdf_pages(client.get(reverse("dpia:pdf", args=["vefsn", dpia.pk])).content)
    assert words in pdf[0]
    assert ("Endret etter godkjenning" in "\n".join(pdf)) is (state == "changed")


def test_the_state_of_an_older_version_ignores_later_decisions():
    class Row:
        def __init__(self, version, decision, role="leader"):
            self.root_version, self.decision, self.role = version, decision, role

    rows = [Row(1, "approved"), Row(2, "agrees", role="dpo"), Row(3, "rejected")]
    assert SignOffState.from_signoffs(rows, version=1).is_approved
    assert SignOffState.from_signoffs(rows, version=2).changed_after_approval
    assert SignOffState.from_signoffs(rows, version=3).is_rejected
    assert SignOffState.from_signoffs(rows, version=4).label() == "Ikke signert"
    assert SignOffState.from_signoffs([], version=1).never_decided
