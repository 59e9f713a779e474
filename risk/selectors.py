"""Reads of the risk app, with what each page needs loaded up front."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from isms.core.models import MembershipRole, Municipality, SignOff, Template
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
    """The measures of the municipality's analyses in force, by due date. An archived analysis, or one a newer
    revision replaces, is left out: the revision carries its measures over, so they would show twice."""
    return (
        RiskMeasure.objects.filter(municipality=municipality, analysis__revisions__isnull=True)
        .exclude(analysis__status=AnalysisStatus.ARCHIVED)
        .select_related("analysis")
        .order_by("due_on", "pk")
    )


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


def overview(analyses: QuerySet[RiskAnalysis]) -> QuerySet[RiskAnalysis]:
    """The analyses with, counted in the database, their scenarios still red after measures and their
    open and overdue measures (one query whatever the number of municipalities)."""
    open_statuses = [MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS]
    # Rated after measures when both residual values are set (the forms require both or neither).
    residual_score = Coalesce("residual_likelihood", "likelihood") * Coalesce("residual_consequence", "consequence")
    red = (
        RiskScenario.objects.filter(analysis=OuterRef("pk"))
        .annotate(score=residual_score)
        .filter(score__gt=OuterRef("matrix__tolerable_max"))
        .order_by()
        .values("analysis")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return analyses.annotate(
        red_residual=Coalesce(Subquery(red), 0),
        open_measures=_count(RiskMeasure, status__in=open_statuses),
        overdue_measures=_count(RiskMeasure, status__in=open_statuses, due_on__lt=timezone.localdate()),
    )


def joint_templates() -> list[Template]:
    return list(Template.objects.filter(kind="ros", published_version__gt=0).order_by("title"))
