"""Global search: names and titles across everything the user may see, grouped, and nothing of another tenant."""

import pytest
from django.urls import reverse

from isms.core.search import search
from isms.protocol.models import DataProcessingAgreement, ProcessingActivity, System, SystemUse, Vendor
from tests.access_matrix import World
from tests.dpia.builders import complete_dpia
from tests.risk.builders import make_analysis
from tests.training.builders import make_course


def _visma_in(world: World, cast) -> None:
    """Visma in a municipality: a record, an agreement, an analysis and a DPIA of its own."""
    municipality = world.municipality
    vendor = Vendor.objects.get_or_create(name="Visma")[0]
    system = System.objects.get_or_create(name="Visma Flyt Skole", vendor=vendor)[0]
    SystemUse.objects.create(municipality=municipality, system=system)
    ProcessingActivity.objects.create(
        municipality=municipality, name=f"Visma lønn ({municipality})", sector="administration", purposes="Lønn",
        legal_bases=["c"], data_subject_categories="Ansatte", personal_data_categories="Navn", retention="Arkivlova",
    )  # fmt: skip
    DataProcessingAgreement.objects.create(municipality=municipality, vendor=vendor, title=f"DBA ({municipality})")
    leader = cast.leader_rana if municipality == cast.rana else cast.leader_vefsn
    make_analysis(municipality, leader, title=f"ROS Visma ({municipality})")
    complete_dpia(municipality, cast.editor_vefsn, leader, name=f"Visma Flyt Skole-behandling ({municipality})")


def _labels(groups) -> dict[str, list[str]]:
    return {group.key: [hit.label for hit in group.hits] for group in groups}


def test_vefsns_editor_searching_visma_finds_vefsn_and_the_catalogue_and_never_rana(client_for, cast):
    _visma_in(World(cast), cast)
    _visma_in(World(cast, cast.rana), cast)
    make_course("Visma for saksbehandlere")
    response = client_for(cast.editor_vefsn).get(reverse("core:search"), {"q": "Visma"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "(Rana)" not in html and "/m/rana/" not in html
    labels = _labels(search(user=cast.editor_vefsn, query="visma"))
    assert labels["vendor"] == ["Visma"] and labels["system"] == ["Visma Flyt Skole"]
    assert sorted(labels["processing"]) == ["Visma Flyt Skole-behandling (Vefsn)", "Visma lønn (Vefsn)"]
    assert labels["agreement"] == ["DBA (Vefsn) (Visma)"]
    assert labels["riskanalysis"] == ["ROS Visma (Vefsn)"]
    assert labels["course"] == ["Visma for saksbehandlere"]
    for heading in ("Systemer", "Leverandører", "Behandlinger", "Databehandleravtaler", "Kurs"):
        assert heading in html
    assert f'href="/m/vefsn/processing/{ProcessingActivity.objects.get(name="Visma lønn (Vefsn)").pk}/"' in html


def test_the_dpo_finds_both_municipalities(cast):
    _visma_in(World(cast), cast)
    _visma_in(World(cast, cast.rana), cast)
    labels = _labels(search(user=cast.dpo, query="ROS Visma"))
    assert sorted(labels["riskanalysis"]) == ["ROS Visma (Rana)", "ROS Visma (Vefsn)"]


def test_a_query_under_two_characters_gets_a_hint_in_norwegian(client_for, cast):
    html = client_for(cast.viewer_vefsn).get(reverse("core:search"), {"q": "V"}).content.decode()
    assert "Skriv minst to tegn for å søke." in html
    assert search(user=cast.viewer_vefsn, query=" V ") == []


def test_nothing_found_says_so(client_for, cast):
    html = client_for(cast.viewer_vefsn).get(reverse("core:search"), {"q": "Finnes ikke"}).content.decode()
    assert "Ingenting du har tilgang til, passer med «Finnes ikke»." in html


def test_the_header_has_the_search_box_for_those_with_a_role_only(client_for, cast):
    assert 'id="site-search-q"' in client_for(cast.viewer_vefsn).get(reverse("core:home")).content.decode()
    assert 'id="site-search-q"' not in client_for(cast.staff).get(reverse("core:home")).content.decode()


def test_drafts_are_found_only_by_those_who_keep_the_templates(cast):
    assert World(cast).draft_template.published_version == 0
    assert "template" in _labels(search(user=cast.coordinator, query="Utkast"))
    assert "template" not in _labels(search(user=cast.editor_vefsn, query="Utkast"))


@pytest.mark.parametrize("size", [1, 25])
def test_search_runs_a_constant_number_of_queries(client_for, cast, django_assert_max_num_queries, size):
    for number in range(size):
        if number < 2:
            _visma_in(World(cast, cast.vefsn if number % 2 else cast.rana), cast)
        Vendor.objects.create(name=f"Visma {number}")
        make_course(f"Visma-kurs {number}")
    client = client_for(cast.dpo)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("core:search"), {"q": "Visma"}).status_code == 200
