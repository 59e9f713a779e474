"""Courses of "Sikker kommune Helgeland": courses, rounds (puljer), sessions with bought seats, the
registration links sent to each municipality, and the participants' registrations.

Courses, rounds and sessions are cooperation-level; a registration belongs to a municipality. The
participants' personal data is anonymised a number of months after their session (training/retention.py).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from isms.core.models import Municipality
from isms.core.tracking import TrackedModel
from isms.protocol.models import Sector


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Course(TrackedModel):
    key = models.SlugField(_("key"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    target_group = models.CharField(_("target group"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def change_reason_required(self) -> bool:
        return False  # course administration, not signed content: a reason is welcome, not required


class Round(TrackedModel):
    """A round of courses (pulje 1 2023, pulje 2 2024)."""

    number = models.PositiveIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["number"]

    def __str__(self) -> str:
        return self.name


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open for registration")
    CLOSED = "closed", _("Registration closed")
    CANCELLED = "cancelled", _("Cancelled")
    COMPLETED = "completed", _("Completed")


class Session(TrackedModel):
    """One date of a course in a round; `capacity` is the number of seats bought."""

    course = models.ForeignKey(Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="sessions")
    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.PROTECT, related_name="sessions")
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online = models.BooleanField(_("online"), default=False)
    capacity = models.PositiveIntegerField(_("seats"), validators=[MinValueValidator(1)])
    registration_deadline = models.DateField(_("registration deadline"))
    status = models.CharField(_("status"), max_length=10, choices=SessionStatus, default=SessionStatus.PLANNED)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_on", "course__title"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="session_ends_after_start"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="session_has_seats"),
            models.CheckConstraint(
                condition=Q(registration_deadline__lte=models.F("starts_on")), name="session_deadline_before_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course.title}, {self.dates_display}"

    @property
    def change_reason_required(self) -> bool:
        return False  # course administration, not signed content: a reason is welcome, not required

    @property
    def dates_display(self) -> str:
        from django.utils import formats

        start = formats.date_format(self.starts_on, "SHORT_DATE_FORMAT")
        if self.ends_on == self.starts_on:
            return start
        return f"{start}–{formats.date_format(self.ends_on, 'SHORT_DATE_FORMAT')}"

    @property
    def attendance_open(self) -> bool:
        """Attendance (and so certificates) can be recorded from the first day of a session not cancelled."""
        return self.status != SessionStatus.CANCELLED and timezone.localdate() >= self.starts_on

    @property
    def free_seats(self) -> int:
        """Seats left; needs the `confirmed_count` annotation of training.selectors."""
        return max(0, self.capacity - self.confirmed_count)

    @property
    def place_display(self) -> str:
        if self.online:
            return f"{self.place} ({_('online')})" if self.place else str(_("Online"))
        return self.place


class SeatQuota(TrackedModel):
    """Optional: the seats of a session kept for one municipality."""

    session = models.ForeignKey(Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="quotas")
    municipality = models.ForeignKey(Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT)
    seats = models.PositiveIntegerField(_("seats"))

    class Meta:
        verbose_name = _("seat quota")
        verbose_name_plural = _("seat quotas")
        constraints = [
            models.UniqueConstraint(fields=["session", "municipality"], name="seat_quota_once_per_municipality"),
        ]

    def __str__(self) -> str:
        return f"{self.session} – {self.municipality}: {self.seats}"

    @property
    def change_reason_required(self) -> bool:
        return False  # course administration, not signed content: a reason is welcome, not required


class RegistrationLink(TrackedModel):
    """The link a municipality's staff register from, for one round. Rotating it retires the old token."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="course_links"
    )
    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.PROTECT, related_name="links")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("registration link")
        verbose_name_plural = _("registration links")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "round"], condition=Q(active=True), name="one_active_link_per_round"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} – {self.municipality}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("training:public_register", args=[self.token])


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Registered")
    WAITLISTED = "waitlisted", _("On the waitlist")
    CANCELLED = "cancelled", _("Unregistered")


class Attendance(models.TextChoices):
    UNKNOWN = "", _("Not marked")
    ATTENDED = "attended", _("Attended")
    NO_SHOW = "no_show", _("Did not attend")


ACTIVE_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)


class Registration(TrackedModel):
    """One person's place (or waitlist place) in a session. `course` and `round` repeat the session's so
    the database itself refuses two places in the same course in one round for one e-mail address."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.PROTECT, related_name="registrations"
    )
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="+", editable=False)
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="+", editable=False)
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="course_registrations"
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"), max_length=254, blank=True)
    unit = models.CharField(_("unit"), max_length=150, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector, blank=True)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus)
    attendance = models.CharField(_("attendance"), max_length=10, choices=Attendance, blank=True, default="")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="course_registrations",
    )
    # The participant's own link to see or cancel the registration.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    promoted_at = models.DateTimeField(_("moved from the waitlist"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    certificate_issued_at = models.DateTimeField(_("certificate issued"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["session", "status", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["email", "course", "round"],
                condition=Q(status__in=["confirmed", "waitlisted"]) & ~Q(email=""),
                name="one_place_per_course_and_round",
            ),
            models.CheckConstraint(
                condition=Q(attendance="") | Q(status="confirmed"), name="attendance_only_for_registered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.session}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def change_reason_required(self) -> bool:
        return False


class EmailKind(models.TextChoices):
    CONFIRMATION = "confirmation", _("Confirmation")
    PROMOTED = "promoted", _("Moved from the waitlist")
    SESSION_CANCELLED = "session_cancelled", _("Session cancelled")
    REMINDER_7 = "reminder_7", _("Reminder a week before")
    REMINDER_1 = "reminder_1", _("Reminder the day before")
    EXISTING_LINK = "existing_link", _("Link to an existing registration")


# The confirmation of a cancellation. The cancel service queues it only on the one call that cancels (a
# cancel link used twice cancels once), so it needs no ParticipantEmail row, and a new EmailKind would be
# a migration of the bookkeeping's choices for nothing.
CANCELLATION_EMAIL = "cancelled"


class ParticipantEmail(models.Model):
    """Which e-mail a participant has been sent: the tasks send each kind once (bookkeeping, not ISMS
    content, so not tracked; it holds no address)."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="emails")
    kind = models.CharField(max_length=20, choices=EmailKind)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["registration", "kind"], name="participant_email_once_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} {self.kind}"
