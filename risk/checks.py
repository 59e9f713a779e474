"""Scheduled checks of ROS analyses: measures due and overdue, analyses due for a new revision, sign-offs
that no longer hold, and joint analyses published in a newer version."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from isms.core.checks import CheckContext, Notice, changed_after_approval, template_update_notices

from .models import AnalysisStatus, MeasureStatus, RiskAnalysis, RiskMeasure

MEASURE_NOTICE_DAYS = 14


def _date(day: datetime.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _url(analysis_id: int, slug: str) -> str:
    return reverse("risk:analysis_detail", args=[slug, analysis_id])


def measure_due(context: CheckContext) -> Iterable[Notice]:
    """An open measure due within 14 days, and overdue: to its owner (when a member) and the editors."""
    rows = (
        RiskMeasure.objects.filter(
            status__in=[MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS],
            due_on__lte=context.today + datetime.timedelta(days=MEASURE_NOTICE_DAYS),
        )
        .exclude(analysis__status=AnalysisStatus.ARCHIVED)
        .filter(analysis__revisions__isnull=True)  # a revised analysis carries its measures on
        .select_related("analysis__municipality")
    )
    for measure in rows.iterator(chunk_size=2000):
        analysis = measure.analysis
        overdue = measure.due_on < context.today
        values = {"title": measure.title, "analysis": analysis.title, "date": _date(measure.due_on)}
        owner = context.member_named(analysis.municipality_id, measure.owner)
        yield Notice(
            key=f"riskmeasure:{measure.pk}",
            occasion=f"{'overdue' if overdue else 'due'}:{measure.due_on.isoformat()}",
            municipality_id=analysis.municipality_id,
            subject=(_("Measure overdue: %(title)s") if overdue else _("Measure due: %(title)s")) % values,
            body=(
                _("The measure “%(title)s” in the ROS analysis “%(analysis)s” was due on %(date)s.")
                if overdue
                else _("The measure “%(title)s” in the ROS analysis “%(analysis)s” is due on %(date)s.")
            )
            % values,
            link=_url(analysis.pk, analysis.municipality.slug),
            recipients=([owner] if owner else []) + context.editors(analysis.municipality_id),
        )


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, 28))


def revision_due(context: CheckContext) -> Iterable[Notice]:
    """The newest revision of an analysis older than the review interval (a year): "Ny revisjon" is due."""
    months = settings.ROS_REVIEW_INTERVAL_MONTHS
    cutoff = _add_months(context.today, -months)
    rows = RiskAnalysis.objects.filter(
        analysed_on__lte=cutoff,
        revisions__isnull=True,
        status__in=[AnalysisStatus.APPROVED, AnalysisStatus.REJECTED],
    ).select_related("municipality", "risk_owner")
    for analysis in rows.iterator(chunk_size=2000):
        due_on = _add_months(analysis.analysed_on, months)
        values = {"title": analysis.title, "date": _date(analysis.analysed_on)}
        yield Notice(
            key=f"riskanalysis:{analysis.pk}",
            occasion=f"revision:{due_on.isoformat()}",
            municipality_id=analysis.municipality_id,
            subject=_("New revision due: %(title)s") % values,
            body=_("The ROS analysis “%(title)s” was made on %(date)s. Start a new revision (“Ny revisjon”).") % values,
            link=_url(analysis.pk, analysis.municipality.slug),
            recipients=[*context.editors(analysis.municipality_id), analysis.risk_owner],
        )


def signoff_stale(context: CheckContext) -> Iterable[Notice]:
    """An approved analysis edited since: the risk owner's sign-off no longer holds."""
    rows = changed_after_approval(RiskAnalysis.objects.all(), decided_version_field="last_signed_version")
    for analysis in rows.select_related("municipality", "risk_owner").iterator(chunk_size=2000):
        values = {"title": analysis.title, "v": analysis.last_signed_version}
        yield Notice(
            key=f"riskanalysis:{analysis.pk}",
            occasion=f"stale:v{analysis.last_signed_version}",
            municipality_id=analysis.municipality_id,
            subject=_("Changed after approval: %(title)s") % values,
            body=_(
                "The ROS analysis “%(title)s” has been changed since you approved version %(v)s. "
                "Your sign-off no longer applies to the current content."
            )
            % values,
            link=_url(analysis.pk, analysis.municipality.slug),
            recipients=[analysis.risk_owner],
        )


def joint_update(context: CheckContext) -> Iterable[Notice]:
    return template_update_notices(
        context,
        RiskAnalysis.objects.exclude(status=AnalysisStatus.ARCHIVED).filter(revisions__isnull=True),
        subject=_("Joint ROS analysis updated: %(title)s"),
        body=_("“%(template)s” has been published in version %(version)s. Take in the changes in “%(title)s”."),
        link=lambda row: _url(row.pk, row.municipality.slug),
    )
