"""Personal API tokens: the secret is shown once and only its SHA-256 is stored.

A token is a credential, not a record of the municipality's work, so it is not a TrackedModel: its
`last_used_at` changes on use and would write a history row per request. Creation and revocation keep
who and why in the row itself (`revoked_by`, `revoke_reason`), and every API request is logged.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiTokenQuerySet(models.QuerySet):
    def usable_on(self, day: datetime.date) -> ApiTokenQuerySet:
        """Not revoked and not past its expiry date (a token works through the whole of `expires_on`)."""
        return self.filter(revoked_at__isnull=True, expires_on__gte=day)


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for, e.g. Power BI."))
    prefix = models.CharField(_("prefix"), max_length=16, unique=True, editable=False)
    secret_sha256 = models.CharField(max_length=64, editable=False)
    expires_on = models.DateField(_("expires"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    revoke_reason = models.CharField(_("reason for revoking"), max_length=300, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | Q(revoked_by__isnull=False), name="api_token_revoked_by_someone"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def usable_on(self, day: datetime.date) -> bool:
        """The one rule, said to the database by `ApiTokenQuerySet.usable_on`."""
        return self.revoked_at is None and self.expires_on >= day

    @property
    def is_usable(self) -> bool:
        return self.usable_on(timezone.localdate())
