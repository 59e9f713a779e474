"""The areas that exist today — protocol, agreements, DPIA, ROS, courses, KINS — as status-row providers.

Each `collect` runs one or two grouped queries over the whole table (or its history as of an instant),
so the page costs the same for 16 and for 357 municipalities. The domain rules come from their
homes through `rules.py`; this module only counts.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.db.models import Count, Exists, F, Min, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dpia.models import Dpia as DpiaModel
from dpia.models import DpiaRisk, DpiaStatus, Screening
from isms.core.models import Municipality
from isms.protocol.models import (
    AgreementStatus,
    DataProcessingAgreement,
    ProcessingActivity,
    ProcessingSystem,
    RecordStatus,
)
from isms.protocol.selectors import missing_art30_q
from risk.models import AnalysisStatus, MeasureStatus, RiskMeasure, RiskScenario
from training.models import Registration, RegistrationStatus, Round

from . import rules
from .history import rows
from .registry import Area, Context, Figure, Light, register_area

EXPIRING_DAYS = 90
STALE_ANALYSIS_DAYS = 365
ADVICE_WAIT_RED_DAYS = 30


def _url(name: str, query: str = ""):
    return lambda slug: reverse(name, args=[slug]) + (f"?{query}" if query else "")


def grouped(queryset: QuerySet, municipalities: QuerySet, **aggregates) -> dict[int, dict]:
    """{municipality id: {name: value}} in one GROUP BY query over the municipalities asked for."""
    result = (
        queryset.filter(municipality_id__in=municipalities.values("pk"))
        .order_by()
        .values("municipality_id")
        .annotate(**aggregates)
    )
    return {row.pop("municipality_id"): row for row in result}


def _merge(*parts: Mapping[int, Mapping]) -> dict[int, dict]:
    merged: dict[int, dict] = {}
    for part in parts:
        for key, values in part.items():
            merged.setdefault(key, {}).update(values)
    return merged


def _zero(raw: Mapping, *names: str) -> dict[str, int]:
    return {name: raw.get(name) or 0 for name in names}


# --- Behandlingsprotokoll -------------------------------------------------------------------------


def _protocol(context: Context, municipalities: QuerySet) -> dict[int, dict]:
    activities = rows(ProcessingActivity, context).filter(status=RecordStatus.ACTIVE)
    has_system = rows(ProcessingSystem, context).filter(processing_activity_id=OuterRef("id"))
    uncovered = rules.uncovered_processor_links(context).filter(processing_activity_id=OuterRef("id"))
    annotated = activities.annotate(has_system=Exists(has_system), lacks_agreement=Exists(uncovered))
    return grouped(
        annotated,
        municipalities,
        activities=Count("pk"),
        incomplete=Count("pk", filter=missing_art30_q()),
        reviews_overdue=Count("pk", filter=Q(next_review__lt=context.day)),
        without_system=Count("pk", filter=Q(has_system=False)),
        without_agreement=Count("pk", filter=Q(lacks_agreement=True)),
    )


def _protocol_values(raw: Mapping, municipality, context: Context) -> dict:
    values = _zero(raw, "activities", "incomplete", "reviews_overdue", "without_system", "without_agreement")
    total = values["activities"]
    values["complete_share"] = round(100 * (total - values["incomplete"]) / total) if total else 0
    return values


def _protocol_light(values: Mapping) -> Light:
    if not values["activities"] or values["without_agreement"] or values["complete_share"] < 50:
        return Light.RED
    if values["incomplete"] or values["reviews_overdue"] or values["without_system"]:
        return Light.YELLOW
    return Light.GREEN


PROTOCOL = Area(
    key="protocol",
    label=_("Record of processing"),
    order=10,
    url=_url("protocol:processing_list"),
    figures=(
        Figure("activities", _("Processing activities"), _url("protocol:processing_list")),
        Figure(
            "complete_share", _("Art. 30 complete"), _url("protocol:processing_list", "attention=art30"), unit="percent"
        ),
        Figure(
            "reviews_overdue", _("Review overdue"), _url("protocol:processing_list", "attention=review"), attention=True
        ),
        Figure("without_system", _("Without a system"), _url("protocol:processing_list"), attention=True),
        Figure(
            "without_agreement",
            _("Without a DPA in force"),
            _url("protocol:processing_list", "attention=agreement"),
            attention=True,
        ),
    ),
    collect=_protocol,
    values=_protocol_values,
    light=_protocol_light,
    explanation=_(
        "Red: no processing activities, one without a DPA in force, or less than half with every Art. 30 field."
    ),
)


# --- Databehandleravtaler ------------------------------------------------------------------------------


def _agreements(context: Context, municipalities: QuerySet) -> dict[int, dict]:
    agreements = rows(DataProcessingAgreement, context)
    in_force = rules.in_force(agreements, context.day)
    not_in_force = agreements.exclude(pk__in=in_force.values("pk"))
    soon = context.day + datetime.timedelta(days=EXPIRING_DAYS)
    processors = grouped(
        rules.uncovered_processor_links(context),
        municipalities,
        processors_without=Count("vendor_id", distinct=True),
    )
    expiring = grouped(in_force.filter(valid_until__lte=soon), municipalities, expiring=Count("pk"))
    expired = grouped(
        not_in_force.filter(
            Q(status=AgreementStatus.EXPIRED) | Q(status=AgreementStatus.SIGNED, valid_until__lt=context.day)
        ),
        municipalities,
        expired=Count("pk"),
    )
    joint = grouped(not_in_force.filter(parent_id__isnull=False), municipalities, joint_unsigned=Count("pk"))
    return _merge(processors, expiring, expired, joint)


def _agreements_light(values: Mapping) -> Light:
    if values["processors_without"] or values["expired"]:
        return Light.RED
    if values["expiring"] or values["joint_unsigned"]:
        return Light.YELLOW
    return Light.GREEN


AGREEMENTS = Area(
    key="agreements",
    label=_("Data processing agreements"),
    order=20,
    url=_url("protocol:agreement_list"),
    figures=(
        Figure(
            "processors_without",
            _("Processors without a DPA"),
            _url("protocol:processing_list", "attention=agreement"),
            attention=True,
        ),
        Figure("expiring", _("Expire within 90 days"), _url("protocol:agreement_list"), attention=True),
        Figure("expired", _("Expired"), _url("protocol:agreement_list", "attention=not_in_force"), attention=True),
        Figure(
            "joint_unsigned",
            _("Joint DPAs not signed"),
            _url("protocol:agreement_list", "attention=not_in_force"),
            attention=True,
        ),
    ),
    collect=_agreements,
    values=lambda raw, m, c: _zero(raw, "processors_without", "expiring", "expired", "joint_unsigned"),
    light=_agreements_light,
    explanation=_("Red: a processor is used without a DPA in force, or an agreement has expired."),
)


# --- DPIA ----------------------------------------------------------------------------------------


def _dpia(context: Context, municipalities: QuerySet) -> dict[int, dict]:
    screened = rows(Screening, context).filter(processing_activity_id=OuterRef("id"))
    unscreened = grouped(
        rows(ProcessingActivity, context).filter(status=RecordStatus.ACTIVE).exclude(Exists(screened)),
        municipalities,
        unscreened=Count("pk"),
    )
    activity_version = rows(ProcessingActivity, context).filter(id=OuterRef("processing_activity_id"))
    high_risk = rules.high_residual_risks(rows(DpiaRisk, context)).filter(dpia_id=OuterRef("id"))
    dpias = (
        rows(DpiaModel, context)
        .exclude(status=DpiaStatus.ARCHIVED)
        .annotate(
            activity_version=Subquery(activity_version.values("version")[:1]),
            high_risk=Exists(high_risk),
        )
    )
    counts = grouped(
        dpias,
        municipalities,
        awaiting_advice=Count("pk", filter=Q(status=DpiaStatus.AWAITING_ADVICE)),
        oldest_sent=Min("sent_to_dpo_at", filter=Q(status=DpiaStatus.AWAITING_ADVICE)),
        awaiting_decision=Count("pk", filter=Q(status=DpiaStatus.AWAITING_DECISION)),
        reassess=Count("pk", filter=Q(status=DpiaStatus.APPROVED, activity_version__gt=F("based_on_activity_version"))),
        art36=Count("pk", filter=Q(high_risk=True, prior_consultation_sent_on__isnull=True)),
        decided=Count("pk", filter=Q(status=DpiaStatus.APPROVED)),
    )
    return _merge(unscreened, counts)


def _dpia_values(raw: Mapping, municipality, context: Context) -> dict:
    values = _zero(raw, "unscreened", "awaiting_advice", "awaiting_decision", "reassess", "art36", "decided")
    oldest = raw.get("oldest_sent")
    values["advice_age"] = rules.age_in_days(oldest, context.day) if oldest else 0
    return values


def _dpia_light(values: Mapping) -> Light:
    if values["reassess"] or values["art36"] or values["advice_age"] > ADVICE_WAIT_RED_DAYS:
        return Light.RED
    if values["unscreened"] or values["awaiting_advice"] or values["awaiting_decision"]:
        return Light.YELLOW
    return Light.GREEN


DPIA = Area(
    key="dpia",
    label=_("DPIA"),
    order=30,
    url=_url("dpia:list"),
    figures=(
        Figure("unscreened", _("Not screened"), _url("dpia:list"), attention=True),
        Figure("awaiting_advice", _("Awaiting the DPO's advice"), _url("dpia:list"), attention=True),
        Figure("advice_age", _("Oldest waits (days)"), _url("dpia:list"), attention=True, unit="days"),
        Figure("awaiting_decision", _("Awaiting decision"), _url("dpia:list"), attention=True),
        Figure("reassess", _("Must be reassessed"), _url("dpia:list"), attention=True),
        Figure("art36", _("Art. 36 flagged"), _url("dpia:list"), attention=True),
    ),
    collect=_dpia,
    values=_dpia_values,
    light=_dpia_light,
    explanation=_(
        "Red: a DPIA must be reassessed, a high residual risk has not been sent to Datatilsynet (Art. 36), "
        "or advice has been waited for over 30 days."
    ),
)


# --- ROS -----------------------------------------------------------------------------------------


def _ros(context: Context, municipalities: QuerySet) -> dict[int, dict]:
    analyses = rules.analyses_in_force(context)
    in_force_ids = analyses.values("id")
    year_ago = context.day - datetime.timedelta(days=STALE_ANALYSIS_DAYS)
    counts = grouped(
        analyses,
        municipalities,
        analyses=Count("pk"),
        signed=Count("pk", filter=Q(status=AnalysisStatus.APPROVED)),
        not_signed=Count("pk", filter=~Q(status=AnalysisStatus.APPROVED)),
        rejected=Count("pk", filter=Q(status=AnalysisStatus.REJECTED)),
        changed=Count("pk", filter=rules.changed_after_approval_q()),
        older=Count("pk", filter=Q(analysed_on__lt=year_ago)),
    )
    red = grouped(
        rules.red_residual_scenarios(rows(RiskScenario, context).filter(analysis_id__in=in_force_ids)),
        municipalities,
        red=Count("pk"),
    )
    overdue = grouped(
        rows(RiskMeasure, context).filter(
            analysis_id__in=in_force_ids,
            status__in=[MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS],
            due_on__lt=context.day,
        ),
        municipalities,
        overdue_measures=Count("pk"),
    )
    return _merge(counts, red, overdue)


def _ros_light(values: Mapping) -> Light:
    if not values["analyses"] or values["rejected"] or values["overdue_measures"]:
        return Light.RED
    if values["not_signed"] or values["changed"] or values["older"] or values["red"]:
        return Light.YELLOW
    return Light.GREEN


ROS = Area(
    key="ros",
    label=_("ROS"),
    order=40,
    url=_url("risk:analysis_list"),
    figures=(
        Figure("analyses", _("Analyses"), _url("risk:analysis_list")),
        Figure("not_signed", _("Not signed"), _url("risk:analysis_list"), attention=True),
        Figure("changed", _("Changed after approval"), _url("risk:analysis_list"), attention=True),
        Figure("red", _("Red residual risks"), _url("risk:analysis_list"), attention=True),
        Figure("overdue_measures", _("Measures overdue"), _url("risk:measure_list"), attention=True),
        Figure("older", _("Older than a year"), _url("risk:analysis_list"), attention=True),
    ),
    collect=_ros,
    values=lambda raw, m, c: _zero(
        raw, "analyses", "signed", "not_signed", "rejected", "changed", "red", "overdue_measures", "older"
    ),
    light=_ros_light,
    explanation=_(
        "Red: no ROS analysis, an analysis not approved by its risk owner, or a measure past its due date. "
        "Yellow: not yet signed, changed after approval, older than a year, or a residual risk still red."
    ),
)


# --- Kurs ----------------------------------------------------------------------------------------


def current_round(context: Context):
    """The round of the newest registrations at the time ("this round"), or the newest round when none."""
    latest = rows(Registration, context).order_by("-round__number").values_list("round_id", flat=True).first()
    rounds = rows(Round, context)
    return (rounds.filter(id=latest) if latest else rounds.order_by("-number")).values("id", "name").first()


def _courses(context: Context, municipalities: QuerySet) -> dict[int, dict]:
    chosen = current_round(context)
    if chosen is None:
        return {}
    return grouped(
        rows(Registration, context).filter(round_id=chosen["id"], status=RegistrationStatus.CONFIRMED),
        municipalities,
        registered=Count("pk"),
    )


def _courses_values(raw: Mapping, municipality, context: Context) -> dict:
    registered = raw.get("registered") or 0
    population = municipality.population
    per_thousand = round(1000 * registered / population, 1) if population else 0
    return {"registered": registered, "per_thousand": per_thousand}


COURSES = Area(
    key="courses",
    label=_("Courses"),
    order=50,
    url=_url("training:municipality_courses"),
    figures=(
        Figure("registered", _("Participants this round"), _url("training:municipality_courses"), attention=False),
        Figure("per_thousand", _("Per 1000 inhabitants"), _url("training:municipality_courses"), unit="per_thousand"),
    ),
    collect=_courses,
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
    url=_url("core:municipality_detail"),
    figures=(Figure("kins_member", _("KINS member"), _url("core:municipality_detail"), unit="yes_no"),),
    collect=_kins,
    values=lambda raw, m, c: {"kins_member": raw.get("kins_member") or 0},
    light=lambda values: Light.GREEN if values["kins_member"] else Light.YELLOW,
    explanation=_("Yellow: not a member of KINS, whose management system Datatilsynet recommends."),
)


def register_builtin_areas() -> None:
    for area in (PROTOCOL, AGREEMENTS, DPIA, ROS, COURSES, KINS):
        register_area(area)
