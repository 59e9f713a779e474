"""Logging in by e-mail, the lock after five wrong passwords, password reset, logging out, and TOTP."""

import base64
import hashlib
import hmac
import re
import struct
import time

import pytest
from allauth.mfa.models import Authenticator
from axes.utils import reset as lift_lock

from isms.core.models import User

LOGIN = "/accounts/login/"
ACTIVATE_TOTP = "/accounts/2fa/totp/activate/"
SECOND_STEP = "/accounts/2fa/authenticate/"
OFFICE = "10.0.0.1"
NEW_PASSWORD = "Nytt-langt-passord-9"


def totp(secret: str) -> str:
    """The RFC 6238 code an authenticator app shows now (30 s, 6 digits), computed here, not by allauth."""
    counter = int(time.time() // 30)
    digest = hmac.new(base64.b32decode(secret, casefold=True), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def post_login(client, email: str, password: str, ip: str = OFFICE):
    return client.post(LOGIN, {"login": email, "password": password}, REMOTE_ADDR=ip)


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def text(response) -> str:
    return response.content.decode()


def turn_on_totp(client, user: User, password: str) -> str:
    """Log in, confirm the password as allauth asks before security changes, and activate TOTP; return the secret."""
    assert post_login(client, user.email, password).status_code == 302
    page = client.get(ACTIVATE_TOTP)
    assert page.status_code == 302 and page.url.startswith("/accounts/reauthenticate/"), text(client.get(page.url))
    assert client.post(page.url, {"password": password}).status_code == 302
    page = client.get(ACTIVATE_TOTP)
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    assert secret in text(page)  # typed into the app by hand when the QR code cannot be scanned
    assert 'src="data:image/svg+xml' in text(page)
    wrong = client.post(ACTIVATE_TOTP, {"code": "000000" if totp(secret) != "000000" else "111111"})
    assert wrong.status_code == 200 and "Feil kode." in text(wrong)
    assert client.post(ACTIVATE_TOTP, {"code": totp(secret)}).status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    client.post("/accounts/logout/")
    return secret


def test_login_page_has_labelled_fields_a_reset_link_and_no_sign_up(client, db):
    page = client.get(LOGIN)
    html = text(page)
    assert page.status_code == 200
    assert '<label class="ds-label" for="id_login">' in html
    assert re.search(r'<input class="ds-input" type="email" id="id_login" name="login"[^>]*autocomplete="email"', html)
    assert re.search(r'<input class="ds-input" type="password" id="id_password" name="password"', html)
    assert 'href="/accounts/password/reset/"' in html
    assert "/accounts/signup/" not in html
    assert "placeholder=" not in html  # the labels say it; a placeholder would look like a typed value


def test_login_by_email_in_any_case_lands_on_my_page(client, cast):
    response = post_login(client, cast.editor_vefsn.email.upper(), cast.password)
    assert response.status_code == 302 and response.url == "/"
    assert client.session["_auth_user_id"] == str(cast.editor_vefsn.pk)
    assert cast.editor_vefsn.email in text(client.get("/"))


def test_a_wrong_password_is_explained_keeps_the_address_and_does_not_log_in(client, cast):
    response = post_login(client, cast.editor_vefsn.email, "feil-passord")
    html = text(response)
    assert response.status_code == 200
    assert "E-postadressen og/eller passordet du oppgav er feil." in html
    assert f'value="{cast.editor_vefsn.email}"' in html
    assert "feil-passord" not in html  # a password is never sent back
    assert not is_logged_in(client)


def test_a_missing_field_is_explained_next_to_the_field(client, db):
    response = client.post(LOGIN, {"login": "", "password": ""}, REMOTE_ADDR=OFFICE)
    html = text(response)
    assert response.status_code == 200
    assert 'aria-describedby="id_login_error"' in html
    assert re.search(r'<div id="id_login_error"><p class="ds-validation-message"[^>]*>[^<]+</p>', html)


def test_four_wrong_passwords_do_not_lock(client, cast):
    for _ in range(4):
        assert post_login(client, cast.editor_vefsn.email, "feil-passord").status_code == 200
    assert post_login(client, cast.editor_vefsn.email, cast.password).status_code == 302
    assert is_logged_in(client)


def test_five_wrong_passwords_lock_the_address_from_that_network_even_for_the_right_password(client, cast):
    for _ in range(5):
        post_login(client, cast.editor_vefsn.email, "feil-passord")
    locked = post_login(client, cast.editor_vefsn.email, cast.password)
    assert locked.status_code == 429  # django-axes' AXES_HTTP_RESPONSE_CODE
    assert "account/lockout.html" in [t.name for t in locked.templates]
    assert "15" in text(locked)  # minutes, from AXES_COOLOFF_TIME
    assert 'href="/accounts/password/reset/"' in text(locked)
    assert not is_logged_in(client)
    assert client.get("/").status_code == 302


def test_changing_the_case_of_the_address_does_not_dodge_the_lock(client, cast):
    for attempt in range(5):
        email = cast.editor_vefsn.email.upper() if attempt % 2 else cast.editor_vefsn.email
        post_login(client, email, "feil-passord")
    assert post_login(client, cast.editor_vefsn.email.title(), cast.password).status_code == 429


def test_the_lock_holds_for_one_address_from_one_network_only(client, cast):
    for _ in range(5):
        post_login(client, cast.editor_vefsn.email, "feil-passord")
    # The same person from another network (their phone, at home) gets in.
    assert post_login(client, cast.editor_vefsn.email, cast.password, ip="10.0.0.99").status_code == 302
    client.post("/accounts/logout/")
    # A colleague behind the same town-hall address is not locked out either.
    assert post_login(client, cast.viewer_vefsn.email, cast.password).status_code == 302


def test_when_the_coordinator_lifts_the_lock_login_works_again(client, cast):
    for _ in range(5):
        post_login(client, cast.editor_vefsn.email, "feil-passord")
    assert post_login(client, cast.editor_vefsn.email, cast.password).status_code == 429

    assert lift_lock(username=cast.editor_vefsn.email) == 1

    assert post_login(client, cast.editor_vefsn.email, cast.password).status_code == 302
    assert is_logged_in(client)


def test_trying_many_addresses_from_one_network_is_braked_by_allauth(client, cast):
    # No address reaches axes' five, but allauth allows 30 log-in attempts a minute from one IP address.
    for number in range(30):
        post_login(client, f"gjett{number}@example.no", "feil-passord")
    refused = post_login(client, cast.editor_vefsn.email, cast.password)
    assert refused.status_code == 429 and not is_logged_in(client)
    assert post_login(client, cast.editor_vefsn.email, cast.password, ip="10.0.0.99").status_code == 302


def test_password_reset_by_email_sets_a_new_password_that_logs_in(client, cast, mailoutbox):
    user = cast.editor_vefsn
    response = client.post("/accounts/password/reset/", {"email": user.email})
    assert response.status_code == 302
    assert "søppelpost" in text(client.get(response.url))  # "check your spam folder"
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [user.email] and mail.subject.startswith("[Sikker kommune] ")
    assert mail.body.startswith("Hei fra Sikker kommune!")  # the service, not the host name
    link = re.search(r"https?://\S+(/accounts/password/reset/key/\S+/)", mail.body).group(1)

    form_page = client.get(link, follow=True)  # allauth moves the key from the URL into the session
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0]
    assert 'id="id_password1"' in text(form_page)
    done = client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert client.get(done.url).status_code == 200

    assert post_login(client, user.email, cast.password).status_code == 200  # the old one no longer works
    assert post_login(client, user.email, NEW_PASSWORD).status_code == 302
    assert is_logged_in(client)


def test_a_weak_new_password_is_refused_next_to_the_field(client, cast, mailoutbox):
    client.post("/accounts/password/reset/", {"email": cast.editor_vefsn.email})
    link = re.search(r"(/accounts/password/reset/key/\S+/)", mailoutbox[0].body).group(1)
    set_password_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(set_password_url, {"password1": "12345", "password2": "12345"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in text(response) and "id_password1_error" in text(response)
    assert post_login(client, cast.editor_vefsn.email, cast.password).status_code == 302


def test_reset_for_an_unknown_address_sends_nothing_to_it_and_reveals_nothing(client, db, mailoutbox):
    response = client.post("/accounts/password/reset/", {"email": "ukjent@example.no"})
    assert response.status_code == 302  # the same answer as for a known address
    assert all(mail.to == ["ukjent@example.no"] for mail in mailoutbox)
    assert not any("/accounts/password/reset/key/" in mail.body for mail in mailoutbox)


def test_logout_asks_on_get_and_ends_the_session_on_post(client, cast):
    post_login(client, cast.editor_vefsn.email, cast.password)
    confirm = client.get("/accounts/logout/")
    assert confirm.status_code == 200 and is_logged_in(client)
    assert '<form class="stack-form" method="post" action="/accounts/logout/"' in text(confirm)

    response = client.post("/accounts/logout/")
    assert response.status_code == 302 and response.url == LOGIN
    assert not is_logged_in(client)
    assert client.get("/").status_code == 302


def test_sign_up_is_closed_and_points_to_the_coordinator(client, db):
    page = client.get("/accounts/signup/")
    assert page.status_code == 200
    assert "Registrering stengt" in text(page)  # allauth's own Norwegian
    assert "invitation" in text(page) or "invitasjon" in text(page)
    assert 'name="password1"' not in text(page)

    client.post("/accounts/signup/", {"email": "ny@example.no", "password1": "Langt-passord-42"})
    assert not User.objects.filter(email="ny@example.no").exists()
    assert not is_logged_in(client)


def test_my_page_shows_the_address_i_log_in_with(client, cast):
    post_login(client, cast.editor_vefsn.email, cast.password)
    page = client.get("/accounts/email/")
    assert page.status_code == 200
    assert f"<strong>{cast.editor_vefsn.email}</strong>" in text(page)


def test_after_totp_is_on_the_password_alone_does_not_log_in(client, cast):
    user = cast.editor_vefsn
    secret = turn_on_totp(client, user, cast.password)

    first_step = post_login(client, user.email, cast.password)
    assert first_step.status_code == 302 and first_step.url == SECOND_STEP
    assert not is_logged_in(client)
    assert client.get("/").status_code == 302

    wrong = client.post(SECOND_STEP, {"code": "000000" if totp(secret) != "000000" else "111111"})
    assert wrong.status_code == 200 and "Feil kode." in text(wrong)
    assert not is_logged_in(client)

    done = client.post(SECOND_STEP, {"code": totp(secret)})
    assert done.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get("/").status_code == 200


def test_cancelling_the_second_step_leaves_one_logged_out(client, cast):
    turn_on_totp(client, cast.editor_vefsn, cast.password)
    post_login(client, cast.editor_vefsn.email, cast.password)
    page = client.get(SECOND_STEP)
    assert 'id="logout-from-stage"' in text(page)
    client.post("/accounts/logout/", {"next": LOGIN})
    assert client.get(SECOND_STEP).status_code == 302
    assert not is_logged_in(client)


def open_my_email_page(client, user: User, password: str) -> None:
    post_login(client, user.email, password)
    assert client.get("/accounts/email/").status_code == 200
    client.post("/accounts/logout/")


def ask_for_a_password_reset(client, user: User, password: str) -> None:
    assert client.post("/accounts/password/reset/", {"email": user.email}).status_code == 302


@pytest.mark.parametrize("first", [open_my_email_page, ask_for_a_password_reset])
def test_totp_can_be_turned_on_after_allauth_has_recorded_the_address(client, cast, first):
    # Both leave an allauth EmailAddress row that nobody verifies (ACCOUNT_EMAIL_VERIFICATION = "none":
    # the invitation link proved the address); allauth then refuses TOTP unless told otherwise.
    first(client, cast.editor_vefsn, cast.password)
    turn_on_totp(client, cast.editor_vefsn, cast.password)


@pytest.mark.parametrize(
    "path",
    ["/accounts/email/", "/accounts/password/change/", "/accounts/2fa/", "/accounts/logout/"],
)
def test_account_pages_use_our_layout(client, cast, path):
    post_login(client, cast.editor_vefsn.email, cast.password)
    page = client.get(path)
    assert page.status_code == 200
    assert 'class="site-header"' in text(page)
    assert re.search(r'<h1 class="ds-heading"', text(page))
