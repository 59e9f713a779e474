"""ROS analyses: the cooperation's risk matrix and threat catalogue, and each municipality's analyses.

An analysis is one aggregate: its scenarios, measures and the links between them are children whose
every write bumps the analysis's version, so a sign-off pinned to "version N" covers all of it.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, When
from django.db.models.lookups import GreaterThan
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from isms.core.fields import ChoiceSetField
from isms.core.models import AdoptedFromTemplate, Municipality, SignedRoot
from isms.core.tracking import TrackedModel


class ConsequenceArea(models.TextChoices):
    PRIVACY = "privacy", _("Privacy")
    SERVICE = "service", _("Service delivery")
    LIFE_AND_HEALTH = "life_health", _("Life and health")
    ECONOMY = "economy", _("Economy")
    REPUTATION = "reputation", _("Reputation")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Acceptable")
    MEDIUM = "medium", _("Acceptable with measures considered")
    HIGH = "high", _("Not acceptable")


class Security(models.TextChoices):
    """The property of information an unwanted event threatens."""

    CONFIDENTIALITY = "C", _("Confidentiality")
    INTEGRITY = "I", _("Integrity")
    AVAILABILITY = "A", _("Availability")


@functools.cache
def _security_letters(language: str | None) -> dict[str, str]:
    """{"C": "K", …} in the active language, worked out once per language (a ROS page asks 200 times)."""
    return {value: str(label)[0] for value, label in Security.choices}


class NsmCategory(models.TextChoices):
    """The four categories of NSM grunnprinsipper for IKT-sikkerhet."""

    IDENTIFY = "identify", _("Identify and map")
    PROTECT = "protect", _("Protect and maintain")
    DETECT = "detect", _("Detect")
    RESPOND = "respond", _("Handle and recover")


class ThreatSource(models.TextChoices):
    HUMAN_DELIBERATE = "human_deliberate", _("People, deliberate")
    HUMAN_ACCIDENTAL = "human_accidental", _("People, by mistake")
    TECHNICAL = "technical", _("Technical failure")
    ENVIRONMENT = "environment", _("Environment and physical")
    SUPPLIER = "supplier", _("Supplier")


class RiskMatrix(TrackedModel):
    """One version of the cooperation's risk matrix. A version that analyses use is never changed:
    editing it makes the next version, which new analyses then use."""

    number = models.PositiveIntegerField(_("matrix version"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    # [{"label": "Lite sannsynlig", "description": "Sjeldnere enn hvert 10. år"}, …], level = index + 1
    likelihood_levels = models.JSONField(_("likelihood levels"))
    # [{"label": "Ubetydelig", "areas": {"privacy": "…", "service": "…", …}}, …], level = index + 1
    consequence_levels = models.JSONField(_("consequence levels"))
    acceptable_max = models.PositiveSmallIntegerField(
        _("highest acceptable score"), help_text=_("Likelihood × consequence up to this is green.")
    )
    tolerable_max = models.PositiveSmallIntegerField(
        _("highest score acceptable with measures"),
        help_text=_("Up to this is yellow; above it is red and needs measures."),
    )
    acceptance_criteria = models.TextField(_("acceptance criteria"), blank=True)
    is_current = models.BooleanField(_("used for new analyses"), default=False)

    class Meta:
        verbose_name = _("risk matrix")
        verbose_name_plural = _("risk matrices")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=models.Q(is_current=True), name="one_current_matrix"
            ),
            models.CheckConstraint(
                condition=models.Q(acceptable_max__lt=models.F("tolerable_max")), name="matrix_bands_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (versjon {self.number})"

    @property
    def likelihood_count(self) -> int:
        return len(self.likelihood_levels)

    @property
    def consequence_count(self) -> int:
        return len(self.consequence_levels)

    def level(self, likelihood: int | None, consequence: int | None) -> str:
        """The colour band of a cell (RiskLevel), or "" when the cell is not rated."""
        if not likelihood or not consequence:
            return ""
        score = likelihood * consequence
        if score <= self.acceptable_max:
            return RiskLevel.LOW
        return RiskLevel.MEDIUM if score <= self.tolerable_max else RiskLevel.HIGH

    def likelihood_label(self, level: int | None) -> str:
        return self.likelihood_levels[level - 1]["label"] if level else ""

    def consequence_label(self, level: int | None) -> str:
        return self.consequence_levels[level - 1]["label"] if level else ""


class Threat(TrackedModel):
    """An unwanted event of the cooperation's threat catalogue (fixtures/kins_templates/threats.yaml)."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200, unique=True)
    group = models.CharField(_("group"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    security = ChoiceSetField(_("threatens"), choices=Security, blank=False)
    nsm_category = models.CharField(_("NSM category"), max_length=10, choices=NsmCategory)
    source = models.CharField(_("source"), max_length=20, choices=ThreatSource)
    typical_measures = models.TextField(_("typical measures"), blank=True)

    class Meta:
        verbose_name = _("threat")
        verbose_name_plural = _("threats")
        ordering = ["group", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def security_display(self) -> str:
        return ", ".join(self._meta.get_field("security").labels(self.security))


class SubjectType(models.TextChoices):
    SYSTEM = "system", _("System")
    SERVICE = "service", _("Service")
    PROCESSING = "processing", _("Processing activity")


class AnalysisStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING_SIGNOFF = "awaiting", _("Awaiting sign-off")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not approved")
    ARCHIVED = "archived", _("Archived")


class RiskAnalysis(SignedRoot, TrackedModel, AdoptedFromTemplate):
    """A ROS analysis of one system, service or processing activity of a municipality (the root).

    `version` counts versions of the content (the analysis and its children); sending, signing and
    archiving are workflow changes written to history without a new version, so a sign-off stays
    pinned to the content the leader read.
    """

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="risk_analyses")
    title = models.CharField(_("title"), max_length=200)
    subject_type = models.CharField(_("what is analysed"), max_length=12, choices=SubjectType)
    system_use = models.ForeignKey(
        "protocol.SystemUse", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("system")
    )
    processing_activity = models.ForeignKey(
        "protocol.ProcessingActivity",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("processing activity"),
    )
    service = models.CharField(_("service"), max_length=200, blank=True)
    scope = models.TextField(_("scope"), help_text=_("What is included and what is left out."))
    context = models.TextField(_("context"), blank=True, help_text=_("Assets, users, integrations, dependencies."))
    participants = models.TextField(_("participants"), blank=True, help_text=_("Who took part, one per line."))
    analysed_on = models.DateField(_("date of the analysis"))
    risk_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_risk_analyses",
        verbose_name=_("risk owner"),
        help_text=_("A leader of the municipality, who accepts the residual risk."),
    )
    matrix = models.ForeignKey(RiskMatrix, on_delete=models.PROTECT, verbose_name=_("risk matrix"))
    status = models.CharField(_("status"), max_length=10, choices=AnalysisStatus, default=AnalysisStatus.DRAFT)
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("previous revision"),
    )
    signoff_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent for sign-off by"),
    )
    signoff_requested_at = models.DateTimeField(_("sent for sign-off"), null=True, blank=True)

    class Meta:
        verbose_name = _("risk assessment")
        verbose_name_plural = _("risk assessments")
        ordering = ["title"]
        indexes = [models.Index(fields=["municipality", "status"])]

    def __str__(self) -> str:
        return self.title


