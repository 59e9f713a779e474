"""Single sign-on through OpenID Connect (Entra ID in production), end to end against a small fake provider
started in the test: discovery, token and userinfo over real HTTP. A known user logs in; an unknown
e-mail is refused with a clear message in bokmål and no account is made."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.messages import get_messages

from isms.core.models import User

CLIENT_ID = "sikker-kommune-test"


class FakeProvider(BaseHTTPRequestHandler):
    """The code the test hands to the callback is the e-mail the provider vouches for."""

    tokens: dict[str, str] = {}
    token_requests: list[dict] = []

    def log_message(self, *args) -> None:  # keep the test output quiet
        pass

    def _json(self, body: dict, status: int = 200) -> None:
        content = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    def do_GET(self) -> None:
        base = f"http://127.0.0.1:{self.server.server_port}"
        path = urlsplit(self.path).path
        if path == "/.well-known/openid-configuration":
            self._json(
                {
                    "issuer": base,
                    "authorization_endpoint": f"{base}/authorize",
                    "token_endpoint": f"{base}/token",
                    "userinfo_endpoint": f"{base}/userinfo",
                    "token_endpoint_auth_methods_supported": ["client_secret_post"],
                    "response_types_supported": ["code"],
                    "subject_types_supported": ["public"],
                }
            )
        elif path == "/userinfo":
            token = self.headers.get("Authorization", "").removeprefix("Bearer ")
            email = self.tokens.get(token)
            if email is None:
                self._json({"error": "invalid_token"}, 401)
            else:
                self._json({"sub": f"sub-{email.lower()}", "email": email, "name": "Kari Nordmann"})
        else:
            self._json({"error": "not_found"}, 404)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        form = {key: values[0] for key, values in parse_qs(self.rfile.read(length).decode()).items()}
        self.token_requests.append(form)
        if urlsplit(self.path).path != "/token" or form.get("client_id") != CLIENT_ID:
            self._json({"error": "invalid_client"}, 401)
            return
        token = f"token-{len(self.tokens)}"
        self.tokens[token] = form["code"]
        self._json({"access_token": token, "token_type": "Bearer", "expires_in": 3600})


@pytest.fixture
def provider(settings, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeProvider)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "entra",
                    "name": "Microsoft Entra ID",
                    "client_id": CLIENT_ID,
                    "secret": "hemmelig",
                    "settings": {"server_url": f"http://127.0.0.1:{server.server_port}"},
                }
            ]
        }
    }
    yield server
    server.shutdown()
    server.server_close()


def sign_in_with_entra(client, email: str):
    """Start the login, follow the provider's redirect as a browser would, and come back with a code."""
    start = client.post("/accounts/oidc/entra/login/")
    assert start.status_code == 302
    authorize = urlsplit(start.url)
    assert authorize.path == "/authorize"
    query = parse_qs(authorize.query)
    assert query["client_id"] == [CLIENT_ID]
    callback = urlsplit(query["redirect_uri"][0]).path
    return client.get(callback, {"code": email, "state": query["state"][0]})


def test_the_login_page_offers_entra_id_when_configured(client, db, provider):
    html = client.get("/accounts/login/").content.decode()
    assert "Microsoft Entra ID" in html


def test_a_known_user_logs_in_with_entra_id_and_keeps_their_password(client, cast, provider):
    response = sign_in_with_entra(client, "Leder.Vefsn@example.no")
    assert response.status_code == 302 and response.url == "/"
    assert int(client.session["_auth_user_id"]) == cast.leader_vefsn.pk
    assert client.get("/").status_code == 200
    assert SocialAccount.objects.get(provider="entra").user == cast.leader_vefsn
    cast.leader_vefsn.refresh_from_db()
    assert cast.leader_vefsn.has_usable_password()
    assert FakeProvider.token_requests[-1]["client_secret"] == "hemmelig"
    # The second time the connected account logs in directly.
    client.logout()
    assert sign_in_with_entra(client, "leder.vefsn@example.no").url == "/"
    assert SocialAccount.objects.count() == 1


def test_an_unknown_email_is_refused_in_norwegian_and_no_account_is_made(client, cast, provider):
    users = User.objects.count()
    response = sign_in_with_entra(client, "ukjent@vefsn.kommune.no")
    assert response.status_code == 302 and response.url == "/accounts/login/"
    assert "_auth_user_id" not in client.session
    assert User.objects.count() == users and not SocialAccount.objects.exists()
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert messages == [
        "Ingen konto i Sikker kommune har e-postadressen ukjent@vefsn.kommune.no. Kontoer opprettes bare ved "
        "invitasjon: be koordinatoren i kommunen din om å invitere deg."
    ]
    html = client.get("/accounts/login/").content.decode()
    assert "Logg inn" in html
