"""Tenancy: a user reaches a municipality's data only through access.py, and nothing of another tenant leaks."""

import csv
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from isms.core.access import Action, can, get_for_user, municipality_for, scoped, visible_municipalities
from isms.core.models import Membership, MembershipRole, Municipality, User
from isms.protocol.models import ProcessingActivity

from ..access_matrix import World, case_id, rows
from ..conftest import ROLES
from ..downloads import body
from ..factories import MembershipFactory, UserFactory

# What each role may do with Vefsn (or anything in it), and with the cooperation as a whole (obj None).
IN_VEFSN = {
    "anonymous": set(),
    "staff": set(),
    "viewer_vefsn": {Action.VIEW},
    "editor_vefsn": {Action.VIEW, Action.EDIT},
    "leader_vefsn": {Action.VIEW, Action.EDIT, Action.SIGN, Action.VIEW_MEMBERS},
    "viewer_rana": set(),
    "editor_rana": set(),
    "leader_rana": set(),
    "dpo": {Action.VIEW, Action.VIEW_MEMBERS, Action.MANAGE_COOPERATION},
    "coordinator": {Action.VIEW, Action.VIEW_MEMBERS, Action.MANAGE_MUNICIPALITY, Action.MANAGE_COOPERATION},
}
IN_COOPERATION = {role: IN_VEFSN[role] if role in {"dpo", "coordinator"} else set() for role in ROLES}


def user(cast, role: str):
    return cast.by_role(role) or AnonymousUser()


def fresh(user: User) -> User:
    """The same person as a new object: access.py caches the roles on the user object for one request."""
    return User.objects.get(pk=user.pk)


def slugs(queryset) -> list[str]:
    return sorted(queryset.values_list("slug", flat=True))


def activity_in(municipality: Municipality) -> ProcessingActivity:
    return ProcessingActivity.objects.create(
        municipality=municipality, name=f"Startlån {municipality}", sector="welfare", purposes="Startlån",
        legal_bases=["e"], data_subject_categories="Søkere", personal_data_categories="Navn", retention="Arkivlova",
    )  # fmt: skip


# visible_municipalities


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", []),
        ("staff", []),
        ("viewer_vefsn", ["vefsn"]),
        ("editor_vefsn", ["vefsn"]),
        ("leader_vefsn", ["vefsn"]),
        ("leader_rana", ["rana"]),
        ("dpo", ["rana", "vefsn"]),
        ("coordinator", ["rana", "vefsn"]),
    ],
)
def test_visible_municipalities_are_the_users_tenants(cast, role, expected):
    assert slugs(visible_municipalities(user(cast, role))) == expected


def test_a_member_of_two_municipalities_sees_both(cast):
    person = UserFactory(email="interkommunal@example.no")
    MembershipFactory(user=person, municipality=cast.vefsn, role=MembershipRole.VIEWER)
    MembershipFactory(user=person, municipality=cast.rana, role=MembershipRole.EDITOR)
    assert slugs(visible_municipalities(person)) == ["rana", "vefsn"]


def test_a_deactivated_leader_sees_no_municipality(cast):
    cast.leader_vefsn.is_active = False
    cast.leader_vefsn.save()
    leader = fresh(cast.leader_vefsn)
    assert slugs(visible_municipalities(leader)) == []
    assert not scoped(Membership.objects.all(), leader).exists()


# scoped


def test_scoped_returns_only_own_municipality_rows(cast):
    activity_in(cast.vefsn)
    activity_in(cast.rana)
    editor = cast.editor_vefsn
    assert {m.municipality.slug for m in scoped(Membership.objects.all(), editor)} == {"vefsn"}
    assert [a.municipality.slug for a in scoped(ProcessingActivity.objects.all(), editor)] == ["vefsn"]
    assert slugs(scoped(Municipality.objects.all(), editor)) == ["vefsn"]


