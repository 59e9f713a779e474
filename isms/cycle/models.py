"""The management system's year: the municipality's årshjul with its activities, its kartlegging (a maturity
self-assessment against a versioned questionnaire of the template library) and the yearly management review.

Each is one aggregate: a write to an activity, answer or decision also writes the root's next version.
"""

from __future__ import annotations

import calendar
import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from isms.core.fields import ChoiceSetField
from isms.core.models import AdoptedFromTemplate, Municipality, SignedRoot
from isms.core.tracking import TrackedModel

MONTHS = [(str(number), label) for number, label in enumerate(
    [_("January"), _("February"), _("March"), _("April"), _("May"), _("June"), _("July"), _("August"),
     _("September"), _("October"), _("November"), _("December")], start=1)]  # fmt: skip
MATURITY_LEVELS = range(5)


class ActivityKind(models.TextChoices):
    """What an activity concerns; the kinds in SYSTEM_KINDS are marked done from the records themselves."""

    ROS_REVISION = "ros", _("ROS revision")
    PROTOCOL_REVIEW = "protocol", _("Review of the record of processing")
    AGREEMENT_REVIEW = "agreements", _("Review of data processing agreements")
    DPIA_REVIEW = "dpia", _("DPIA review")
    COURSE = "course", _("Course and training")
    INTERNAL_CONTROL = "internal_control", _("Internal control")
    MATURITY = "maturity", _("Kartlegging")
    MANAGEMENT_REVIEW = "management_review", _("Management review")
    BOARD = "board", _("Board and council meeting")
    REPORTING = "reporting", _("Reporting")
    OTHER = "other", _("Other")


# Done when the records say so: a ROS analysis signed, every processing activity reviewed, a kartlegging
# completed, the management review signed, in the activity's year (see selectors.system_completions).
SYSTEM_KINDS = frozenset(
    {ActivityKind.ROS_REVISION, ActivityKind.PROTOCOL_REVIEW, ActivityKind.MATURITY, ActivityKind.MANAGEMENT_REVIEW}
)


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    SKIPPED = "skipped", _("Skipped")


OPEN_STATUSES = (ActivityStatus.PLANNED, ActivityStatus.IN_PROGRESS)


