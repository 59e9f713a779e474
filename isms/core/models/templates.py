"""Templates, their published versions, the participants of joint ones, and the adopting-record mixin."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..tracking import TrackedModel
from .municipalities import Municipality


class Template(TrackedModel):
    """A cooperation-level template. `content` is the working draft; published versions are kept apart.

    `version` (from TrackedModel) counts edits of the draft for optimistic locking;
    `published_version` is the number municipalities adopt (0 = never published).
    """

    kind = models.CharField(_("kind"), max_length=30)
    key = models.SlugField(_("key"), max_length=80, help_text=_("Stable identifier, e.g. from the template file."))
    title = models.CharField(_("title"), max_length=200)
    group = models.CharField(_("group"), max_length=40, blank=True)
    description = models.TextField(_("when to use it"), blank=True)
    content = models.JSONField(_("content"), default=dict)
    is_joint = models.BooleanField(
        _("joint assessment"),
        default=False,
        help_text=_("Made once for a shared service and adopted by the participating municipalities."),
    )
    published_version = models.PositiveIntegerField(_("published version"), default=0)
    has_unpublished_changes = models.BooleanField(_("unpublished changes"), default=True)
    source_digest = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("template")
        verbose_name_plural = _("templates")
        ordering = ["kind", "group", "title"]
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="template_unique_key_per_kind")]

    def __str__(self) -> str:
        return self.title

    @property
    def change_reason_required(self) -> bool:
        """A draft never published may be changed without a reason; once published, say why."""
        return self.published_version > 0

    @property
    def is_published(self) -> bool:
        return self.published_version > 0


class TemplateVersion(models.Model):
    """A published version: immutable and append-only, so an adopted record can always be compared
    with the exact text it was made from."""

    template = models.ForeignKey(Template, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    content = models.JSONField(_("content"))
    change_note = models.TextField(_("what changed"), blank=True)
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        verbose_name = _("template version")
        verbose_name_plural = _("template versions")
        ordering = ["template", "number"]
        constraints = [models.UniqueConstraint(fields=["template", "number"], name="template_version_once")]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"


class TemplateParticipant(TrackedModel):
    """A municipality taking part in a joint assessment (child of the template's aggregate)."""

    template = models.ForeignKey(Template, on_delete=models.CASCADE, related_name="participants")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [models.UniqueConstraint(fields=["template", "municipality"], name="template_participant_once")]

    def __str__(self) -> str:
        return str(self.municipality)


class AdoptedFromTemplate(models.Model):
    """Mixin of a municipal record that can be adopted from a template: which one, at which version.

    The fields live in the record itself, so its history shows when it took in a newer version.
    """

    template = models.ForeignKey(
        Template,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("template"),
    )
    template_version = models.PositiveIntegerField(_("template version"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def template_update_available(self) -> bool:
        """Needs `template` loaded (select_related) to stay query-free in lists."""
        return self.template_id is not None and self.template.published_version > (self.template_version or 0)
