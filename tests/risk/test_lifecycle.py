"""After the sign-off: archive, yearly revision with its diff, the PDF as of any version, and bounded
queries on the pages a leader and the DPO open."""

import datetime

import pytest
from django.urls import reverse

from risk.models import AnalysisStatus, MeasureStatus, RiskAnalysis
from risk.services import RiskInputError, save_scenario
from risk.workflow import archive_analysis, request_signoff, sign_analysis, start_revision
from tests.pdf_text import pdf_pages

from .builders import make_analysis, make_measure, make_scenario


def signed_analysis(cast, scenarios=1):
    analysis = make_analysis(cast.vefsn, cast.leader_vefsn)
    for index in range(scenarios):
        scenario = make_scenario(analysis, title=f"Scenario {index + 1}", residual_likelihood=2, residual_consequence=2)
        measure = make_measure(analysis, title=f"Tiltak {index + 1}")
        measure.scenario_links.create(municipality=analysis.municipality, scenario=scenario)
    request_signoff(analysis=analysis, actor=cast.editor_vefsn, expected_version=1)
    sign_analysis(analysis=analysis, signer=cast.leader_vefsn, decision="approved", comment="OK", expected_version=1)
    return RiskAnalysis.objects.get(pk=analysis.pk)


@pytest.mark.django_db
def test_an_archived_analysis_keeps_its_sign_off_and_cannot_be_changed(cast):
    analysis = signed_analysis(cast)
    archive_analysis(analysis=analysis, actor=cast.editor_vefsn, reason="Tjenesten er lagt ned", expected_version=1)
    analysis.refresh_from_db()
    assert analysis.status == AnalysisStatus.ARCHIVED and analysis.last_signed_version == 1
    with pytest.raises(RiskInputError, match="arkivert"):
        save_scenario(
            analysis=analysis, actor=cast.editor_vefsn, expected_version=1, reason="Endring",
            values={"title": "Ny", "asset": "x", "security": ["A"], "likelihood": 1, "consequence": 1},
        )  # fmt: skip


@pytest.mark.django_db
def test_a_new_revision_copies_scenarios_and_shows_what_changed(client_for, cast):
    analysis = signed_analysis(cast, scenarios=2)
    revision = start_revision(analysis=analysis, actor=cast.editor_vefsn, analysed_on=datetime.date(2027, 11, 1))
    assert (revision.previous, revision.status, revision.scenarios.count()) == (analysis, AnalysisStatus.DRAFT, 2)
    first, second = revision.scenarios.order_by("pk")
    save_scenario(
        analysis=revision, scenario=first, actor=cast.editor_vefsn, expected_version=1, reason="",
        values={"likelihood": 1, "consequence": 4},
    )  # fmt: skip
    measure = revision.measures.get(title="Tiltak 2")
    measure.status = MeasureStatus.DONE
    measure.save()
    second.delete()
    page = client_for(cast.viewer_vefsn).get(reverse("risk:analysis_changes", args=["vefsn", revision.pk]))
    text = page.content.decode()
    assert "1 scenario vurdert på nytt" in text and "1 scenario fjernet" in text
    assert "1 tiltak gjennomført siden" in text and "Tiltak 2" in text


@pytest.mark.django_db
def test_only_one_newer_revision_is_made(cast):
    analysis = signed_analysis(cast)
    start_revision(analysis=analysis, actor=cast.editor_vefsn, analysed_on=datetime.date(2027, 11, 1))
    with pytest.raises(RiskInputError):
        start_revision(analysis=analysis, actor=cast.editor_vefsn, analysed_on=datetime.date(2027, 11, 2))


@pytest.mark.django_db
def test_the_pdf_shows_the_sign_off_and_says_when_a_later_version_is_not_approved(client_for, cast):
    analysis = signed_analysis(cast)
    save_scenario(
        analysis=analysis, actor=cast.editor_vefsn, expected_version=1, reason="Nytt scenario etter hendelse",
        values={"title": "Strømbrudd", "asset": "Serverrom", "security": ["A"], "likelihood": 3, "consequence": 3},
    )  # fmt: skip
    client = client_for(cast.viewer_vefsn)
    url = reverse("risk:analysis_pdf", args=["vefsn", analysis.pk])
    now = "\n".join(pdf_pages(client.get(url).content))
    assert "Endret etter godkjenning" in now and "Strømbrudd" in now and "Versjon 2" in now
    signed = "\n".join(pdf_pages(client.get(url + "?version=1").content))
    assert "Strømbrudd" not in signed and "Versjon 1" in signed
    assert "Godkjent (v1)" in signed and "Endret etter godkjenning" not in signed


@pytest.mark.django_db
@pytest.mark.parametrize("scenarios", [3, 40])
def test_analysis_pages_and_pdf_run_a_constant_number_of_queries(
    client_for, cast, django_assert_max_num_queries, scenarios
):
    analysis = signed_analysis(cast, scenarios=scenarios)
    leader = client_for(cast.leader_vefsn)
    pages = [
        reverse("risk:analysis_detail", args=["vefsn", analysis.pk]),
        reverse("risk:analysis_list", args=["vefsn"]),
        reverse("risk:measure_list", args=["vefsn"]),
        reverse("risk:analysis_pdf", args=["vefsn", analysis.pk]),
        reverse("risk:analysis_sign", args=["vefsn", analysis.pk]),
        reverse("core:to_sign"),
    ]
    for url in pages:
        with django_assert_max_num_queries(16):
            assert leader.get(url).status_code == 200, url


@pytest.mark.django_db
def test_removing_a_scenario_moves_the_version_and_shows_in_the_revision_diff(client_for, cast):
    analysis = signed_analysis(cast, scenarios=2)
    revision = start_revision(analysis=analysis, actor=cast.editor_vefsn, analysed_on=datetime.date(2027, 11, 1))
    scenario = revision.scenarios.order_by("pk").last()
    client = client_for(cast.editor_vefsn)
    url = reverse("risk:part_delete", args=["vefsn", revision.pk, "scenario", scenario.pk])
    assert client.post(url, {"expected_version": revision.version, "change_reason": ""}).status_code == 302
    revision.refresh_from_db()
    assert revision.version == 2 and revision.scenarios.count() == 1
    page = client.get(reverse("risk:analysis_changes", args=["vefsn", revision.pk])).content.decode()
    assert "1 scenario fjernet" in page
