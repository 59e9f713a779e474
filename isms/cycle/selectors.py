"""Reads of the cycle app, each in a constant number of queries: the year view with what the records
completed, overdue activities and the per-municipality figures other apps join (reminders, the status
overview), the kartlegging profile and heat map, and the inputs of a management review."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Avg, Count, Max, Q, QuerySet
from django.utils import timezone

from isms.core.models import Municipality, SignOff, SignOffDecision, Template, TemplateVersion
from isms.core.signoff import signoffs_of

from .models import (
    MONTHS,
    OPEN_STATUSES,
    ActivityKind,
    ActivityStatus,
    AnnualCycle,
    Assessment,
    AssessmentAnswer,
    AssessmentStatus,
    CycleActivity,
    DecisionStatus,
    ManagementReview,
    ReviewDecision,
    ReviewStatus,
)


# Completion from the records ---------------------------------------------------------------------------
def system_completions(municipality_ids: Iterable[int], year: int) -> dict[tuple[int, str], datetime.date]:
    """{(municipality id, activity kind): the day the records say it was done in `year`} (four queries).

    A ROS analysis approved by its risk owner; every active processing activity reviewed; a kartlegging
    completed; the year's management review signed."""
    from isms.protocol.models import ProcessingActivity, RecordStatus
    from risk.models import RiskAnalysis

    ids = list(municipality_ids)
    done: dict[tuple[int, str], datetime.date] = {}
    ros = (
        SignOff.objects.filter(
            content_type=ContentType.objects.get_for_model(RiskAnalysis),
            municipality_id__in=ids,
            decision=SignOffDecision.APPROVED,
            signed_at__year=year,
        )
        .values("municipality_id")
        .annotate(last=Max("signed_at"))
    )
    for row in ros:
        done[(row["municipality_id"], ActivityKind.ROS_REVISION)] = timezone.localtime(row["last"]).date()
    protocol = (
        ProcessingActivity.objects.filter(municipality_id__in=ids, status=RecordStatus.ACTIVE)
        .values("municipality_id")
        .annotate(
            total=Count("pk"),
            reviewed=Count("pk", filter=Q(last_reviewed__year=year)),
            last=Max("last_reviewed"),
        )
    )
    for row in protocol:
        if row["total"] and row["reviewed"] == row["total"]:
            done[(row["municipality_id"], ActivityKind.PROTOCOL_REVIEW)] = row["last"]
    maturity = (
        Assessment.objects.filter(municipality_id__in=ids, status=AssessmentStatus.COMPLETED, assessed_on__year=year)
        .values("municipality_id")
        .annotate(last=Max("completed_on"))
    )
    for row in maturity:
        done[(row["municipality_id"], ActivityKind.MATURITY)] = row["last"]
    reviews = ManagementReview.objects.filter(
        municipality_id__in=ids, year=year, last_decision=SignOffDecision.APPROVED
    ).values_list("municipality_id", "held_on", "updated_at")
    for municipality_id, held_on, updated_at in reviews:
        done[(municipality_id, ActivityKind.MANAGEMENT_REVIEW)] = held_on or timezone.localtime(updated_at).date()
    return done


@dataclass
class ActivityRow:
    """An activity as the year view shows it: its status with what the records say folded in."""

    activity: CycleActivity
    year: int
    status: str
    done_on: datetime.date | None
    from_records: bool  # done because the records say so
    overdue: bool

    @property
    def status_label(self) -> str:
        return str(ActivityStatus(self.status).label)

    @property
    def due_on(self) -> datetime.date:
        return self.activity.due_on(self.year)


def activity_rows(
    activities: Iterable[CycleActivity], year: int, completions: dict, today: datetime.date | None = None
) -> list[ActivityRow]:
    today = today or timezone.localdate()
    rows = []
    for activity in activities:
        status, done_on, from_records = activity.status, activity.done_on, False
        completed = completions.get((activity.municipality_id, activity.kind)) if activity.done_by_system else None
        if completed is not None and status != ActivityStatus.SKIPPED:
            status, done_on, from_records = ActivityStatus.DONE, completed, True
        overdue = status in OPEN_STATUSES and activity.due_on(year) < today
        rows.append(ActivityRow(activity, year, status, done_on, from_records, overdue))
    return rows


@dataclass
class YearView:
    cycle: AnnualCycle
    rows: list[ActivityRow]

    @property
    def months(self) -> list[tuple[int, str, list[ActivityRow]]]:
        """The 12 columns: each month (number, name) with the activities that fall in it."""
        return [
            (int(number), str(name), [row for row in self.rows if int(number) in row.activity.month_numbers])
            for number, name in MONTHS
        ]

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(ActivityStatus.values, 0)
        for row in self.rows:
            counts[row.status] += 1
        counts["overdue"] = sum(1 for row in self.rows if row.overdue)
        return counts


