"""Registering for a session: seats, the waitlist, one place per course and round, cancellation and
promotion, a cancelled session, attendance; e-mails go out once after commit."""

import datetime

import pytest
from django.core import mail

from training import services
from training.models import Attendance, EmailKind, ParticipantEmail, Registration, RegistrationStatus, SessionStatus

from .builders import held_session, make_course, make_round, make_session, person, register

person_values = person


def test_seats_then_the_waitlist(cast):
    session = make_session(capacity=2)
    first, second, third = (register(session, cast.vefsn, n) for n in range(3))
    assert [first.status, second.status, third.status] == ["confirmed", "confirmed", "waitlisted"]


def test_the_same_email_cannot_hold_two_places_in_one_course_and_round(cast):
    course, round_ = make_course(), make_round()
    november = make_session(course, round_)
    january = make_session(course, round_, starts_on=november.starts_on + datetime.timedelta(days=50))
    register(november, cast.vefsn, 1)
    with pytest.raises(services.AlreadyRegistered) as refused:
        register(january, cast.vefsn, 1, email="DELTAKER1@vefsn.kommune.no")
    assert "deltaker1@vefsn.kommune.no" in str(refused.value)
    assert refused.value.existing.session == november


def test_the_grunnkurs_and_the_isms_course_are_taken_together(cast):
    round_ = make_round()
    register(make_session(make_course("Grunnkurs"), round_), cast.vefsn, 1)
    isms = register(make_session(make_course("Implementering ISMS"), round_), cast.vefsn, 1)
    assert isms.status == RegistrationStatus.CONFIRMED


def test_registration_after_the_deadline_or_for_a_cancelled_session_is_refused(cast):
    late = make_session(starts_on=datetime.date.today() + datetime.timedelta(days=3))
    with pytest.raises(services.RegistrationError):
        register(late, cast.vefsn, 1)
    cancelled = make_session()
    services.cancel_session(session=cancelled, actor=cast.coordinator, reason="For få påmeldte")
    with pytest.raises(services.RegistrationError):
        register(cancelled, cast.vefsn, 2)
    assert not Registration.objects.exists()


def test_a_quota_keeps_seats_for_other_municipalities(cast):
    session = make_session(capacity=10)
    services.set_quota(session=session, municipality=cast.vefsn, seats=1, actor=cast.coordinator)
    assert register(session, cast.vefsn, 1).status == "confirmed"
    assert register(session, cast.vefsn, 2).status == "waitlisted"
    assert register(session, cast.rana, 3).status == "confirmed"


