"""The DPO's control room in the browser: status, shared services, reports and each role's start page; axe on each,
at 1280 and at 390 px."""

from playwright.sync_api import expect

from ..dpia.builders import make_activity
from ..risk.builders import make_analysis
from .conftest import assert_accessible, login


def _pages(page, paths):
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for path in paths:
            page.goto(page.base_url + path)
            assert_accessible(page)


def test_the_dpo_reads_the_status_the_shared_services_and_makes_a_board_report(page, cast):
    make_activity(cast.vefsn, "Startlån")
    make_analysis(cast.vefsn, cast.leader_vefsn)
    login(page, cast.dpo.email, cast.password)
    _pages(
        page, ["/", "/oversikt/", "/oversikt/?area=ros&action=1", "/oversikt/felles-tjenester/", "/oversikt/rapporter/"]
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page.base_url + "/oversikt/rapporter/")
    page.get_by_label("Periode fra").fill("2026-01-01")
    page.get_by_label("Periode til").fill("2025-01-01")
    page.get_by_role("button", name="Lag rapporten").click()
    expect(page.locator("#id_end_error")).to_contain_text("Perioden slutter før den starter")
    assert_accessible(page)


def test_each_role_starts_on_its_own_page(page, cast):
    for user in (cast.coordinator, cast.leader_vefsn, cast.editor_vefsn, cast.staff):
        login(page, user.email, cast.password)
        _pages(page, ["/"])


def test_the_leaders_status_row_is_cards_on_a_phone_and_a_table_on_a_wide_screen(page, cast):
    make_activity(cast.vefsn, "Startlån")
    login(page, cast.leader_vefsn.email, cast.password)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base_url + "/")
    table = page.locator("table.status-card-table")
    expect(table.get_by_role("link", name="Behandlingsprotokoll")).to_be_visible()
    assert page.locator(".table-scroll table.status-card-table").count() == 0  # no sideways scroll region
    assert table.evaluate("t => getComputedStyle(t.querySelector('tbody tr')).display") == "block"
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the start page scrolls sideways by {overflow}px"
    assert table.evaluate("t => t.scrollWidth - t.parentElement.clientWidth") <= 0
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    assert table.evaluate("t => getComputedStyle(t.querySelector('tbody tr')).display") == "table-row"
