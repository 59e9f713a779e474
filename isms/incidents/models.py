"""Avvik: the register of security deviations and personal-data breaches (GDPR Art. 33(5)).

An avvik is one aggregate: its measures and its links to processing activities and systems are
children whose every write moves the avvik's version, so the leader's sign-off pinned to "version N"
covers all of it. Reporting, the DPO's advice, the decision, the notification to Datatilsynet and
closing are workflow steps written to history without a new version.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from isms.core.fields import ChoiceSetField
from isms.core.models import AppendOnly, DecidedByLeader, Municipality, SignedRoot
from isms.core.tracking import TrackedModel
from isms.protocol.models import SpecialCategory
from risk.models import Security

# Art. 33(1): notify "not later than 72 hours after having become aware of it".
NOTIFICATION_DEADLINE = timedelta(hours=72)


def new_token() -> str:
    return secrets.token_urlsafe(24)


class IncidentKind(models.TextChoices):
    SECURITY = "security", _("Security deviation")
    BREACH = "breach", _("Personal data breach")
    BOTH = "both", _("Security deviation and personal data breach")


class PersonalData(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Don't know")


class IncidentStatus(models.TextChoices):
    REPORTED = "reported", _("Reported")
    HANDLING = "handling", _("Under handling")
    AWAITING_DECISION = "awaiting_decision", _("Awaiting decision")
    DECIDED = "decided", _("Decided")
    CLOSED = "closed", _("Closed")


class Channel(models.TextChoices):
    LOGGED_IN = "logged_in", _("Logged in")
    PUBLIC_LINK = "public_link", _("The municipality's report link")


class NotificationChoice(models.TextChoices):
    NOTIFY = "notify", _("Notify Datatilsynet")
    NOT_NOTIFY = "not_notify", _("Do not notify: unlikely to result in a risk")


class ReportLink(TrackedModel):
    """The municipality's link for reporting an avvik without an account. Rotating it retires the token."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="incident_links")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("report link")
        verbose_name_plural = _("report links")
        constraints = [
            models.UniqueConstraint(fields=["municipality"], condition=Q(active=True), name="one_active_incident_link")
        ]

    def __str__(self) -> str:
        return str(self.municipality)

    @property
    def change_reason_required(self) -> bool:
        return False

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("incidents:public_report", args=[self.token])


class IncidentQuerySet(models.QuerySet):
    def clock_applies(self) -> models.QuerySet:
        """Avvik the 72-hour clock runs for: a breach, or personal data involved and not yet classified."""
        return self.filter(
            Q(kind__in=[IncidentKind.BREACH, IncidentKind.BOTH]) | (Q(kind="") & ~Q(personal_data=PersonalData.NO))
        )

    def awaiting_notification(self) -> models.QuerySet:
        """The clock still runs: not notified and not decided that no notification is needed."""
        return (
            self.clock_applies()
            .filter(notified_at__isnull=True)
            .exclude(last_decision="approved", notification_decision=NotificationChoice.NOT_NOTIFY)
        )

    def past_deadline(self, now) -> models.QuerySet:
        return self.awaiting_notification().filter(discovered_at__lt=now - NOTIFICATION_DEADLINE)

    def open(self) -> models.QuerySet:
        return self.exclude(status=IncidentStatus.CLOSED)


