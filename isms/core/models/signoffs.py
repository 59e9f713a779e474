"""Sign-offs: append-only, pinned to the exact version of the root they approve."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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


class SignOffQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Sign-offs are append-only.")

    def delete(self):
        raise AppendOnlyError("Sign-offs are append-only.")


class SignOff(models.Model):
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

    objects = SignOffQuerySet.as_manager()

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

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Sign-offs are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Sign-offs are append-only.")