def year_view(cycle: AnnualCycle, *, kind: str = "", status: str = "") -> YearView:
    """The årshjul with every activity (five queries, whatever the number of activities)."""
    activities = cycle.activities.order_by("due_month", "pk")
    if kind:
        activities = activities.filter(kind=kind)
    rows = activity_rows(list(activities), cycle.year, system_completions([cycle.municipality_id], cycle.year))
    if status == "overdue":
        rows = [row for row in rows if row.overdue]
    elif status:
        rows = [row for row in rows if row.status == status]
    return YearView(cycle, rows)


def cycles(municipality: Municipality) -> QuerySet[AnnualCycle]:
    return AnnualCycle.objects.filter(municipality=municipality).annotate(activity_count=Count("activities"))


# For the reminders and the status overview ---------------------------------------------------------------
COUNTED_ACTIVITY_FIELDS = ("municipality_id", "kind", "status", "done_on", "months", "due_month", "cycle__year")


def overdue_activities(
    *, today: datetime.date | None = None, municipality_ids: Iterable[int] | None = None, counting: bool = False
) -> list[ActivityRow]:
    """Open activities of every årshjul whose last month has passed and that the records have not completed
    (three queries per year with overdue activities, whatever the number of municipalities). `counting` reads
    only the columns the rule needs (the status overview counts thousands of them; the reminders name each)."""
    today = today or timezone.localdate()
    queryset = (
        CycleActivity.objects.filter(status__in=OPEN_STATUSES)
        .filter(Q(cycle__year__lt=today.year) | Q(cycle__year=today.year, due_month__lt=today.month))
        .order_by("cycle__year", "due_month", "pk")
    )
    if counting:
        queryset = queryset.select_related("cycle").only(*COUNTED_ACTIVITY_FIELDS)
    else:
        queryset = queryset.select_related("cycle", "municipality")
    if municipality_ids is not None:
        queryset = queryset.filter(municipality_id__in=list(municipality_ids))
    by_year: dict[int, list[CycleActivity]] = defaultdict(list)
    for activity in queryset:
        by_year[activity.cycle.year].append(activity)
    rows: list[ActivityRow] = []
    for year, activities in sorted(by_year.items()):
        completions = system_completions({a.municipality_id for a in activities}, year)
        rows.extend(row for row in activity_rows(activities, year, completions, today) if row.overdue)
    return rows


@dataclass(frozen=True)
class CycleFigures:
    overdue_activities: int = 0
    last_review_year: int | None = None
    last_review_on: datetime.date | None = None
    last_assessment_on: datetime.date | None = None


def cycle_figures(municipality_ids: Iterable[int] | None = None) -> dict[int, CycleFigures]:
    """{municipality id: overdue årshjul activities, last signed management review, last kartlegging}."""
    ids = list(municipality_ids) if municipality_ids is not None else None
    overdue: dict[int, int] = defaultdict(int)
    for row in overdue_activities(municipality_ids=ids, counting=True):
        overdue[row.activity.municipality_id] += 1
    reviews = ManagementReview.objects.filter(last_decision=SignOffDecision.APPROVED)
    assessments = Assessment.objects.filter(status=AssessmentStatus.COMPLETED)
    if ids is not None:
        reviews, assessments = reviews.filter(municipality_id__in=ids), assessments.filter(municipality_id__in=ids)
    last_review = {
        row["municipality_id"]: row
        for row in reviews.values("municipality_id").annotate(year=Max("year"), held=Max("held_on"))
    }
    last_assessment = dict(
        assessments.values("municipality_id").annotate(last=Max("assessed_on")).values_list("municipality_id", "last")
    )
    keys = set(overdue) | set(last_review) | set(last_assessment)
    return {
        key: CycleFigures(
            overdue_activities=overdue.get(key, 0),
            last_review_year=last_review.get(key, {}).get("year"),
            last_review_on=last_review.get(key, {}).get("held"),
            last_assessment_on=last_assessment.get(key),
        )
        for key in keys
    }


# Kartlegging -------------------------------------------------------------------------------------------
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


def _area_averages(assessment_ids: list[int]) -> dict[int, dict[str, float]]:
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
    averages = _area_averages([assessment.pk] + ([previous.pk] if previous else []))
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
    averages = _area_averages([assessment.pk for assessment in latest.values()])
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


