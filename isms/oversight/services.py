"""The one write of the oversight app: asking for a board status report (its job does the rest)."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from isms.core.models import ExportStatus, User
from isms.core.services import request_export

from .models import BoardReport

# A report takes seconds; one still "being made" after this was left by a process that stopped (a restart,
# a killed worker) and must not block every report after it.
ABANDONED_AFTER = datetime.timedelta(minutes=30)


def _give_up_abandoned() -> None:
    with transaction.atomic():
        stale = (
            BoardReport.objects.select_for_update()
            .select_related("job")
            .filter(in_progress=True, job__created_at__lt=timezone.now() - ABANDONED_AFTER)
            .first()
        )
        if stale is None:
            return
        job = stale.job
        if job.status in (ExportStatus.QUEUED, ExportStatus.RUNNING):
            job.status, job.error, job.finished_at = ExportStatus.FAILED, "abandoned", timezone.now()
            job.save(update_fields=["status", "error", "finished_at"])
        stale.in_progress = False
        stale.save(update_fields=["in_progress"])


def request_board_report(*, user: User, start: datetime.date, end: datetime.date) -> tuple[BoardReport, bool]:
    """Queue a report for the period, or give the one already being made (only one at a time: a partial
    unique constraint decides between two requests at the same moment). Returns (report, created)."""
    _give_up_abandoned()
    running = BoardReport.objects.select_related("requested_by").filter(in_progress=True).first()
    if running is not None:
        return running, False
    try:
        with transaction.atomic():
            job = request_export(
                kind="board_report", user=user, params={"start": start.isoformat(), "end": end.isoformat()}
            )
            report = BoardReport.objects.create(period_start=start, period_end=end, job=job, requested_by=user)
    except IntegrityError:
        return BoardReport.objects.select_related("requested_by").get(in_progress=True), False
    return report, True
