"""Every write of the courses app. Registration locks the session row (SELECT … FOR UPDATE), so two
people taking the last seat at once get one seat and one waitlist place, never an overbooked session."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from isms.core.models import Municipality, User
from isms.core.tracking import create_tracked, lock_for_edit, save_new_version, save_state_change, update_tracked

from .models import (
    ACTIVE_STATUSES,
    CANCELLATION_EMAIL,
    Attendance,
    Course,
    EmailKind,
    Registration,
    RegistrationLink,
    RegistrationStatus,
    Round,
    SeatQuota,
    Session,
    SessionStatus,
)


class RegistrationError(ValueError):
    """A registration the rules refuse; the message is for the participant."""


class AlreadyRegistered(RegistrationError):
    def __init__(self, existing: Registration):
        self.existing = existing
        super().__init__(
            _("%(email)s is already registered for %(course)s on %(dates)s (%(status)s).")
            % {
                "email": existing.email,
                "course": existing.course.title,
                "dates": existing.session.dates_display,
                "status": existing.get_status_display().lower(),
            }
        )


def _queue_email(registration: Registration, kind: str) -> None:
    """The e-mail goes to the outbox in this transaction; the outbox sends it after commit."""
    from .tasks import queue_participant_email

    queue_participant_email(registration.pk, kind)


# Courses, rounds, sessions, quotas and links (the coordinator and the DPO).


def save_course(
    *, actor: User | None, values: dict[str, Any], reason: str, course: Course | None = None, expected_version=None
) -> tuple[Course, bool]:
    with transaction.atomic():
        if course is None:
            return create_tracked(Course, actor=actor, reason=reason or _("Created"), values=values), True
        return update_tracked(
            Course, pk=course.pk, actor=actor, reason=reason, expected_version=expected_version, values=values
        )


def save_round(*, actor: User | None, values: dict[str, Any], reason: str = "") -> Round:
    """A new round, with a registration link for every current member of the cooperation."""
    with transaction.atomic():
        round_ = create_tracked(Round, actor=actor, reason=reason or _("Created"), values=values)
        for municipality in Municipality.objects.order_by("number"):
            if municipality.is_current_member:
                registration_link(municipality=municipality, round=round_, actor=actor)
        return round_


def save_session(
    *,
    actor: User | None,
    values: dict[str, Any],
    reason: str,
    session: Session | None = None,
    expected_version: int | None = None,
) -> tuple[Session, bool]:
    """Create or change a session. Cancelling goes through `cancel_session` (it tells the registrants)."""
    if values.get("status") == SessionStatus.CANCELLED and (session is None or session.status != values["status"]):
        raise RegistrationError(_("Use “Cancel session” to cancel: the registrants are told."))
    with transaction.atomic():
        if session is None:
            return create_tracked(Session, actor=actor, reason=reason or _("Created"), values=values), True
        current = lock_for_edit(Session, pk=session.pk, expected_version=expected_version)
        old_capacity, old_status = current.capacity, current.status
        saved, changed = update_tracked(
            Session, pk=session.pk, actor=actor, reason=reason, expected_version=expected_version, values=values
        )
        # More seats, or a session opening that holds the waitlist of the previous round: seats go in turn.
        opened = saved.status == SessionStatus.OPEN and old_status != SessionStatus.OPEN
        if changed and (saved.capacity > old_capacity or opened):
            _fill_from_waitlist(saved, actor=actor)
        return saved, changed


def set_quota(*, session: Session, municipality: Municipality, seats: int | None, actor: User | None) -> None:
    """Keep `seats` of the session for the municipality; None removes the quota."""
    from isms.core.tracking import delete_tracked

    with transaction.atomic():
        # The session's row lock, as in registration: the quota is counted there.
        locked = Session.objects.select_for_update().get(pk=session.pk)
        existing = SeatQuota.objects.select_for_update().filter(session=locked, municipality=municipality).first()
        if seats is None:
            if existing:
                delete_tracked(existing, actor=actor, reason=_("Quota removed"))
        elif existing is None:
            create_tracked(
                SeatQuota,
                actor=actor,
                reason=_("Quota"),
                values={"session": locked, "municipality": municipality, "seats": seats},
            )
        elif existing.seats != seats:
            existing.seats = seats
            save_new_version(existing, actor=actor, reason=_("Quota"))
        # A removed or raised quota frees seats for the municipality's waitlist.
        if locked.status == SessionStatus.OPEN:
            _fill_from_waitlist(locked, actor=actor)


def registration_link(*, municipality: Municipality, round: Round, actor: User | None) -> RegistrationLink:
    """The municipality's active link for the round, made the first time it is asked for."""
    with transaction.atomic():
        link = RegistrationLink.objects.filter(municipality=municipality, round=round, active=True).first()
        if link is None:
            link = create_tracked(
                RegistrationLink,
                actor=actor,
                reason=_("Registration link created"),
                values={"municipality": municipality, "round": round},
            )
        return link


