"""The coordinator's course pages: a session with its participants, attendance, certificates and the
participant list as PDF, links per municipality, statistics with export; constant query counts."""

import datetime

from django.urls import reverse
from reportlab.lib.units import mm

from tests.pdf_text import pdf_pages
from training import services
from training.models import Attendance, Registration, RegistrationLink, Session
from training.pdf import PARTICIPANT_COLUMNS_MM, SIGNATURE_HEIGHT

from ..downloads import body
from .builders import held_session, make_course, make_round, make_session, register


def pdf_text(content: bytes) -> str:
    return "\n".join(pdf_pages(content))


def _session_with_people(cast, n: int = 5, capacity: int = 30, *, held: bool = False) -> Session:
    build = held_session if held else make_session
    session = build(make_course(), make_round(), capacity=capacity)
    for index in range(n):
        register(session, cast.vefsn if index % 2 else cast.rana, index)
    return session


def test_the_session_page_lists_participants_in_constant_queries(client_for, cast, django_assert_max_num_queries):
    session = _session_with_people(cast, 12, capacity=10)
    client = client_for(cast.coordinator)
    with django_assert_max_num_queries(16):
        page = client.get(reverse("training:session_detail", args=[session.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Deltaker 0" in body and "Deltaker 11" in body


def test_the_session_page_lists_the_registered_then_the_waitlist_then_the_cancelled(client_for, cast):
    session = make_session(make_course(), make_round(), capacity=1)
    gone = register(session, cast.vefsn, "avmeldt", name="Avmeldt Person")
    services.cancel_registration(registration=gone)
    register(session, cast.vefsn, "plass", name="Har Plass")
    register(session, cast.vefsn, "venter", name="Venter Person")
    body = client_for(cast.coordinator).get(reverse("training:session_detail", args=[session.pk])).content.decode()
    assert body.index("Har Plass") < body.index("Venter Person") < body.index("Avmeldt Person")


def test_attendance_then_certificates_for_those_who_came(client_for, cast):
    session = _session_with_people(cast, 3, held=True)
    came, stayed_away, _third = Registration.objects.filter(session=session).order_by("pk")
    client = client_for(cast.coordinator)
    client.post(
        reverse("training:session_attendance", args=[session.pk]),
        {f"attendance-{came.pk}": Attendance.ATTENDED, f"attendance-{stayed_away.pk}": Attendance.NO_SHOW},
    )
    came.refresh_from_db()
    assert came.attendance == Attendance.ATTENDED
    response = client.get(reverse("training:certificates_pdf", args=[session.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert came.name in text and stayed_away.name not in text
    one = client.get(reverse("training:certificate_pdf", args=[came.pk]))
    assert came.name in pdf_text(one.content)
    assert client.get(reverse("training:certificate_pdf", args=[stayed_away.pk])).status_code == 404
    client.post(reverse("training:certificates_issue", args=[session.pk]))
    came.refresh_from_db()
    assert came.certificate_issued_at is not None


def test_downloading_certificates_records_nothing(client_for, cast):
    session = _session_with_people(cast, 1, held=True)
    came = Registration.objects.get(session=session)
    services.mark_attendance(session=session, actor=cast.coordinator, attendance={came.pk: Attendance.ATTENDED})
    came.refresh_from_db()
    client = client_for(cast.coordinator)
    assert client.get(reverse("training:certificates_pdf", args=[session.pk])).status_code == 200
    assert client.get(reverse("training:certificate_pdf", args=[came.pk])).status_code == 200
    after = Registration.objects.get(pk=came.pk)
    assert (after.certificate_issued_at, after.version) == (None, came.version)


def test_certificates_are_recorded_as_issued_once_by_a_post(client_for, cast):
    session = _session_with_people(cast, 1, held=True)
    came = Registration.objects.get(session=session)
    services.mark_attendance(session=session, actor=cast.coordinator, attendance={came.pk: Attendance.ATTENDED})
    client = client_for(cast.coordinator)
    assert client.get(reverse("training:certificates_issue", args=[session.pk])).status_code == 405
    client.post(reverse("training:certificates_issue", args=[session.pk]))
    issued = Registration.objects.get(pk=came.pk)
    client.post(reverse("training:certificates_issue", args=[session.pk]))
    again = Registration.objects.get(pk=came.pk)
    assert issued.certificate_issued_at is not None
    assert (again.certificate_issued_at, again.version) == (issued.certificate_issued_at, issued.version)


def test_before_the_first_day_the_session_page_has_no_attendance_controls(client_for, cast):
    session = _session_with_people(cast, 2)
    first = Registration.objects.filter(session=session).order_by("pk").first()
    client = client_for(cast.coordinator)
    body = client.get(reverse("training:session_detail", args=[session.pk])).content.decode()
    assert f'name="attendance-{first.pk}"' not in body and 'form="attendance-form"' not in body
    response = client.post(
        reverse("training:session_attendance", args=[session.pk]), {f"attendance-{first.pk}": Attendance.ATTENDED}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.attendance == Attendance.UNKNOWN
    assert [m.level_tag for m in response.wsgi_request._messages] == ["error"]


def test_a_cancelled_session_page_has_no_attendance_controls(client_for, cast):
    session = _session_with_people(cast, 2, held=True)
    services.cancel_session(session=session, actor=cast.coordinator, reason="Avlyst")
    body = client_for(cast.coordinator).get(reverse("training:session_detail", args=[session.pk])).content.decode()
    assert 'id="attendance-form"' not in body and 'form="attendance-form"' not in body


def test_a_held_session_page_has_the_attendance_controls(client_for, cast):
    session = _session_with_people(cast, 2, held=True)
    body = client_for(cast.coordinator).get(reverse("training:session_detail", args=[session.pk])).content.decode()
    assert 'id="attendance-form"' in body and 'form="attendance-form"' in body


def test_the_participant_list_pdf(client_for, cast):
    session = _session_with_people(cast, 40)
    response = client_for(cast.dpo).get(reverse("training:participants_pdf", args=[session.pk]))
    text = pdf_text(response.content)
    assert "Deltaker 0" in text and "Deltaker 39" in text


def test_the_participant_list_pdf_keeps_words_whole_and_has_room_to_sign(client_for, cast):
    session = make_session()
    register(session, cast.vefsn, 1, unit="Hjemmetjenesten", job_title="Sykepleiekoordinator")
    text = pdf_text(client_for(cast.coordinator).get(reverse("training:participants_pdf", args=[session.pk])).content)
    assert "Hjemmetjenesten" in text and "Sykepleiekoordinator" in text
    assert PARTICIPANT_COLUMNS_MM[-1] >= 35 and 8 * mm <= SIGNATURE_HEIGHT  # the signature column


def test_cancelling_the_session_from_its_page(client_for, cast):
    session = _session_with_people(cast, 2)
    client = client_for(cast.coordinator)
    response = client.post(reverse("training:session_cancel", args=[session.pk]), {"reason": ""})
    session.refresh_from_db()
    assert response.status_code == 302 and session.status == "open"
    client.post(reverse("training:session_cancel", args=[session.pk]), {"reason": "Foreleser syk"})
    session.refresh_from_db()
    assert session.status == "cancelled"
    assert session.history.first().history_change_reason == "Foreleser syk"


def test_every_municipality_has_a_link_per_round_and_can_get_a_new_one(client_for, cast):
    round_ = make_round()
    assert RegistrationLink.objects.filter(round=round_, active=True).count() == 2
    client = client_for(cast.coordinator)
    old = RegistrationLink.objects.get(round=round_, municipality=cast.vefsn)
    page = client.get(reverse("training:round_links", args=[round_.pk])).content.decode()
    assert old.token in page
    client.post(reverse("training:link_rotate", args=[round_.pk, "vefsn"]))
    new = RegistrationLink.objects.get(round=round_, municipality=cast.vefsn, active=True)
    assert new.token != old.token
    assert client.get(reverse("training:public_register", args=[old.token])).status_code == 404


def test_a_session_form_refuses_an_end_before_the_start(client_for, cast):
    course, round_ = make_course(), make_round()
    response = client_for(cast.coordinator).post(
        reverse("training:session_create"),
        {"course": course.pk, "round": round_.pk, "starts_on": "2027-01-10", "ends_on": "2027-01-09",
         "capacity": 30, "registration_deadline": "2027-01-01", "status": "open", "expected_version": 1},
    )  # fmt: skip
    assert response.status_code == 200 and response.context["form"].errors["ends_on"]
    assert not Session.objects.exists()


def test_statistics_per_municipality_course_and_sector(client_for, cast, django_assert_max_num_queries):
    session = _session_with_people(cast, 4, capacity=3, held=True)
    services.mark_attendance(
        session=session,
        actor=cast.coordinator,
        attendance={r.pk: Attendance.ATTENDED for r in Registration.objects.filter(status="confirmed")},
    )
    client = client_for(cast.coordinator)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("training:statistics"))
    rows = {row.municipality.slug: row for row in page.context["table"].data}
    assert (rows["rana"].registered, rows["rana"].waitlisted, rows["rana"].attended) == (2, 0, 2)
    assert (rows["vefsn"].registered, rows["vefsn"].waitlisted) == (1, 1)
    assert rows["vefsn"].per_thousand == round(1000 / 13408, 2)
    assert page.context["by_course"][0]["registered"] == 3
    csv = client.get(reverse("training:statistics") + "?_export=csv")
    assert csv["Content-Type"].startswith("text/csv") and "Vefsn" in body(csv).decode()
    xlsx = client.get(reverse("training:statistics") + "?_export=xlsx")
    assert xlsx.status_code == 200


def test_municipalities_without_registrations_are_highlighted(client_for, cast):
    register(make_session(), cast.vefsn, 1)
    page = client_for(cast.coordinator).get(reverse("training:statistics"))
    assert page.context["none_count"] == 1
    assert "figure-none" in page.content.decode()


def test_a_leader_sees_only_their_municipality_in_the_statistics(client_for, cast):
    session = make_session()
    register(session, cast.vefsn, 1)
    register(session, cast.rana, 2)
    page = client_for(cast.leader_vefsn).get(reverse("training:statistics"))
    assert [row.municipality.slug for row in page.context["table"].data] == ["vefsn"]
    assert page.context["by_course"][0]["registered"] == 1


def test_an_editor_registers_a_colleague_inside(client_for, cast):
    session = make_session()
    client = client_for(cast.editor_vefsn)
    response = client.post(
        reverse("training:municipality_register", args=["vefsn"]),
        {"session": session.pk, "name": "Ola Kollega", "email": "ola@vefsn.kommune.no", "privacy": "on"},
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.municipality == cast.vefsn and registration.user is None
    assert registration.history.first().history_user == cast.editor_vefsn
    page = client.get(reverse("training:municipality_courses", args=["vefsn"])).content.decode()
    assert "Ola Kollega" in page
    assert (
        "Ola Kollega"
        not in client_for(cast.leader_rana)
        .get(reverse("training:municipality_courses", args=["rana"]))
        .content.decode()
    )


def test_the_course_list_shows_seats_without_names(client_for, cast):
    session = _session_with_people(cast, 2)
    page = client_for(cast.viewer_vefsn).get(reverse("training:course_list"))
    body = page.content.decode()
    assert session.course.title in body and "Deltaker 0" not in body
    assert reverse("training:session_detail", args=[session.pk]) not in body


def test_the_session_edit_keeps_history_and_refuses_a_stale_save(client_for, cast):
    session = make_session(starts_on=datetime.date.today() + datetime.timedelta(days=40))
    client = client_for(cast.coordinator)
    data = {"course": session.course_id, "round": session.round_id, "starts_on": session.starts_on,
            "ends_on": session.ends_on, "place": "Sandnessjøen", "capacity": 25, "status": "open",
            "registration_deadline": session.registration_deadline, "expected_version": 1}  # fmt: skip
    saved = client.post(reverse("training:session_edit", args=[session.pk]), data)
    assert saved.status_code == 302, saved.context["form"].errors
    stale = client.post(reverse("training:session_edit", args=[session.pk]), {**data, "capacity": 20})
    assert stale.status_code == 409
    session.refresh_from_db()
    assert (session.place, session.capacity, session.version) == ("Sandnessjøen", 25, 2)
