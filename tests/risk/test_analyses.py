"""ROS analyses: an editor builds one of scenarios and measures; every part moves the analysis's version."""

import datetime

import pytest
from django.urls import reverse

from risk.models import MeasureScenario, RiskAnalysis, RiskMatrix, RiskScenario
from risk.services import save_matrix

from .builders import default_matrix, make_analysis, make_measure, make_scenario, make_threat


def analysis_form(cast, **overrides) -> dict:
    data = {
        "title": "ROS for KOBO",
        "subject_type": "service",
        "service": "KOBO",
        "scope": "Saksbehandling av startlån",
        "analysed_on": "2026-11-20",
        "risk_owner": cast.leader_vefsn.pk,
        "expected_version": 1,
        "change_reason": "",
    }
    return {**data, **overrides}


def scenario_form(analysis, **overrides) -> dict:
    data = {
        "title": "Passord på avveie",
        "asset": "Søknader om startlån",
        "security": ["C"],
        "likelihood": 4,
        "consequence": 4,
        "expected_version": analysis.version,
    }
    return {**data, **overrides}


@pytest.mark.django_db
def test_an_editor_creates_an_analysis_owned_by_a_leader_of_the_municipality(client_for, cast):
    default_matrix()
    client = client_for(cast.editor_vefsn)
    response = client.post(reverse("risk:analysis_create", args=["vefsn"]), analysis_form(cast))
    analysis = RiskAnalysis.objects.get()
    assert response.status_code == 302
    assert (analysis.municipality, analysis.risk_owner, analysis.matrix.number) == (cast.vefsn, cast.leader_vefsn, 1)


@pytest.mark.django_db
def test_the_risk_owner_must_be_a_leader_of_this_municipality(client_for, cast):
    default_matrix()
    client = client_for(cast.editor_vefsn)
    for owner in (cast.editor_vefsn, cast.leader_rana):
        response = client.post(
            reverse("risk:analysis_create", args=["vefsn"]), analysis_form(cast, risk_owner=owner.pk)
        )
        assert response.status_code == 200
        assert "Risikoeieren må være en leder i kommunen." in response.content.decode()
        assert "Saksbehandling av startlån" in response.content.decode()  # what was typed is kept
    assert not RiskAnalysis.objects.exists()


@pytest.mark.django_db
def test_a_system_analysis_must_name_the_system(client_for, cast):
    default_matrix()
    response = client_for(cast.editor_vefsn).post(
        reverse("risk:analysis_create", args=["vefsn"]), analysis_form(cast, subject_type="system", service="")
    )
    assert "Velg systemet som analyseres." in response.content.decode()


@pytest.mark.django_db
def test_a_scenario_from_the_catalogue_takes_its_title_and_moves_the_analysis_to_the_next_version(client_for, cast):
    analysis = make_analysis(cast.vefsn, cast.leader_vefsn)
    threat = make_threat()
    response = client_for(cast.editor_vefsn).post(
        reverse("risk:scenario_create", args=["vefsn", analysis.pk]),
        scenario_form(analysis, title="", security=[], threat=threat.pk),
    )
    assert response.status_code == 302
    scenario = RiskScenario.objects.get()
    analysis.refresh_from_db()
    assert (scenario.title, scenario.security, scenario.level) == (threat.title, ["C", "I"], "high")
    assert analysis.version == 2
    assert analysis.history.first().history_user == cast.editor_vefsn


@pytest.mark.django_db
def test_a_rating_outside_the_matrix_is_refused_in_norwegian(client_for, cast):
    analysis = make_analysis(cast.vefsn, cast.leader_vefsn)
    response = client_for(cast.editor_vefsn).post(
        reverse("risk:scenario_create", args=["vefsn", analysis.pk]), scenario_form(analysis, likelihood=6)
    )
    assert response.status_code == 200
    assert "Velg et nivå i analysens risikomatrise." in response.content.decode()
    assert not RiskScenario.objects.exists()


