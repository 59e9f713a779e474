"""DPIA (Art. 35): the screening of a processing activity, and the assessment itself as one aggregate —
context, principles, risks to the data subjects and the action plan — with the DPO's advice and the
leader's decision as sign-offs pinned to its version."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThanOrEqual
from django.utils.translation import gettext_lazy as _

from isms.core.models import AdoptedFromTemplate, AppendOnly, DecidedByLeader, Municipality, SignedRoot, SignOff
from isms.core.tracking import TrackedModel

HIGH_LEVEL = 3  # "betydelig": a residual risk at or above this in both severity and likelihood is high


class ScreeningItemKind(models.TextChoices):
    CRITERION = "criterion", _("WP248 criterion")
    LISTED = "listed", _("Datatilsynet's list")


class ScreeningItem(TrackedModel):
    """A question of the screening (fixtures/kins_templates/dpia_screening.yaml)."""

    kind = models.CharField(_("kind"), max_length=10, choices=ScreeningItemKind)
    key = models.SlugField(_("key"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=300)
    explanation = models.TextField(_("explanation"), blank=True)
    example = models.TextField(_("example"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("screening question")
        verbose_name_plural = _("screening questions")
        ordering = ["kind", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class ScreeningResult(models.TextChoices):
    REQUIRED = "required", _("DPIA required")
    RECOMMENDED = "recommended", _("DPIA recommended")
    NOT_REQUIRED = "not_required", _("DPIA not required")


class Screening(TrackedModel):
    """Whether a processing activity needs a DPIA: the criteria that apply and the conclusion."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    processing_activity = models.OneToOneField(
        "protocol.ProcessingActivity", on_delete=models.PROTECT, related_name="screening"
    )
    criteria = models.JSONField(_("criteria that apply"), default=list, blank=True)
    listed = models.JSONField(_("on Datatilsynet's list"), default=list, blank=True)
    computed_result = models.CharField(_("result by the criteria"), max_length=12, choices=ScreeningResult)
    result = models.CharField(_("conclusion"), max_length=12, choices=ScreeningResult)
    justification = models.TextField(_("justification"), blank=True)
    screened_on = models.DateField(_("screened"))

    class Meta:
        verbose_name = _("DPIA screening")
        verbose_name_plural = _("DPIA screenings")

    def __str__(self) -> str:
        return str(self.processing_activity)

    @property
    def change_reason_required(self) -> bool:
        return False

    @property
    def overrides_criteria(self) -> bool:
        return self.result != self.computed_result


class DpiaStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING_ADVICE = "awaiting_advice", _("Awaiting the DPO's advice")
    ADVISED = "advised", _("Advice given")
    AWAITING_DECISION = "awaiting_decision", _("Awaiting decision")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not approved")
    ARCHIVED = "archived", _("Archived")


class Dpia(SignedRoot, DecidedByLeader, TrackedModel, AdoptedFromTemplate):
    """The root of a DPIA. Its `version` counts versions of the whole content (children included);
    sending, advice and decisions are workflow changes written to history without a new version."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="dpias")
    processing_activity = models.ForeignKey(
        "protocol.ProcessingActivity",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dpias",
        verbose_name=_("processing activity"),
    )
    based_on_activity_version = models.PositiveIntegerField(_("based on version of the processing"), null=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("systematic description"), blank=True)
    purposes = models.TextField(_("purposes"), blank=True)
    data_subjects = models.TextField(_("data subjects"), blank=True)
    data_categories = models.TextField(_("personal data"), blank=True)
    recipients = models.TextField(_("recipients"), blank=True)
    systems = models.TextField(_("systems"), blank=True)
    retention = models.TextField(_("retention"), blank=True)
    data_subject_views = models.TextField(
        _("views of the data subjects or their representatives"),
        blank=True,
        help_text=_("Art. 35(9): whom you asked and what they said, or why it was not appropriate."),
    )
    response_to_advice = models.TextField(_("response to the DPO's advice"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=DpiaStatus, default=DpiaStatus.DRAFT)
    sent_to_dpo_at = models.DateTimeField(_("sent to the DPO"), null=True, blank=True)
    prior_consultation_sent_on = models.DateField(_("prior consultation sent to Datatilsynet"), null=True, blank=True)

    class Meta:
        verbose_name = _("DPIA")
        verbose_name_plural = _("DPIAs")
        ordering = ["title"]
        indexes = [models.Index(fields=["municipality", "status"]), models.Index(fields=["status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def must_be_reassessed(self) -> bool:
        """Approved, but the processing activity has moved past the version the DPIA was based on."""
        return (
            self.status == DpiaStatus.APPROVED
            and self.processing_activity_id is not None
            and self.based_on_activity_version is not None
            and self.processing_activity.version > self.based_on_activity_version
        )

    # An approved DPIA that is edited goes back to "advice given" (the advice stays), or to draft.
    REOPENED_STATUSES = (DpiaStatus.DRAFT, DpiaStatus.ADVISED)

    @property
    def state_label(self) -> str:
        if self.must_be_reassessed:
            return str(_("Must be reassessed"))
        return super().state_label


class Principle(models.TextChoices):
    LEGAL_BASIS = "legal_basis", _("Legal basis and purpose limitation")
    MINIMISATION = "minimisation", _("Data minimisation")
    ACCURACY = "accuracy", _("Accuracy")
    STORAGE = "storage", _("Storage limitation")
    INFORMATION = "information", _("Information to the data subjects")
    RIGHTS = "rights", _("Access, rectification, erasure and objection")
    PROCESSORS = "processors", _("Processors and data processing agreements")
    TRANSFERS = "transfers", _("Transfers outside the EEA")


class DpiaPrinciple(TrackedModel):
    """Necessity and proportionality: one principle's assessment and planned measures."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    dpia = models.ForeignKey(Dpia, on_delete=models.CASCADE, related_name="principles")
    principle = models.CharField(_("principle"), max_length=20, choices=Principle)
    assessment = models.TextField(_("assessment"), blank=True)
    planned_measures = models.TextField(_("planned measures"), blank=True)

    class Meta:
        verbose_name = _("principle")
        verbose_name_plural = _("principles")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["dpia", "principle"], name="dpia_principle_once")]

    def __str__(self) -> str:
        return self.get_principle_display()


