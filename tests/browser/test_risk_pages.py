"""An editor builds a ROS analysis in the browser: analysis, scenario from the catalogue, measure; axe on each."""

from playwright.sync_api import expect

from risk.models import RiskAnalysis

from ..risk.builders import default_matrix, make_threat
from .conftest import assert_accessible, login


def test_an_editor_builds_an_analysis_and_sees_the_heat_map(page, cast):
    default_matrix()
    threat = make_threat()
    login(page, cast.editor_vefsn.email, cast.password)
    page.goto(page.base_url + "/m/vefsn/risk/")
    assert_accessible(page)
    page.get_by_role("link", name="Ny ROS-analyse").click()
    assert_accessible(page)
    page.get_by_label("Tittel").fill("ROS for KOBO")
    page.get_by_label("Hva som analyseres").select_option(label="Tjeneste")
    page.get_by_label("Tjeneste", exact=True).fill("KOBO")
    page.get_by_label("Omfang").fill("Saksbehandling av startlån")
    page.get_by_label("Dato for analysen").fill("2026-11-20")
    page.get_by_label("Risikoeier").select_option(index=1)
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("heading", name="ROS for KOBO", level=1)).to_be_visible()

    page.get_by_role("link", name="Nytt scenario").click()
    assert_accessible(page)
    page.get_by_label("Fra trusselkatalogen").select_option(label=threat.title)
    page.locator("#id_asset").fill("Søknader om startlån")
    page.locator("#id_likelihood").select_option(value="4")
    page.locator("#id_consequence").select_option(value="4")
    page.locator("#id_residual_likelihood").select_option(value="2")
    page.locator("#id_residual_consequence").select_option(value="2")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("4 × 4 = 16")).to_be_visible()

    page.get_by_role("link", name="Nytt tiltak").click()
    assert_accessible(page)
    page.locator("#id_title").fill("Tofaktorinnlogging")
    page.get_by_label(threat.title).check()
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator("tbody").last).to_contain_text("Tofaktorinnlogging")
    assert_accessible(page)

    page.set_viewport_size({"width": 360, "height": 780})
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the analysis scrolls sideways by {overflow}px at 360px"
    assert RiskAnalysis.objects.get().version == 3
