"""Varsler in the browser: the unread count in the header, opening a notice, the settings, and the
coordinator's message to leaders with its preview — with axe on each page, at phone and desktop width."""

from django.urls import reverse
from playwright.sync_api import expect

from isms.core.models import Delivery, OutboxEmail, OutboxStatus
from isms.core.notifications import notify

from .conftest import assert_accessible, login


def test_the_editor_sees_the_count_opens_a_notice_and_chooses_the_digest(page, cast):
    for subject in ("Gjennomgang forfalt: Startlån", "Tiltak forfalt: Tofaktorinnlogging"):
        notify(user=cast.editor_vefsn, municipality=cast.vefsn, subject=subject, body="Frist passert.",
               link=reverse("core:municipality_detail", args=["vefsn"]), delivery=Delivery.IN_APP)  # fmt: skip
    login(page, cast.editor_vefsn.email, cast.password)
    menu = page.get_by_role("navigation", name="Hovedmeny")
    expect(menu.get_by_role("link", name="Varsler 2 uleste")).to_be_visible()
    menu.get_by_role("link", name="Varsler").click()
    assert_accessible(page)
    page.get_by_role("link", name="Tiltak forfalt: Tofaktorinnlogging").click()
    expect(page.get_by_role("heading", name="Vefsn", level=1)).to_be_visible()
    expect(menu.get_by_role("link", name="Varsler 1 uleste")).to_be_visible()

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base_url + reverse("core:notification_list"))
    assert_accessible(page)
    page.get_by_role("link", name="Innstillinger").click()
    page.get_by_label("Klokkeslett for daglig oppsummering").select_option(label="06:00")
    page.get_by_label("Behandling skal gjennomgås").select_option(label="I den daglige oppsummeringen")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("Varslingsinnstillingene dine er lagret.")).to_be_visible()
    assert_accessible(page)


def test_the_coordinator_previews_and_sends_a_message_and_sees_undelivered_e_mail(page, cast):
    OutboxEmail.objects.create(key="browser:failed", to_email="leder.rana@example.no", subject="Avtale utløpt",
                               body=".", status=OutboxStatus.FAILED, attempts=10, last_error="421")  # fmt: skip
    login(page, cast.coordinator.email, cast.password)
    page.get_by_role("link", name="Melding til kommunenes ledere").first.click()
    assert_accessible(page)
    # The start page's link preselects the municipalities with no course participants: both here.
    expect(page.get_by_label("Rana")).to_be_checked()
    page.get_by_label("Rana").uncheck()
    page.get_by_label("Vefsn").check()
    page.locator("#id_subject").fill("0 påmeldte til grunnkurset")
    page.locator("#id_body").fill("Vi oppfordrer sterkt til å melde på flere deltakere.")
    page.get_by_role("button", name="Forhåndsvisning").click()
    expect(page.get_by_role("heading", name="Forhåndsvisning")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send til 1 leder").click()
    expect(page.get_by_text("Meldingen ble sendt til 1 leder.")).to_be_visible()
    expect(page.get_by_role("cell", name="0 påmeldte til grunnkurset")).to_be_visible()

    page.get_by_role("link", name="E-post som ikke er levert").click()
    assert_accessible(page)
    page.get_by_label("Send på nytt: Avtale utløpt").check()
    page.get_by_role("button", name="Send de valgte e-postene på nytt").click()
    expect(page.get_by_text("1 e-post lagt i kø på nytt.")).to_be_visible()