def rotate_link(*, municipality: Municipality, round: Round, actor: User | None) -> RegistrationLink:
    """Retire the current link, if any (it answers 404 from now on), and make a new one."""
    with transaction.atomic():
        for old in RegistrationLink.objects.select_for_update().filter(
            municipality=municipality, round=round, active=True
        ):
            old.active = False
            save_state_change(old, actor=actor, reason=_("Link replaced"))
        return create_tracked(
            RegistrationLink,
            actor=actor,
            reason=_("Registration link created"),
            values={"municipality": municipality, "round": round},
        )


# Registrations.


def _quota_for(session: Session, municipality_id: int) -> int | None:
    return (
        SeatQuota.objects.filter(session=session, municipality_id=municipality_id)
        .values_list("seats", flat=True)
        .first()
    )


def _has_room(session: Session, municipality_id: int) -> bool:
    confirmed = Registration.objects.filter(session=session, status=RegistrationStatus.CONFIRMED)
    if confirmed.count() >= session.capacity:
        return False
    quota = _quota_for(session, municipality_id)
    return quota is None or confirmed.filter(municipality_id=municipality_id).count() < quota


def check_open(session: Session, *, today: datetime.date | None = None) -> None:
    """Raise RegistrationError when the session takes no registrations (cancelled, closed, past deadline)."""
    today = today or timezone.localdate()
    if session.status == SessionStatus.CANCELLED:
        raise RegistrationError(_("This session is cancelled. Choose another date."))
    if session.status != SessionStatus.OPEN:
        raise RegistrationError(_("This session is not open for registration."))
    if today > session.registration_deadline:
        raise RegistrationError(
            _("The registration deadline for this session was %(date)s.")
            % {"date": formats.date_format(session.registration_deadline, "SHORT_DATE_FORMAT")}
        )


def register_participant(
    *,
    session: Session,
    municipality: Municipality,
    values: dict[str, Any],
    actor: User | None = None,
    user: User | None = None,
    waitlist: bool = False,
    today: datetime.date | None = None,
) -> Registration:
    """Register a person (name, email, unit, sector, job_title) for a session: a seat while there is
    one (within the municipality's quota, if any), else the waitlist. `waitlist=True` asks for the
    waitlist only (the next round's session after this round's deadline). Raises RegistrationError."""
    email = values["email"].strip().lower()
    with transaction.atomic():
        locked = Session.objects.select_for_update().select_related("course", "round").get(pk=session.pk)
        open_for_waitlist = (
            waitlist
            and locked.status in (SessionStatus.PLANNED, SessionStatus.OPEN)
            and (today or timezone.localdate()) <= locked.registration_deadline
        )
        if not open_for_waitlist:
            check_open(locked, today=today)
        existing = (
            Registration.objects.filter(
                email=email, course=locked.course, round=locked.round, status__in=ACTIVE_STATUSES
            )
            .select_related("session", "course")
            .first()
        )
        if existing is not None:
            raise AlreadyRegistered(existing)
        status = (
            RegistrationStatus.CONFIRMED
            if not waitlist and _has_room(locked, municipality.pk)
            else RegistrationStatus.WAITLISTED
        )
        try:
            with transaction.atomic():
                registration = create_tracked(
                    Registration,
                    actor=actor,
                    reason=_("Registered") if status == RegistrationStatus.CONFIRMED else _("Put on the waitlist"),
                    values={
                        **{name: values.get(name, "") for name in ("name", "unit", "sector", "job_title")},
                        "email": email,
                        "session": locked,
                        "course": locked.course,
                        "round": locked.round,
                        "municipality": municipality,
                        "status": status,
                        "user": user,
                    },
                )
        except IntegrityError as error:  # the same address registering twice at the same moment
            existing = Registration.objects.filter(
                email=email, course=locked.course, round=locked.round, status__in=ACTIVE_STATUSES
            ).first()
            if existing is None:
                raise
            raise AlreadyRegistered(existing) from error
        _queue_email(registration, EmailKind.CONFIRMATION)
        return registration


def send_registration_link(*, registration: Registration) -> None:
    """E-mail the participant the link to their registration, when someone types their address on a
    public page where it already has a place. Sent once per registration, so the public form cannot be
    used to fill a colleague's inbox; the confirmation holds the same link."""
    _queue_email(registration, EmailKind.EXISTING_LINK)


