"""Reads of the årshjul: the year view with what the records completed, overdue activities, and the
per-municipality figures other apps join (reminders, the status overview)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from isms.core.models import Municipality, SignOff, SignOffDecision

from ..models import (
    MONTHS,
    OPEN_STATUSES,
    ActivityKind,
    ActivityStatus,
    AnnualCycle,
    Assessment,
    AssessmentStatus,
    CycleActivity,
    ManagementReview,
)


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
