"""Reads of the risk app, with what each page needs loaded up front."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from isms.core.models import MembershipRole, Municipality, SignOff, Template
from isms.core.signoff import SigningItem, signoffs_of

from .models import AnalysisStatus, MeasureScenario, MeasureStatus, RiskAnalysis, RiskMeasure, RiskScenario


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


# What the analysis page shows of each scenario and measure: the long texts (cause, justification…) are
# read on their own pages and in the PDF, and loading them for 200 scenarios cost a tenth of the page.
SCENARIO_ROW_FIELDS = (
    "analysis", "municipality", "title", "asset", "security", "likelihood", "consequence", "residual_likelihood",
    "residual_consequence", "version",
)  # fmt: skip
MEASURE_ROW_FIELDS = ("analysis", "municipality", "title", "strategy", "owner", "due_on", "status", "version")


def analysis_detail(*, municipality: Municipality) -> QuerySet[RiskAnalysis]:
    """Analyses with their scenarios and measures (3 queries for one); `scenario_rows` adds the links."""
    return (
        RiskAnalysis.objects.filter(municipality=municipality)
        .select_related("risk_owner", "matrix", "system_use__system", "processing_activity", "previous")
        .prefetch_related(
            Prefetch("scenarios", queryset=RiskScenario.objects.only(*SCENARIO_ROW_FIELDS)),
            Prefetch("measures", queryset=RiskMeasure.objects.only(*MEASURE_ROW_FIELDS)),
        )
    )


def scenario_rows(analysis: RiskAnalysis) -> list[RiskScenario]:
    """The analysis's scenarios (prefetched), each with `measure_titles`, the titles of the measures that
    answer it, from one query on the links. A many-to-many prefetch would build a queryset per scenario:
    on an analysis of 200 scenarios that was a fifth of the page's time."""
    titles: dict[int, list[str]] = {}
    links = MeasureScenario.objects.filter(measure__analysis=analysis).order_by(
        "measure__due_on", "measure_id"
    )  # RiskMeasure's own order
    for scenario_id, title in links.values_list("scenario_id", "measure__title"):
        titles.setdefault(scenario_id, []).append(title)
    scenarios = list(analysis.scenarios.all())
    for scenario in scenarios:
        scenario.measure_titles = titles.get(scenario.pk, [])
    return scenarios


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
            has_high_risk=any(scenario.is_red_after_measures for scenario in analysis.scenarios.all()),
        )
        for analysis in rows
    ]


def signoffs(analysis: RiskAnalysis) -> list[SignOff]:
    return signoffs_of(RiskAnalysis, [analysis.pk]).get(analysis.pk, [])


# What a row of the overview shows: loading whole rows (a template's content, the matrix's labels, every
# timestamp) for 357 analyses was a third of the page's time.
OVERVIEW_FIELDS = (
    "title", "status", "version", "template_version", "last_signed_version", "last_decision",
    "municipality__name", "municipality__slug", "template__published_version",
)  # fmt: skip


def all_analyses() -> QuerySet[RiskAnalysis]:
    """Every analysis of every municipality (callers scope it to the user), with what the overview shows."""
    return (
        RiskAnalysis.objects.select_related("municipality", "template")
        .only(*OVERVIEW_FIELDS)
        .order_by("municipality__name", "title")
    )


def overview(analyses: QuerySet[RiskAnalysis]) -> QuerySet[RiskAnalysis]:
    """The analyses with, counted in the database, their scenarios still red after measures and their
    open and overdue measures (one query whatever the number of municipalities)."""
    open_statuses = [MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS]
    red = (
        RiskScenario.objects.filter(analysis=OuterRef("pk"))
        .red_after_measures(tolerable_max=OuterRef("matrix__tolerable_max"))
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
