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


def _edit_after_signoff(cast):
    """Signed at version 1, then: a scenario added, one re-rated, one removed, a measure completed, one added."""
    from risk.services import delete_scenario, save_measure, save_scenario

    analysis = signed_analysis(cast, scenarios=3)
    scenarios = list(analysis.scenarios.order_by("pk"))
    rating = {"asset": "Søknader", "security": ["C"], "likelihood": 2, "consequence": 2}
    version = analysis.version
    save_scenario(
        analysis=analysis, actor=cast.editor_vefsn, reason="Ny trussel", expected_version=version,
        values={"title": "Løsepengevirus", **rating, "likelihood": 3, "consequence": 5},
    )  # fmt: skip
    version += 1
    save_scenario(
        analysis=analysis, actor=cast.editor_vefsn, reason="Ny vurdering", expected_version=version,
        scenario=scenarios[0], values={"likelihood": 1, "consequence": 2},
    )  # fmt: skip
    version += 1
    delete_scenario(scenario=scenarios[2], actor=cast.editor_vefsn, reason="Utgår", expected_version=version)
    version += 1
    measure = analysis.measures.order_by("pk").first()
    save_measure(
        analysis=analysis, actor=cast.editor_vefsn, reason="Gjort", expected_version=version, measure=measure,
        values={"status": "done"}, scenario_ids=[scenarios[0].pk],
    )  # fmt: skip
    version += 1
    save_measure(
        analysis=analysis, actor=cast.editor_vefsn, reason="Nytt", expected_version=version,
        values={"title": "Sikkerhetskopi utenfor nett"}, scenario_ids=[],
    )  # fmt: skip
    return analysis, scenarios


@pytest.mark.django_db
def test_the_changes_page_shows_what_changed_since_the_signed_version(cast, client_for):
    analysis, _scenarios = _edit_after_signoff(cast)
    response = client_for(cast.leader_vefsn).get(reverse("risk:analysis_changes", args=["vefsn", analysis.pk]))
    page = response.content.decode()
    assert "det finnes ingen forrige revisjon" not in page
    assert "Endringer siden versjon 1 ble signert" in page

    def section(name: str) -> str:
        return page.split(f'id="signed-{name}-heading"')[1].split("</section>")[0]

    assert "1 scenario lagt til" in section("added") and "Løsepengevirus" in section("added")
    assert "Scenario 3" in section("removed")
    assert "Scenario 1" in section("rerated")
    assert "Tiltak 1" in page and "Sikkerhetskopi utenfor nett" in page


@pytest.mark.django_db
def test_the_risk_owner_sees_the_changes_on_the_sign_page(cast, client_for):
    from risk.workflow import request_signoff

    analysis, _scenarios = _edit_after_signoff(cast)
    analysis.refresh_from_db()
    request_signoff(analysis=analysis, actor=cast.editor_vefsn, expected_version=analysis.version)
    page = client_for(cast.leader_vefsn).get(reverse("risk:analysis_sign", args=["vefsn", analysis.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Løsepengevirus" in text and "<del>Scenario 3</del>" in text
    assert reverse("risk:analysis_changes", args=["vefsn", analysis.pk]) in text


@pytest.mark.django_db
def test_the_changes_since_signing_page_runs_a_constant_number_of_queries(
    cast, client_for, django_assert_max_num_queries
):
    analysis, _scenarios = _edit_after_signoff(cast)
    client = client_for(cast.leader_vefsn)
    url = reverse("risk:analysis_changes", args=["vefsn", analysis.pk])
    with django_assert_max_num_queries(30) as small:
        client.get(url)
    from risk.services import save_scenario

    analysis.refresh_from_db()
    for n in range(5):
        save_scenario(
            analysis=analysis, actor=cast.editor_vefsn, reason="Ny", expected_version=analysis.version + n,
            values={"title": f"Ekstra {n}", "asset": "x", "security": ["I"], "likelihood": 2, "consequence": 2},
        )  # fmt: skip
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert "Ekstra 4" in client.get(url).content.decode()
