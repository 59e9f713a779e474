"""The areas of taking part in the cooperation's work: course participation this round and KINS membership."""

from __future__ import annotations

from collections.abc import Mapping

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from isms.core.models import Municipality
from training.models import Registration, RegistrationStatus, Round

from .counting import grouped, merge, url_of
from .history import rows
from .registry import Area, Context, Figure, Light

# --- Kurs ----------------------------------------------------------------------------------------


def current_round(context: Context):
    """The newest round with registrations at the time ("this round"), or the newest round when none."""
    rounds = rows(Round, context).order_by("-number")
    registered = rows(Registration, context).filter(round_id=OuterRef("id"))
    return (rounds.filter(Exists(registered)).values("id", "name").first()) or rounds.values("id", "name").first()


def _courses(context: Context, municipalities: QuerySet) -> dict[int, dict]:
    # The population the rate is counted against is the municipality's as of the day too.
    population = {
        row["id"]: {"population": row["population"]}
        for row in rows(Municipality, context).filter(id__in=municipalities.values("pk")).values("id", "population")
    }
    chosen = current_round(context)
    if chosen is None:
        return population
    registered = grouped(
        rows(Registration, context).filter(round_id=chosen["id"], status=RegistrationStatus.CONFIRMED),
        municipalities,
        registered=Count("pk"),
    )
    return merge(population, registered)


def _courses_values(raw: Mapping, municipality, context: Context) -> dict:
    registered = raw.get("registered") or 0
    population = raw.get("population", municipality.population)
    per_thousand = round(1000 * registered / population, 1) if population else 0
    return {"registered": registered, "per_thousand": per_thousand}


COURSES = Area(
    key="courses",
    label=_("Courses"),
    order=50,
    url=url_of("training:municipality_courses"),
    figures=(
        Figure("registered", _("Participants this round"), url_of("training:municipality_courses"), attention=False),
        Figure("per_thousand", _("Per 1000 inhabitants"), url_of("training:municipality_courses"), unit="per_thousand"),
    ),
    collect=_courses,
    shared_inputs=("training.Round",),
    values=_courses_values,
    light=lambda values: Light.RED if not values["registered"] else Light.GREEN,
    explanation=_("Red: nobody from the municipality takes part in the current course round."),
)


# --- KINS ----------------------------------------------------------------------------------------


def _kins(context: Context, municipalities: QuerySet) -> dict[int, dict]:
    members = rows(Municipality, context).filter(id__in=municipalities.values("pk"))
    return {row["id"]: {"kins_member": int(row["kins_member"])} for row in members.values("id", "kins_member")}


KINS = Area(
    key="kins",
    label=_("KINS"),
    order=60,
    url=url_of("core:municipality_detail"),
    figures=(Figure("kins_member", _("KINS member"), url_of("core:municipality_detail"), unit="yes_no"),),
    collect=_kins,
    values=lambda raw, m, c: {"kins_member": raw.get("kins_member") or 0},
    light=lambda values: Light.GREEN if values["kins_member"] else Light.YELLOW,
    explanation=_("Yellow: not a member of KINS, whose management system Datatilsynet recommends."),
)
