"""Reads of the kartlegging: questionnaires, a municipality's assessments, the profile against the last
one, and the DPO's heat map."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q, QuerySet

from isms.core.models import Municipality, Template, TemplateVersion

from ..models import (
    Assessment,
    AssessmentAnswer,
    AssessmentStatus,
)


def questionnaires() -> QuerySet[Template]:
    return Template.objects.filter(kind="maturity", published_version__gt=0).order_by("group", "title")


def completed_counts() -> dict[int, int]:
    """{questionnaire id: completed kartlegginger} (one query)."""
    return dict(
        Assessment.objects.filter(status=AssessmentStatus.COMPLETED)
        .values("template_id")
        .annotate(n=Count("pk"))
        .values_list("template_id", "n")
    )


def assessments(municipality: Municipality) -> QuerySet[Assessment]:
    return (
        Assessment.objects.filter(municipality=municipality)
        .select_related("template")
        .annotate(
            answered=Count("answers", filter=Q(answers__level__isnull=False)),
            average=Avg("answers__level"),
        )
    )


@dataclass
class AreaResult:
    area: str
    average: float | None
    answered: int
    questions: int
    previous: float | None = None

    @property
    def change(self) -> float | None:
        if self.average is None or self.previous is None:
            return None
        return round(self.average - self.previous, 1)

    @property
    def is_weak(self) -> bool:
        return self.average is not None and self.average < 2

    @property
    def percent(self) -> int:
        return round((self.average or 0) / 4 * 100)


@dataclass
class AssessmentResult:
    assessment: Assessment
    questions: list[dict]
    answers: dict[str, AssessmentAnswer]
    areas: list[AreaResult]
    previous: Assessment | None = None
    newer_version: int | None = None  # the questionnaire's latest version when it is newer than the one answered

    @property
    def average(self) -> float | None:
        levels = [answer.level for answer in self.answers.values() if answer.level is not None]
        return sum(levels) / len(levels) if levels else None

    @property
    def unanswered(self) -> int:
        return sum(
            1 for q in self.questions if self.answers.get(q["key"]) is None or self.answers[q["key"]].level is None
        )

    def rows(self):
        """(question, answer or None) in the questionnaire's order."""
        return [(question, self.answers.get(question["key"])) for question in self.questions]


def area_averages(assessment_ids: list[int]) -> dict[int, dict[str, float]]:
    rows = (
        AssessmentAnswer.objects.filter(assessment_id__in=assessment_ids, level__isnull=False)
        .values("assessment_id", "area")
        .annotate(average=Avg("level"))
    )
    result: dict[int, dict[str, float]] = defaultdict(dict)
    for row in rows:
        result[row["assessment_id"]][row["area"]] = round(float(row["average"]), 1)
    return result


def previous_assessment(assessment: Assessment) -> Assessment | None:
    """The municipality's last completed kartlegging with the same questionnaire before this one."""
    return (
        Assessment.objects.filter(
            municipality_id=assessment.municipality_id,
            template_id=assessment.template_id,
            status=AssessmentStatus.COMPLETED,
        )
        .filter(Q(assessed_on__lt=assessment.assessed_on) | Q(assessed_on=assessment.assessed_on, pk__lt=assessment.pk))
        .order_by("-assessed_on", "-pk")
        .first()
    )


def assessment_result(assessment: Assessment) -> AssessmentResult:
    """The answers, the profile per area and the comparison with the last kartlegging (five queries)."""
    versions = dict(TemplateVersion.objects.filter(template_id=assessment.template_id).values_list("number", "content"))
    questions = versions.get(assessment.template_version, {}).get("questions", [])
    answers = {answer.question_key: answer for answer in assessment.answers.all()}
    previous = previous_assessment(assessment)
    averages = area_averages([assessment.pk] + ([previous.pk] if previous else []))
    per_area: dict[str, list[dict]] = {}
    for question in questions:
        per_area.setdefault(question["area"], []).append(question)
    areas = []
    for area, area_questions in per_area.items():
        answered = sum(1 for q in area_questions if answers.get(q["key"]) and answers[q["key"]].level is not None)
        areas.append(
            AreaResult(
                area,
                averages.get(assessment.pk, {}).get(area),
                answered,
                len(area_questions),
                averages.get(previous.pk, {}).get(area) if previous else None,
            )
        )
    latest = max(versions) if versions else None
    newer = latest if latest and latest > (assessment.template_version or 0) else None
    return AssessmentResult(assessment, questions, answers, areas, previous, newer)


