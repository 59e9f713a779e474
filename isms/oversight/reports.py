"""The board's status report: the figures as of the period's end (from history), what changed since the
previous report, and the background job that stores both the figures and the PDF built from them."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import BinaryIO

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Min, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from dpia.models import Dpia
from isms.core.access import Action, can
from isms.core.models import ExportJob, ExportStatus, Municipality, SignOff, SignOffDecision, SignOffRole
from isms.protocol.models import DataProcessingAgreement, Sector
from risk.models import RiskAnalysis
from training.models import Attendance, Registration, RegistrationStatus, Session, SessionStatus

from . import rules
from .history import end_of_day, rows
from .models import BoardReport
from .participation import current_round
from .registry import Context, areas
from .selectors import context_for, status_rows
from .shared import shared_services

FIGURES_FORMAT = 1  # bumped when the stored figures change shape


def may_report(user) -> bool:
    return can(user, Action.MANAGE_COOPERATION)


def first_data_day() -> datetime.date | None:
    """The day the first municipality was registered: a report cannot end before it."""
    first = Municipality.history.aggregate(first=Min("history_date"))["first"]
    return timezone.localdate(first) if first else None


def earlier_reports():
    """The reports for lists, newest first, without the figures each was built from (a few hundred kB of
    JSON apiece at 357 municipalities; the PDF and the next report's comparison read them)."""
    return BoardReport.objects.select_related("job", "requested_by").defer("figures").order_by("-created_at")


def _context(day: datetime.date) -> Context:
    """As of the end of `day` from history; for a period ending today the live tables, which are the history
    as of now (every change writes its history row) and cost a fraction of reading the history tables."""
    return context_for(day)


def _status(context: Context) -> list[dict]:
    result = []
    as_of_areas = [area.key for area in areas(as_of=True)]
    for row in status_rows(municipalities=Municipality.objects.all(), context=context, area_keys=as_of_areas):
        if not row.municipality.is_member_on(context.day):
            continue
        result.append(
            {
                "id": row.municipality.pk,
                "number": row.municipality.number,
                "name": row.municipality.name,
                "population": row.municipality.population,
                "lights": {cell.area.key: str(cell.light) for cell in row.cells},
                "values": {cell.area.key: cell.values for cell in row.cells},
            }
        )
    return result


def _courses(context: Context, start: datetime.date) -> dict:
    chosen = current_round(context)
    if chosen is None:
        return {"round": "", "seats": 0, "registered": 0, "attended": 0, "by_municipality": {}, "by_sector": []}
    sessions = rows(Session, context).filter(round_id=chosen["id"]).exclude(status=SessionStatus.CANCELLED)
    seats = sessions.aggregate(seats=Sum("capacity"))["seats"] or 0
    registrations = rows(Registration, context).filter(round_id=chosen["id"], status=RegistrationStatus.CONFIRMED)
    totals = {"registered": Count("pk"), "attended": Count("pk", filter=Q(attendance=Attendance.ATTENDED))}
    overall = registrations.aggregate(**totals)
    by_municipality = {
        row["municipality_id"]: row for row in registrations.order_by().values("municipality_id").annotate(**totals)
    }
    sector_labels = dict(Sector.choices)
    by_sector = [
        {"sector": str(sector_labels.get(row["sector"], _("Not given"))), **{k: row[k] for k in totals}}
        for row in registrations.order_by().values("sector").annotate(**totals)
    ]
    return {
        "round": chosen["name"],
        "seats": seats,
        "registered": overall["registered"],
        "attended": overall["attended"],
        "by_municipality": by_municipality,
        "by_sector": sorted(by_sector, key=lambda row: row["sector"]),
    }


def _decisions_in_period(start: datetime.date, end: datetime.date, context: Context) -> dict:
    """Analyses signed and DPIAs decided by a leader during the period (the sign-offs are append-only)."""
    period = Q(signed_at__gte=end_of_day(start - datetime.timedelta(days=1)), signed_at__lt=end_of_day(end))
    found = {}
    for key, model in (("signed_analyses", RiskAnalysis), ("decided_dpias", Dpia)):
        signoffs = list(
            SignOff.objects.filter(
                period,
                content_type=ContentType.objects.get_for_model(model),
                role=SignOffRole.LEADER,
                decision=SignOffDecision.APPROVED,
            ).order_by("signed_at")
        )
        # Titles and names as they stood at the period's end, as every other figure of the report.
        titles = dict(rows(model, context).filter(id__in=[s.object_id for s in signoffs]).values_list("id", "title"))
        names = dict(
            rows(Municipality, context).filter(id__in=[s.municipality_id for s in signoffs]).values_list("id", "name")
        )
        found[key] = [
            {
                "municipality": names.get(s.municipality_id, ""),
                "title": titles.get(s.object_id, ""),
                "date": timezone.localdate(s.signed_at).isoformat(),
                "version": s.root_version,
            }
            for s in signoffs
        ]
    return found


def _changes(current: list[dict], baseline: list[dict]) -> list[dict]:
    """Per municipality and area: the light before and now, where it changed."""
    before = {row["id"]: row["lights"] for row in baseline}
    changed = []
    for row in current:
        for area_key, light in row["lights"].items():
            old = before.get(row["id"], {}).get(area_key)
            if old is not None and old != light:
                changed.append({"municipality": row["name"], "area": area_key, "from": old, "to": light})
    return changed


def _summary(status: list[dict], shared: dict, courses: dict, context: Context) -> dict:
    def total(area: str, key: str) -> int:
        return sum(row["values"].get(area, {}).get(key, 0) for row in status)

    complete = sum(
        1
        for row in status
        if row["values"]["protocol"]["activities"] and row["values"]["protocol"]["complete_share"] == 100
    )
    in_force = rules.in_force(rows(DataProcessingAgreement, context), context.day).count()
    return {
        "municipalities": len(status),
        "complete_protocol": complete,
        "activities": total("protocol", "activities"),
        "without_agreement": total("protocol", "without_agreement"),
        "agreements_in_force": in_force,
        "processors_without": total("agreements", "processors_without"),
        "dpias_decided": total("dpia", "decided"),
        "dpias_awaiting_advice": total("dpia", "awaiting_advice"),
        "dpias_awaiting_decision": total("dpia", "awaiting_decision"),
        "analyses": total("ros", "analyses"),
        "analyses_signed": total("ros", "signed"),
        "analyses_changed": total("ros", "changed"),
        "red_risks": total("ros", "red"),
        "kins_members": total("kins", "kins_member"),
        "green": sum(1 for row in status if all(light == "green" for light in row["lights"].values())),
        "shared_ros": [item for item in shared["summary"] if item["kind"] == "ros"],
        "seats": courses["seats"],
        "registered": courses["registered"],
        "without_participants": sum(1 for row in status if not row["values"]["courses"]["registered"]),
    }


def _shared(context: Context) -> dict:
    services = shared_services(municipalities=Municipality.objects.all(), context=context)
    return {
        "columns": [{"key": c.key, "kind": c.kind, "title": c.title, "newest": c.newest_version}
                    for c in services.columns],
        "rows": [
            {
                "name": row.municipality.name,
                "cells": {key: None if cell is None else {"label": str(cell.label), "light": str(cell.light),
                                                           "behind": cell.behind, "version": cell.version}
                          for key, cell in ((c.key, row.cells.get(c.key)) for c in services.columns)},
            }
            for row in services.rows
        ],
        "summary": services.summary(),
    }  # fmt: skip


def report_figures(*, start: datetime.date, end: datetime.date, previous: BoardReport | None, step) -> dict:
    """Everything the report shows, as JSON-able data, counted as of the end of `end`."""
    context = _context(end)
    step(1, 6)
    status = _status(context)
    step(2, 6)
    shared = _shared(context)
    step(3, 6)
    courses = _courses(context, start)
    for row in status:
        counts = courses["by_municipality"].get(row["id"], {})
        row["courses"] = {"registered": counts.get("registered", 0), "attended": counts.get("attended", 0)}
    courses["by_municipality"] = None  # folded into the rows above
    step(4, 6)
    if previous is not None and previous.figures.get("format") == FIGURES_FORMAT:
        baseline, baseline_label = previous.figures["status"], "previous"
    else:
        baseline, baseline_label = _status(_context(start - datetime.timedelta(days=1))), "start"
    step(5, 6)
    return {
        "format": FIGURES_FORMAT,
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "generated_at": timezone.now().isoformat(),
        "areas": [
            {
                "key": area.key,
                "label": str(area.label),
                "short_label": str(area.short_label or area.label),
                "figures": [{"key": f.key, "label": str(f.label), "unit": f.unit} for f in area.figures],
                "explanation": str(area.explanation),
            }
            for area in areas(as_of=True)
        ],
        "status": status,
        "shared": shared,
        "courses": courses,
        "summary": _summary(status, shared, courses, context),
        "changes": {
            "baseline": baseline_label,
            "previous": None
            if previous is None
            else {
                "id": previous.pk,
                "start": previous.period_start.isoformat(),
                "end": previous.period_end.isoformat(),
            },
            "lights": _changes(status, baseline),
            **_decisions_in_period(start, end, context),
        },
    }


def _period_of(report: BoardReport | None) -> dict | None:
    if report is None:
        return None
    return {"id": report.pk, "start": report.period_start.isoformat(), "end": report.period_end.isoformat()}


def build_board_report(job: ExportJob, step: Callable[[int, int], None], target: BinaryIO) -> str:
    """The ExportJob builder: figures stored on the report first, then the PDF built from them only."""
    from .pdf import render_board_report

    report = BoardReport.objects.get(job=job)
    try:
        previous = (
            BoardReport.objects.filter(job__status=ExportStatus.DONE, created_at__lt=report.created_at)
            .order_by("-created_at")
            .first()
        )
        figures = report_figures(start=report.period_start, end=report.period_end, previous=previous, step=step)
        content = render_board_report(figures)
        step(6, 6)
    except Exception:
        report.in_progress = False
        report.save(update_fields=["in_progress"])
        raise
    report.previous, report.figures, report.in_progress = previous, figures, False
    report.save(update_fields=["previous", "figures", "in_progress"])
    target.write(content)
    return f"statusrapport-{report.period_start:%Y-%m-%d}-{report.period_end:%Y-%m-%d}.pdf"