def _fill_from_waitlist(session: Session, *, actor: User | None) -> list[Registration]:
    """Give free seats to the waitlist in order (skipping those whose municipality's quota is full).
    The caller holds the session's row lock."""
    promoted = []
    for candidate in Registration.objects.select_for_update().filter(
        session=session, status=RegistrationStatus.WAITLISTED
    ):
        if not _has_room(session, candidate.municipality_id):
            if Registration.objects.filter(session=session, status=RegistrationStatus.CONFIRMED).count() >= (
                session.capacity
            ):
                break
            continue
        candidate.status = RegistrationStatus.CONFIRMED
        candidate.promoted_at = timezone.now()
        save_new_version(candidate, actor=actor, reason=_("Moved from the waitlist"))
        _queue_email(candidate, EmailKind.PROMOTED)
        promoted.append(candidate)
    return promoted


def cancel_registration(*, registration: Registration, actor: User | None = None) -> bool:
    """Cancel a place or a waitlist place and confirm it to the participant by e-mail; a freed seat goes to
    the first on the waitlist, who is told by e-mail. Returns False (and sends nothing) when it was already
    cancelled (a cancel link used twice)."""
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=registration.session_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status == RegistrationStatus.CANCELLED:
            return False
        had_seat = current.status == RegistrationStatus.CONFIRMED
        current.status = RegistrationStatus.CANCELLED
        current.attendance = Attendance.UNKNOWN
        current.cancelled_at = timezone.now()
        save_new_version(current, actor=actor, reason=_("Cancelled"))
        _queue_email(current, CANCELLATION_EMAIL)
        if had_seat and session.status not in (SessionStatus.CANCELLED, SessionStatus.COMPLETED):
            _fill_from_waitlist(session, actor=actor)
        return True


def cancel_session(*, session: Session, actor: User | None, reason: str) -> int:
    """Cancel a session ("Avlyst"): nothing is deleted; every registrant is told and offered the other
    dates. Returns how many were told."""
    with transaction.atomic():
        current = Session.objects.select_for_update().get(pk=session.pk)
        if current.status == SessionStatus.CANCELLED:
            return 0
        current.status = SessionStatus.CANCELLED
        save_new_version(current, actor=actor, reason=reason or _("Cancelled"))
        told = 0
        for registration in Registration.objects.select_for_update().filter(
            session=current, status__in=ACTIVE_STATUSES
        ):
            registration.status = RegistrationStatus.CANCELLED
            registration.cancelled_at = timezone.now()
            save_new_version(registration, actor=actor, reason=_("The session was cancelled"))
            _queue_email(registration, EmailKind.SESSION_CANCELLED)
            told += 1
        return told


class AttendanceError(ValueError):
    """Attendance or certificates the rules refuse (a session not started yet, or cancelled)."""


def check_held(session: Session, *, today: datetime.date | None = None) -> None:
    """Raise AttendanceError unless the session has started and is not cancelled."""
    today = today or timezone.localdate()
    if session.status == SessionStatus.CANCELLED:
        raise AttendanceError(_("This session is cancelled: there is no attendance to record."))
    if today < session.starts_on:
        raise AttendanceError(
            _("Attendance and certificates can be recorded from the first day of the session, %(date)s.")
            % {"date": formats.date_format(session.starts_on, "SHORT_DATE_FORMAT")}
        )


def mark_attendance(
    *, session: Session, actor: User, attendance: dict[int, str], today: datetime.date | None = None
) -> int:
    """Record attended / no-show for registered participants; returns how many changed. Raises
    AttendanceError before the session's first day and for a cancelled session."""
    allowed = set(Attendance.values)
    changed = 0
    with transaction.atomic():
        check_held(Session.objects.select_for_update().get(pk=session.pk), today=today)
        for registration in Registration.objects.select_for_update().filter(
            session=session, status=RegistrationStatus.CONFIRMED, pk__in=list(attendance)
        ):
            value = attendance[registration.pk]
            if value not in allowed or registration.attendance == value:
                continue
            registration.attendance = value
            save_new_version(registration, actor=actor, reason=_("Attendance"))
            changed += 1
    return changed


def issue_certificates(
    *,
    session: Session,
    actor: User,
    registrations: list[Registration] | None = None,
    today: datetime.date | None = None,
) -> int:
    """Stamp the certificate date on attended participants who have none yet (the PDF shows it).
    Raises AttendanceError before the session's first day and for a cancelled session."""
    issued = 0
    with transaction.atomic():
        check_held(Session.objects.select_for_update().get(pk=session.pk), today=today)
        rows = Registration.objects.select_for_update().filter(
            session=session, attendance=Attendance.ATTENDED, certificate_issued_at__isnull=True
        )
        if registrations is not None:
            rows = rows.filter(pk__in=[registration.pk for registration in registrations])
        for registration in rows:
            registration.certificate_issued_at = timezone.now()
            save_state_change(registration, actor=actor, reason=_("Certificate issued"))
            issued += 1
    return issued
