"""Reads of the avvik register: a municipality's list, the DPO's overview across municipalities with the
72-hour clock, the figures per municipality (for the status overview), statistics per municipality,
category and month, a year's figures for the management review, and the leader's items to decide. Each in
a constant number of queries."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, DateTimeField, ExpressionWrapper, F, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from isms.core.models import MembershipRole, Municipality, SignOff
from isms.core.signoff import SigningItem, signoffs_of

from .clock import Clock, clock_of
from .models import NOTIFICATION_DEADLINE, Incident, IncidentKind, IncidentStatus, NotificationAdvice, ReportLink


def incidents(*, municipality: Municipality) -> QuerySet[Incident]:
    return Incident.objects.filter(municipality=municipality).select_related("municipality")


def in_period(
    queryset: QuerySet[Incident], start: datetime.date | None, end: datetime.date | None
) -> QuerySet[Incident]:
    """Avvik discovered in the period (Oslo days, both ends included)."""
    if start:
        queryset = queryset.filter(discovered_at__date__gte=start)
    if end:
        queryset = queryset.filter(discovered_at__date__lte=end)
    return queryset


@dataclass(frozen=True)
class ClockRow:
    incident: Incident
    clock: Clock


def with_clocks(rows, now: datetime.datetime | None = None) -> list[ClockRow]:
    now = now or timezone.now()
    return [ClockRow(incident, clock_of(incident, now)) for incident in rows]


# What the DPO's overview and its export read of each avvik (the clock, the reference, the status label): the
# long texts and a dozen dates besides, and the whole municipality row, were half of loading 500 open avvik.
OVERVIEW_FIELDS = (
    "municipality__name", "municipality__slug", "number", "title", "discovered_at", "kind", "personal_data",
    "notified_at", "notification_decision", "status", "version", "last_signed_version", "last_decision",
)  # fmt: skip


def dpo_overview(visible: QuerySet[Incident], now: datetime.datetime | None = None) -> list[ClockRow]:
    """The DPO's work across the municipalities: open avvik whose 72 hours still run (not notified, not
    decided that no notification is needed) or that wait for a leader; the first deadline at the top."""
    waiting = Q(pk__in=Incident.objects.awaiting_notification().values("pk")) | Q(
        status=IncidentStatus.AWAITING_DECISION
    )
    rows = (
        visible.open()
        .filter(waiting)
        .select_related("municipality")
        .only(*OVERVIEW_FIELDS)
        .order_by("discovered_at", "pk")
    )
    clocked = with_clocks(rows, now)
    return sorted(clocked, key=lambda row: (not row.clock.is_running, row.clock.deadline))


@dataclass(frozen=True)
class IncidentFigures:
    """One municipality's avvik figures for the status overview."""

    open: int = 0
    past_deadline: int = 0  # the 72 hours have passed, not notified and not decided that none is needed


def municipality_figures(
    municipality_ids: list[int] | None = None, now: datetime.datetime | None = None
) -> dict[int, IncidentFigures]:
    """Per municipality: open avvik, and avvik past the 72 hours without a notification or a decision that
    none is needed. One query; a municipality without avvik is absent (read it as IncidentFigures())."""
    now = now or timezone.now()
    rows = Incident.objects.all()
    if municipality_ids is not None:
        rows = rows.filter(municipality_id__in=municipality_ids)
    overdue_ids = Incident.objects.past_deadline(now).values("pk")
    figures = rows.values("municipality_id").annotate(
        open=Count("pk", filter=~Q(status=IncidentStatus.CLOSED)),
        overdue=Count("pk", filter=Q(pk__in=overdue_ids)),
    )
    return {row["municipality_id"]: IncidentFigures(row["open"], row["overdue"]) for row in figures}


