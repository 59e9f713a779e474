"""The domain rules the status row counts with, each taken from its home so the overview, the lists
and the PDFs agree. They take a queryset of live rows or of historical rows as of an instant
(history.py): the field names are the same, so one lookup serves both.

This is the one module of the app that names them; when a rule moves, only this file changes.
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from dpia.models import HIGH_LEVEL
from isms.core.models import SignOffDecision
from isms.protocol.models import DataProcessingAgreement, ProcessingProcessor, RecordStatus, in_force_q
from risk.models import AnalysisStatus, RiskAnalysis

from .history import rows
from .registry import Context


def in_force(agreements: QuerySet, day: datetime.date) -> QuerySet:
    """Agreements in force on `day`: DataProcessingAgreement.objects.in_force_on(day) (ADR 5), here through its
    database side `in_force_q` so it applies to historical rows as well."""
    return agreements.filter(in_force_q(day))


def uncovered_processor_links(context: Context) -> QuerySet:
    """Processor links of active processing whose vendor has no agreement in force with that municipality
    (isms.protocol.selectors.uncovered_processors, on the context's day)."""
    covered = in_force(rows(DataProcessingAgreement, context), context.day).filter(
        municipality_id=OuterRef("municipality_id"), vendor_id=OuterRef("vendor_id")
    )
    return (
        rows(ProcessingProcessor, context)
        .filter(processing_activity__status=RecordStatus.ACTIVE)
        .exclude(Exists(covered))
    )


def changed_after_approval_q() -> Q:
    """SignOffState.changed_after_approval (ADR 6) on a SignedRoot's stored fields, as a database condition."""
    return Q(
        last_decision=SignOffDecision.APPROVED, last_signed_version__isnull=False, last_signed_version__lt=F("version")
    )


def analyses_in_force(context: Context) -> QuerySet:
    """Analyses that count: not archived and not replaced by a newer revision (risk.selectors.measures)."""
    analyses = rows(RiskAnalysis, context)
    replaced = rows(RiskAnalysis, context).filter(previous_id=OuterRef("id"))
    return analyses.exclude(status=AnalysisStatus.ARCHIVED).exclude(Exists(replaced))


def red_residual_scenarios(scenarios: QuerySet) -> QuerySet:
    """Scenarios still red after measures (risk.selectors.overview): residual score, or the inherent one
    when not rated after measures, above the matrix's tolerable band. An analysis keeps its matrix."""
    score = Coalesce("residual_likelihood", "likelihood") * Coalesce("residual_consequence", "consequence")
    return scenarios.annotate(residual=score).filter(residual__gt=F("analysis__matrix__tolerable_max"))


def high_residual_risks(risks: QuerySet) -> QuerySet:
    """DpiaRisk.is_high_after_measures as a database condition (prior consultation, Art. 36)."""
    return risks.annotate(
        residual_s=Coalesce("residual_severity", "severity"), residual_l=Coalesce("residual_likelihood", "likelihood")
    ).filter(residual_s__gte=HIGH_LEVEL, residual_l__gte=HIGH_LEVEL)


def age_in_days(moment: datetime.datetime, day: datetime.date) -> int:
    """Whole days from a stored time (its Oslo day) to `day`, as the DPO queue counts them."""
    return max(0, (day - timezone.localdate(moment)).days)
