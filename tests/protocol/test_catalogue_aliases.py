"""A catalogue system has other names, kept in its history: an imported spreadsheet that writes "Flyt Skole"
links the activity to Visma Flyt Skole, whatever the case; a name nobody knows is offered as a new system."""

import pytest
from django.urls import reverse

from isms.protocol.importing.service import choose_values, commit_draft, preview_draft, start_import
from isms.protocol.models import ProcessingActivity, System
from isms.protocol.services import save_catalogue_entry
from tests.protocol.test_catalogue import system_data
from tests.protocol.test_import import GOOD_ROWS, HEADINGS, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def flyt_skole(cast):
    system, _created = save_catalogue_entry(
        model=System, actor=cast.coordinator, values={"name": "Visma Flyt Skole", "aliases": "Flyt Skole"}, reason=""
    )
    return system


def test_the_coordinator_gives_a_system_other_names_and_the_history_keeps_them(client_for, cast, flyt_skole):
    client = client_for(cast.coordinator)
    data = system_data(name="Visma Flyt Skole", aliases="Flyt Skole\n  flyt skole \n\nVisma Flyt Skole\nFS",
                       change_reason="Navn fra kommunenes regneark")  # fmt: skip
    response = client.post(reverse("protocol:system_edit", args=[flyt_skole.pk]), data)
    assert response.status_code == 302
    flyt_skole.refresh_from_db()
    assert flyt_skole.alias_list == ["Flyt Skole", "FS"]  # repeats and the name itself left out
    latest = flyt_skole.history.latest()
    assert latest.aliases == "Flyt Skole\nFS" and latest.history_change_reason == "Navn fra kommunenes regneark"
    page = client.get(reverse("protocol:system_detail", args=[flyt_skole.pk])).content.decode()
    assert "<dt>Andre navn</dt><dd>Flyt Skole, FS</dd>" in page


def test_a_name_or_alias_of_another_system_is_refused_and_what_was_typed_kept(client_for, cast, flyt_skole):
    client = client_for(cast.coordinator)
    response = client.post(reverse("protocol:system_create"), system_data(name="Skolesystemet", aliases="FLYT SKOLE"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "«FLYT SKOLE» er allerede navnet på systemet Visma Flyt Skole i katalogen." in page
    assert "Skolesystemet" in page and not System.objects.filter(name="Skolesystemet").exists()
    response = client.post(reverse("protocol:system_create"), system_data(name="flyt skole"))
    assert "«flyt skole» er allerede navnet på systemet Visma Flyt Skole i katalogen." in response.content.decode()


def _draft(cast, systems: list[str], new_systems: list[str]):
    rows = [[*row, system] for row, system in zip(GOOD_ROWS, systems, strict=True)]
    draft = start_import(municipality=cast.vefsn, actor=cast.editor_vefsn,
                         content=xlsx_bytes([*HEADINGS, "System"], rows), filename="protokoll.xlsx")  # fmt: skip
    choose_values(draft=draft, values={}, sector_default="", sector_from_unit=True, new_systems=new_systems)
    return draft


def test_an_import_links_a_system_by_its_alias_in_any_case(cast, flyt_skole):
    draft = _draft(cast, ["flyt SKOLE", "Tidsbanken"], new_systems=[])
    preview = preview_draft(draft=draft)
    assert preview.problems == []
    assert preview.new_system_counts == {"Tidsbanken": 1}  # offered as a new catalogue system
    first, second = preview.rows
    assert first.systems == ["Visma Flyt Skole"] and "«flyt SKOLE» er Visma Flyt Skole i katalogen" in first.notes
    assert second.systems == [] and "Ikke koblet: Tidsbanken (ikke i katalogen)" in second.notes
    assert commit_draft(draft=draft, actor=cast.editor_vefsn).ok
    activity = ProcessingActivity.objects.get(name="Startlån")
    assert [link.system_use.system for link in activity.system_links.all()] == [flyt_skole]
    assert System.objects.count() == 1  # no "flyt SKOLE" added beside it


def test_a_new_system_chosen_in_the_preview_is_added_once_and_an_alias_is_not(cast, flyt_skole):
    draft = _draft(cast, ["Flyt Skole", "Tidsbanken"], new_systems=["Tidsbanken"])
    assert commit_draft(draft=draft, actor=cast.editor_vefsn).ok
    assert sorted(System.objects.values_list("name", flat=True)) == ["Tidsbanken", "Visma Flyt Skole"]
    assert System.objects.get(name="Tidsbanken").created_in == cast.vefsn