class RiskKind(models.TextChoices):
    ILLEGITIMATE_ACCESS = "access", _("Illegitimate access to data")
    UNWANTED_MODIFICATION = "modification", _("Unwanted modification of data")
    DISAPPEARANCE = "disappearance", _("Disappearance of data")
    OTHER = "other", _("Other risk to the data subjects")


class Level(models.IntegerChoices):
    NEGLIGIBLE = 1, _("Negligible")
    LIMITED = 2, _("Limited")
    SIGNIFICANT = 3, _("Significant")
    MAXIMUM = 4, _("Maximum")


def high_after_measures_q() -> Q:
    """The database side of `DpiaRisk.is_high_after_measures` (prior consultation, Art. 36): severity and
    likelihood after measures, each falling back on its value before measures, both at HIGH_LEVEL or above.
    A plain condition, so it applies to the historical rows as well."""
    return Q(GreaterThanOrEqual(Coalesce("residual_severity", "severity", 0), HIGH_LEVEL)) & Q(
        GreaterThanOrEqual(Coalesce("residual_likelihood", "likelihood", 0), HIGH_LEVEL)
    )


class DpiaRiskQuerySet(models.QuerySet):
    def high_after_measures(self) -> DpiaRiskQuerySet:
        return self.filter(high_after_measures_q())


class DpiaRisk(TrackedModel):
    """A risk to the rights and freedoms of the data subjects, before and after measures."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    dpia = models.ForeignKey(Dpia, on_delete=models.CASCADE, related_name="risks")
    kind = models.CharField(_("kind of risk"), max_length=15, choices=RiskKind)
    title = models.CharField(_("risk"), max_length=200)
    impacts = models.TextField(_("impacts on the data subjects"), blank=True)
    threats = models.TextField(_("threats"), blank=True)
    sources = models.TextField(_("risk sources"), blank=True)
    measures = models.TextField(_("measures"), blank=True)
    severity = models.PositiveSmallIntegerField(_("severity"), choices=Level, null=True, blank=True)
    likelihood = models.PositiveSmallIntegerField(_("likelihood"), choices=Level, null=True, blank=True)
    residual_severity = models.PositiveSmallIntegerField(
        _("severity after measures"), choices=Level, null=True, blank=True
    )
    residual_likelihood = models.PositiveSmallIntegerField(
        _("likelihood after measures"), choices=Level, null=True, blank=True
    )
    template_key = models.CharField(max_length=80, blank=True)

    objects = DpiaRiskQuerySet.as_manager()

    class Meta:
        verbose_name = _("risk to the data subjects")
        verbose_name_plural = _("risks to the data subjects")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_rated(self) -> bool:
        return bool(self.severity and self.likelihood)

    @property
    def is_high_after_measures(self) -> bool:
        """High residual risk to the data subjects (`high_after_measures_q` is the database side)."""

        def after(residual: int | None, before: int | None) -> int:
            return residual if residual is not None else before if before is not None else 0

        return (
            after(self.residual_severity, self.severity) >= HIGH_LEVEL
            and after(self.residual_likelihood, self.likelihood) >= HIGH_LEVEL
        )


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class DpiaAction(TrackedModel):
    """A step of the action plan; it may be a measure of a ROS analysis of the same municipality."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    dpia = models.ForeignKey(Dpia, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("action"), max_length=200)
    owner = models.CharField(_("responsible"), max_length=200, blank=True)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus, default=ActionStatus.PLANNED)
    ros_measure = models.ForeignKey(
        "risk.RiskMeasure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("measure in a ROS analysis"),
    )

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class AdviceSection(models.TextChoices):
    CONTEXT = "context", _("Context and description")
    PRINCIPLES = "principles", _("Necessity and proportionality")
    RISKS = "risks", _("Risks to the data subjects")
    ACTIONS = "actions", _("Action plan")
    VIEWS = "views", _("Views of the data subjects")


class AdviceNote(AppendOnly):
    """The DPO's advice on one section, part of the advice sign-off (append-only like it)."""

    signoff = models.ForeignKey(SignOff, on_delete=models.PROTECT, related_name="advice_notes")
    section = models.CharField(_("section"), max_length=12, choices=AdviceSection)
    text = models.TextField(_("advice"))

    class Meta:
        verbose_name = _("advice on a section")
        verbose_name_plural = _("advice on sections")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.get_section_display()
