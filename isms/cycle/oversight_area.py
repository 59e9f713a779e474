"""The årshjul's area of the status overview (/oversikt/): overdue activities, the last signed management
review and the last kartlegging per municipality, from `selectors.cycle_figures` (constant queries)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from isms.oversight.registry import Area, Figure, Light

from .selectors import cycle_figures


def _url(name: str):
    return lambda slug: reverse(name, args=[slug])


def _collect(context, municipalities) -> dict[int, dict]:
    figures = cycle_figures(list(municipalities.values_list("pk", flat=True)))
    return {
        pk: {
            "overdue": row.overdue_activities,
            "review_year": row.last_review_year,
            "assessment_on": row.last_assessment_on,
        }
        for pk, row in figures.items()
    }


def _values(raw, municipality, context) -> dict:
    day = context.day or timezone.localdate()
    assessment_on = raw.get("assessment_on")
    return {
        "overdue": raw.get("overdue") or 0,
        "review_signed": int((raw.get("review_year") or 0) >= day.year - 1),
        "recent_assessment": int(bool(assessment_on) and (day - assessment_on).days <= 366),
    }


def _light(values) -> Light:
    if not values["review_signed"]:
        return Light.RED
    if values["overdue"] or not values["recent_assessment"]:
        return Light.YELLOW
    return Light.GREEN


CYCLE = Area(
    key="cycle",
    label=_("Annual cycle"),
    order=70,
    as_of=False,
    url=_url("cycle:cycle_index"),
    figures=(
        Figure("overdue", _("Overdue activities"), _url("cycle:cycle_index"), attention=True),
        Figure("review_signed", _("Management review signed for last year"), _url("cycle:review_list"), unit="yes_no"),
        Figure(
            "recent_assessment", _("Kartlegging in the last 12 months"), _url("cycle:assessment_list"), unit="yes_no"
        ),
    ),
    collect=_collect,
    values=_values,
    light=_light,
    explanation=_(
        "Red: no management review signed for last year or this year. Yellow: overdue activities in the annual "
        "cycle, or no kartlegging in the last 12 months."
    ),
)
