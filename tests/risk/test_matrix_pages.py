"""The cooperation's risk matrix kept in the app, the threat catalogue, and the DPO's overview of every
municipality's analyses."""

import pytest
from django.urls import reverse

from risk.models import RiskMatrix

from .builders import default_matrix, make_analysis, make_scenario


def matrix_form(matrix: RiskMatrix, **overrides) -> dict:
    data = {
        "expected_version": matrix.version, "name": matrix.name, "acceptable_max": matrix.acceptable_max,
        "tolerable_max": matrix.tolerable_max, "acceptance_criteria": matrix.acceptance_criteria,
        "change_reason": "Vedtatt i styret",
    }  # fmt: skip
    for n, level in enumerate(matrix.likelihood_levels, start=1):
        data[f"likelihood_{n}_label"] = level["label"]
        data[f"likelihood_{n}_description"] = level["description"]
    for n, level in enumerate(matrix.consequence_levels, start=1):
        data[f"consequence_{n}_label"] = level["label"]
        for area, text in level["areas"].items():
            data[f"consequence_{n}_{area}"] = text
    return {**data, **overrides}


@pytest.mark.django_db
def test_editing_a_matrix_that_analyses_use_makes_a_new_version(client_for, cast):
    matrix = default_matrix()
    analysis = make_analysis(cast.vefsn, cast.leader_vefsn)
    response = client_for(cast.dpo).post(
        reverse("risk_cooperation:matrix_edit"), matrix_form(matrix, tolerable_max=12, likelihood_5_label="Ofte")
    )
    assert response.status_code == 302
    new = RiskMatrix.objects.get(is_current=True)
    assert (new.number, new.tolerable_max, new.likelihood_levels[4]["label"]) == (2, 12, "Ofte")
    analysis.refresh_from_db()
    assert analysis.matrix == matrix and RiskMatrix.objects.get(pk=matrix.pk).tolerable_max == 9


@pytest.mark.django_db
def test_bands_out_of_order_are_explained_and_nothing_changes(client_for, cast):
    matrix = default_matrix()
    response = client_for(cast.coordinator).post(
        reverse("risk_cooperation:matrix_edit"), matrix_form(matrix, acceptable_max=9, tolerable_max=4)
    )
    assert response.status_code == 400
    assert "Det gule feltet må slutte over det grønne." in response.content.decode()
    assert RiskMatrix.objects.count() == 1 and RiskMatrix.objects.get().acceptable_max == 4


@pytest.mark.django_db
def test_editors_read_the_matrix_but_cannot_change_it(client_for, cast):
    matrix = default_matrix()
    client = client_for(cast.editor_vefsn)
    assert client.get(reverse("risk_cooperation:matrix_detail")).status_code == 200
    assert client.post(reverse("risk_cooperation:matrix_edit"), matrix_form(matrix)).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 30])
def test_the_overview_shows_every_municipality_in_a_constant_number_of_queries(
    client_for, cast, django_assert_max_num_queries, count
):
    default_matrix()
    for index in range(count):
        analysis = make_analysis(cast.vefsn if index % 2 else cast.rana, cast.leader_vefsn, title=f"ROS {index}")
        make_scenario(analysis, likelihood=5, consequence=5)
    client = client_for(cast.dpo)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("risk_cooperation:overview"))
    text = response.content.decode()
    assert "Vefsn" in text and "Rana" in text and f"ROS {count - 1}" in text


@pytest.mark.django_db
def test_the_heat_map_cells_read_as_words_not_as_dots(cast, client_for):
    from .builders import make_analysis, make_scenario

    analysis = make_analysis(cast.vefsn, cast.leader_vefsn)
    make_scenario(analysis, likelihood=4, consequence=4)
    page = client_for(cast.viewer_vefsn).get(reverse("risk:analysis_detail", args=["vefsn", analysis.pk]))
    text = page.content.decode()
    assert "1 scenario, rød sone" in text and "ingen scenarioer, grønn sone" in text
    assert '<span class="visually-hidden">0</span>' not in text and "(gul)" not in text


@pytest.mark.django_db
def test_the_joint_kobo_texts_name_the_twelve_municipalities():
    from django.core.management import call_command

    from isms.protocol.demo import KOBO, kobo_municipalities
    from risk.demo import _joint_kobo_ros

    call_command("load_kins_templates")
    names = kobo_municipalities()
    assert names.count(",") == 10 and " og " in names and "Vega" not in names and len(KOBO) == 12
    template = _joint_kobo_ros(None)
    assert names in template.content["context"] and "tolv kommunene." not in template.content["context"]
