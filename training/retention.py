"""Retention of participants' personal data (GDPR Art. 5(1)(e)): a number of months after the session
(settings.COURSE_RETENTION_MONTHS) name, e-mail, unit, job title and account link are blanked in the live
rows and in every history row. Municipality, sector, status and attendance stay, so the statistics do.

This is the one place allowed to write tracked rows without save() (DESIGN.md, tests/test_history_bypass.py):
a save() would add a history row that still holds the old name.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Registration, new_token

ANONYMOUS_NAME = "—"
BLANKED = {"name": ANONYMOUS_NAME, "email": "", "unit": "", "job_title": "", "user": None}


def _months_before(day: datetime.date, months: int) -> datetime.date:
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for candidate in range(day.day, 0, -1):  # 31 March minus one month is 28/29 February
        try:
            return datetime.date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def expired_registrations(today: datetime.date | None = None):
    cutoff = _months_before(today or timezone.localdate(), settings.COURSE_RETENTION_MONTHS)
    return Registration.objects.filter(session__ends_on__lt=cutoff, anonymised_at__isnull=True)


def anonymise_participants(*, today: datetime.date | None = None) -> int:
    """Blank the personal data of participants whose session ended more than the retention period ago."""
    with transaction.atomic():
        rows = list(expired_registrations(today).select_for_update())
        if not rows:
            return 0
        now = timezone.now()
        for row in rows:
            for name, value in BLANKED.items():
                setattr(row, name, value)
            row.token = new_token()  # the old see/cancel link stops working
            row.anonymised_at = now
        Registration.objects.bulk_update(rows, [*BLANKED, "token", "anonymised_at"])
        Registration.history.filter(id__in=[row.pk for row in rows]).update(
            name=ANONYMOUS_NAME, email="", unit="", job_title="", user=None, token="", anonymised_at=now
        )
        return len(rows)