def year_figures(*, municipality: Municipality, year: int) -> dict[str, int]:
    """The avvik of one year for the municipality's management review, as they stood at the year's end
    (Oslo): discovered that year by classification, notified to Datatilsynet (late: after the 72 hours),
    data subjects informed, and the avvik still open on 31 December. One query."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime(year, 1, 1, tzinfo=tz)
    end = datetime.datetime(year + 1, 1, 1, tzinfo=tz)
    in_year = Q(discovered_at__gte=start, discovered_at__lt=end)
    breach = Q(kind__in=[IncidentKind.BREACH, IncidentKind.BOTH])
    notified = Q(notified_at__isnull=False, notified_at__lt=end)
    return Incident.objects.filter(municipality=municipality, discovered_at__lt=end).aggregate(
        reported=Count("pk", filter=in_year),
        breaches=Count("pk", filter=in_year & breach),
        security=Count("pk", filter=in_year & Q(kind=IncidentKind.SECURITY)),
        unclassified=Count("pk", filter=in_year & Q(kind="")),
        notified=Count("pk", filter=in_year & notified),
        notified_late=Count("pk", filter=in_year & notified & Q(notified_at__gt=_deadline())),
        subjects_informed=Count("pk", filter=in_year & Q(subjects_informed_at__lt=end)),
        open_at_year_end=Count("pk", filter=Q(closed_at__isnull=True) | Q(closed_at__gte=end)),
    )


@dataclass
class Statistics:
    by_municipality: list[dict]
    by_kind: list[tuple[str, int]]
    by_month: list[tuple[datetime.date, int]]
    total: int


def statistics(visible: QuerySet[Incident], *, start=None, end=None) -> Statistics:
    """Counts per municipality, classification and month of discovery, for the board report. Three queries."""
    rows = in_period(visible, start, end)
    per_municipality = (
        rows.values("municipality__name", "municipality__number")
        .annotate(
            total=Count("pk"),
            breaches=Count("pk", filter=Q(kind__in=[IncidentKind.BREACH, IncidentKind.BOTH])),
            notified=Count("pk", filter=Q(notified_at__isnull=False)),
            late=Count(
                "pk",
                filter=Q(notified_at__isnull=False) & Q(notified_at__gt=_deadline()),
            ),
            open=Count("pk", filter=~Q(status=IncidentStatus.CLOSED)),
        )
        .order_by("municipality__name")
    )
    kinds = Counter(dict(rows.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n")))
    labels = {"": _("Not classified"), **dict(IncidentKind.choices)}
    months = rows.annotate(month=TruncMonth("discovered_at")).values("month").annotate(n=Count("pk")).order_by("month")
    by_month = [(_day(row["month"]), row["n"]) for row in months]
    by_kind = [(str(labels[code]), kinds[code]) for code in labels if kinds.get(code)]
    return Statistics(list(per_municipality), by_kind, by_month, sum(kinds.values()))


def _deadline():
    return ExpressionWrapper(F("discovered_at") + NOTIFICATION_DEADLINE, output_field=DateTimeField())


def _day(value) -> datetime.date:
    return timezone.localtime(value).date() if isinstance(value, datetime.datetime) else value


def signoffs(incident: Incident) -> list[SignOff]:
    return signoffs_of(Incident, [incident.pk]).get(incident.pk, [])


def advice_of(incident: Incident) -> list[NotificationAdvice]:
    return list(NotificationAdvice.objects.filter(incident=incident).select_related("dpo").order_by("given_at", "pk"))


def awaiting_decision(user) -> list[SigningItem]:
    """The leader's "Til signering" items: avvik sent to them for decision."""
    rows = Incident.objects.filter(
        decision_maker=user,
        status=IncidentStatus.AWAITING_DECISION,
        municipality__memberships__user=user,
        municipality__memberships__role=MembershipRole.LEADER,
    ).select_related("municipality")
    return [
        SigningItem(
            kind=str(_("Avvik")),
            title=f"{incident.reference} {incident.title}",
            municipality=incident.municipality.name,
            url=reverse("incidents:decide", args=[incident.municipality.slug, incident.pk]),
            version=incident.version,
            sent_at=incident.sent_for_decision_at or incident.updated_at,
            has_high_risk=bool(incident.special_categories),
        )
        for incident in rows
    ]


def report_link_of(municipality: Municipality) -> ReportLink | None:
    """The municipality's active report link, if one has been made (a GET never makes one)."""
    return ReportLink.objects.filter(municipality=municipality, active=True).first()
