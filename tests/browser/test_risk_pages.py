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


def test_the_risk_owner_signs_from_til_signering_on_a_phone(page, cast):
    from risk.workflow import request_signoff

    from ..risk.builders import make_analysis, make_scenario

    default_matrix()
    analysis = make_analysis(cast.vefsn, cast.leader_vefsn)
    make_scenario(analysis, likelihood=5, consequence=5, residual_likelihood=4, residual_consequence=4)
    request_signoff(analysis=analysis, actor=cast.editor_vefsn, expected_version=1)
    page.set_viewport_size({"width": 360, "height": 780})
    login(page, cast.leader_vefsn.email, cast.password)
    page.goto(page.base_url + "/signing/")
    assert_accessible(page)
    page.get_by_role("link", name="ROS for KOBO").click()
    assert_accessible(page)
    page.get_by_label("Jeg aksepterer restrisikoen", exact=True).check()
    page.get_by_role("button", name="Registrer beslutning").click()
    expect(page.get_by_text("fortsatt røde etter tiltak").first).to_be_visible()
    page.get_by_label("Jeg har lest de røde scenarioene og aksepterer at denne risikoen består").check()
    page.get_by_role("button", name="Registrer beslutning").click()
    expect(page.get_by_text("Beslutningen din er registrert.")).to_be_visible()
    assert_accessible(page)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the analysis scrolls sideways by {overflow}px at 360px"
    assert RiskAnalysis.objects.get().status == "approved"


def test_the_dpo_reads_the_matrix_the_threats_and_the_overview(page, cast):
    from ..risk.builders import make_analysis

    default_matrix()
    make_threat()
    make_analysis(cast.rana, cast.leader_rana, title="ROS for Elements")
    login(page, cast.dpo.email, cast.password)
    for path, heading in [
        ("/risk/matrix/", "Risikomatrise"),
        ("/risk/matrix/edit/", "Endre risikomatrisen"),
        ("/risk/threats/", "Trusselkatalog"),
        ("/risk/overview/", "ROS-analyser i alle kommuner"),
    ]:
        page.goto(page.base_url + path)
        expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
        assert_accessible(page)
    expect(page.get_by_role("link", name="ROS for Elements")).to_be_visible()
