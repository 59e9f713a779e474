"""The DPIA in the browser: the editor screens a processing activity, the DPO advises from his queue,
the leader decides on a phone; axe on every page."""

from playwright.sync_api import expect

from dpia.models import Dpia
from dpia.workflow import send_to_dpo

from ..dpia.builders import complete_dpia, make_activity, screening_items
from .conftest import assert_accessible, login


def test_the_editor_screens_an_activity_and_starts_the_dpia(page, cast):
    screening_items()
    activity = make_activity(cast.vefsn)
    login(page, cast.editor_vefsn.email, cast.password)
    page.goto(page.base_url + f"/m/vefsn/processing/{activity.pk}/")
    page.get_by_role("link", name="Vurdering av behov for DPIA").click()
    assert_accessible(page)
    page.get_by_label("Særlige kategorier eller svært personlige opplysninger").check()
    page.get_by_label("Sårbare registrerte").check()
    page.get_by_role("button", name="Lagre vurderingen").click()
    expect(page.get_by_text("DPIA påkrevd").first).to_be_visible()
    page.get_by_role("button", name="Start DPIA").click()
    expect(page.get_by_role("heading", name="Råd og beslutning")).to_be_visible()
    assert_accessible(page)
    assert Dpia.objects.get().processing_activity == activity


def test_the_dpo_advises_from_his_queue_and_the_leader_decides_on_a_phone(page, cast):
    dpia = complete_dpia(cast.vefsn, cast.editor_vefsn, cast.leader_vefsn)
    send_to_dpo(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)
    login(page, cast.dpo.email, cast.password)
    page.goto(page.base_url + "/dpo/dpia/")
    assert_accessible(page)
    page.get_by_role("link", name=dpia.title).click()
    page.get_by_label("Jeg er enig på vilkår").check()
    page.get_by_role("button", name="Registrer beslutning").click()
    expect(page.get_by_text("Begrunn rådet ditt.").first).to_be_visible()
    page.get_by_label("Begrunnelse").fill("Logging av innsyn må på plass før oppstart.")
    page.get_by_role("button", name="Registrer beslutning").click()
    expect(page.get_by_text("Beslutningen din er registrert.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Logg ut").click()

    login(page, cast.editor_vefsn.email, cast.password)
    page.goto(page.base_url + f"/m/vefsn/dpia/{dpia.pk}/edit/")
    page.get_by_label("Svar på personvernombudets råd").fill("Logging innført i november.")
    page.get_by_label("Begrunnelse for endringen").fill("Svar på rådet")
    page.get_by_role("button", name="Lagre").click()
    page.get_by_role("button", name="Send til lederen for beslutning").click()
    expect(page.get_by_text("Sendt til lederen for beslutning.")).to_be_visible()
    page.get_by_role("button", name="Logg ut").click()

    page.set_viewport_size({"width": 360, "height": 780})
    login(page, cast.leader_vefsn.email, cast.password)
    page.goto(page.base_url + "/signing/")
    page.get_by_role("link", name=dpia.title).click()
    assert_accessible(page)
    page.get_by_label("Jeg godkjenner DPIA-en", exact=True).check()
    page.get_by_role("button", name="Registrer beslutning").click()
    expect(page.get_by_text("Beslutningen din er registrert.")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the DPIA scrolls sideways by {overflow}px at 360px"
    assert Dpia.objects.get().status == "approved"
