"""Personal API tokens: shown once, stored hashed, refused with a 401 in bokmål when expired, revoked,
malformed or missing; a token reads what its user may read, and loses a municipality as the user does."""

import datetime
import hashlib
import logging

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from isms.api.models import ApiToken
from isms.api.tokens import create_token, revoke_token
from isms.core.models import Membership, MembershipRole
from isms.core.services import end_membership
from tests.access_matrix import World
from tests.factories import MembershipFactory

from .conftest import bearer

LIST = "/api/v1/processing-activities/"


def call(token: str | None, url: str = LIST, header: str | None = None):
    client = Client()
    if header is not None:
        return client.get(url, HTTP_AUTHORIZATION=header)
    if token is None:
        return client.get(url)
    return client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.mark.django_db
def test_a_valid_token_reads_and_is_marked_used(cast):
    token = bearer(cast.editor_vefsn)
    response = call(token)
    assert response.status_code == 200
    assert response.json()["count"] == 0
    assert ApiToken.objects.get(user=cast.editor_vefsn).last_used_at is not None


@pytest.mark.django_db
def test_only_the_hash_of_the_secret_is_stored(cast):
    new = create_token(user=cast.editor_vefsn, name="Power BI", expires_on=timezone.localdate())
    secret = new.plaintext.split("_", 2)[2]
    row = ApiToken.objects.get(pk=new.token.pk)
    assert row.secret_sha256 == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(row.__dict__)
    assert new.plaintext.startswith(f"sk_{row.prefix}_")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("missing", "Du må sende en API-nøkkel"),
        ("not bearer", "Feil i Authorization-headeren"),
        ("empty bearer", "Feil i Authorization-headeren"),
        ("malformed", "Ukjent eller feilformet API-nøkkel"),
        ("wrong secret", "Ukjent eller feilformet API-nøkkel"),
        ("expired", "API-nøkkelen er utløpt"),
        ("revoked", "API-nøkkelen er trukket tilbake"),
        ("deactivated user", "Brukeren som eier API-nøkkelen, er deaktivert"),
    ],
)
def test_bad_tokens_are_refused_with_401_in_bokmal(cast, case, message):
    good = bearer(cast.editor_vefsn)
    if case == "missing":
        response = call(None)
    elif case == "not bearer":
        response = call(None, header=f"Token {good}")
    elif case == "empty bearer":
        response = call(None, header="Bearer ")
    elif case == "malformed":
        response = call("sk_abc")
    elif case == "wrong secret":
        response = call(good[:-4] + "AAAA")
    elif case == "expired":
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        response = call(bearer(cast.editor_vefsn, expires_on=yesterday))
    elif case == "revoked":
        revoke_token(token=ApiToken.objects.get(user=cast.editor_vefsn), actor=cast.coordinator, reason="Lekket")
        response = call(good)
    else:
        cast.editor_vefsn.is_active = False
        cast.editor_vefsn.save()
        response = call(good)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response["WWW-Authenticate"] == "Bearer"
    assert message in response.json()["detail"]


@pytest.mark.django_db
def test_a_token_works_through_its_last_day(cast):
    assert call(bearer(cast.editor_vefsn, expires_on=timezone.localdate())).status_code == 200


@pytest.mark.django_db
def test_a_token_loses_a_municipality_the_moment_the_membership_ends(cast):
    world = World(cast)
    MembershipFactory(user=cast.editor_vefsn, municipality=cast.rana, role=MembershipRole.VIEWER)
    token = bearer(cast.editor_vefsn)
    url = reverse("api:processing-activity-detail", args=[world.activity.pk])
    assert call(token, url).status_code == 200
    membership = Membership.objects.get(user=cast.editor_vefsn, municipality=cast.vefsn)
    end_membership(membership=membership, actor=cast.coordinator, reason="Sluttet")
    assert call(token, url).status_code == 404  # Vefsn is gone at once; the token still reads Rana
    assert [row["slug"] for row in call(token, "/api/v1/municipalities/").json()["results"]] == ["rana"]


