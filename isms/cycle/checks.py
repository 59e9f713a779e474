"""Scheduled check of the årshjul: activities whose last month has passed without being done (what the
records complete themselves is not reported), to the municipality's editors, once per activity and year."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from isms.core.checks import CheckContext, Notice

from .selectors import overdue_activities


def overdue_activity(context: CheckContext) -> Iterable[Notice]:
    for row in overdue_activities(today=context.today):
        activity = row.activity
        values = {
            "title": activity.title,
            "year": row.year,
            "date": formats.date_format(row.due_on, "SHORT_DATE_FORMAT"),
        }
        yield Notice(
            key=f"cycleactivity:{activity.pk}",
            occasion=f"overdue:{row.due_on.isoformat()}",
            municipality_id=activity.municipality_id,
            subject=_("Annual cycle activity overdue: %(title)s") % values,
            body=_("The activity “%(title)s” in the annual cycle for %(year)s was due by %(date)s.") % values,
            link=reverse("cycle:cycle_detail", args=[activity.municipality.slug, row.year]) + "?view=list",
            recipients=context.editors(activity.municipality_id),
        )
