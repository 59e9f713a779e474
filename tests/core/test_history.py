"""Anyone who may see a municipality reads its history: versions, who, when, why, and a diff."""

import pytest
from django.urls import reverse

from isms.core.models import Municipality
from isms.core.services import update_municipality


def _edit(municipality: Municipality, actor, reason: str, **values) -> Municipality:
    municipality.refresh_from_db()
    obj, _changed = update_municipality(
        municipality=municipality, actor=actor, values=values, expected_version=municipality.version, reason=reason
    )
    return obj


@pytest.fixture
def edited_vefsn(cast):
    _edit(cast.vefsn, cast.coordinator, "Nye tall fra SSB", population=13500)
    _edit(cast.vefsn, cast.coordinator, "Meldt inn i KINS", kins_member=True)
    cast.vefsn.refresh_from_db()
    return cast


def _history_url(cast) -> str:
    return reverse("core:municipal_object_history", args=["vefsn", "municipality", cast.vefsn.pk])


def test_history_lists_every_version_with_who_when_and_why(client_for, edited_vefsn):
    html = client_for(edited_vefsn.viewer_vefsn).get(_history_url(edited_vefsn)).content.decode()
    assert "3 versjoner" in html
    assert "Nye tall fra SSB" in html and "Meldt inn i KINS" in html
    assert str(edited_vefsn.coordinator) in html
    assert "Innbyggertall: 13408 → 13500" in html
    assert "KINS-medlem: Nei → Ja" in html


def test_diff_between_any_two_versions(client_for, edited_vefsn):
    rows = list(edited_vefsn.vefsn.history.order_by("history_date"))
    response = client_for(edited_vefsn.dpo).get(
        _history_url(edited_vefsn), {"from": rows[0].history_id, "to": rows[2].history_id}
    )
    html = response.content.decode()
    assert "Endringer fra versjon 1 til versjon 3" in html
    assert "<del>13408</del>" in html and "<ins>13500</ins>" in html
    assert "<del>Nei</del>" in html and "<ins>Ja</ins>" in html


def test_diff_of_a_version_with_itself_says_there_is_no_difference(client_for, edited_vefsn):
    row = edited_vefsn.vefsn.history.earliest()
    html = (
        client_for(edited_vefsn.dpo)
        .get(_history_url(edited_vefsn), {"from": row.history_id, "to": row.history_id})
        .content.decode()
    )
    assert "Ingen forskjeller mellom disse versjonene." in html


def test_a_removed_membership_keeps_its_history(client_for, cast):
    membership = cast.viewer_vefsn.memberships.get()
    response = client_for(cast.coordinator).post(
        reverse("core:membership_end", args=["vefsn", membership.pk]), {"change_reason": "Sluttet i kommunen"}
    )
    assert response.status_code == 302
    assert not cast.viewer_vefsn.memberships.exists()
    html = (
        client_for(cast.leader_vefsn)
        .get(reverse("core:municipal_object_history", args=["vefsn", "membership", membership.pk]))
        .content.decode()
    )
    assert "Sluttet i kommunen" in html and "Slettet" in html


def test_removing_access_without_a_reason_is_refused(client_for, cast):
    membership = cast.viewer_vefsn.memberships.get()
    client_for(cast.coordinator).post(reverse("core:membership_end", args=["vefsn", membership.pk]), {})
    assert cast.viewer_vefsn.memberships.exists()


@pytest.mark.parametrize("edits", [2, 40])
def test_history_page_runs_a_constant_number_of_queries(client_for, cast, django_assert_max_num_queries, edits):
    for index in range(edits):
        _edit(cast.vefsn, cast.coordinator, f"Endring {index}", population=20000 + index)
    client = client_for(cast.viewer_vefsn)
    with django_assert_max_num_queries(6):
        assert client.get(_history_url(cast)).status_code == 200


def test_a_reason_as_long_as_the_form_allows_is_kept_whole(cast):
    reason = "Endret etter vedtak i kommunestyret. " * 13  # close to the 500 characters of the form field
    _edit(cast.vefsn, cast.coordinator, reason, population=13600)
    assert cast.vefsn.history.first().history_change_reason == reason.strip()
