"""ROS pages after a sign-off: an archived analysis's edit form, the measure list across revisions, what a
scenario threatens in bokmål letters, and no offer to send a version that is already decided."""

import datetime

import pytest
from django.urls import reverse

from risk.models import AnalysisStatus
from risk.workflow import archive_analysis, start_revision

from .builders import make_analysis, make_measure, make_scenario
from .test_lifecycle import signed_analysis


@pytest.mark.django_db
def test_editing_an_archived_analysis_says_why_instead_of_failing(cast, client_for):
    analysis = signed_analysis(cast)
    archive_analysis(analysis=analysis, actor=cast.editor_vefsn, reason="Lagt ned", expected_version=1)
    response = client_for(cast.editor_vefsn).post(
        reverse("risk:analysis_edit", args=["vefsn", analysis.pk]),
        {"expected_version": 1, "title": "Nytt navn", "subject_type": "service", "service": "KOBO", "scope": "x",
         "analysed_on": "2026-11-01", "risk_owner": cast.leader_vefsn.pk, "change_reason": "Nytt navn"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "arkivert" in response.content.decode()


@pytest.mark.django_db
def test_the_measure_list_shows_each_measure_of_the_analysis_in_force_once(cast, client_for):
    analysis = signed_analysis(cast)
    start_revision(analysis=analysis, actor=cast.editor_vefsn, analysed_on=datetime.date(2027, 11, 1))
    retired = make_analysis(cast.vefsn, cast.leader_vefsn, title="Nedlagt tjeneste")
    make_measure(retired, title="Tiltak i nedlagt tjeneste")
    archive_analysis(analysis=retired, actor=cast.editor_vefsn, reason="Lagt ned", expected_version=1)
    page = client_for(cast.editor_vefsn).get(reverse("risk:measure_list", args=["vefsn"])).content.decode()
    assert page.count("Tiltak 1") == 1
    assert "Tiltak i nedlagt tjeneste" not in page


@pytest.mark.django_db
def test_what_a_scenario_threatens_is_shown_as_k_i_t(cast, client_for):
    analysis = make_analysis(cast.vefsn, cast.leader_vefsn)
    scenario = make_scenario(analysis)
    scenario.security = ["C", "A"]
    scenario.save()
    page = client_for(cast.editor_vefsn).get(reverse("risk:analysis_detail", args=["vefsn", analysis.pk]))
    assert "<td>K, T</td>" in page.content.decode()


@pytest.mark.django_db
def test_an_approved_analysis_does_not_offer_to_send_the_same_version_again(cast, client_for):
    analysis = signed_analysis(cast)
    page = client_for(cast.editor_vefsn).get(reverse("risk:analysis_detail", args=["vefsn", analysis.pk]))
    assert reverse("risk:analysis_send", args=["vefsn", analysis.pk]) not in page.content.decode()
    assert analysis.status == AnalysisStatus.APPROVED
