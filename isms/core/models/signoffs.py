"""Sign-offs: append-only, pinned to the exact version of the root they approve."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..display import choice_label


class SignOffDecision(models.TextChoices):
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not approved")
    # The DPO's written advice on a DPIA (Art. 35(2)).
    ADVICE_AGREES = "agrees", _("Agrees")
    ADVICE_CONDITIONS = "conditions", _("Agrees with conditions")
    ADVICE_DISAGREES = "disagrees", _("Disagrees")


class SignOffRole(models.TextChoices):
    LEADER = "leader", _("Leader")
    DPO = "dpo", _("Data protection officer")


class AppendOnlyError(TypeError):
    """A sign-off is never changed or deleted: a new decision is a new row."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The record is append-only.")

    def delete(self):
        raise AppendOnlyError("The record is append-only.")


class AppendOnly(models.Model):
    """A record that is written once and never changed or deleted (a sign-off, the DPO's advice): a new
    decision or advice is a new row."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("The record is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The record is append-only.")


class SignOff(AppendOnly):
    """A decision on one exact version of an aggregate, with a SHA-256 of that version's whole content.

    Current only while the root is still at `root_version`; any later edit makes it historical.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    root = GenericForeignKey("content_type", "object_id")
    municipality = models.ForeignKey(
        "core.Municipality", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    root_version = models.PositiveIntegerField(_("version signed"))
    content_sha256 = models.CharField(_("SHA-256 of the content"), max_length=64)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="signoffs", verbose_name=_("signed by")
    )
    role = models.CharField(_("role"), max_length=10, choices=SignOffRole)
    decision = models.CharField(_("decision"), max_length=10, choices=SignOffDecision)
    comment = models.TextField(_("comment"), blank=True)
    high_risk_confirmed = models.BooleanField(_("high residual risk explicitly accepted"), default=False)
    signed_at = models.DateTimeField(_("signed"), default=timezone.now)

    class Meta:
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")
        ordering = ["signed_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "root_version"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "root_version", "role"], name="signoff_once_per_version_and_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} v{self.root_version}"


@dataclass(frozen=True)
class SignOffState:
    """What the latest decision on a root says about one version of it: the one reading of "approved",
    "not approved", "changed after approval" (Endret etter godkjenning) and "not signed".

    Pages and lists read it from the root's stored fields (`SignedRoot.signoff_state`, no query); a PDF of
    any version reads it from the sign-off rows up to that version (`from_signoffs`). Both say the same.
    """

    version: int  # the version being read: the current one, or the one a PDF prints
    decided_version: int | None = None  # the version the latest decision was made on; None: never decided
    decision: str = ""  # that decision (SignOffDecision.APPROVED or REJECTED)

    @classmethod
    def from_signoffs(
        cls, signoffs: Iterable[SignOff], *, version: int, role: str = SignOffRole.LEADER
    ) -> SignOffState:
        """The state of `version` from a root's sign-offs (oldest first); later versions' rows are ignored."""
        earlier = [row for row in signoffs if row.role == role and row.root_version <= version]
        if not earlier:
            return cls(version=version)
        return cls(version=version, decided_version=earlier[-1].root_version, decision=earlier[-1].decision)

    @property
    def never_decided(self) -> bool:
        return self.decided_version is None

    @property
    def is_current(self) -> bool:
        """The latest decision was made on this very version."""
        return self.decided_version == self.version

    @property
    def is_approved(self) -> bool:
        return self.is_current and self.decision == SignOffDecision.APPROVED

    @property
    def is_rejected(self) -> bool:
        return self.is_current and self.decision == SignOffDecision.REJECTED

    @property
    def changed_after_approval(self) -> bool:
        """Approved once, edited since: the approval covers an older version, and a new sign-off is needed."""
        return (
            self.decision == SignOffDecision.APPROVED
            and self.decided_version is not None
            and self.decided_version < self.version
        )

    def label(self, unsigned: str | None = None) -> str:
        """ "Godkjent", "Ikke godkjent", "Endret etter godkjenning", or `unsigned` ("Ikke signert" by default)
        when no decision covers this version (never decided, or rejected on an older version)."""
        if self.is_approved:
            return gettext("Approved")
        if self.is_rejected:
            return gettext("Not approved")
        if self.changed_after_approval:
            return gettext("Changed after approval")
        return unsigned if unsigned is not None else gettext("Not signed")

    def warning(self, unsigned: str | None = None) -> str:
        """What a PDF's sign-off block and status line say: nothing when this version is approved."""
        return "" if self.is_approved else self.label(unsigned)


class SignedRoot(models.Model):
    """The root of an aggregate that a leader signs (a ROS analysis, a DPIA): the version and the outcome of
    its latest decision, stored on the root so pages and lists tell the state without a query (ADR 6).

    The sign-off rows stay the record; these two fields are a copy written only by `record_decision`."""

    last_signed_version = models.PositiveIntegerField(_("last signed version"), null=True, blank=True)
    last_decision = models.CharField(_("last decision"), max_length=10, blank=True)

    # The statuses a decided root returns to when its content changes (ROS: draft; DPIA: also "advice given").
    REOPENED_STATUSES: tuple[str, ...] = ("draft",)

    class Meta:
        abstract = True

    @property
    def signoff_state(self) -> SignOffState:
        return SignOffState(version=self.version, decided_version=self.last_signed_version, decision=self.last_decision)

    @property
    def changed_after_approval(self) -> bool:
        return self.signoff_state.changed_after_approval

    @property
    def change_reason_required(self) -> bool:
        """Drafts may change freely until someone has decided on them; after that, every change says why."""
        return self.status != "draft" or self.last_signed_version is not None

    @property
    def state_label(self) -> str:
        """The status as lists and pages show it: an approved root edited since reads "Endret etter
        godkjenning" (the PDF's status line says the same, from `SignOffState.from_signoffs`) until it is
        sent for a new decision."""
        if self.status in self.REOPENED_STATUSES and self.signoff_state.changed_after_approval:
            return gettext("Changed after approval")
        return choice_label(self, "status")  # not get_status_display(): lists ask this hundreds of times

    def record_decision(self, signoff: SignOff) -> None:
        """Copy a new decision onto the root (the caller holds the row lock and saves the state change)."""
        self.last_signed_version = signoff.root_version
        self.last_decision = signoff.decision


class DecidedByLeader(models.Model):
    """A root that a leader of the municipality, chosen on it, decides on after the DPO's advice (a DPIA,
    an avvik): who decides, who sent it and when. The rules are in `isms.core.decisions`."""

    decision_maker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
        help_text=_("A leader of the municipality."),
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sent_for_decision_at = models.DateTimeField(_("sent for decision"), null=True, blank=True)

    class Meta:
        abstract = True