def test_cancelling_promotes_the_first_on_the_waitlist_and_tells_them(cast, django_capture_on_commit_callbacks):
    session = make_session(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        seated = register(session, cast.vefsn, 1)
        first_waiting = register(session, cast.vefsn, 2)
        register(session, cast.vefsn, 3)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.cancel_registration(registration=seated) is True
    first_waiting.refresh_from_db()
    assert first_waiting.status == RegistrationStatus.CONFIRMED and first_waiting.promoted_at
    # The one who cancelled gets a confirmation, the first on the waitlist the seat.
    assert sorted(message.to[0] for message in mail.outbox) == [
        "deltaker1@vefsn.kommune.no",
        "deltaker2@vefsn.kommune.no",
    ]
    # The cancel link used twice: nothing more happens.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.cancel_registration(registration=seated) is False
    assert len(mail.outbox) == 2
    assert Registration.objects.filter(session=session, status="confirmed").count() == 1


def test_a_confirmation_is_mailed_once_with_the_see_and_cancel_link(cast, django_capture_on_commit_callbacks):
    from training.tasks import send_participant_email

    session = make_session()
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(session, cast.vefsn, 1)
    assert len(mail.outbox) == 1
    assert f"/p/courses/registration/{registration.token}/" in mail.outbox[0].body
    assert send_participant_email(registration.pk, EmailKind.CONFIRMATION) is False
    assert len(mail.outbox) == 1


def test_cancelling_a_session_tells_everyone_and_offers_the_other_date(cast, django_capture_on_commit_callbacks):
    course, round_ = make_course(), make_round()
    november = make_session(course, round_, capacity=1)
    january = make_session(course, round_, starts_on=november.starts_on + datetime.timedelta(days=50))
    with django_capture_on_commit_callbacks(execute=True):
        register(november, cast.vefsn, 1)
        register(november, cast.rana, 2)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        told = services.cancel_session(session=november, actor=cast.coordinator, reason="Avlyst")
    assert told == 2
    assert len(mail.outbox) == 2
    assert january.dates_display in mail.outbox[0].body
    assert Registration.objects.filter(session=november).count() == 2  # nothing deleted
    assert set(Registration.objects.values_list("status", flat=True)) == {"cancelled"}
    november.refresh_from_db()
    assert november.status == SessionStatus.CANCELLED
    # The other date is free to take now.
    assert register(january, cast.vefsn, 1).status == "confirmed"


def test_attendance_and_certificates(cast):
    session = held_session()
    came, stayed_away = register(session, cast.vefsn, 1), register(session, cast.vefsn, 2)
    changed = services.mark_attendance(
        session=session,
        actor=cast.coordinator,
        attendance={came.pk: Attendance.ATTENDED, stayed_away.pk: Attendance.NO_SHOW},
    )
    assert changed == 2
    assert services.issue_certificates(session=session, actor=cast.coordinator) == 1
    assert services.issue_certificates(session=session, actor=cast.coordinator) == 0
    came.refresh_from_db()
    assert came.certificate_issued_at is not None


def test_attendance_and_certificates_are_refused_before_the_first_day(cast):
    session = make_session()
    came = register(session, cast.vefsn, 1)
    with pytest.raises(services.AttendanceError):
        services.mark_attendance(session=session, actor=cast.coordinator, attendance={came.pk: Attendance.ATTENDED})
    with pytest.raises(services.AttendanceError):
        services.issue_certificates(session=session, actor=cast.coordinator)
    came.refresh_from_db()
    assert came.attendance == Attendance.UNKNOWN and came.version == 1
    on_the_day = services.mark_attendance(
        session=session, actor=cast.coordinator, attendance={came.pk: Attendance.ATTENDED}, today=session.starts_on
    )
    assert on_the_day == 1


def test_attendance_is_refused_for_a_cancelled_session(cast):
    session = held_session()
    came = register(session, cast.vefsn, 1)
    services.cancel_session(session=session, actor=cast.coordinator, reason="Avlyst")
    with pytest.raises(services.AttendanceError):
        services.mark_attendance(session=session, actor=cast.coordinator, attendance={came.pk: Attendance.ATTENDED})


def test_more_seats_give_the_waitlist_its_places(cast):
    session = make_session(capacity=1)
    register(session, cast.vefsn, 1)
    waiting = register(session, cast.vefsn, 2)
    services.save_session(
        actor=cast.coordinator, values={"capacity": 2}, reason="Kjøpt flere plasser", session=session,
        expected_version=session.version,
    )  # fmt: skip
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_a_removed_or_raised_quota_gives_the_waitlist_its_places(cast):
    session = make_session(capacity=10)
    services.set_quota(session=session, municipality=cast.vefsn, seats=1, actor=cast.coordinator)
    register(session, cast.vefsn, 1)
    second, third = register(session, cast.vefsn, 2), register(session, cast.vefsn, 3)
    services.set_quota(session=session, municipality=cast.vefsn, seats=2, actor=cast.coordinator)
    second.refresh_from_db(), third.refresh_from_db()
    assert (second.status, third.status) == ("confirmed", "waitlisted")
    services.set_quota(session=session, municipality=cast.vefsn, seats=None, actor=cast.coordinator)
    third.refresh_from_db()
    assert third.status == "confirmed"


def test_the_next_rounds_waitlist_gets_seats_when_its_session_opens(cast):
    january = make_session(status=SessionStatus.PLANNED, capacity=1)
    first = services.register_participant(
        session=january, municipality=cast.vefsn, values=person_values(1), waitlist=True
    )
    second = services.register_participant(
        session=january, municipality=cast.vefsn, values=person_values(2), waitlist=True
    )
    assert (first.status, second.status) == ("waitlisted", "waitlisted")
    services.save_session(
        actor=cast.coordinator, values={"status": SessionStatus.OPEN}, reason="Åpnet", session=january,
        expected_version=january.version,
    )  # fmt: skip
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.status, second.status) == ("confirmed", "waitlisted")


def test_the_waitlist_of_a_session_past_its_deadline_is_refused(cast):
    today = datetime.date.today()
    past = make_session(starts_on=today - datetime.timedelta(days=300), status=SessionStatus.PLANNED)
    with pytest.raises(services.RegistrationError):
        services.register_participant(session=past, municipality=cast.vefsn, values=person_values(1), waitlist=True)


def test_reminders_go_out_a_week_and_a_day_before_once(cast, django_capture_on_commit_callbacks):
    from training.tasks import send_course_reminders

    session = make_session(starts_on=datetime.date.today() + datetime.timedelta(days=6), deadline=datetime.date.today())
    with django_capture_on_commit_callbacks(execute=True):
        register(session, cast.vefsn, 1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends after the task's commit
        assert send_course_reminders() == 1
        assert send_course_reminders() == 0
    assert len(mail.outbox) == 1
    assert ParticipantEmail.objects.filter(kind=EmailKind.REMINDER_7).count() == 1
