"""The board's status reports: each one kept with the figures it was built from (the file is core's ExportJob).

Like ExportJob, a report is operational bookkeeping written once by its job, not a record of the ISMS,
so it is not a TrackedModel; who asked for it and when is on the row itself.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from isms.core.models import ExportJob


class BoardReport(models.Model):
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    job = models.OneToOneField(ExportJob, on_delete=models.PROTECT, related_name="board_report")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    previous = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("previous report")
    )
    # Everything the PDF shows, as plain JSON: the file can be explained and compared with the next report.
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    # True while its job is queued or running: the database lets only one report be made at a time.
    in_progress = models.BooleanField(default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        ordering = ["-period_end", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="board_report_period_ordered"),
            models.UniqueConstraint(
                fields=["in_progress"], condition=Q(in_progress=True), name="board_report_one_at_a_time"
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Status report')} {self.period_start:%d.%m.%Y}–{self.period_end:%d.%m.%Y}"
