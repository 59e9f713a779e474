"""At phone width (390 px): the header menu folds behind an accessible disclosure button, wide tables turn
into cards instead of being clipped, and the protocol list keeps its filters at the top; axe on each."""

from playwright.sync_api import expect

from risk.models import MeasureStatus
from training.models import Session

from ..risk.builders import make_analysis, make_measure, make_scenario
from ..training.builders import make_session
from .conftest import assert_accessible, login

PHONE = {"width": 390, "height": 844}


def no_sideways_scroll(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


def not_clipped(page, selector: str) -> None:
    """The table fits its scroll container: nothing hidden to the right."""
    hidden = page.evaluate(
        f"[...document.querySelectorAll('{selector}')].map(t => t.scrollWidth - t.parentElement.clientWidth)"
    )
    assert hidden and max(hidden) <= 0, f"{page.url}: {hidden}"


def test_the_header_menu_folds_on_a_phone_and_opens_by_keyboard(page, cast):
    page.set_viewport_size(PHONE)
    login(page, cast.editor_vefsn.email, cast.password)
    button = page.get_by_role("button", name="Meny")
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("link", name="Varsler")).to_be_hidden()
    header = page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")
    assert header < 100, f"the folded header is {header}px high"
    assert_accessible(page)

    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("link", name="Varsler")).to_be_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Min side"
    assert_accessible(page)
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Meny"
    no_sideways_scroll(page)

    page.set_viewport_size({"width": 1280, "height": 900})
    expect(button).to_be_hidden()
    expect(page.get_by_role("link", name="Varsler")).to_be_visible()


def test_without_javascript_the_menu_stays_open(browser, live_server, cast):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, locale="nb-NO")
    page = context.new_page()
    page.base_url = live_server.url
    page.console_errors = []
    login(page, cast.editor_vefsn.email, cast.password)
    expect(page.get_by_role("link", name="Varsler")).to_be_visible()
    expect(page.get_by_role("button", name="Meny")).to_be_hidden()
    context.close()


def test_courses_and_measures_are_cards_on_a_phone_not_clipped_tables(page, cast):
    make_session()
    analysis = make_analysis(cast.vefsn, cast.leader_vefsn)
    scenario = make_scenario(analysis)
    measure = make_measure(
        analysis, title="Tofaktorinnlogging for alle saksbehandlere", owner="IKT-leder", status=MeasureStatus.PLANNED
    )
    measure.scenario_links.create(municipality=cast.vefsn, scenario=scenario)
    page.set_viewport_size(PHONE)
    login(page, cast.coordinator.email, cast.password)
    page.goto(page.base_url + "/courses/")
    expect(page.get_by_text(Session.objects.get().course.title).first).to_be_visible()
    not_clipped(page, "table.table-stack")
    no_sideways_scroll(page)
    assert_accessible(page)

    login(page, cast.editor_vefsn.email, cast.password)
    for path in (f"/m/vefsn/risk/{analysis.pk}/", "/m/vefsn/risk/measures/"):
        page.goto(page.base_url + path)
        expect(page.get_by_text("Tofaktorinnlogging for alle saksbehandlere").first).to_be_visible()
        not_clipped(page, "table.table-stack")
        no_sideways_scroll(page)
        assert_accessible(page)


def test_the_protocol_list_on_a_phone_is_short_with_the_filters_at_the_top(page, cast):
    from isms.protocol.models import ProcessingActivity

    for index in range(30):
        ProcessingActivity.objects.create(
            municipality=cast.vefsn, name=f"Behandling {index:02d}", sector="health", purposes="x",
            data_subject_categories="x", personal_data_categories="x", retention="x", legal_bases=["e"],
        )  # fmt: skip
    page.set_viewport_size(PHONE)
    login(page, cast.editor_vefsn.email, cast.password)
    page.goto(page.base_url + "/m/vefsn/processing/")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 6000, f"the first page of the protocol is {height}px high"
    panel = page.locator("details.filter-panel")
    expect(panel).not_to_have_attribute("open", "")
    assert_accessible(page)
    page.get_by_text("Filter og søk").click()
    page.get_by_label("Søk", exact=True).fill("Behandling 2")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_text("Filter og søk (1 i bruk)")).to_be_visible()
    expect(page.locator("details.filter-panel")).to_have_attribute("open", "")
    expect(page.get_by_text("10 behandlinger")).to_be_visible()
    no_sideways_scroll(page)
