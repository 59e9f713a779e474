"""The management system's year in the browser: the årshjul in 12 columns and as a list, a kartlegging
answered, the DPO's heat map, the leader signing the management review on a phone; axe on every page."""

from playwright.sync_api import expect

from isms.cycle.models import ManagementReview

from ..cycle.builders import make_assessment, make_cycle, make_review
from .conftest import assert_accessible, login


def _no_sideways_scroll(page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at {width}px"


def test_an_editor_plans_the_year_and_skips_an_activity_with_a_reason(page, cast):
    cycle = make_cycle(cast.vefsn, cast.coordinator)
    login(page, cast.editor_vefsn.email, cast.password)
    page.set_viewport_size({"width": 1600, "height": 900})
    page.goto(page.base_url + "/m/vefsn/cycle/")
    assert_accessible(page)
    page.get_by_role("link", name=str(cycle.year), exact=True).click()
    expect(page.locator(".year-month")).to_have_count(12)
    assert_accessible(page)
    page.get_by_role("link", name="Ny aktivitet").click()
    assert_accessible(page)
    page.locator("#id_title").fill("Tilgangskontroll i skolene")
    page.get_by_label("oktober").check()
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("link", name="Tilgangskontroll i skolene")).to_be_visible()
    page.get_by_role("link", name="Liste", exact=True).click()
    assert_accessible(page)
    row = page.locator("tr", has_text="Tilgangskontroll i skolene")
    row.get_by_label("Status").select_option("skipped")
    row.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("Skriv hvorfor aktiviteten hoppes over.")).to_be_visible()
    row = page.locator("tr", has_text="Tilgangskontroll i skolene")
    row.get_by_label("Status").select_option("skipped")
    row.get_by_label("Hvorfor den ble hoppet over").fill("Flyttes til neste år")
    row.get_by_role("button", name="Lagre").click()
    expect(page.locator("tr", has_text="Tilgangskontroll i skolene")).to_contain_text("Flyttes til neste år")
    _no_sideways_scroll(page, 390)


def test_a_kartlegging_is_answered_and_the_dpo_reads_the_heat_map(page, cast):
    make_assessment(cast.rana, cast.editor_rana, levels=(3, 3, 1))
    assessment = make_assessment(cast.vefsn, cast.editor_vefsn, levels=(), complete=False)
    login(page, cast.editor_vefsn.email, cast.password)
    page.goto(page.base_url + f"/m/vefsn/maturity/{assessment.pk}/answer/")
    assert_accessible(page)
    for name in page.locator("input[type=radio][value='2']").all():
        name.check()
    page.get_by_role("button", name="Lagre svarene").click()
    expect(page.get_by_role("heading", name="Profil per område")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Fullfør kartleggingen").click()
    expect(page.get_by_text("Kartleggingen er fullført.")).to_be_visible()
    _no_sideways_scroll(page, 390)
    login(page, cast.dpo.email, cast.password)
    page.goto(page.base_url + "/maturity/")
    expect(page.locator("tbody tr")).to_have_count(2)
    assert_accessible(page)


def test_the_leader_signs_the_management_review_on_a_phone(page, cast):
    review = make_review(cast.vefsn, cast.editor_vefsn)
    login(page, cast.leader_vefsn.email, cast.password)
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(page.base_url + f"/m/vefsn/review/{review.year}/")
    assert_accessible(page)
    page.get_by_role("link", name="Les og signer").click()
    assert_accessible(page)
    page.get_by_label("Jeg har lest denne versjonen").check()
    page.get_by_role("button", name=f"Signer versjon {review.version}").click()
    expect(page.get_by_text("Ledelsens gjennomgang er signert.")).to_be_visible()
    assert_accessible(page)
    _no_sideways_scroll(page, 390)
    assert ManagementReview.objects.get(pk=review.pk).last_signed_version == review.version
