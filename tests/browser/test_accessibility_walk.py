"""Every page of the access matrix in the browser, checked by axe at 1280 and 390 px; and the two tasks a
person must be able to do with the keyboard alone: register for a course and sign off a ROS analysis.

To keep the walk to a few minutes on two cores, each GET page is opened once, as the most privileged role
that gets 200 (the coordinator sees most), plus as anonymous and staff where those get 200 too (the public
pages and "my page"). One browser context per role; each page is checked at both widths without a reload.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from risk.models import RiskAnalysis
from training.models import Registration, RegistrationLink

from ..access_matrix import World, case_id, rows
from ..risk.builders import default_matrix, make_analysis, make_scenario
from ..training.builders import make_course, make_round, make_session
from .conftest import assert_accessible, login

# Most privileged first: a page is walked as the first of these that may open it.
PRIVILEGE = ("coordinator", "dpo", "leader_vefsn", "editor_vefsn", "viewer_vefsn", "staff")
WALKED_ROLES = ("coordinator", "dpo", "leader_vefsn", "editor_vefsn", "viewer_vefsn", "staff", "anonymous")
WIDTHS = (1280, 390)
# Downloads, not pages: PDFs, spreadsheets, certificates, a logo, a signed agreement, a finished export.
DOWNLOADS = (".pdf", "/pdf/", ".xlsx", ".csv", "/logo/", "/document/", "/download/", "/certificates/", "/certificate/")
# Fragments that htmx swaps into a page, not pages: axe checks them inside every page that loads them.
FRAGMENTS = {"core:to_sign_count"}


def roles_for(entry) -> set[str]:
    allowed = [role for role in PRIVILEGE if entry.expected.get(role) == 200]
    roles = {allowed[0]} if allowed else set()
    for role in ("anonymous", "staff"):
        if entry.expected.get(role) == 200:
            roles.add(role)
    return roles


def pages_for(role: str) -> list[tuple[str, object]]:
    return [(name, entry) for name, entry in rows() if entry.method == "get" and role in roles_for(entry)]


def test_every_get_page_of_the_matrix_is_walked_by_some_role():
    walked = {case_id(name, entry) for role in WALKED_ROLES for name, entry in pages_for(role)}
    gets = {case_id(name, entry) for name, entry in rows() if entry.method == "get" and 200 in entry.expected.values()}
    assert walked == gets


@pytest.mark.parametrize("role", [role for role in WALKED_ROLES if pages_for(role)])
def test_every_page_passes_axe_at_both_widths(page, cast, role):
    page.set_default_timeout(30_000)  # a walk of a hundred pages on a busy machine
    world = World(cast)
    user = cast.by_role(role)
    # The same user's server-side state (an import draft) is prepared through a client of its own.
    client = Client()
    if user is not None:
        login(page, user.email, cast.password)
        client.force_login(user)
    checked, failures = 0, []
    for name, entry in pages_for(role):
        if name in FRAGMENTS:
            continue
        try:
            path = reverse(name, kwargs=entry.kwargs(world))
            if path.endswith(DOWNLOADS):
                continue
            url = page.base_url + path
            if entry.prepare is not None:
                entry.prepare(world, client)
            head = page.request.get(url, max_redirects=0)
            assert head.status == 200, f"{head.status}"
            if not head.headers.get("content-type", "").startswith("text/html"):
                continue  # a download the suffixes above do not name
            page.set_viewport_size({"width": WIDTHS[0], "height": 900})
            page.goto(url)
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                assert_accessible(page)
            checked += 1
        except Exception as error:  # one report for the whole walk, not the first page only
            failures.append(f"{role} {case_id(name, entry)}: {error}"[:3000])
    assert not failures, "\n\n".join(failures)
    assert checked > 0


def tab_to(page, selector: str, *, limit: int = 250) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_staff_register_for_a_course_with_the_keyboard_only(page, cast):
    session = make_session(make_course("Grunnkurs i informasjonssikkerhet og personvern"), make_round(1, "Pulje 1"))
    link = RegistrationLink.objects.get(municipality=cast.vefsn, round=session.round)
    page.goto(page.base_url + f"/p/courses/{link.token}/")
    tab_to(page, "#id_session_0")
    page.keyboard.press("Space")
    for selector, value in [
        ("#id_name", "Kari Nordmann"),
        ("#id_email", "kari.nordmann@vefsn.kommune.no"),
        ("#id_unit", "Servicetorget"),
        ("#id_job_title", "Rådgiver"),
    ]:
        tab_to(page, selector)
        page.keyboard.type(value)
    tab_to(page, "#id_privacy")
    page.keyboard.press("Space")
    tab_to(page, "form.stack-form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_text("kari.nordmann@vefsn.kommune.no")).to_be_visible()
    assert_accessible(page)
    registration = Registration.objects.get()
    assert (registration.name, registration.status) == ("Kari Nordmann", "confirmed")


def test_the_risk_owner_signs_off_with_the_keyboard_only(page, cast):
    from risk.workflow import request_signoff

    default_matrix()
    analysis = make_analysis(cast.vefsn, cast.leader_vefsn)
    make_scenario(analysis, likelihood=2, consequence=2)
    request_signoff(analysis=analysis, actor=cast.editor_vefsn, expected_version=1)
    login(page, cast.leader_vefsn.email, cast.password)
    page.goto(page.base_url + "/signing/")
    tab_to(page, f'a[href$="/risk/{analysis.pk}/sign/"], a[href$="/risk/{analysis.pk}/"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    if not page.url.endswith("/sign/"):
        tab_to(page, f'a[href$="/risk/{analysis.pk}/sign/"]')
        with page.expect_navigation():
            page.keyboard.press("Enter")
    tab_to(page, 'input[type=radio][value="approved"]')
    page.keyboard.press("Space")
    tab_to(page, "form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Beslutningen din er registrert.")).to_be_visible()
    assert_accessible(page)
    assert RiskAnalysis.objects.get().status == "approved"
