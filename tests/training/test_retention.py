"""Participants' personal data is blanked a configurable number of months after the session, in the
live rows and in every history row; the statistics stay."""

import datetime

from training import services
from training.models import Attendance, Registration
from training.retention import anonymise_participants

from .builders import held_session, make_session, register


def test_personal_data_goes_from_live_and_history_rows_and_the_figures_stay(cast, settings):
    settings.COURSE_RETENTION_MONTHS = 12
    today = datetime.date.today()
    old = held_session()
    recent = make_session(starts_on=today + datetime.timedelta(days=10))
    came = register(old, cast.vefsn, "gammel", name="Kari Nordmann")
    services.mark_attendance(session=old, actor=cast.coordinator, attendance={came.pk: Attendance.ATTENDED})
    keep = register(recent, cast.vefsn, "ny", name="Ola Nordmann")
    later = today + datetime.timedelta(days=10 + 400)

    assert anonymise_participants(today=later - datetime.timedelta(days=60)) == 0
    assert anonymise_participants(today=later) == 2  # both sessions ended over a year before `later`

    came.refresh_from_db()
    assert (came.name, came.email, came.unit, came.job_title) == ("—", "", "", "")
    assert came.attendance == Attendance.ATTENDED and came.municipality == cast.vefsn and came.sector
    assert came.anonymised_at is not None
    history = Registration.history.filter(id__in=[came.pk, keep.pk])
    assert history.count() >= 3
    assert not history.exclude(name="—").exists()
    assert not history.exclude(email="").exists()
    assert anonymise_participants(today=later) == 0


def test_only_sessions_past_the_retention_period_are_touched(cast, settings):
    settings.COURSE_RETENTION_MONTHS = 6
    today = datetime.date.today()
    session = make_session(starts_on=today + datetime.timedelta(days=10))
    registration = register(session, cast.vefsn, 1)
    assert anonymise_participants(today=session.ends_on + datetime.timedelta(days=150)) == 0
    assert anonymise_participants(today=session.ends_on + datetime.timedelta(days=200)) == 1
    registration.refresh_from_db()
    assert registration.email == ""
