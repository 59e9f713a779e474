"""The API's pages in the browser: a token made on the profile page and shown once, the docs page with
Swagger UI (vendored, no CSP violation), and the coordinator's list of every token, with axe on each."""

import datetime

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from isms.api.models import ApiToken
from tests.api.conftest import bearer

from .conftest import assert_accessible, login


def test_the_editor_makes_a_token_sees_it_once_and_reads_the_docs(page, cast):
    page.set_default_timeout(30_000)  # Swagger UI's bundle is 1.7 MB; the machine is shared
    login(page, cast.editor_vefsn.email, cast.password)
    page.goto(page.base_url + reverse("account_email"))
    page.get_by_role("navigation", name="Konto").get_by_role("link", name="API-nøkler").click()
    assert_accessible(page)
    page.get_by_label("Navn").fill("Power BI")
    page.get_by_label("Utløper").fill((timezone.localdate() + datetime.timedelta(days=60)).isoformat())
    page.get_by_role("button", name="Lag API-nøkkel").click()
    expect(page.get_by_role("heading", name="Din nye API-nøkkel")).to_be_visible()
    token = ApiToken.objects.get(user=cast.editor_vefsn)
    expect(page.locator(".api-token-secret")).to_contain_text(f"sk_{token.prefix}_")
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(page)
    page.reload()
    expect(page.get_by_role("heading", name="Din nye API-nøkkel")).to_have_count(0)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name="API-dokumentasjon").click()
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Sikker kommune API", timeout=60_000)
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    assert_accessible(page)


def test_the_coordinator_revokes_a_token_with_a_reason(page, cast):
    page.set_default_timeout(30_000)
    bearer(cast.leader_rana, name="Arkivsynk")
    login(page, cast.coordinator.email, cast.password)
    page.goto(page.base_url + reverse("api:token_admin"))
    assert_accessible(page)
    page.get_by_label("Begrunnelse (Arkivsynk)").fill("Lekket i e-post")
    page.get_by_role("button", name="Trekk tilbake Arkivsynk").click()
    expect(page.get_by_text("Lekket i e-post")).to_be_visible()
    assert ApiToken.objects.get(user=cast.leader_rana).revoked_at is not None
    assert_accessible(page)
