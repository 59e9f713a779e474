"""The public registration from a municipality's link: no login, bad input explained, nothing of other
participants shown, rotated or unknown links answer 404, rate-limited per IP."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.translation import gettext

from training import services
from training.models import Registration, RegistrationLink
from training.public_views import DUPLICATE_ANSWER

from .builders import make_course, make_round, make_session, person, register


@pytest.fixture
def offer(cast):
    course, round_ = make_course("Grunnkurs i informasjonssikkerhet og personvern"), make_round(1, "Pulje 1 2023")
    session = make_session(course, round_, capacity=1)
    link = RegistrationLink.objects.get(municipality=cast.vefsn, round=round_)
    return session, link


def url(link) -> str:
    return reverse("training:public_register", args=[link.token])


def form(session, n=1, **extra) -> dict:
    return {**person(n), "session": session.pk, "privacy": "on", **extra}


def test_staff_without_an_account_register_and_get_the_confirmation(client, offer, django_capture_on_commit_callbacks):
    session, link = offer
    page = client.get(url(link))
    assert page.status_code == 200
    assert session.course.title in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(link), form(session))
    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("training:public_registration", args=[registration.token])
    assert registration.municipality.slug == "vefsn" and registration.status == "confirmed"
    assert len(mail.outbox) == 1 and registration.token in mail.outbox[0].body
    own = client.get(response.url)
    assert own.status_code == 200 and "deltaker1@vefsn.kommune.no" in own.content.decode()


def test_a_full_session_offers_the_waitlist_and_shows_no_other_participant(client, offer):
    session, link = offer
    register(session, link.municipality, "first", name="Kari Nordmann")
    page = client.get(url(link)).content.decode()
    assert "Kari Nordmann" not in page and "deltakerfirst" not in page
    client.post(url(link), form(session, 2))
    assert Registration.objects.get(email="deltaker2@vefsn.kommune.no").status == "waitlisted"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"email": "ikke-en-adresse"}, "email"),
        ({"email": ""}, "email"),
        ({"name": "x" * 151}, "name"),
        ({"privacy": ""}, "privacy"),
        ({"session": "999999"}, "session"),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_kept(client, offer, change, field):
    session, link = offer
    response = client.post(url(link), {**form(session), **change})
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert "Skjemaet kunne ikke lagres" in response.content.decode()
    assert response.context["form"].data["unit"] == "Servicetorget"
    assert not Registration.objects.exists()


def test_after_the_deadline_the_link_offers_the_waitlist_of_the_next_round(client, cast):
    course = make_course("Grunnkurs")
    first, second = make_round(1, "Pulje 1"), make_round(2, "Pulje 2")
    today = datetime.date.today()
    make_session(course, first, starts_on=today + datetime.timedelta(days=2), deadline=today - datetime.timedelta(1))
    january = make_session(course, second, starts_on=today + datetime.timedelta(days=60), status="planned")
    link = RegistrationLink.objects.get(municipality=cast.vefsn, round=first)
    page = client.get(url(link))
    assert page.context["offer"].offers_next_round
    assert [choice.session for choice in page.context["offer"].choices] == [january]
    client.post(url(link), form(january))
    assert Registration.objects.get().status == "waitlisted"


def test_after_the_deadline_the_link_offers_no_next_round_session_already_past(client, cast):
    course = make_course("Grunnkurs")
    first, second = make_round(1, "Pulje 1"), make_round(2, "Pulje 2")
    today = datetime.date.today()
    make_session(course, first, starts_on=today - datetime.timedelta(days=400))
    make_session(course, second, starts_on=today - datetime.timedelta(days=350))
    link = RegistrationLink.objects.get(municipality=cast.vefsn, round=first)
    offer = client.get(url(link)).context["offer"]
    assert offer.choices == [] and not offer.offers_next_round


def test_an_open_next_round_session_takes_registrations_as_usual(client, cast):
    course = make_course("Grunnkurs")
    first, second = make_round(1, "Pulje 1"), make_round(2, "Pulje 2")
    today = datetime.date.today()
    make_session(course, first, starts_on=today + datetime.timedelta(days=2), deadline=today - datetime.timedelta(1))
    january = make_session(course, second, starts_on=today + datetime.timedelta(days=60))
    link = RegistrationLink.objects.get(municipality=cast.vefsn, round=first)
    offer = client.get(url(link)).context["offer"]
    assert offer.offers_next_round and [choice.waitlist_only for choice in offer.choices] == [False]
    client.post(url(link), form(january))
    assert Registration.objects.get().status == "confirmed"


def test_a_rotated_or_unknown_link_answers_404(client, offer):
    session, link = offer
    services.rotate_link(municipality=link.municipality, round=link.round, actor=None)
    assert client.get(url(link)).status_code == 404
    assert client.get(reverse("training:public_register", args=["ukjent"])).status_code == 404
    assert client.post(url(link), form(session)).status_code == 404
    assert not Registration.objects.exists()


def test_the_cancel_link_used_twice(client, offer):
    session, link = offer
    registration = register(session, link.municipality, 1)
    cancel = reverse("training:public_cancel", args=[registration.token])
    assert client.post(cancel).status_code == 302
    assert client.post(cancel).status_code == 302
    registration.refresh_from_db()
    assert registration.status == "cancelled" and registration.version == 2


def test_cancelling_by_the_link_is_confirmed_by_one_e_mail_in_bokmal(client, offer, django_capture_on_commit_callbacks):
    from training.tasks import send_participant_email

    session, link = offer
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(session, link.municipality, 1)
    mail.outbox.clear()
    cancel = reverse("training:public_cancel", args=[registration.token])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(cancel)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(cancel)  # twice: nothing more
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [registration.email]
    assert message.subject.startswith(f"Avmeldt: {session.course.title}")
    assert "Påmeldingen din til dette kurset er avmeldt" in message.body
    assert reverse("training:public_register", args=[link.token]) in message.body
    # A confirmation is never sent for a registration that is not cancelled.
    other = register(session, link.municipality, 2)
    assert send_participant_email(other.pk, "cancelled") is False


def test_a_cancelled_session_cannot_be_chosen(client, offer, cast):
    session, link = offer
    services.cancel_session(session=session, actor=cast.coordinator, reason="Avlyst")
    response = client.post(url(link), form(session))
    assert response.status_code == 200 and response.context["form"].errors
    assert not Registration.objects.exists()


def test_the_public_pages_are_rate_limited_per_ip(client, offer, settings):
    settings.COURSE_PUBLIC_RATE_LIMIT = 3
    _session, link = offer
    statuses = [client.get(url(link)).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    other_ip = client.get(url(link), REMOTE_ADDR="10.0.0.9")
    assert other_ip.status_code == 200


def test_by_default_a_whole_municipality_behind_one_address_is_not_limited(client, offer):
    # A hundred staff behind the municipality's NAT open the link, register and see their page in a minute.
    _session, link = offer
    unknown = reverse("training:public_registration", args=["unknown"])  # counted too, and quick to answer
    assert {client.get(unknown).status_code for _ in range(299)} == {404}
    assert client.get(url(link)).status_code == 200


def test_the_privacy_notice_is_on_the_page(client, offer):
    _session, link = offer
    assert 'id="privacy-heading"' in client.get(url(link)).content.decode()


def test_a_logged_in_person_gets_the_place_on_their_account(client_for, offer, cast):
    session, link = offer
    client = client_for(cast.staff)
    assert client.get(url(link)).context["form"].initial["email"] == cast.staff.email
    client.post(url(link), form(session, email=cast.staff.email))
    registration = Registration.objects.get()
    assert registration.user == cast.staff
    assert registration.session.course.title in client.get(reverse("training:my_registrations")).content.decode()


def test_the_public_page_has_a_constant_number_of_queries(client, offer, cast, django_assert_max_num_queries):
    session, link = offer
    for round_session in [make_session(session.course, link.round) for _ in range(5)]:
        for n in range(3):
            register(round_session, cast.vefsn, f"{round_session.pk}-{n}")
    with django_assert_max_num_queries(8):
        assert client.get(url(link)).status_code == 200


def test_a_duplicate_on_the_public_page_is_answered_neutrally_and_the_address_gets_its_link(
    client, offer, cast, django_capture_on_commit_callbacks
):
    session, link = offer
    colleague = register(session, cast.vefsn, 1)
    with django_capture_on_commit_callbacks(execute=True):
        register(make_session(session.course, link.round), cast.vefsn, 2)  # the second date, its confirmation
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(link), form(session, 1), follow=True)
    body = response.content.decode()
    assert gettext(DUPLICATE_ANSWER) in body
    assert str(services.AlreadyRegistered(colleague)) not in body and colleague.email not in body
    assert Registration.objects.filter(email=colleague.email).count() == 1
    assert [message.to for message in mail.outbox] == [[colleague.email]]
    assert reverse("training:public_registration", args=[colleague.token]) in mail.outbox[0].body
    # The same address typed again: the same answer, no second e-mail to fill the colleague's inbox.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url(link), form(session, 1, email="Deltaker1@VEFSN.kommune.no"), follow=True)
    assert gettext(DUPLICATE_ANSWER) in again.content.decode() and len(mail.outbox) == 1


def test_an_editor_registering_a_colleague_twice_is_told_where_the_place_is(client_for, cast):
    session = make_session()
    colleague = register(session, cast.vefsn, 1)
    response = client_for(cast.editor_vefsn).post(
        reverse("training:municipality_register", args=["vefsn"]),
        {**person(1), "session": session.pk, "privacy": "on"},
    )
    assert response.status_code == 200
    assert session.dates_display in response.context["form"].errors["email"][0]
    assert Registration.objects.filter(email=colleague.email).count() == 1
