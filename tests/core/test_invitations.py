"""The coordinator invites a person by e-mail with a role; the link works once, then never again."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from isms.core.models import Invitation, Membership, MembershipRole, User
from isms.core.services import invite_user


def _invite(cast, email="ny.person@vefsn.kommune.no", role=MembershipRole.EDITOR):
    return invite_user(municipality=cast.vefsn, email=email, role=role, invited_by=cast.coordinator)


def test_coordinator_invites_and_an_email_with_a_link_is_sent(
    client_for, cast, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(cast.coordinator).post(
            reverse("core:invite", args=["vefsn"]), {"email": "Ny.Person@Vefsn.kommune.no", "role": "editor"}
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.municipality) == (
        "ny.person@vefsn.kommune.no",
        "editor",
        cast.vefsn,
    )
    assert invitation.sent_at is not None
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["ny.person@vefsn.kommune.no"]
    assert "Invitasjon til Sikker kommune – Vefsn" in message.subject
    assert "/invitation/" in message.body and "redaktør" in message.body


def test_inviting_someone_who_already_has_a_role_is_refused_next_to_the_field(client_for, cast):
    response = client_for(cast.coordinator).post(
        reverse("core:invite", args=["vefsn"]), {"email": cast.editor_vefsn.email, "role": "viewer"}
    )
    assert response.status_code == 200
    assert "har allerede en rolle i Vefsn" in response.content.decode()
    assert not Invitation.objects.exists()


def test_invalid_email_is_refused(client_for, cast):
    response = client_for(cast.coordinator).post(
        reverse("core:invite", args=["vefsn"]), {"email": "ikke-epost", "role": "viewer"}
    )
    assert response.status_code == 200
    assert 'id="id_email_error"' in response.content.decode()


def test_new_person_accepts_creates_an_account_and_is_logged_in(client, cast):
    _invitation, token = _invite(cast)
    url = reverse("core:invitation_accept", args=[token])
    assert "Opprett kontoen din for ny.person@vefsn.kommune.no" in client.get(url).content.decode()
    response = client.post(
        url,
        {"first_name": "Ny", "last_name": "Person", "password1": "Lang-og-trygg-42", "password2": "Lang-og-trygg-42"},
    )
    assert response.status_code == 302 and response.url == reverse("core:municipality_detail", args=["vefsn"])
    user = User.objects.get(email="ny.person@vefsn.kommune.no")
    assert Membership.objects.get(user=user).role == MembershipRole.EDITOR
    assert client.get(reverse("core:home")).status_code == 200


def test_a_used_invitation_link_cannot_be_used_again(client, cast):
    _invitation, token = _invite(cast)
    url = reverse("core:invitation_accept", args=[token])
    data = {"first_name": "Ny", "last_name": "Person", "password1": "Lang-og-trygg-42", "password2": "Lang-og-trygg-42"}
    client.post(url, data)
    client.logout()
    response = client.get(url)
    assert response.status_code == 410
    assert "Invitasjonen er allerede brukt" in response.content.decode()
    assert Membership.objects.filter(user__email="ny.person@vefsn.kommune.no").count() == 1


def test_an_expired_invitation_says_so_and_creates_nothing(client, cast):
    invitation, token = _invite(cast)
    invitation.expires_at = timezone.now() - timedelta(minutes=1)
    invitation.save(update_fields=["expires_at"])
    response = client.post(
        reverse("core:invitation_accept", args=[token]),
        {"first_name": "Ny", "last_name": "Person", "password1": "Lang-og-trygg-42", "password2": "Lang-og-trygg-42"},
    )
    assert response.status_code == 410
    assert "Invitasjonen er utløpt" in response.content.decode()
    assert not User.objects.filter(email="ny.person@vefsn.kommune.no").exists()


def test_an_unknown_token_is_refused(client, cast):
    response = client.get(reverse("core:invitation_accept", args=["tull"]))
    assert response.status_code == 410
    assert "Lenken er ikke gyldig" in response.content.decode()


def test_a_new_invitation_replaces_the_pending_one(client, cast):
    _first, old_token = _invite(cast)
    _second, new_token = _invite(cast, role=MembershipRole.VIEWER)
    assert client.get(reverse("core:invitation_accept", args=[old_token])).status_code == 410
    assert client.get(reverse("core:invitation_accept", args=[new_token])).status_code == 200


def test_mismatched_or_weak_passwords_are_explained_and_nothing_is_created(client, cast):
    _invitation, token = _invite(cast)
    url = reverse("core:invitation_accept", args=[token])
    html = client.post(
        url, {"first_name": "Ny", "last_name": "Person", "password1": "abc", "password2": "abd"}
    ).content.decode()
    assert "De to passordene er ikke like." in html
    html = client.post(
        url, {"first_name": "Ny", "last_name": "Person", "password1": "12345678", "password2": "12345678"}
    ).content.decode()
    assert 'id="id_password1_error"' in html
    assert not User.objects.filter(email="ny.person@vefsn.kommune.no").exists()


def test_an_existing_user_must_log_in_and_then_accepts_a_second_municipality(client_for, cast):
    invitation, token = invite_user(
        municipality=cast.rana, email=cast.editor_vefsn.email, role=MembershipRole.VIEWER, invited_by=cast.coordinator
    )
    url = reverse("core:invitation_accept", args=[token])
    anonymous = client_for(None)
    assert "Logg inn med den for å godta invitasjonen" in anonymous.get(url).content.decode()
    client = client_for(cast.editor_vefsn)
    assert client.post(url).status_code == 302
    assert set(cast.editor_vefsn.memberships.values_list("municipality__slug", flat=True)) == {"vefsn", "rana"}
    invitation.refresh_from_db()
    assert invitation.accepted_by == cast.editor_vefsn


@pytest.mark.parametrize("role", ["editor_vefsn", "leader_vefsn", "dpo"])
def test_only_the_coordinator_invites(client_for, cast, role):
    response = client_for(getattr(cast, role)).post(
        reverse("core:invite", args=["vefsn"]), {"email": "x@example.no", "role": "viewer"}
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()
