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
    page.get_by_role("link", name=dpia.title).first.click()  # the queue, then the table of all DPIAs
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
    page.get_by_role("link", name=dpia.title).first.click()  # the queue, then the table of all DPIAs
    assert_accessible(page)
    page.get_by_label("Jeg godkjenner DPIA-en", exact=True).check()
    page.get_by_role("button", name="Registrer beslutning").click()
    expect(page.get_by_text("Beslutningen din er registrert.")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the DPIA scrolls sideways by {overflow}px at 360px"
    assert Dpia.objects.get().status == "approved"


def test_the_whole_flow_from_screening_to_advice_to_a_decision_by_a_chosen_leader(page, cast):
    """The blocked flow of issue 13: a DPIA without a decision maker could not be sent for decision."""
    from dpia.models import DpiaRisk

    screening_items()
    activity = make_activity(cast.vefsn)
    login(page, cast.editor_vefsn.email, cast.password)
    page.goto(page.base_url + f"/m/vefsn/processing/{activity.pk}/")
    page.get_by_role("link", name="Vurdering av behov for DPIA").click()
    page.get_by_label("Særlige kategorier eller svært personlige opplysninger").check()
    page.get_by_label("Sårbare registrerte").check()
    page.get_by_role("button", name="Lagre vurderingen").click()
    page.get_by_role("button", name="Start DPIA").click()
    expect(page.get_by_role("heading", name="Råd og beslutning")).to_be_visible()
    dpia = Dpia.objects.get()
    assert dpia.decision_maker is None
    # The sections are filled in with the ORM: this test is about the flow, not the part forms.
    for principle in dpia.principles.all():
        principle.assessment = "Vurdert: innenfor formålet."
        principle.save()
    for risk in DpiaRisk.objects.filter(dpia=dpia):
        risk.severity, risk.likelihood, risk.residual_severity, risk.residual_likelihood = 2, 2, 1, 1
        risk.save()
    page.reload()
    page.get_by_role("button", name="Send til personvernombudet for råd").click()
    expect(page.get_by_text("Sendt til personvernombudet for råd.")).to_be_visible()

    login(page, cast.dpo.email, cast.password)
    page.goto(page.base_url + "/dpo/dpia/")
    page.get_by_role("link", name=dpia.title).first.click()
    page.get_by_label("Jeg er enig i vurderingen").check()
    page.get_by_role("button", name="Registrer beslutning").click()
    expect(page.get_by_text("Beslutningen din er registrert.")).to_be_visible()

    login(page, cast.editor_vefsn.email, cast.password)
    page.goto(page.base_url + f"/m/vefsn/dpia/{dpia.pk}/")
    chooser = page.get_by_label("Besluttes av")
    expect(chooser).to_have_value(str(cast.leader_vefsn.pk))  # the only leader is preselected
    assert_accessible(page)
    chooser.focus()
    page.keyboard.press("Tab")  # the button follows the chooser, by keyboard too
    page.keyboard.press("Enter")
    expect(page.get_by_text("Sendt til lederen for beslutning.")).to_be_visible()
    dpia.refresh_from_db()
    assert dpia.status == "awaiting_decision" and dpia.decision_maker == cast.leader_vefsn

    login(page, cast.leader_vefsn.email, cast.password)
    page.goto(page.base_url + f"/m/vefsn/dpia/{dpia.pk}/decide/")
    assert_accessible(page)
    page.get_by_label("Jeg godkjenner DPIA-en", exact=True).check()
    page.get_by_role("button", name="Registrer beslutning").click()
    expect(page.get_by_text("Beslutningen din er registrert.")).to_be_visible()
    assert Dpia.objects.get().status == "approved"
