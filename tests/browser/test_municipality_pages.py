"""Click through the municipality pages as the coordinator and as Vefsn's editor, with axe on each."""

import re

from playwright.sync_api import expect

from .conftest import assert_accessible, login


def test_coordinator_sorts_filters_edits_and_reads_history(page, cast):
    login(page, cast.coordinator.email, cast.password)
    assert_accessible(page)

    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Kommuner").click()
    expect(page.get_by_role("heading", name="Kommuner", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Innbyggertall").click()
    expect(page.locator("th[aria-sort='ascending']")).to_contain_text("Innbyggertall")
    rows = page.locator("tbody tr td:nth-child(2)")
    expect(rows).to_have_text(["Vefsn", "Rana"])

    page.get_by_label("Søk", exact=True).fill("Rana")
    page.get_by_role("button", name="Filtrer").click()
    expect(rows).to_have_text(["Rana"])

    page.get_by_label("Søk", exact=True).fill("")
    page.get_by_role("button", name="Filtrer").click()
    page.get_by_role("link", name="Vefsn", exact=True).click()
    expect(page.get_by_role("heading", name="Vefsn", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Rediger").click()
    page.get_by_label("Kommunenummer").fill("18x4")
    page.get_by_label("Begrunnelse for endringen").fill("Test")
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator("#id_number_error")).to_contain_text("fire sifre")
    assert_accessible(page)

    page.get_by_label("Kommunenummer").fill("1824")
    page.get_by_label("Innbyggertall", exact=True).fill("13500")
    page.get_by_label("Begrunnelse for endringen").fill("Nye tall fra SSB")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("status")).to_contain_text("Vefsn ble lagret.")

    page.get_by_role("link", name="Historikk").click()
    expect(page.get_by_text("Innbyggertall: 13408 → 13500")).to_be_visible()
    expect(page.get_by_text("Nye tall fra SSB")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Vefsn").first.click()
    page.get_by_role("link", name="Brukere og roller").click()
    expect(page.get_by_role("cell", name=cast.editor_vefsn.email, exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Inviter en bruker").click()
    assert_accessible(page)
    page.get_by_label("E-postadresse").fill("ny.kollega@vefsn.kommune.no")
    page.get_by_label("Redaktør").check()
    page.get_by_role("button", name="Send invitasjon").click()
    expect(page.get_by_role("status")).to_contain_text("En invitasjon ble sendt til ny.kollega@vefsn.kommune.no")
    expect(page.get_by_text("ny.kollega@vefsn.kommune.no – Redaktør")).to_be_visible()


def test_vefsn_editor_sees_only_vefsn_and_rana_is_not_found(page, cast):
    login(page, cast.editor_vefsn.email, cast.password)
    assert_accessible(page)
    page.get_by_role("link", name="Kommuner").first.click()
    expect(page.locator("tbody tr td:nth-child(2)")).to_have_text(["Vefsn"])

    page.get_by_role("link", name="Vefsn", exact=True).click()
    expect(page.get_by_role("link", name="Rediger")).to_have_count(0)
    page.get_by_role("link", name="Historikk").click()
    assert_accessible(page)

    response = page.goto(page.base_url + "/m/rana/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Vi fant ikke siden")).to_be_visible()
    assert_accessible(page)

    response = page.goto(page.base_url + "/m/vefsn/edit/")
    assert response.status == 403
    expect(page.get_by_role("heading", name="Du har ikke tilgang til denne siden")).to_be_visible()
    assert_accessible(page)


def test_phone_width_has_no_sideways_scrolling_and_a_working_skip_link(page, cast):
    page.set_viewport_size({"width": 360, "height": 780})
    login(page, cast.coordinator.email, cast.password)
    for path in (
        "/",
        "/municipalities/",
        "/m/vefsn/",
        "/m/vefsn/edit/",
        f"/m/vefsn/history/municipality/{cast.vefsn.pk}/",
    ):
        page.goto(page.base_url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 360px"
    assert_accessible(page)

    page.goto(page.base_url + "/municipalities/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hopp til hovedinnhold")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).boxShadow")
    assert outline != "none none", "focus must be visible"
    page.keyboard.press("Enter")
    assert re.search(r"#main$", page.url)


def test_login_page_is_accessible(page, cast):
    page.goto(page.base_url + "/accounts/login/")
    assert_accessible(page)
