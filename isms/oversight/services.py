"""The one write of the oversight app: asking for a board status report (its job does the rest)."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction

from isms.core.models import User
from isms.core.services import request_export

from .models import BoardReport


def request_board_report(*, user: User, start: datetime.date, end: datetime.date) -> tuple[BoardReport, bool]:
    """Queue a report for the period, or give the one already being made (only one at a time: a partial
    unique constraint decides between two requests at the same moment). Returns (report, created)."""
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