@pytest.mark.django_db
def test_a_measure_answers_several_scenarios_and_a_stale_save_loses_nothing(client_for, cast):
    analysis = make_analysis(cast.vefsn, cast.leader_vefsn)
    first, second = make_scenario(analysis), make_scenario(analysis, title="Tjenesten er nede")
    client = client_for(cast.editor_vefsn)
    data = {"title": "Tofaktorinnlogging", "strategy": "reduce", "status": "planned", "due_on": "2026-12-31",
            "scenarios": [first.pk, second.pk], "expected_version": 1}  # fmt: skip
    assert client.post(reverse("risk:measure_create", args=["vefsn", analysis.pk]), data).status_code == 302
    assert MeasureScenario.objects.count() == 2

    stale = client.post(reverse("risk:measure_create", args=["vefsn", analysis.pk]), {**data, "title": "Logging"})
    assert stale.status_code == 409
    assert "Logging" in stale.content.decode()
    assert analysis.measures.count() == 1


@pytest.mark.django_db
def test_the_heat_map_counts_scenarios_before_and_after_measures(client_for, cast):
    analysis = make_analysis(cast.vefsn, cast.leader_vefsn)
    make_scenario(analysis, likelihood=4, consequence=4, residual_likelihood=2, residual_consequence=2)
    make_scenario(analysis, title="Brann", likelihood=1, consequence=5)
    html = client_for(cast.viewer_vefsn).get(reverse("risk:analysis_detail", args=["vefsn", analysis.pk])).content
    html = html.decode()
    assert "(2 scenarioer vurdert)" in html and "(1 scenario vurdert)" in html
    assert "4 × 4 = 16" in html and "2 × 2 = 4" in html


@pytest.mark.django_db
def test_overdue_open_measures_are_marked_in_the_list_of_all_measures(client_for, cast):
    analysis = make_analysis(cast.vefsn, cast.leader_vefsn)
    make_measure(analysis, title="Gammel", due_on=datetime.date(2020, 1, 1))
    make_measure(analysis, title="Ferdig", due_on=datetime.date(2020, 1, 1), status="done")
    html = client_for(cast.viewer_vefsn).get(reverse("risk:measure_list", args=["vefsn"])).content.decode()
    assert html.count("Forfalt") == 1


@pytest.mark.django_db
def test_a_leader_of_rana_cannot_open_vefsns_analysis(client_for, cast):
    analysis = make_analysis(cast.vefsn, cast.leader_vefsn)
    response = client_for(cast.leader_rana).get(reverse("risk:analysis_detail", args=["vefsn", analysis.pk]))
    assert response.status_code == 404


@pytest.mark.django_db
def test_changing_a_matrix_in_use_makes_a_new_version_and_old_analyses_keep_theirs(cast):
    analysis = make_analysis(cast.vefsn, cast.leader_vefsn)
    matrix = analysis.matrix
    successor, changed = save_matrix(
        actor=None, values={"tolerable_max": 11}, reason="Strengere", matrix=matrix, expected_version=matrix.version
    )
    analysis.refresh_from_db()
    assert changed and (successor.number, successor.is_current, successor.tolerable_max) == (2, True, 11)
    assert (analysis.matrix.number, analysis.matrix.tolerable_max) == (1, 9)
    assert RiskMatrix.objects.get(number=1).is_current is False


@pytest.mark.django_db
@pytest.mark.parametrize("count", [3, 30])
def test_the_analysis_pages_run_a_constant_number_of_queries(client_for, cast, django_assert_max_num_queries, count):
    analysis = make_analysis(cast.vefsn, cast.leader_vefsn)
    for index in range(count):
        scenario = make_scenario(analysis, title=f"Scenario {index}")
        measure = make_measure(analysis, title=f"Tiltak {index}")
        MeasureScenario.objects.create(municipality=cast.vefsn, measure=measure, scenario=scenario)
    client = client_for(cast.editor_vefsn)
    for url in (
        reverse("risk:analysis_detail", args=["vefsn", analysis.pk]),
        reverse("risk:analysis_list", args=["vefsn"]),
        reverse("risk:measure_list", args=["vefsn"]),
    ):
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200