# Ledelsens gjennomgang -------------------------------------------------------------------------------------
def review_inputs(municipality: Municipality, year: int) -> dict:
    """What the management reviews, gathered from the records as plain data (stored with the review, so the
    signed version shows what the leader read)."""
    from dpia.models import Dpia, DpiaStatus
    from isms.incidents.selectors import year_figures
    from isms.protocol.models import AgreementStatus, DataProcessingAgreement, ProcessingActivity, RecordStatus
    from risk.models import AnalysisStatus, MeasureStatus, RiskAnalysis, RiskMeasure
    from training.models import Attendance, Registration

    today = timezone.localdate()
    year_end = datetime.date(year, 12, 31)
    activities = ProcessingActivity.objects.filter(municipality=municipality, status=RecordStatus.ACTIVE).aggregate(
        active=Count("pk"),
        reviewed=Count("pk", filter=Q(last_reviewed__year=year)),
        review_overdue=Count("pk", filter=Q(next_review__lt=today)),
    )
    analyses = RiskAnalysis.objects.filter(municipality=municipality).exclude(status=AnalysisStatus.ARCHIVED)
    ros = analyses.aggregate(
        total=Count("pk"),
        approved=Count("pk", filter=Q(status=AnalysisStatus.APPROVED)),
        awaiting=Count("pk", filter=Q(status=AnalysisStatus.AWAITING_SIGNOFF)),
    )
    open_statuses = [MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS]
    ros.update(
        RiskMeasure.objects.filter(
            municipality=municipality, status__in=open_statuses, analysis__in=analyses
        ).aggregate(open_measures=Count("pk"), overdue_measures=Count("pk", filter=Q(due_on__lt=today)))
    )
    dpia = (
        Dpia.objects.filter(municipality=municipality)
        .exclude(status=DpiaStatus.ARCHIVED)
        .aggregate(
            total=Count("pk"),
            approved=Count("pk", filter=Q(status=DpiaStatus.APPROVED)),
            in_progress=Count("pk", filter=~Q(status__in=[DpiaStatus.APPROVED, DpiaStatus.REJECTED])),
        )
    )
    agreements = DataProcessingAgreement.objects.filter(municipality=municipality).aggregate(
        signed=Count("pk", filter=Q(status=AgreementStatus.SIGNED)),
        missing=Count(
            "pk", filter=Q(status__in=[AgreementStatus.MISSING, AgreementStatus.DRAFT, AgreementStatus.SENT])
        ),
        expiring=Count("pk", filter=Q(status=AgreementStatus.SIGNED, valid_until__lte=year_end)),
    )
    training = Registration.objects.filter(municipality=municipality, session__starts_on__year=year).aggregate(
        registered=Count("pk", filter=Q(status="confirmed")),
        attended=Count("pk", filter=Q(attendance=Attendance.ATTENDED)),
    )
    assessment = (
        Assessment.objects.filter(municipality=municipality, status=AssessmentStatus.COMPLETED, assessed_on__lte=today)
        .order_by("-assessed_on", "-pk")
        .first()
    )
    maturity = None
    if assessment is not None:
        averages = _area_averages([assessment.pk]).get(assessment.pk, {})
        maturity = {
            "title": assessment.title,
            "date": assessment.assessed_on.isoformat(),
            "areas": [[area, value] for area, value in averages.items()],
        }
    previous = ManagementReview.objects.filter(municipality=municipality, year__lt=year).order_by("-year").first()
    previous_data = None
    if previous is not None:
        previous_data = {
            "year": previous.year,
            "signed": previous.last_decision == SignOffDecision.APPROVED,
            "decisions": [
                [decision.title, decision.status, decision.owner]
                for decision in ReviewDecision.objects.filter(review=previous).order_by("due_on", "pk")
            ],
        }
    cycle = AnnualCycle.objects.filter(municipality=municipality, year=year).first()
    cycle_data = None
    if cycle is not None:
        view = year_view(cycle)
        cycle_data = dict(view.counts.items())
    return {
        "protocol": activities,
        "ros": ros,
        "dpia": dpia,
        "agreements": agreements,
        "training": training,
        "incidents": year_figures(municipality=municipality, year=year),
        "maturity": maturity,
        "previous": previous_data,
        "cycle": cycle_data,
    }


def reviews(municipality: Municipality) -> QuerySet[ManagementReview]:
    return ManagementReview.objects.filter(municipality=municipality).annotate(decision_count=Count("decisions"))


def review_signoffs(review: ManagementReview) -> list[SignOff]:
    return signoffs_of(ManagementReview, [review.pk]).get(review.pk, [])


def awaiting_review_signature(user) -> list:
    """The "Til signering" items of a leader: management reviews of their municipalities not signed at
    their current version and with decisions recorded."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from isms.core.models import MembershipRole
    from isms.core.signoff import SigningItem

    rows = (
        ManagementReview.objects.filter(
            status=ReviewStatus.DRAFT,
            municipality__memberships__user=user,
            municipality__memberships__role=MembershipRole.LEADER,
        )
        .annotate(decision_count=Count("decisions"))
        .filter(decision_count__gt=0)
        .select_related("municipality")
    )
    return [
        SigningItem(
            kind=str(_("Management review")),
            title=str(review),
            municipality=review.municipality.name,
            url=reverse("cycle:review_sign", args=[review.municipality.slug, review.year]),
            version=review.version,
            sent_at=review.updated_at,
        )
        for review in rows
    ]


def decisions_open(review: ManagementReview) -> int:
    return review.decisions.filter(status=DecisionStatus.OPEN).count()
