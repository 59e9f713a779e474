"""The night's count of today's status figures, so the first page of the day reads kept figures too."""

from __future__ import annotations

from celery import shared_task


@shared_task
def count_todays_figures() -> int:
    """Count every municipality's figures for the new day (snapshots.py); returns how many were counted."""
    from isms.core.models import Municipality

    from .selectors import status_rows

    return len(status_rows(municipalities=Municipality.objects.all()))