def test_scoped_keeps_the_filter_it_was_given(cast):
    leaders = scoped(Membership.objects.filter(role=MembershipRole.LEADER), cast.viewer_vefsn)
    assert [m.user for m in leaders] == [cast.leader_vefsn]


@pytest.mark.parametrize("role", ["dpo", "coordinator"])
def test_scoped_leaves_everything_to_the_global_roles(cast, role):
    assert scoped(Membership.objects.all(), user(cast, role)).count() == Membership.objects.count() == 6


@pytest.mark.parametrize("role", ["anonymous", "staff"])
def test_scoped_gives_nothing_to_people_without_a_tenant(cast, role):
    assert not scoped(Membership.objects.all(), user(cast, role)).exists()
    assert not scoped(Municipality.objects.all(), user(cast, role)).exists()


# get_for_user


def test_get_for_user_returns_an_object_inside_the_tenant(cast):
    membership = cast.viewer_vefsn.memberships.get()
    assert get_for_user(Membership, cast.editor_vefsn, pk=membership.pk) == membership
    assert get_for_user(Municipality, cast.editor_vefsn, slug="vefsn") == cast.vefsn


def test_get_for_user_404_outside_tenant(cast):
    rana_membership = cast.viewer_rana.memberships.get()
    with pytest.raises(Http404):
        get_for_user(Membership, cast.editor_vefsn, pk=rana_membership.pk)
    with pytest.raises(Http404):
        get_for_user(Municipality, cast.editor_vefsn, slug="rana")
    with pytest.raises(Http404):
        get_for_user(ProcessingActivity, cast.leader_vefsn, pk=activity_in(cast.rana).pk)


def test_get_for_user_answers_an_unknown_object_like_one_outside_the_tenant(cast):
    with pytest.raises(Http404):
        get_for_user(Municipality, cast.editor_vefsn, slug="finnes-ikke")


def test_get_for_user_scopes_a_given_queryset_too(cast):
    rana_membership = cast.viewer_rana.memberships.get()
    with pytest.raises(Http404):
        get_for_user(Membership.objects.select_related("user"), cast.leader_vefsn, pk=rana_membership.pk)
    # The queryset's own filter still applies inside the tenant.
    with pytest.raises(Http404):
        get_for_user(
            Membership.objects.filter(municipality=cast.rana),
            cast.coordinator,
            pk=cast.viewer_vefsn.memberships.get().pk,
        )
    assert get_for_user(Membership.objects.all(), cast.coordinator, pk=rana_membership.pk) == rana_membership


@pytest.mark.parametrize("role", ["anonymous", "staff"])
def test_get_for_user_404_without_any_tenant(cast, role):
    with pytest.raises(Http404):
        get_for_user(Municipality, user(cast, role), slug="vefsn")


# can


@pytest.mark.parametrize("role", ROLES)
def test_can_matrix_for_actions(cast, role):
    person = user(cast, role)
    assert {action for action in Action if can(person, action, cast.vefsn)} == IN_VEFSN[role]
    # An object in Vefsn counts as Vefsn.
    membership = cast.viewer_vefsn.memberships.get()
    assert {action for action in Action if can(person, action, membership)} == IN_VEFSN[role]
    assert {action for action in Action if can(person, action)} == IN_COOPERATION[role]


def test_a_leader_of_vefsn_may_do_nothing_in_rana(cast):
    assert not any(can(cast.leader_vefsn, action, cast.rana) for action in Action)
    rana_activity = activity_in(cast.rana)
    assert not any(can(cast.leader_vefsn, action, rana_activity) for action in Action)


def test_can_takes_the_action_by_name_and_refuses_an_unknown_one(cast):
    assert can(cast.editor_vefsn, "edit", cast.vefsn)
    with pytest.raises(ValueError):
        can(cast.editor_vefsn, "delete_everything", cast.vefsn)


# municipality_for


def test_municipality_for_returns_the_tenant_in_the_url(cast):
    assert municipality_for(cast.viewer_vefsn, "vefsn") == cast.vefsn
    assert municipality_for(cast.editor_vefsn, "vefsn", Action.EDIT) == cast.vefsn
    assert municipality_for(cast.coordinator, "rana", Action.MANAGE_MUNICIPALITY) == cast.rana


