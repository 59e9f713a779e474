"""How the status row applies the domain rules to today's rows or to the rows as of an instant.

Each rule lives at its home as a condition that serves a model's queryset method, its property and
historical rows alike (`in_force_q`, `red_after_measures_q`, `high_after_measures_q`,
`changed_after_approval_q`); this module only says which rows they read. As of an instant, every table a
figure reads is a history table as of that instant: a join through a foreign key would read today's row,
so relations are followed by id through `rows()` instead (history.py).
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from dpia.models import high_after_measures_q
from isms.protocol.models import (
    DataProcessingAgreement,
    ProcessingActivity,
    ProcessingProcessor,
    RecordDpiaStatus,
    RecordStatus,
    in_force_q,
)
from risk.models import AnalysisStatus, RiskAnalysis, RiskMatrix, red_after_measures_q

from .history import rows
from .registry import Context


def in_force(agreements: QuerySet, day: datetime.date) -> QuerySet:
    """Agreements in force on `day`: DataProcessingAgreement.objects.in_force_on(day) (ADR 5), here through its
    database side `in_force_q` so it applies to historical rows as well."""
    return agreements.filter(in_force_q(day))


def active_activity_ids(context: Context) -> QuerySet:
    return rows(ProcessingActivity, context).filter(status=RecordStatus.ACTIVE).values("id")


def uncovered_processor_links(context: Context) -> QuerySet:
    """Processor links of active processing whose vendor has no agreement in force with that municipality
    (isms.protocol.selectors.uncovered_processors, on the context's day)."""
    covered = in_force(rows(DataProcessingAgreement, context), context.day).filter(
        municipality_id=OuterRef("municipality_id"), vendor_id=OuterRef("vendor_id")
    )
    return (
        rows(ProcessingProcessor, context)
        .filter(processing_activity_id__in=active_activity_ids(context))
        .exclude(Exists(covered))
    )


def analyses_in_force(context: Context) -> QuerySet:
    """Analyses that count: not archived and not replaced by a newer revision (risk.selectors.measures)."""
    analyses = rows(RiskAnalysis, context)
    replaced = rows(RiskAnalysis, context).filter(previous_id=OuterRef("id"))
    return analyses.exclude(status=AnalysisStatus.ARCHIVED).exclude(Exists(replaced))


def red_residual_scenarios(scenarios: QuerySet, context: Context) -> QuerySet:
    """Scenarios still red after measures (`RiskScenario.is_red_after_measures`). Today through the analysis's
    matrix; as of an instant with the analysis's matrix and that matrix's band as they stood then."""
    if not context.historical:
        return scenarios.filter(red_after_measures_q())
    matrix_of_analysis = rows(RiskAnalysis, context).filter(id=OuterRef(OuterRef("analysis_id"))).values("matrix_id")
    band = rows(RiskMatrix, context).filter(id=Subquery(matrix_of_analysis[:1])).values("tolerable_max")
    return scenarios.filter(red_after_measures_q(tolerable_max=Subquery(band[:1])))


def high_residual_risks(risks: QuerySet) -> QuerySet:
    """`DpiaRisk.is_high_after_measures` on live or historical rows (prior consultation, Art. 36)."""
    return risks.filter(high_after_measures_q())


def needs_screening(activities: QuerySet) -> QuerySet:
    """Processing that should be screened for a DPIA: special categories (Art. 9) or offence data (Art. 10),
    or marked in the protocol as recommended or required."""
    return activities.filter(
        ~Q(special_categories="")
        | Q(criminal_offence_data=True)
        | Q(dpia_status__in=[RecordDpiaStatus.RECOMMENDED, RecordDpiaStatus.REQUIRED])
    )


def age_in_days(moment: datetime.datetime, day: datetime.date) -> int:
    """Whole days from a stored time (its Oslo day) to `day`, as the DPO queue counts them."""
    return max(0, (day - timezone.localdate(moment)).days)
