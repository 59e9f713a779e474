"""The areas of the records — protocol, agreements, DPIA, ROS — as status-row providers (courses and KINS
are in participation.py).

Each `collect` runs one or two grouped queries over the whole table (or its history as of an instant),
so the page costs the same for 16 and for 357 municipalities. The domain rules come from their
homes through `rules.py`; this module only counts.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.db.models import Count, F, Min, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from dpia.models import Dpia as DpiaModel
from dpia.models import DpiaRisk, DpiaStatus, Screening
from isms.core.signoff import changed_after_approval_q
from isms.protocol.models import (
    AgreementStatus,
    DataProcessingAgreement,
    ProcessingActivity,
    ProcessingSystem,
    RecordStatus,
)
from isms.protocol.selectors import missing_art30_q
from risk.models import AnalysisStatus, MeasureStatus, RiskMeasure, RiskScenario

from . import rules
from .counting import grouped, merge, url_of, zeros
from .history import field_of, rows
from .participation import COURSES, KINS
from .registry import Area, Context, Figure, Light, register_area

EXPIRING_DAYS = 90
STALE_ANALYSIS_DAYS = 365
ADVICE_WAIT_RED_DAYS = 30


# --- Behandlingsprotokoll -------------------------------------------------------------------------


def _protocol(context: Context, municipalities: QuerySet) -> dict[int, dict]:
    activities = rows(ProcessingActivity, context).filter(status=RecordStatus.ACTIVE)
    # Sets of ids, not a correlated EXISTS per activity: the database hashes each set once (at 357 × 400 the
    # history's EXISTS per row was most of the board report's time).
    # Both sets of the municipalities asked for only: after a write one municipality is counted again.
    scope = municipalities.values("pk")
    with_system = rows(ProcessingSystem, context).filter(municipality_id__in=scope).values("processing_activity_id")
    uncovered = (
        rules.uncovered_processor_links(context).filter(municipality_id__in=scope).values("processing_activity_id")
    )
    return grouped(
        activities,
        municipalities,
        activities=Count("pk"),
        incomplete=Count("pk", filter=missing_art30_q()),
        reviews_overdue=Count("pk", filter=Q(next_review__lt=context.day)),
        without_system=Count("pk", filter=~Q(id__in=with_system)),
        without_agreement=Count("pk", filter=Q(id__in=uncovered)),
    )


def _protocol_values(raw: Mapping, municipality, context: Context) -> dict:
    values = zeros(raw, "activities", "incomplete", "reviews_overdue", "without_system", "without_agreement")
    total = values["activities"]
    values["complete_share"] = round(100 * (total - values["incomplete"]) / total) if total else 0
    return values


def _protocol_light(values: Mapping) -> Light:
    # An activity without a system is shown (it may be on paper) but does not colour the light.
    if not values["activities"] or values["without_agreement"] or values["complete_share"] < 50:
        return Light.RED
    if values["incomplete"] or values["reviews_overdue"]:
        return Light.YELLOW
    return Light.GREEN


PROTOCOL = Area(
    key="protocol",
    label=_("Record of processing"),
    short_label=_("Protocol"),
    order=10,
    url=url_of("protocol:processing_list"),
    figures=(
        Figure("activities", _("Processing activities"), url_of("protocol:processing_list")),
        Figure(
            "complete_share",
            _("Art. 30 complete"),
            url_of("protocol:processing_list", "attention=art30"),
            unit="percent",
        ),
        Figure(
            "reviews_overdue",
            _("Review overdue"),
            url_of("protocol:processing_list", "attention=review"),
            attention=True,
        ),
        Figure("without_system", _("Without a system"), url_of("protocol:processing_list"), attention=True),
        Figure(
            "without_agreement",
            _("Without a DPA in force"),
            url_of("protocol:processing_list", "attention=agreement"),
            attention=True,
        ),
    ),
    collect=_protocol,
    values=_protocol_values,
    light=_protocol_light,
    explanation=_(
        "Red: no processing activities, one without a DPA in force, or less than half with every Art. 30 field. "
        "Yellow: an Art. 30 field empty or a review overdue."
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
    return merge(processors, expiring, expired, joint)


def _agreements_light(values: Mapping) -> Light:
    if values["processors_without"] or values["expired"]:
        return Light.RED
    if values["expiring"] or values["joint_unsigned"]:
        return Light.YELLOW
    return Light.GREEN


AGREEMENTS = Area(
    key="agreements",
    label=_("Data processing agreements"),
    short_label=_("DPA"),
    order=20,
    url=url_of("protocol:agreement_list"),
    figures=(
        Figure(
            "processors_without",
            _("Processors without a DPA"),
            url_of("protocol:processing_list", "attention=agreement"),
            attention=True,
        ),
        Figure("expiring", _("Expire within 90 days"), url_of("protocol:agreement_list"), attention=True),
        Figure("expired", _("Expired"), url_of("protocol:agreement_list", "attention=not_in_force"), attention=True),
        Figure(
            "joint_unsigned",
            _("Joint DPAs not signed"),
            url_of("protocol:agreement_list", "attention=not_in_force"),
            attention=True,
        ),
    ),
    collect=_agreements,
    values=lambda raw, m, c: zeros(raw, "processors_without", "expiring", "expired", "joint_unsigned"),
    light=_agreements_light,
    explanation=_("Red: a processor is used without a DPA in force, or an agreement has expired."),
)


# --- DPIA ----------------------------------------------------------------------------------------


def _dpia(context: Context, municipalities: QuerySet) -> dict[int, dict]:
    screened = rows(Screening, context).values("processing_activity_id")
    unscreened = grouped(
        rules.needs_screening(rows(ProcessingActivity, context).filter(status=RecordStatus.ACTIVE)).exclude(
            id__in=screened
        ),
        municipalities,
        unscreened=Count("pk"),
    )
    high_risk = rules.high_residual_risks(rows(DpiaRisk, context)).values("dpia_id")
    dpias = (
        rows(DpiaModel, context)
        .exclude(status=DpiaStatus.ARCHIVED)
        .annotate(activity_version=Subquery(field_of(ProcessingActivity, context, "processing_activity_id", "version")))
    )
    counts = grouped(
        dpias,
        municipalities,
        awaiting_advice=Count("pk", filter=Q(status=DpiaStatus.AWAITING_ADVICE)),
        oldest_sent=Min("sent_to_dpo_at", filter=Q(status=DpiaStatus.AWAITING_ADVICE)),
        awaiting_decision=Count("pk", filter=Q(status=DpiaStatus.AWAITING_DECISION)),
        reassess=Count("pk", filter=Q(status=DpiaStatus.APPROVED, activity_version__gt=F("based_on_activity_version"))),
        art36=Count("pk", filter=Q(id__in=high_risk, prior_consultation_sent_on__isnull=True)),
        decided=Count("pk", filter=Q(status=DpiaStatus.APPROVED)),
    )
    return merge(unscreened, counts)


def _dpia_values(raw: Mapping, municipality, context: Context) -> dict:
    values = zeros(raw, "unscreened", "awaiting_advice", "awaiting_decision", "reassess", "art36", "decided")
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
    url=url_of("dpia:list"),
    figures=(
        Figure("unscreened", _("Screening missing"), url_of("dpia:list"), attention=True),
        Figure("awaiting_advice", _("Awaiting the DPO's advice"), url_of("dpia:list"), attention=True),
        Figure("advice_age", _("Oldest waits (days)"), url_of("dpia:list"), attention=True, unit="days"),
        Figure("awaiting_decision", _("Awaiting decision"), url_of("dpia:list"), attention=True),
        Figure("reassess", _("Must be reassessed"), url_of("dpia:list"), attention=True),
        Figure("art36", _("Art. 36 flagged"), url_of("dpia:list"), attention=True),
    ),
    collect=_dpia,
    values=_dpia_values,
    light=_dpia_light,
    explanation=_(
        "Red: a DPIA must be reassessed, a high residual risk has not been sent to Datatilsynet (Art. 36), "
        "or advice has been waited for over 30 days. Yellow: a screening missing on processing of special "
        "categories, or a DPIA waiting for advice or decision."
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
        changed=Count("pk", filter=changed_after_approval_q()),
        older=Count("pk", filter=Q(analysed_on__lt=year_ago)),
    )
    red = grouped(
        rules.red_residual_scenarios(rows(RiskScenario, context).filter(analysis_id__in=in_force_ids), context),
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
    return merge(counts, red, overdue)


def _ros_light(values: Mapping) -> Light:
    if not values["analyses"] or values["rejected"] or values["overdue_measures"]:
        return Light.RED
    # A residual risk still red is shown; in a signed analysis its risk owner has accepted it explicitly.
    if values["not_signed"] or values["changed"] or values["older"]:
        return Light.YELLOW
    return Light.GREEN


ROS = Area(
    key="ros",
    label=_("ROS"),
    order=40,
    url=url_of("risk:analysis_list"),
    figures=(
        Figure("analyses", _("Analyses"), url_of("risk:analysis_list")),
        Figure("not_signed", _("Not signed"), url_of("risk:analysis_list"), attention=True),
        Figure("changed", _("Changed after approval"), url_of("risk:analysis_list"), attention=True),
        Figure("red", _("Red residual risks"), url_of("risk:analysis_list"), attention=True),
        Figure("overdue_measures", _("Measures overdue"), url_of("risk:measure_list"), attention=True),
        Figure("older", _("Older than a year"), url_of("risk:analysis_list"), attention=True),
    ),
    collect=_ros,
    shared_inputs=("risk.RiskMatrix",),
    values=lambda raw, m, c: zeros(
        raw, "analyses", "signed", "not_signed", "rejected", "changed", "red", "overdue_measures", "older"
    ),
    light=_ros_light,
    explanation=_(
        "Red: no ROS analysis, an analysis not approved by its risk owner, or a measure past its due date. "
        "Yellow: not yet signed, changed after approval, or older than a year."
    ),
)


def register_builtin_areas() -> None:
    for area in (PROTOCOL, AGREEMENTS, DPIA, ROS, COURSES, KINS):
        register_area(area)
