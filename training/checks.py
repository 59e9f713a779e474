"""Scheduled check of the courses (the participants' reminders are their own beat task): each week the
coordinator gets the registrations per municipality of every round with sessions ahead, the ones at 0 named."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from isms.core.checks import CheckContext, Notice
from isms.core.models import Municipality

from .models import ACTIVE_STATUSES, Registration, Round, SessionStatus


def weekly_registrations(context: CheckContext) -> Iterable[Notice]:
    year, week, _day = context.today.isocalendar()
    rounds = Round.objects.filter(
        sessions__starts_on__gte=context.today,
        sessions__status__in=[SessionStatus.OPEN, SessionStatus.PLANNED, SessionStatus.CLOSED],
    ).distinct()
    members = [m for m in Municipality.objects.order_by("name") if m.is_member_on(context.today)]
    for round_ in rounds:
        counts = dict(
            Registration.objects.filter(round=round_, status__in=ACTIVE_STATUSES)
            .values("municipality_id")
            .annotate(n=Count("pk", filter=Q(status__in=ACTIVE_STATUSES)))
            .values_list("municipality_id", "n")
        )
        lines = [f"{m.name}: {counts.get(m.pk, 0)}" for m in members]
        zero = [m.name for m in members if not counts.get(m.pk)]
        body = _("Registrations per municipality in %(round)s:") % {"round": round_.name} + "\n" + "\n".join(lines)
        if zero:
            body += "\n\n" + _("No registrations yet: %(names)s.") % {"names": ", ".join(zero)}
        yield Notice(
            key=f"round:{round_.pk}",
            occasion=f"{year}-W{week:02d}",
            municipality_id=None,
            subject=_("Course registrations this week: %(round)s (%(zero)s municipalities at 0)")
            % {"round": round_.name, "zero": len(zero)},
            body=body,
            link=reverse("training:statistics"),
            recipients=context.coordinators(),
        )
