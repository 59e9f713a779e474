"""Reads of the risk app, with what each page needs loaded up front."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from isms.core.models import Municipality

from .models import MeasureStatus, RiskAnalysis, RiskMeasure, RiskScenario


def scenario_titles(rows) -> dict[int, str]:
    return {row.id: row.title for row in rows}


def measure_titles(rows) -> dict[int, str]:
    return {row.id: row.title for row in rows}


def analyses(*, municipality: Municipality) -> QuerySet[RiskAnalysis]:
    return (
        RiskAnalysis.objects.filter(municipality=municipality)
        .select_related("risk_owner", "matrix", "system_use__system", "processing_activity")
        .annotate(
            scenario_count=Count("scenarios", distinct=True),
            open_measures=Count(
                "measures",
                filter=Q(measures__status__in=[MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS]),
                distinct=True,
            ),
        )
        .order_by("title")
    )


def analysis_detail(*, municipality: Municipality) -> QuerySet[RiskAnalysis]:
    """Analyses with their scenarios, measures and the links between them (4 queries for one)."""
    return (
        RiskAnalysis.objects.filter(municipality=municipality)
        .select_related("risk_owner", "matrix", "system_use__system", "processing_activity", "previous")
        .prefetch_related(
            Prefetch("scenarios", queryset=RiskScenario.objects.select_related("threat").prefetch_related("measures")),
            Prefetch("measures", queryset=RiskMeasure.objects.prefetch_related("scenarios")),
        )
    )


def measures(*, municipality: Municipality) -> QuerySet[RiskMeasure]:
    """Every measure of the municipality's analyses, open and overdue first."""
    return RiskMeasure.objects.filter(municipality=municipality).select_related("analysis").order_by("due_on", "pk")
