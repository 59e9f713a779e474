"""Scheduled checks of DPIAs: waiting too long for the DPO, to be reassessed, approved and changed since,
and joint DPIAs published in a newer version."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db.models import F
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from isms.core.checks import CheckContext, Notice, changed_after_approval, template_update_notices

from .models import Dpia, DpiaStatus


def _url(dpia: Dpia, name: str = "dpia:detail") -> str:
    return reverse(name, args=[dpia.municipality.slug, dpia.pk])


def waiting_for_dpo(context: CheckContext) -> Iterable[Notice]:
    days = settings.DPIA_DPO_WAIT_DAYS
    cutoff = timezone.now() - datetime.timedelta(days=days)
    rows = Dpia.objects.filter(status=DpiaStatus.AWAITING_ADVICE, sent_to_dpo_at__lte=cutoff)
    for dpia in rows.select_related("municipality").iterator(chunk_size=2000):
        sent = timezone.localdate(dpia.sent_to_dpo_at)
        date = formats.date_format(sent, "SHORT_DATE_FORMAT")
        values = {"title": dpia.title, "name": dpia.municipality.name, "date": date}
        yield Notice(
            key=f"dpia:{dpia.pk}",
            occasion=f"dpo-wait:{dpia.sent_to_dpo_at:%Y-%m-%dT%H:%M:%S}",
            municipality_id=dpia.municipality_id,
            subject=_("DPIA waiting for your advice: %(title)s (%(name)s)") % values,
            body=_("%(name)s sent the DPIA “%(title)s” for your advice on %(date)s.") % values,
            link=_url(dpia, "dpia:advice"),
            recipients=context.dpos(),
        )


def must_be_reassessed(context: CheckContext) -> Iterable[Notice]:
    """ "Må vurderes på nytt": approved, and the processing activity moved past the version it was based on."""
    rows = Dpia.objects.filter(
        status=DpiaStatus.APPROVED,
        based_on_activity_version__isnull=False,
        processing_activity__version__gt=F("based_on_activity_version"),
    ).select_related("municipality", "processing_activity")
    for dpia in rows.iterator(chunk_size=2000):
        values = {"title": dpia.title, "activity": dpia.processing_activity.name}
        yield Notice(
            key=f"dpia:{dpia.pk}",
            occasion=f"reassess:a{dpia.processing_activity.version}",
            municipality_id=dpia.municipality_id,
            subject=_("DPIA must be reassessed: %(title)s") % values,
            body=_("The processing activity “%(activity)s” has changed since the DPIA “%(title)s” was approved.")
            % values,
            link=_url(dpia),
            recipients=context.editors(dpia.municipality_id),
        )


def decision_stale(context: CheckContext) -> Iterable[Notice]:
    decided = Dpia.objects.filter(decision_maker__isnull=False)
    rows = changed_after_approval(decided, decided_version_field="last_decided_version")
    for dpia in rows.select_related("municipality", "decision_maker").iterator(chunk_size=2000):
        values = {"title": dpia.title, "v": dpia.last_decided_version}
        yield Notice(
            key=f"dpia:{dpia.pk}",
            occasion=f"stale:v{dpia.last_decided_version}",
            municipality_id=dpia.municipality_id,
            subject=_("Changed after approval: %(title)s") % values,
            body=_("The DPIA “%(title)s” has been changed since you approved version %(v)s.") % values,
            link=_url(dpia),
            recipients=[dpia.decision_maker],
        )


def joint_update(context: CheckContext) -> Iterable[Notice]:
    return template_update_notices(
        context,
        Dpia.objects.exclude(status=DpiaStatus.ARCHIVED),
        subject=_("Joint DPIA updated: %(title)s"),
        body=_("“%(template)s” has been published in version %(version)s. Take in the changes in “%(title)s”."),
        link=_url,
    )