class AnnualCycle(AdoptedFromTemplate, TrackedModel):
    """A municipality's årshjul for one year (the root of its activities)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="annual_cycles", verbose_name=_("municipality")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    title = models.CharField(_("title"), max_length=200)
    scope = models.TextField(_("scope"), blank=True)

    class Meta:
        verbose_name = _("annual cycle")
        verbose_name_plural = _("annual cycles")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["municipality", "year"], name="annual_cycle_once_per_year")]

    def __str__(self) -> str:
        return f"{self.title} {self.year}"

    @property
    def change_reason_required(self) -> bool:
        return False


class CycleActivity(TrackedModel):
    """One activity of an årshjul: what, in which months, who is responsible, and how far it has come."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    cycle = models.ForeignKey(AnnualCycle, on_delete=models.CASCADE, related_name="activities")
    title = models.CharField(_("activity"), max_length=200)
    kind = models.CharField(_("concerns"), max_length=20, choices=ActivityKind, default=ActivityKind.OTHER)
    months = ChoiceSetField(_("months"), choices=MONTHS, blank=False)
    # The last of `months`, kept by the services so "overdue" is one filter in the database.
    due_month = models.PositiveSmallIntegerField(
        _("due month"), default=12, validators=[MinValueValidator(1), MaxValueValidator(12)], editable=False
    )
    responsible_role = models.CharField(_("responsible role"), max_length=200, blank=True)
    owner = models.CharField(_("owner"), max_length=200, blank=True, help_text=_("The person who does it."))
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ActivityStatus, default=ActivityStatus.PLANNED)
    skip_reason = models.TextField(_("why it was skipped"), blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    template_key = models.CharField(_("from the cooperation's årshjul"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["pk"]
        indexes = [models.Index(fields=["municipality", "status", "due_month"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="skipped") | ~Q(skip_reason=""), name="activity_skip_has_reason"
            ),
            models.CheckConstraint(condition=Q(due_month__gte=1, due_month__lte=12), name="activity_due_month_1_12"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def month_numbers(self) -> list[int]:
        return sorted(int(month) for month in self.months)

    def due_on(self, year: int) -> datetime.date:
        """The last day of the activity's last month."""
        last = max(self.month_numbers or [12])
        return datetime.date(year, last, calendar.monthrange(year, last)[1])

    @property
    def done_by_system(self) -> bool:
        return self.kind in SYSTEM_KINDS


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Being answered")
    COMPLETED = "completed", _("Completed")


class Assessment(AdoptedFromTemplate, TrackedModel):
    """A kartlegging: the municipality's answers to one published version of a questionnaire, for a date.

    `template_version` pins the version answered; a newer version of the questionnaire changes nothing here.
    """

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("municipality")
    )
    title = models.CharField(_("title"), max_length=200)
    assessed_on = models.DateField(_("date of the kartlegging"))
    status = models.CharField(_("status"), max_length=10, choices=AssessmentStatus, default=AssessmentStatus.DRAFT)
    participants = models.TextField(_("participants"), blank=True)
    completed_on = models.DateField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("kartlegging")
        verbose_name_plural = _("kartlegginger")
        ordering = ["-assessed_on", "-pk"]
        indexes = [models.Index(fields=["municipality", "status", "assessed_on"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.assessed_on:%d.%m.%Y})"

    @property
    def change_reason_required(self) -> bool:
        return self.status == AssessmentStatus.COMPLETED


class AssessmentAnswer(TrackedModel):
    """The answer to one question: a maturity level 0–4, a comment and where the evidence is."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question_key = models.CharField(_("question"), max_length=80)
    area = models.CharField(_("area"), max_length=100)
    level = models.PositiveSmallIntegerField(
        _("maturity level"), null=True, blank=True, validators=[MaxValueValidator(4)]
    )
    comment = models.TextField(_("comment"), blank=True)
    evidence_url = models.URLField(_("evidence link"), blank=True, max_length=500)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question_key"], name="answer_once_per_question"),
            models.CheckConstraint(condition=Q(level__isnull=True) | Q(level__lte=4), name="answer_level_0_to_4"),
        ]

    def __str__(self) -> str:
        return self.question_key


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Signed")


class ManagementReview(SignedRoot, TrackedModel):
    """Ledelsens gjennomgang of one municipality and year: the inputs the system gathered (a snapshot, so
    the signed version says what the leader read), the editor's assessments, the leader's decisions."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="management_reviews", verbose_name=_("municipality")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    held_on = models.DateField(_("date of the review"), null=True, blank=True)
    participants = models.TextField(_("participants"), blank=True)
    inputs = models.JSONField(_("inputs"), default=dict, blank=True)
    inputs_gathered_at = models.DateTimeField(_("inputs gathered"), null=True, blank=True)
    assessment_records = models.TextField(_("assessment of the records"), blank=True,
                                          help_text=_("Protocol, agreements, ROS and DPIA."))  # fmt: skip
    assessment_incidents = models.TextField(_("assessment of incidents and training"), blank=True)
    assessment_maturity = models.TextField(_("assessment of the kartlegging"), blank=True)
    assessment_previous = models.TextField(_("assessment of last year's decisions"), blank=True)
    conclusion = models.TextField(_("overall conclusion"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ReviewStatus, default=ReviewStatus.DRAFT)
    previous = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("previous review")
    )

    class Meta:
        verbose_name = _("management review")
        verbose_name_plural = _("management reviews")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["municipality", "year"], name="management_review_once_per_year")]

    def __str__(self) -> str:
        return str(_("Management review %(year)s") % {"year": self.year})


class DecisionKind(models.TextChoices):
    DECISION = "decision", _("Decision")
    IMPROVEMENT = "improvement", _("Improvement")


class DecisionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Carried out")
    NOT_DONE = "not_done", _("Not carried out")


class ReviewDecision(TrackedModel):
    """A decision or improvement of a management review, with owner and deadline; next year's review
    starts from the ones still open (`carried_from`)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    review = models.ForeignKey(ManagementReview, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(_("kind"), max_length=12, choices=DecisionKind, default=DecisionKind.DECISION)
    title = models.CharField(_("decision"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    owner = models.CharField(_("responsible"), max_length=200, blank=True)
    due_on = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=DecisionStatus, default=DecisionStatus.OPEN)
    carried_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("carried from")
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title
