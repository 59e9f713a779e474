"""The e-mail outbox: every e-mail the app sends is first a row here, written in the transaction of the
event that causes it, then sent by a task (retried with backoff) and found again by a periodic sweep."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutboxEmail(models.Model):
    key = models.CharField(
        _("idempotency key"), max_length=200, unique=True, help_text=_("One e-mail per key, however often queued.")
    )
    kind = models.CharField(_("kind"), max_length=40, blank=True)
    municipality = models.ForeignKey(
        "core.Municipality", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    to_email = models.EmailField(_("to"), max_length=254)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"))
    status = models.CharField(_("status"), max_length=10, choices=OutboxStatus, default=OutboxStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["next_attempt_at"], condition=Q(status="pending"), name="outbox_pending_due"),
            models.Index(fields=["status", "-created_at"], name="outbox_status_created"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="sent") | Q(sent_at__isnull=True), name="outbox_sent_at_only_sent"
            )
        ]

    def __str__(self) -> str:
        return f"{self.to_email}: {self.subject}"
