"""The coordinator changes a person's role or removes their access, always with a reason."""

from django.urls import reverse

from isms.core.models import MembershipRole


def _url(cast, membership):
    return reverse("core:membership_edit", args=["vefsn", membership.pk])


def test_coordinator_promotes_an_editor_to_leader_with_a_reason(client_for, cast):
    membership = cast.editor_vefsn.memberships.get()
    response = client_for(cast.coordinator).post(
        _url(cast, membership), {"role": "leader", "expected_version": 1, "change_reason": "Ny kommunedirektør"}
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == MembershipRole.LEADER and membership.version == 2
    assert membership.history.latest().history_change_reason == "Ny kommunedirektør"


def test_changing_a_role_without_a_reason_is_refused(client_for, cast):
    membership = cast.editor_vefsn.memberships.get()
    response = client_for(cast.coordinator).post(_url(cast, membership), {"role": "leader", "expected_version": 1})
    assert response.status_code == 200
    assert "Forklar hvorfor du gjør denne endringen." in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == MembershipRole.EDITOR


def test_a_stale_role_change_is_refused_with_what_changed(client_for, cast):
    membership = cast.editor_vefsn.memberships.get()
    client = client_for(cast.coordinator)
    client.post(_url(cast, membership), {"role": "leader", "expected_version": 1, "change_reason": "Først"})
    response = client.post(_url(cast, membership), {"role": "viewer", "expected_version": 1, "change_reason": "Sist"})
    assert response.status_code == 409
    assert "Rolle: Redaktør → Leder" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == MembershipRole.LEADER


def test_a_membership_of_rana_is_not_found_through_vefsn(client_for, cast):
    rana_membership = cast.editor_rana.memberships.get()
    response = client_for(cast.coordinator).get(reverse("core:membership_edit", args=["vefsn", rana_membership.pk]))
    assert response.status_code == 404


def test_the_leader_of_vefsn_sees_members_but_cannot_change_roles(client_for, cast):
    membership = cast.editor_vefsn.memberships.get()
    client = client_for(cast.leader_vefsn)
    assert client.get(reverse("core:member_list", args=["vefsn"])).status_code == 200
    assert client.get(_url(cast, membership)).status_code == 403
