"""Log-in by e-mail, lock-out after five wrong passwords, password reset, log-out, and TOTP two-factor."""

import base64
import hashlib
import hmac
import re
import struct
import time

import pytest

from isms.core.models import User

LOGIN = "/accounts/login/"


def totp(secret: str, at: float | None = None) -> str:
    """RFC 6238 code (30 s, 6 digits), written here so the test does not trust the library it checks."""
    counter = int((at or time.time()) // 30)
    digest = hmac.new(base64.b32decode(secret, casefold=True), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def post_login(client, email: str, password: str, ip: str = "10.0.0.1"):
    return client.post(LOGIN, {"login": email, "password": password}, REMOTE_ADDR=ip)


@pytest.fixture(autouse=True)
def _axes_reset(db):
    from axes.utils import reset

    reset()
    yield
    reset()


def test_login_by_email_lands_on_my_page(client, cast):
    response = post_login(client, cast.editor_vefsn.email.upper(), cast.password)
    assert response.status_code == 302 and response.url == "/"
    assert "Velkommen" in client.get("/").content.decode()


def test_a_wrong_password_is_explained_and_does_not_log_in(client, cast):
    response = post_login(client, cast.editor_vefsn.email, "feil-passord")
    assert response.status_code == 200
    assert "E-postadressen og/eller passordet du oppgav er feil." in response.content.decode()
    assert client.get("/").status_code == 302


def test_five_wrong_passwords_lock_email_and_ip_even_for_the_right_password(client, cast):
    for _ in range(5):
        post_login(client, cast.editor_vefsn.email, "feil-passord")
    locked = post_login(client, cast.editor_vefsn.email, cast.password)
    assert locked.status_code == 429
    assert "For mange mislykkede innlogginger" in locked.content.decode()
    assert client.get("/").status_code == 302  # not logged in

    other_network = post_login(client, cast.editor_vefsn.email, cast.password, ip="10.0.0.99")
    assert other_network.status_code == 302


def test_the_lock_can_be_lifted_and_login_works_again(client, cast):
    from axes.utils import reset

    for _ in range(5):
        post_login(client, cast.editor_vefsn.email, "feil-passord")
    assert reset(username=cast.editor_vefsn.email) == 1
    assert post_login(client, cast.editor_vefsn.email, cast.password).status_code == 302


def test_password_reset_by_email(client, cast, mailoutbox):
    response = client.post("/accounts/password/reset/", {"email": cast.editor_vefsn.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [cast.editor_vefsn.email]
    link = re.search(r"https?://[^\s]+/accounts/password/reset/key/[^\s]+", mailoutbox[0].body).group(0)
    path = re.sub(r"^https?://[^/]+", "", link)
    form_page = client.get(path, follow=True)
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else path
    response = client.post(action, {"password1": "Nytt-langt-passord-9", "password2": "Nytt-langt-passord-9"})
    assert response.status_code == 302
    client.logout()
    assert post_login(client, cast.editor_vefsn.email, "Nytt-langt-passord-9").status_code == 302


def test_logout_by_post_ends_the_session(client, cast):
    post_login(client, cast.editor_vefsn.email, cast.password)
    client.post("/accounts/logout/")
    assert client.get("/").status_code == 302


def test_signup_is_closed_accounts_come_by_invitation(client, cast):
    client.post("/accounts/signup/", {"email": "ny@example.no", "password1": "Langt-passord-42"})
    assert not User.objects.filter(email="ny@example.no").exists()


def test_a_user_turns_on_totp_and_then_needs_the_code_to_log_in(client, cast):
    user = cast.editor_vefsn
    post_login(client, user.email, cast.password)
    page = client.get("/accounts/2fa/totp/activate/", follow=True)
    if page.redirect_chain:  # allauth asks for the password again before security settings change
        assert "/accounts/reauthenticate/" in page.redirect_chain[-1][0]
        client.post(page.redirect_chain[-1][0], {"password": cast.password})
        page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    assert secret in page.content.decode()
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp(secret)})
    assert response.status_code == 302
    client.post("/accounts/logout/")

    first_step = post_login(client, user.email, cast.password)
    assert first_step.status_code == 302 and "/accounts/2fa/authenticate/" in first_step.url
    assert client.get("/").status_code == 302  # the password alone is not enough
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    done = client.post("/accounts/2fa/authenticate/", {"code": totp(secret)})
    assert done.status_code == 302
    assert client.get("/").status_code == 200
