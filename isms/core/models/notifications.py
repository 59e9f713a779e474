"""What a user is told about, in the app and by e-mail; how they want it; and what the checks already told."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    IMMEDIATELY = "immediately", _("E-mail at once")
    DIGEST = "digest", _("In the daily digest")
    IN_APP = "in_app", _("Only in the app")


class Notification(models.Model):
    """Something a user is told about, in the app and by e-mail (through the outbox, once)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    municipality = models.ForeignKey(
        "core.Municipality", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=40, default="general")
    delivery = models.CharField(_("delivery"), max_length=12, choices=Delivery, default=Delivery.IMMEDIATELY)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "read_at"]),
            models.Index(fields=["delivery", "emailed_at"], name="notification_digest_due"),
        ]

    def __str__(self) -> str:
        return self.subject


class NotificationSettings(models.Model):
    """A user's hour for the daily digest (Europe/Oslo)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    digest_hour = models.PositiveSmallIntegerField(_("hour of the daily digest"), default=7)
    last_digest_at = models.DateTimeField(_("last digest"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")
        constraints = [models.CheckConstraint(condition=Q(digest_hour__lte=23), name="digest_hour_0_to_23")]

    def __str__(self) -> str:
        return f"{self.user} {self.digest_hour:02d}:00"


class NotificationPreference(models.Model):
    """How one user wants one kind of notice; a kind without a row gets the kind's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("kind"), max_length=40)
    delivery = models.CharField(_("delivery"), max_length=12, choices=Delivery)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once")]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} → {self.delivery}"


class DeadlineNotice(models.Model):
    """A scheduled check told about this object for this occasion (a deadline, a version, a month).

    The unique constraint is the claim: two workers running the same check at once insert the same
    row, one wins, and only the winner notifies."""

    kind = models.CharField(_("kind"), max_length=40)
    key = models.CharField(_("object"), max_length=100)
    occasion = models.CharField(_("occasion"), max_length=40)
    municipality = models.ForeignKey(
        "core.Municipality", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("deadline notice")
        verbose_name_plural = _("deadline notices")
        constraints = [models.UniqueConstraint(fields=["kind", "key", "occasion"], name="deadline_notice_once")]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} {self.occasion}"


class Nudge(models.Model):
    """A message the coordinator sent by hand to the leaders of chosen municipalities (the log)."""

    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    municipalities = models.ManyToManyField("core.Municipality", related_name="+", verbose_name=_("municipalities"))
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("nudge")
        verbose_name_plural = _("nudges")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.subject
