"""A member of staff registers on a phone from the municipality's link; the coordinator reads the
session page and marks attendance. axe on every page."""

from playwright.sync_api import expect

from training.models import Registration, RegistrationLink

from ..training.builders import held_session, make_course, make_round, make_session, register
from .conftest import assert_accessible, login


def test_staff_register_from_the_link_on_a_360px_phone(page, cast):
    session = make_session(make_course("Grunnkurs i informasjonssikkerhet og personvern"), make_round(1, "Pulje 1"))
    link = RegistrationLink.objects.get(municipality=cast.vefsn, round=session.round)
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(page.base_url + f"/p/courses/{link.token}/")
    assert_accessible(page)
    page.locator("#id_session_0").check()
    page.locator("#id_name").fill("Kari Nordmann")
    page.locator("#id_email").fill("ikke-en-adresse")
    page.locator("#id_privacy").check()
    page.locator("form.stack-form button[type=submit]").click()
    expect(page.locator("#id_email_error")).to_be_visible()
    assert_accessible(page)
    assert page.locator("#id_name").input_value() == "Kari Nordmann"
    page.locator("#id_email").fill("kari.nordmann@vefsn.kommune.no")
    page.locator("#id_privacy").check()
    page.locator("form.stack-form button[type=submit]").click()
    expect(page.get_by_text("kari.nordmann@vefsn.kommune.no")).to_be_visible()
    assert_accessible(page)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the registration page scrolls sideways by {overflow}px at 360px"
    assert Registration.objects.get().status == "confirmed"


def test_the_coordinator_marks_attendance_on_the_session_page(page, cast):
    session = held_session()
    for n in range(3):
        register(session, cast.vefsn, n)
    login(page, cast.coordinator.email, cast.password)
    page.goto(page.base_url + "/courses/")
    assert_accessible(page)
    page.goto(page.base_url + f"/courses/sessions/{session.pk}/")
    assert_accessible(page)
    first = Registration.objects.order_by("pk").first()
    page.locator(f"#attendance-{first.pk}").select_option(value="attended")
    page.locator("button[form=attendance-form]").click()
    expect(page.locator(f"#attendance-{first.pk}")).to_have_value("attended")
    assert_accessible(page)
    first.refresh_from_db()
    assert first.attendance == "attended"