def open_analyses(municipality: Municipality):
    """The municipality's ROS analyses a weak area can become a measure of (not archived, latest revision)."""
    from risk.models import AnalysisStatus, RiskAnalysis

    return (
        RiskAnalysis.objects.filter(municipality=municipality, revisions__isnull=True)
        .exclude(status=AnalysisStatus.ARCHIVED)
        .order_by("title")
    )


@dataclass
class HeatMap:
    template: Template | None
    areas: list[str]
    rows: list[tuple[Municipality, Assessment | None, list[float | None]]] = field(default_factory=list)


def heat_map(template: Template | None, municipalities: QuerySet[Municipality]) -> HeatMap:
    """Area × municipality: the average level per area of each municipality's latest completed kartlegging
    with the questionnaire (four queries, whatever the number of municipalities)."""
    if template is None:
        return HeatMap(None, [])
    latest_version = template.versions.order_by("-number").values_list("content", flat=True).first() or {}
    areas = list(dict.fromkeys(question["area"] for question in latest_version.get("questions", [])))
    latest: dict[int, Assessment] = {}
    for assessment in (
        Assessment.objects.filter(template=template, status=AssessmentStatus.COMPLETED, municipality__in=municipalities)
        .only("municipality", "assessed_on")
        .order_by("municipality_id", "assessed_on", "pk")
    ):  # what a row shows
        latest[assessment.municipality_id] = assessment
    averages = area_averages([assessment.pk for assessment in latest.values()])
    for values in averages.values():
        for area in values:
            if area not in areas:
                areas.append(area)  # an area of an older version
    rows = []
    for municipality in municipalities.only("name", "slug").order_by("name"):
        assessment = latest.get(municipality.pk)
        values = averages.get(assessment.pk, {}) if assessment else {}
        rows.append((municipality, assessment, [values.get(area) for area in areas]))
    return HeatMap(template, areas, rows)


@dataclass(frozen=True)
class HeatRow:
    """One municipality's row of the heat map, ready to print: 357 rows × the areas stay a plain loop."""

    name: str
    url: str  # its kartlegging, or "" when it has none
    date: str
    cells: list[tuple[str, str]]  # (the average with a decimal comma or "—", its CSS class)


HEAT_CLASSES = {"low": "heat--high", "medium": "heat--medium", "high": "heat--low", "": ""}  # weak is red


def heat_map_rows(heat_map: HeatMap) -> list[HeatRow]:
    from django.urls import reverse
    from django.utils import formats

    pattern = reverse("cycle:assessment_detail", args=["SLUG", 0]).replace("/0/", "/{pk}/").replace("SLUG", "{slug}")
    rows = []
    for municipality, assessment, values in heat_map.rows:
        cells = [
            ("—" if value is None else f"{value:.1f}".replace(".", ","), HEAT_CLASSES[heat_level(value)])
            for value in values
        ]
        rows.append(
            HeatRow(
                municipality.name,
                pattern.format(slug=municipality.slug, pk=assessment.pk) if assessment else "",
                formats.date_format(assessment.assessed_on, "SHORT_DATE_FORMAT") if assessment else "",
                cells,
            )
        )
    return rows


def heat_level(value: float | None) -> str:
    """The colour band of an average maturity level: low below 2, medium below 3, high from 3."""
    if value is None:
        return ""
    return "low" if value < 2 else "medium" if value < 3 else "high"
