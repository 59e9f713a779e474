"""Reporting an avvik: logged in (also staff without a role) and through the municipality's link; the
receipt, the handlers told at once, bad input refused in bokmål with what was typed kept."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from isms.core.models import Notification
from isms.incidents.models import Channel, Incident, ReportLink
from isms.incidents.services import report_link, rotate_link

pytestmark = pytest.mark.django_db


def _form(**values) -> dict:
    discovered = timezone.localtime(timezone.now() - timedelta(hours=2))
    return {
        "title": "Mistet minnepinne",
        "description": "En minnepinne med elevlister er borte.",
        "discovered_at": discovered.strftime("%Y-%m-%dT%H:%M"),
        "occurred_at": "",
        "unit": "Skolen",
        "system_text": "",
        "personal_data": "yes",
        **values,
    }


def test_staff_without_a_role_reports_and_gets_a_receipt(cast, client_for, django_capture_on_commit_callbacks):
    client = client_for(cast.staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("incidents:report"), _form(municipality=cast.vefsn.pk))
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.municipality == cast.vefsn and incident.reported_by == cast.staff
    assert incident.channel == Channel.LOGGED_IN and incident.number == 1
    receipt = [m for m in mail.outbox if m.to == [cast.staff.email]]
    assert len(receipt) == 1 and incident.reference in receipt[0].subject
    assert "Mistet minnepinne" in receipt[0].body
    told = set(Notification.objects.values_list("user__email", flat=True))
    assert told == {cast.editor_vefsn.email, cast.dpo.email}
    page = client.get(response.url).content.decode()
    assert incident.reference in page


def test_the_public_link_takes_a_report_without_an_account_and_shows_no_other(
    cast, client, django_capture_on_commit_callbacks
):
    link = report_link(municipality=cast.vefsn, actor=None)
    earlier = Incident.objects.create(
        municipality=cast.vefsn, number=7, title="Hemmelig tidligere avvik", description="x",
        discovered_at=timezone.now(), reported_at=timezone.now(), personal_data="no", channel="logged_in",
    )  # fmt: skip
    url = reverse("incidents:public_report", args=[link.token])
    page = client.get(url).content.decode()
    assert "Vefsn" in page and earlier.title not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, _form(reporter_name="Kari Ansatt", reporter_email="Kari@Example.no"))
    assert response.status_code == 302
    incident = Incident.objects.get(title="Mistet minnepinne")
    assert incident.channel == Channel.PUBLIC_LINK and incident.reported_by is None
    assert incident.number == 8 and incident.reporter_email == "kari@example.no"
    assert [m.to for m in mail.outbox if "mottatt" in m.subject.lower()] == [["kari@example.no"]]
    after = client.get(response.url).content.decode()
    assert earlier.title not in after and "Hemmelig" not in after


def test_a_rotated_link_no_longer_works(cast, client):
    old = report_link(municipality=cast.vefsn, actor=None)
    new = rotate_link(municipality=cast.vefsn, actor=cast.editor_vefsn)
    assert client.get(reverse("incidents:public_report", args=[old.token])).status_code == 404
    assert client.get(reverse("incidents:public_report", args=[new.token])).status_code == 200
    assert ReportLink.objects.filter(municipality=cast.vefsn, active=True).count() == 1


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"discovered_at": "2099-01-01T10:00"}, "discovered_at", "kan ikke være fram i tid"),
        ({"occurred_at": "2099-01-01T10:00"}, "occurred_at", "etter at det ble oppdaget"),
        ({"description": "x" * 10_001}, "description", "10"),
        ({"discovered_at": "i går"}, "discovered_at", "dd.mm.åååå"),
        ({"personal_data": ""}, "personal_data", "personopplysninger"),
    ],
)
def test_bad_input_is_refused_in_bokmal_and_kept(cast, client_for, values, field, message):
    response = client_for(cast.staff).post(reverse("incidents:report"), _form(municipality=cast.vefsn.pk, **values))
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors[field])
    assert message in errors
    assert "Mistet minnepinne" in response.content.decode()  # what was typed is kept
    assert not Incident.objects.exists()


def test_the_public_form_is_rate_limited_like_the_course_pages(cast, client, settings):
    settings.COURSE_PUBLIC_RATE_LIMIT = 3
    link = report_link(municipality=cast.vefsn, actor=None)
    url = reverse("incidents:public_report", args=[link.token])
    statuses = [client.post(url, _form(reporter_name="A", reporter_email="a@example.no")).status_code for _ in range(5)]
    assert statuses[:3] == [302, 302, 302] and statuses[3:] == [429, 429]
    assert Incident.objects.count() == 3


def test_a_member_sees_their_municipality_chosen(cast, client_for):
    page = client_for(cast.viewer_vefsn).get(reverse("incidents:report"))
    assert page.context["form"].initial["municipality"] == cast.vefsn.pk