@pytest.mark.django_db
def test_a_token_of_a_user_with_no_municipality_left_gets_403(cast):
    token = bearer(cast.viewer_vefsn)
    membership = Membership.objects.get(user=cast.viewer_vefsn)
    end_membership(membership=membership, actor=cast.coordinator, reason="Sluttet")
    assert call(token).status_code == 403
    assert call(token).json()["detail"] == "Du har ikke tilgang til dette."


@pytest.mark.django_db
def test_rate_limit_per_token(cast, settings):
    settings.API_RATE_LIMIT = "2/min"
    token, other = bearer(cast.editor_vefsn), bearer(cast.editor_vefsn)
    assert [call(token).status_code for _ in range(3)] == [200, 200, 429]
    response = call(token)
    assert "For mange forespørsler" in response.json()["detail"]
    assert int(response["Retry-After"]) > 0
    assert call(other).status_code == 200  # counted per token


@pytest.mark.django_db
def test_every_request_is_logged_with_the_token_id_never_the_secret(cast, caplog):
    token = bearer(cast.editor_vefsn)
    row = ApiToken.objects.get(user=cast.editor_vefsn)
    with caplog.at_level(logging.INFO, logger="isms.api"):
        call(token, LIST + "?sector=nope")
    line = next(record.getMessage() for record in caplog.records if record.name == "isms.api")
    assert f"token={row.pk}:{row.prefix}" in line
    assert "status=400" in line
    assert token not in line and token.split("_", 2)[2] not in caplog.text


# The pages: the profile tab and the coordinator's list.


@pytest.mark.django_db
def test_the_user_creates_a_token_sees_it_once_and_can_use_it(cast, client_for):
    client = client_for(cast.editor_vefsn)
    expires = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    response = client.post(reverse("api:token_list"), {"name": "Power BI", "expires_on": expires}, follow=True)
    text = response.content.decode()
    token = ApiToken.objects.get(user=cast.editor_vefsn)
    assert "Din nye API-nøkkel" in text
    secret = text.split('<code class="api-token-secret">')[1].split("</code>")[0]
    assert secret.startswith(f"sk_{token.prefix}_")
    assert call(secret).status_code == 200
    again = client.get(reverse("api:token_list")).content.decode()
    assert secret not in again  # shown once
    assert f"sk_{token.prefix}" in again and "Power BI" in again and "Aldri" not in again


@pytest.mark.django_db
def test_a_token_needs_an_expiry_within_a_year(cast, client_for):
    client = client_for(cast.editor_vefsn)
    late = (timezone.localdate() + datetime.timedelta(days=400)).isoformat()
    response = client.post(reverse("api:token_list"), {"name": "Evig", "expires_on": late})
    assert response.status_code == 400
    assert "En API-nøkkel kan virke høyst til" in response.content.decode()
    assert 'value="Evig"' in response.content.decode()
    response = client.post(reverse("api:token_list"), {"name": "Uten dato", "expires_on": ""})
    assert "Feltet er påkrevet." in response.content.decode()
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_the_owner_revokes_a_token_and_it_stops_working(cast, client_for):
    token = bearer(cast.editor_vefsn)
    row = ApiToken.objects.get(user=cast.editor_vefsn)
    client = client_for(cast.editor_vefsn)
    client.post(reverse("api:token_revoke", args=[row.pk]))
    row.refresh_from_db()
    assert row.revoked_by == cast.editor_vefsn
    assert call(token).status_code == 401
    assert "Trukket tilbake" in client.get(reverse("api:token_list")).content.decode()


@pytest.mark.django_db
def test_the_coordinator_sees_every_token_and_revokes_with_a_reason(cast, client_for):
    token = bearer(cast.leader_rana, name="Arkivsynk")
    row = ApiToken.objects.get(user=cast.leader_rana)
    client = client_for(cast.coordinator)
    page = client.get(reverse("api:token_admin")).content.decode()
    assert "Arkivsynk" in page and f"sk_{row.prefix}" in page and token not in page
    client.post(reverse("api:token_admin_revoke", args=[row.pk]), {"reason": "Mistanke om lekkasje"})
    row.refresh_from_db()
    assert (row.revoked_by, row.revoke_reason) == (cast.coordinator, "Mistanke om lekkasje")
    assert call(token).status_code == 401
    assert "Mistanke om lekkasje" in client.get(reverse("api:token_admin")).content.decode()
