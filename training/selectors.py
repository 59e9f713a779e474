"""Reads of the courses app: sessions with their seat counts, what a registration link offers, a
session's participants and the statistics, each in a constant number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Case, Count, Q, QuerySet, Value, When
from django.utils import timezone

from isms.core.models import Municipality

from .forms import SessionChoice
from .models import (
    Attendance,
    Course,
    Registration,
    RegistrationLink,
    RegistrationStatus,
    Round,
    SeatQuota,
    Session,
    SessionStatus,
)

CONFIRMED = Q(registrations__status=RegistrationStatus.CONFIRMED)


def sessions_with_counts(queryset: QuerySet[Session] | None = None) -> QuerySet[Session]:
    queryset = Session.objects.all() if queryset is None else queryset
    return queryset.select_related("course", "round").annotate(
        confirmed_count=Count("registrations", filter=CONFIRMED),
        waitlisted_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)),
        attended_count=Count("registrations", filter=Q(registrations__attendance=Attendance.ATTENDED)),
    )


def rounds_without_sessions() -> QuerySet[Round]:
    return Round.objects.exclude(sessions__isnull=False).order_by("number")


def rounds() -> QuerySet[Round]:
    return Round.objects.order_by("number")


def courses() -> QuerySet[Course]:
    return Course.objects.order_by("title")


def open_sessions(*, today: datetime.date) -> QuerySet[Session]:
    """Sessions that take registrations today (inside a municipality: the editor's registration form)."""
    return sessions_with_counts(
        Session.objects.filter(status=SessionStatus.OPEN, registration_deadline__gte=today)
    ).order_by("starts_on", "pk")


def seat_quotas(session: Session) -> QuerySet[SeatQuota]:
    return SeatQuota.objects.filter(session=session).select_related("municipality").order_by("municipality__name")


def attended_registrations() -> QuerySet[Registration]:
    """Registrations a course certificate may be printed for."""
    return Registration.objects.select_related("session__course", "session__round", "municipality").filter(
        attendance=Attendance.ATTENDED
    )


def round_links(round_: Round) -> list[tuple[Municipality, RegistrationLink | None]]:
    """Every municipality with its active registration link for the round (or None), by name."""
    links = {
        link.municipality_id: link
        for link in RegistrationLink.objects.filter(round=round_, active=True).select_related("municipality")
    }
    return [(municipality, links.get(municipality.pk)) for municipality in Municipality.objects.order_by("name")]


def active_link(token: str) -> RegistrationLink | None:
    return (
        RegistrationLink.objects.filter(token=token, active=True).select_related("municipality", "round").first()
        if token
        else None
    )


@dataclass
class PublicOffer:
    """What a registration link shows: every session of the round, and the ones that can be chosen."""

    sessions: list[Session]
    choices: list[SessionChoice]
    next_round: Round | None
    today: datetime.date

    @property
    def offers_next_round(self) -> bool:
        return self.next_round is not None and any(
            choice.session.round_id == self.next_round.pk for choice in self.choices
        )


def public_offer(link: RegistrationLink, *, today: datetime.date | None = None) -> PublicOffer:
    """Open sessions before their deadline can be chosen; for a course whose every date in this round
    is past its deadline, the next round's sessions of that course are offered as waitlist."""
    today = today or timezone.localdate()
    sessions = list(sessions_with_counts(Session.objects.filter(round=link.round)).order_by("starts_on", "pk"))
    choices = [
        SessionChoice(session)
        for session in sessions
        if session.status == SessionStatus.OPEN and session.registration_deadline >= today
    ]
    open_courses = {choice.session.course_id for choice in choices}
    closed_courses = {
        session.course_id
        for session in sessions
        if session.course_id not in open_courses and session.registration_deadline < today
    }
    next_round = Round.objects.filter(number__gt=link.round.number).order_by("number").first()
    if closed_courses and next_round is not None:
        later = sessions_with_counts(
            Session.objects.filter(
                round=next_round,
                course_id__in=closed_courses,
                status__in=[SessionStatus.PLANNED, SessionStatus.OPEN],
                registration_deadline__gte=today,
            )
        ).order_by("starts_on", "pk")
        # A next-round session that is already open takes registrations as usual (seats, then waitlist).
        choices += [SessionChoice(session, waitlist_only=session.status != SessionStatus.OPEN) for session in later]
    return PublicOffer(sessions=sessions, choices=choices, next_round=next_round, today=today)


STATUS_ORDER = Case(
    When(status=RegistrationStatus.CONFIRMED, then=Value(0)),
    When(status=RegistrationStatus.WAITLISTED, then=Value(1)),
    default=Value(2),
)


def participants(session: Session) -> list[Registration]:
    """Registered first, then the waitlist in turn, the cancelled last."""
    return list(
        Registration.objects.filter(session=session)
        .select_related("municipality")
        .order_by(STATUS_ORDER, "created_at", "pk")
    )


def registrations_of(municipality: Municipality) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(municipality=municipality)
        .select_related("session__course", "session__round")
        .order_by("-session__starts_on", "name")
    )


def my_registrations(user) -> QuerySet[Registration]:
    """A logged-in person's own places: those made with their account or their address."""
    return (
        Registration.objects.filter(Q(user=user) | Q(email=user.email.lower()))
        .exclude(email="", user__isnull=True)
        .select_related("session__course", "session__round", "municipality")
        .order_by("-session__starts_on")
    )


@dataclass
class MunicipalityFigures:
    municipality: Municipality
    registered: int
    waitlisted: int
    attended: int

    @property
    def per_thousand(self) -> float | None:
        population = self.municipality.population
        return round(1000 * self.registered / population, 2) if population else None

    @property
    def has_none(self) -> bool:
        return self.registered == 0 and self.waitlisted == 0


def statistics(municipalities: QuerySet[Municipality], *, round_id: int | None = None, course_id: int | None = None):
    """Registered, waitlisted and attended per municipality (per 1000 inhabitants too), per course and
    round and per sector, over the municipalities the reader may see."""
    registrations = Registration.objects.filter(municipality__in=municipalities)
    scope = Q()
    if round_id:
        registrations = registrations.filter(round_id=round_id)
        scope &= Q(course_registrations__round_id=round_id)
    if course_id:
        registrations = registrations.filter(course_id=course_id)
        scope &= Q(course_registrations__course_id=course_id)

    def count(**lookup) -> Count:
        return Count(
            "course_registrations",
            filter=scope & Q(**{f"course_registrations__{key}": value for key, value in lookup.items()}),
        )

    by_municipality = [
        MunicipalityFigures(m, m.registered, m.waitlisted, m.attended)
        for m in municipalities.annotate(
            registered=count(status=RegistrationStatus.CONFIRMED),
            waitlisted=count(status=RegistrationStatus.WAITLISTED),
            attended=count(attendance=Attendance.ATTENDED),
        ).order_by("name")
    ]
    totals = {
        "registered": Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        "waitlisted": Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
        "attended": Count("pk", filter=Q(attendance=Attendance.ATTENDED)),
    }
    by_course = list(
        registrations.values("round__number", "round__name", "course__title")
        .annotate(**totals)
        .order_by("round__number", "course__title")
    )
    by_sector = list(registrations.values("sector").annotate(**totals).order_by("sector"))
    return by_municipality, by_course, by_sector