class Incident(SignedRoot, DecidedByLeader, TrackedModel):
    """One avvik of a municipality: the report, its handling, the advice, the decision, the notification."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="incidents")
    number = models.PositiveIntegerField(_("number"))
    # The report
    title = models.CharField(_("short description"), max_length=200)
    description = models.TextField(_("what happened"))
    occurred_at = models.DateTimeField(_("occurred"), null=True, blank=True)
    discovered_at = models.DateTimeField(_("discovered"))
    reported_at = models.DateTimeField(_("reported"))
    unit = models.CharField(_("unit"), max_length=200, blank=True)
    system_text = models.CharField(_("system or processing activity, as reported"), max_length=300, blank=True)
    personal_data = models.CharField(_("personal data involved"), max_length=10, choices=PersonalData)
    reporter_name = models.CharField(_("reported by"), max_length=200, blank=True)
    reporter_email = models.EmailField(_("reporter's e-mail"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(_("reported through"), max_length=12, choices=Channel)
    receipt_sent_at = models.DateTimeField(_("receipt e-mailed"), null=True, blank=True)
    # The handling
    kind = models.CharField(_("classification"), max_length=10, choices=IncidentKind, blank=True)
    security = ChoiceSetField(_("properties affected"), choices=Security)
    data_subject_categories = models.TextField(_("categories of data subjects"), blank=True)
    data_subject_count = models.PositiveIntegerField(_("approximate number of data subjects"), null=True, blank=True)
    data_categories = models.TextField(_("categories of personal data"), blank=True)
    record_count = models.PositiveIntegerField(_("approximate number of records"), null=True, blank=True)
    special_categories = ChoiceSetField(_("special categories (Art. 9)"), choices=SpecialCategory)
    consequences = models.TextField(_("likely consequences"), blank=True)
    foreseen_by = models.ForeignKey(
        "risk.RiskScenario",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ROS scenario that foresaw it"),
    )
    proposed_scenario = models.TextField(
        _("new ROS scenario proposed"),
        blank=True,
        help_text=_("When no scenario of a ROS analysis foresaw this: the unwanted event to add."),
    )
    # The workflow (who decides, who sent it and when: DecidedByLeader)
    status = models.CharField(_("status"), max_length=20, choices=IncidentStatus, default=IncidentStatus.REPORTED)
    notification_decision = models.CharField(
        _("decision on notification"), max_length=12, choices=NotificationChoice, blank=True
    )
    inform_data_subjects = models.BooleanField(_("inform the data subjects (Art. 34)"), null=True, blank=True)
    notified_at = models.DateTimeField(_("notified to Datatilsynet"), null=True, blank=True)
    authority_reference = models.CharField(_("Datatilsynet's reference"), max_length=100, blank=True)
    delay_reason = models.TextField(_("reason for the delay (Art. 33(1))"), blank=True)
    subjects_informed_at = models.DateTimeField(_("data subjects informed"), null=True, blank=True)
    subject_notice = models.TextField(_("notice to the data subjects (Art. 34)"), blank=True)
    lessons_learned = models.TextField(_("lessons learned"), blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    objects = IncidentQuerySet.as_manager()

    class Meta:
        verbose_name = _("avvik")
        verbose_name_plural = _("avvik")
        ordering = ["-discovered_at", "-pk"]
        indexes = [
            models.Index(fields=["municipality", "status"]),
            models.Index(fields=["municipality", "discovered_at"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "number"], name="incident_number_once"),
            models.CheckConstraint(
                condition=Q(occurred_at__isnull=True) | Q(occurred_at__lte=models.F("discovered_at")),
                name="incident_occurred_before_discovered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def reference(self) -> str:
        """How people cite an avvik: year of discovery and the municipality's running number."""
        from django.utils import timezone

        return f"{timezone.localtime(self.discovered_at):%Y}-{self.number:03d}"

    # A decided or closed avvik that is edited goes back to handling; "Endret etter godkjenning" shows there.
    REOPENED_STATUSES = (IncidentStatus.HANDLING,)

    @property
    def change_reason_required(self) -> bool:
        """The handlers may complete a fresh report freely; once it has gone to the leader, every change says why."""
        return (
            self.status not in (IncidentStatus.REPORTED, IncidentStatus.HANDLING)
            or self.last_signed_version is not None
        )

    @property
    def deadline(self):
        return self.discovered_at + NOTIFICATION_DEADLINE

    @property
    def is_breach(self) -> bool:
        return self.kind in (IncidentKind.BREACH, IncidentKind.BOTH)

    @property
    def security_letters(self) -> str:
        return ", ".join(str(Security(value).label)[0] for value in self.security)

    @property
    def special_categories_text(self) -> str:
        return ", ".join(self._meta.get_field("special_categories").labels(self.special_categories))


class MeasureTiming(models.TextChoices):
    TAKEN = "taken", _("Taken")
    PLANNED = "planned", _("Planned")


class IncidentMeasure(TrackedModel):
    """A measure taken or planned after an avvik; it may be (or become) a measure of a ROS analysis."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="measures")
    title = models.CharField(_("measure"), max_length=200)
    timing = models.CharField(_("taken or planned"), max_length=8, choices=MeasureTiming, default=MeasureTiming.TAKEN)
    owner = models.CharField(_("responsible"), max_length=200, blank=True)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    ros_measure = models.ForeignKey(
        "risk.RiskMeasure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("measure in a ROS analysis"),
    )

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["timing", "due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class IncidentProcessing(TrackedModel):
    """That a processing activity of the protocol was involved (a child of the avvik, with history)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="processing_links")
    processing_activity = models.ForeignKey("protocol.ProcessingActivity", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["incident", "processing_activity"], name="incident_processing_once")
        ]

    def __str__(self) -> str:
        return str(self.processing_activity_id)


class IncidentSystem(TrackedModel):
    """That a system the municipality uses was involved (a child of the avvik, with history)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="system_links")
    system_use = models.ForeignKey("protocol.SystemUse", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["incident", "system_use"], name="incident_system_once")]

    def __str__(self) -> str:
        return str(self.system_use_id)


class NotificationAdvice(AppendOnly):
    """The DPO's written advice on notifying Datatilsynet and the data subjects, pinned to the version read.
    Append-only: new advice is a new row."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="advice")
    root_version = models.PositiveIntegerField(_("version advised on"))
    dpo = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    notify = models.CharField(_("advice on notification"), max_length=12, choices=NotificationChoice)
    inform_data_subjects = models.BooleanField(_("inform the data subjects (Art. 34)"))
    reasons = models.TextField(_("reasons"))
    given_at = models.DateTimeField(_("given"), auto_now_add=True)

    class Meta:
        verbose_name = _("the DPO's advice on notification")
        verbose_name_plural = _("the DPO's advice on notification")
        ordering = ["given_at", "pk"]

    def __str__(self) -> str:
        return self.get_notify_display()
