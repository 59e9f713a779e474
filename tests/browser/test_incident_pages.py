"""The avvik register in the browser: staff report through the link on a phone, the editor handles it, the
DPO advises from the 72-hour overview, the leader decides on a phone; axe on every page."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from isms.incidents.models import Incident
from isms.incidents.services import report_link

from ..incidents.builders import handled, reported, with_measure
from .conftest import assert_accessible, login


def test_staff_report_through_the_link_on_a_phone(page, cast):
    link = report_link(municipality=cast.vefsn, actor=None)
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(page.base_url + f"/p/incidents/{link.token}/")
    assert_accessible(page)
    page.get_by_role("button", name="Send meldingen").click()
    expect(page.get_by_text("Skriv en kort beskrivelse.").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Kort beskrivelse").fill("Mistet minnepinne")
    page.get_by_label("Hva skjedde?").fill("En minnepinne med elevlister er borte.")
    discovered = timezone.localtime(timezone.now() - timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    page.get_by_label("Når ble det oppdaget?").fill(discovered)
    page.get_by_label("Ja", exact=True).check()
    page.get_by_label("Navnet ditt").fill("Kari Ansatt")
    page.get_by_label("E-postadressen din").fill("kari@example.no")
    page.get_by_role("button", name="Send meldingen").click()
    expect(page.get_by_text("Takk. Avvik").first).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the report form scrolls sideways by {overflow}px at 360px"
    assert Incident.objects.get().reporter_email == "kari@example.no"


def test_editor_handles_dpo_advises_and_leader_decides(page, cast):
    incident = with_measure(
        handled(reported(cast.vefsn, cast.editor_vefsn, hours_ago=30), cast.editor_vefsn, cast.leader_vefsn),
        cast.editor_vefsn,
    )
    login(page, cast.editor_vefsn.email, cast.password)
    page.goto(page.base_url + "/m/vefsn/incidents/")
    expect(page.get_by_text("41 timer igjen")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=incident.title).click()
    assert_accessible(page)
    page.get_by_role("link", name="Behandle").click()
    page.get_by_label("Sannsynlige konsekvenser").fill("Uvedkommende har lest et vedtak.")
    assert_accessible(page)
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("ble lagret")).to_be_visible()
    page.get_by_role("button", name="Logg ut").click()

    login(page, cast.dpo.email, cast.password)
    page.goto(page.base_url + "/dpo/incidents/")
    assert_accessible(page)
    page.get_by_role("link", name=f"{incident.reference} {incident.title}").click()
    page.get_by_role("link", name="Gi råd om melding").click()
    page.get_by_label("Meld til Datatilsynet").check()
    page.get_by_label("Nei").check()
    page.get_by_label("Begrunnelse").fill("Vedtak med helseopplysninger er kommet på avveie.")
    assert_accessible(page)
    page.get_by_role("button", name="Gi råd").click()
    expect(page.get_by_text("Rådet ditt er registrert")).to_be_visible()
    page.get_by_role("button", name="Logg ut").click()

    login(page, cast.editor_vefsn.email, cast.password)
    page.goto(page.base_url + f"/m/vefsn/incidents/{incident.pk}/")
    page.get_by_role("button", name="Send til lederen for beslutning").click()
    expect(page.get_by_text("Sendt til lederen for beslutning.")).to_be_visible()
    page.get_by_role("button", name="Logg ut").click()

    page.set_viewport_size({"width": 360, "height": 780})
    login(page, cast.leader_vefsn.email, cast.password)
    page.goto(page.base_url + "/signing/")
    page.get_by_role("link", name=incident.title).click()
    assert_accessible(page)
    page.get_by_label("Jeg beslutter som angitt nedenfor").check()
    page.get_by_label("Meld til Datatilsynet").check()
    page.get_by_label("Nei").check()
    page.get_by_role("button", name="Registrer beslutning").click()
    expect(page.get_by_text("Beslutningen din er registrert.")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the avvik scrolls sideways by {overflow}px at 360px"
    assert Incident.objects.get(pk=incident.pk).status == "decided"
