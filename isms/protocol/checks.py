"""Scheduled checks of the protocol: reviews of processing activities and agreements that expire."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from isms.core.checks import CheckContext, Notice, agreements_in_force_on

from .models import DataProcessingAgreement, ProcessingActivity, RecordStatus

REVIEW_NOTICE_DAYS = 14


def _date(day: datetime.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def review_due(context: CheckContext) -> Iterable[Notice]:
    """A processing activity's next review within 14 days (once) and past it (once more)."""
    soon = context.today + datetime.timedelta(days=REVIEW_NOTICE_DAYS)
    rows = (
        ProcessingActivity.objects.filter(status=RecordStatus.ACTIVE, next_review__lte=soon)
        .select_related("municipality")
        .only("pk", "name", "next_review", "municipality__slug", "municipality__name")
    )
    for activity in rows.iterator(chunk_size=2000):
        overdue = activity.next_review < context.today
        values = {"name": activity.name, "date": _date(activity.next_review)}
        yield Notice(
            key=f"processingactivity:{activity.pk}",
            occasion=f"{'overdue' if overdue else 'due'}:{activity.next_review.isoformat()}",
            municipality_id=activity.municipality_id,
            subject=(_("Review overdue: %(name)s") if overdue else _("Review due: %(name)s")) % values,
            body=(
                _("The review of the processing activity “%(name)s” was due on %(date)s.")
                if overdue
                else _("The processing activity “%(name)s” is due for review on %(date)s.")
            )
            % values,
            link=reverse("protocol:processing_detail", args=[activity.municipality.slug, activity.pk]),
            recipients=context.editors(activity.municipality_id),
        )


def agreement_expiry(context: CheckContext) -> Iterable[Notice]:
    """An agreement in force ending within 90 days, within 30 days, and one that has ended."""
    today = context.today
    ending = agreements_in_force_on(DataProcessingAgreement.objects.all(), today).filter(
        valid_until__lte=today + datetime.timedelta(days=90)
    )
    ended = agreements_in_force_on(DataProcessingAgreement.objects.all(), today - datetime.timedelta(days=90)).filter(
        valid_until__lt=today
    )
    for agreement in (ending | ended).select_related("municipality", "vendor").iterator(chunk_size=2000):
        days_left = (agreement.valid_until - today).days
        stage = "expired" if days_left < 0 else ("30" if days_left <= 30 else "90")
        values = {"title": str(agreement), "date": _date(agreement.valid_until), "days": days_left}
        if stage == "expired":
            subject = _("Agreement expired: %(title)s") % values
            body = _("The data processing agreement “%(title)s” expired on %(date)s. Renew it or end the processing.")
        else:
            subject = _("Agreement expires in %(days)s days: %(title)s") % values
            body = _("The data processing agreement “%(title)s” is valid until %(date)s. Start its renewal now.")
        yield Notice(
            key=f"agreement:{agreement.pk}",
            occasion=f"{stage}:{agreement.valid_until.isoformat()}",
            municipality_id=agreement.municipality_id,
            subject=subject,
            body=body % values,
            link=reverse("protocol:agreement_detail", args=[agreement.municipality.slug, agreement.pk]),
            recipients=context.editors(agreement.municipality_id),
        )