class Rating(models.Model):
    """Likelihood × consequence before and after measures (levels of the analysis's matrix)."""

    likelihood = models.PositiveSmallIntegerField(
        _("likelihood"), validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    consequence = models.PositiveSmallIntegerField(
        _("consequence"), validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    residual_likelihood = models.PositiveSmallIntegerField(
        _("residual likelihood"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    residual_consequence = models.PositiveSmallIntegerField(
        _("residual consequence"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(9)]
    )  # fmt: skip

    class Meta:
        abstract = True


def rating_after_measures(scenario) -> tuple[int | None, int | None]:
    """The rating a scenario is left with: after measures when both residual values are set (the forms
    require both or neither), else before measures. `residual_score_expression` is its database side."""
    if scenario.residual_likelihood is not None and scenario.residual_consequence is not None:
        return scenario.residual_likelihood, scenario.residual_consequence
    return scenario.likelihood, scenario.consequence


def residual_score_expression() -> Case:
    """Likelihood × consequence after measures, or before them when not rated after (rating_after_measures)."""
    return Case(
        When(
            residual_likelihood__isnull=False,
            residual_consequence__isnull=False,
            then=F("residual_likelihood") * F("residual_consequence"),
        ),
        default=F("likelihood") * F("consequence"),
    )


def red_after_measures_q(tolerable_max=None) -> Q:
    """The database side of `RiskScenario.is_red_after_measures`: the score left after measures lies above
    the matrix's tolerable band. `tolerable_max` is the analysis's matrix by default; a caller reading
    historical rows (or from an outer query) passes its own expression for it."""
    threshold = F("analysis__matrix__tolerable_max") if tolerable_max is None else tolerable_max
    return Q(GreaterThan(residual_score_expression(), threshold))


class RiskScenarioQuerySet(models.QuerySet):
    def red_after_measures(self, *, tolerable_max=None) -> RiskScenarioQuerySet:
        """Scenarios still red after measures (the ROS overview, the status across municipalities)."""
        return self.filter(red_after_measures_q(tolerable_max))


class RiskScenario(TrackedModel, Rating):
    """An unwanted event in an analysis: what can happen to which asset, why, and how bad it is."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    analysis = models.ForeignKey(RiskAnalysis, on_delete=models.CASCADE, related_name="scenarios")
    threat = models.ForeignKey(
        Threat, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("from the threat catalogue")
    )
    title = models.CharField(_("unwanted event"), max_length=200)
    asset = models.CharField(_("asset"), max_length=200, help_text=_("What is harmed: information, system, service."))
    cause = models.TextField(_("cause"), blank=True)
    consequence_description = models.TextField(_("what it leads to"), blank=True)
    security = ChoiceSetField(_("threatens"), choices=Security, blank=False)
    existing_measures = models.TextField(_("existing measures"), blank=True)
    justification = models.TextField(_("justification of the rating"), blank=True)
    template_key = models.CharField(
        _("from the joint analysis"), max_length=80, blank=True, help_text=_("Set on scenarios of a joint analysis.")
    )
    carried_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("carried from")
    )

    objects = RiskScenarioQuerySet.as_manager()

    class Meta:
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def security_letters(self) -> str:
        """What the event threatens as users abbreviate it (K, I, T in bokmål): each property's initial."""
        return self.security_letters_in(get_language())

    def security_letters_in(self, language: str | None) -> str:
        """`security_letters` for a language the caller already knows (a long table asks once, not per row)."""
        letters = _security_letters(language)
        return ", ".join(letters[value] for value in self.security)

    @property
    def score(self) -> int | None:
        return self.likelihood * self.consequence if self.likelihood and self.consequence else None

    @property
    def residual_score(self) -> int | None:
        if self.residual_likelihood and self.residual_consequence:
            return self.residual_likelihood * self.residual_consequence
        return None

    @property
    def level(self) -> str:
        return self.analysis.matrix.level(self.likelihood, self.consequence)

    @property
    def residual_level(self) -> str:
        return self.analysis.matrix.level(self.residual_likelihood, self.residual_consequence)

    @property
    def is_red_after_measures(self) -> bool:
        """Left red (not acceptable) after measures, in its analysis's matrix: `red_after_measures_q`."""
        return self.analysis.matrix.level(*rating_after_measures(self)) == RiskLevel.HIGH


class MeasureStrategy(models.TextChoices):
    REDUCE = "reduce", _("Reduce")
    AVOID = "avoid", _("Avoid")
    TRANSFER = "transfer", _("Transfer or share")
    ACCEPT = "accept", _("Accept")


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class RiskMeasure(TrackedModel):
    """A measure of an analysis; it may answer several of its scenarios."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    analysis = models.ForeignKey(RiskAnalysis, on_delete=models.CASCADE, related_name="measures")
    title = models.CharField(_("measure"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    strategy = models.CharField(_("strategy"), max_length=10, choices=MeasureStrategy, default=MeasureStrategy.REDUCE)
    owner = models.CharField(_("responsible"), max_length=200, blank=True)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=MeasureStatus, default=MeasureStatus.PLANNED)
    carried_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("carried from")
    )
    scenarios = models.ManyToManyField(RiskScenario, through="MeasureScenario", related_name="measures")

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["municipality", "status", "due_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in (MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS)


class MeasureScenario(TrackedModel):
    """That a measure answers a scenario (a child of the analysis, so the link has history)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    measure = models.ForeignKey(RiskMeasure, on_delete=models.CASCADE, related_name="scenario_links")
    scenario = models.ForeignKey(RiskScenario, on_delete=models.CASCADE, related_name="measure_links")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["measure", "scenario"], name="measure_scenario_once")]