def test_municipality_for_is_404_outside_the_tenant_even_for_an_action_they_may_do_at_home(cast):
    with pytest.raises(Http404):
        municipality_for(cast.editor_vefsn, "rana", Action.EDIT)
    with pytest.raises(Http404):
        municipality_for(cast.staff, "vefsn")


def test_municipality_for_is_403_inside_the_tenant_without_the_right(cast):
    with pytest.raises(PermissionDenied):
        municipality_for(cast.viewer_vefsn, "vefsn", Action.EDIT)
    with pytest.raises(PermissionDenied):
        municipality_for(cast.leader_vefsn, "vefsn", Action.MANAGE_MUNICIPALITY)
    with pytest.raises(PermissionDenied):
        municipality_for(cast.dpo, "vefsn", Action.EDIT)


# Pages


def test_editor_of_vefsn_gets_404_for_every_rana_page(client_for, cast):
    """Every URL with a tenant in it, built for objects in Rana, answers 404 to Vefsn's editor."""
    world = World(cast, cast.rana)
    client = client_for(cast.editor_vefsn)
    checked = []
    for name, entry in rows():
        kwargs = entry.kwargs(world)
        if "slug" not in kwargs:
            continue
        assert kwargs["slug"] == "rana"
        url = reverse(name, kwargs=kwargs)
        if entry.prepare is not None:
            entry.prepare(world, client)
        response = getattr(client, entry.method)(url, entry.data(world))
        assert response.status_code == 404, f"{case_id(name, entry)}: {entry.method.upper()} {url}"
        if entry.done is not None:
            assert not entry.done(world), f"{case_id(name, entry)} wrote to Rana"
        checked.append(name)
    assert {"core:municipality_detail", "core:membership_end", "protocol:processing_edit"} <= set(checked)


@pytest.mark.parametrize("role", ["coordinator", "dpo", "leader_vefsn"])
def test_history_of_rana_object_is_404_via_vefsn_url(client_for, cast, role):
    """The object must belong to the tenant in the URL, even for those who may read both."""
    client = client_for(user(cast, role))
    rana_objects = {
        "municipality": cast.rana.pk,
        "membership": cast.viewer_rana.memberships.get().pk,
        "processing": activity_in(cast.rana).pk,
    }
    for model, pk in rana_objects.items():
        url = reverse("core:municipal_object_history", args=["vefsn", model, pk])
        assert client.get(url).status_code == 404, url


def test_history_of_rana_object_opens_via_its_own_url(client_for, cast):
    url = reverse("core:municipal_object_history", args=["rana", "municipality", cast.rana.pk])
    assert client_for(cast.coordinator).get(url).status_code == 200


def test_history_of_an_unregistered_model_is_404(client_for, cast):
    url = reverse("core:municipal_object_history", args=["vefsn", "user", cast.leader_vefsn.pk])
    assert client_for(cast.coordinator).get(url).status_code == 404


def test_municipality_list_for_the_leader_of_vefsn_shows_vefsn_only(client_for, cast):
    client = client_for(cast.leader_vefsn)
    html = client.get(reverse("core:municipality_list")).content.decode()
    assert "Vefsn" in html
    assert "Rana" not in html and "/m/rana/" not in html

    response = client.get(reverse("core:municipality_list"), {"_export": "csv"})
    content = body(response).decode("utf-8-sig")
    names = [row[1] for row in list(csv.reader(io.StringIO(content), delimiter=";"))[1:]]
    assert names == ["Vefsn"]
    assert "Rana" not in content


def test_municipality_list_filter_cannot_reach_another_tenant(client_for, cast):
    client = client_for(cast.leader_vefsn)
    response = client.get(reverse("core:municipality_list"), {"q": "Rana", "_export": "csv"})
    assert "Rana" not in body(response).decode("utf-8-sig")
