"""Reads of the risk app, with what each page needs loaded up front."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from isms.core.library.models import Template
from isms.core.models import MembershipRole, Municipality, SignOff
from isms.core.signoff import SigningItem, signoffs_of

from .models import AnalysisStatus, MeasureStatus, RiskAnalysis, RiskMeasure, RiskScenario
from .snapshot import residual_or_inherent


def scenario_titles(rows) -> dict[int, str]:
    return {row.id: row.title for row in rows}


def measure_titles(rows) -> dict[int, str]:
    return {row.id: row.title for row in rows}


def _count(model, **filters) -> Subquery:
    """A correlated count per analysis (two joined Counts would multiply scenarios by measures)."""
    rows = model.objects.filter(analysis=OuterRef("pk"), **filters).order_by().values("analysis")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")[:1]), 0)


def analyses(*, municipality: Municipality) -> QuerySet[RiskAnalysis]:
    return (
        RiskAnalysis.objects.filter(municipality=municipality)
        .select_related("risk_owner", "matrix", "system_use__system", "processing_activity")
        .annotate(
            scenario_count=_count(RiskScenario),
            open_measures=_count(RiskMeasure, status__in=[MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS]),
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


def awaiting_signature(user) -> list:
    """The "Til signering" items of a risk owner: analyses sent to them, in every municipality they lead."""
    rows = (
        RiskAnalysis.objects.filter(
            risk_owner=user,
            status=AnalysisStatus.AWAITING_SIGNOFF,
            municipality__memberships__user=user,
            municipality__memberships__role=MembershipRole.LEADER,
        )
        .select_related("municipality", "matrix")
        .prefetch_related("scenarios")
    )
    return [
        SigningItem(
            kind=str(_("ROS analysis")),
            title=analysis.title,
            municipality=analysis.municipality.name,
            url=reverse("risk:analysis_sign", args=[analysis.municipality.slug, analysis.pk]),
            version=analysis.version,
            sent_at=analysis.signoff_requested_at or analysis.updated_at,
            has_high_risk=any(
                analysis.matrix.level(*residual_or_inherent(scenario)) == "high"
                for scenario in analysis.scenarios.all()
            ),
        )
        for analysis in rows
    ]


def signoffs(analysis: RiskAnalysis) -> list[SignOff]:
    return signoffs_of(RiskAnalysis, [analysis.pk]).get(analysis.pk, [])


def all_analyses() -> QuerySet[RiskAnalysis]:
    """Every analysis of every municipality (callers scope it to the user)."""
    return RiskAnalysis.objects.select_related("municipality", "risk_owner", "matrix", "template").order_by(
        "municipality__name", "title"
    )


@dataclass(frozen=True)
class OverviewRow:
    analysis: RiskAnalysis
    red_residual: int
    open_measures: int
    overdue_measures: int


def overview(analyses: QuerySet[RiskAnalysis]) -> list[OverviewRow]:
    """The analyses with their red residual scenarios and open/overdue measures, in three queries."""
    rows = list(
        analyses.prefetch_related(
            Prefetch("scenarios", queryset=RiskScenario.objects.only(
                "analysis_id", "likelihood", "consequence", "residual_likelihood", "residual_consequence"
            )),
            Prefetch("measures", queryset=RiskMeasure.objects.only("analysis_id", "status", "due_on")),
        )
    )  # fmt: skip
    today = timezone.localdate()
    result = []
    for analysis in rows:
        measures = [measure for measure in analysis.measures.all() if measure.is_open]
        result.append(
            OverviewRow(
                analysis=analysis,
                red_residual=sum(
                    analysis.matrix.level(*residual_or_inherent(scenario)) == "high"
                    for scenario in analysis.scenarios.all()
                ),
                open_measures=len(measures),
                overdue_measures=sum(1 for measure in measures if measure.due_on and measure.due_on < today),
            )
        )
    return result


def joint_templates() -> list[Template]:
    return list(Template.objects.filter(kind="ros", published_version__gt=0).order_by("title"))
