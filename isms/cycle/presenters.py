"""What the templates and PDFs show, prepared: the review's inputs as labelled rows, the municipality's figures."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from isms.core.summaries import Figure

from .models import DecisionStatus
from .selectors import cycle_figures


def municipality_summary(municipality) -> list[Figure]:
    figures = cycle_figures([municipality.pk]).get(municipality.pk)
    overdue = figures.overdue_activities if figures else 0
    return [
        Figure(
            _("overdue activities in the annual cycle"),
            overdue,
            reverse("cycle:cycle_index", args=[municipality.slug]),
            attention=True,
        )
    ]


def _date(iso: str | None) -> str:
    if not iso:
        return "—"
    return formats.date_format(datetime.date.fromisoformat(iso), "SHORT_DATE_FORMAT")


def _level(value) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",")


def _incident_rows(incidents: dict | None) -> list[tuple[str, int | str]]:
    """The year's avvik from the register; a review gathered before the register existed says so."""
    if incidents is None:
        return [(_("Incidents"), _("Not gathered: the review was compiled before the incident register"))]
    return [
        (_("Reported this year"), incidents.get("reported", 0)),
        (_("Personal data breaches"), incidents.get("breaches", 0)),
        (_("Security deviations without personal data"), incidents.get("security", 0)),
        (_("Not classified"), incidents.get("unclassified", 0)),
        (_("Notified to Datatilsynet"), incidents.get("notified", 0)),
        (_("Notified after the 72 hours"), incidents.get("notified_late", 0)),
        (_("Data subjects informed (Art. 34)"), incidents.get("subjects_informed", 0)),
        (_("Open at the end of the year"), incidents.get("open_at_year_end", 0)),
    ]


def input_sections(inputs: dict) -> list[tuple[str, list[tuple[str, str]]]]:
    """The inputs of a management review as (heading, [(label, value)]) in the order of the review."""
    if not inputs:
        return []
    protocol, ros, dpia = inputs.get("protocol", {}), inputs.get("ros", {}), inputs.get("dpia", {})
    agreements, training = inputs.get("agreements", {}), inputs.get("training", {})
    sections = [
        (_("Record of processing"), [
            (_("Active processing activities"), protocol.get("active", 0)),
            (_("Reviewed this year"), protocol.get("reviewed", 0)),
            (_("Past their review date"), protocol.get("review_overdue", 0)),
        ]),
        (_("Risk assessments"), [
            (_("ROS analyses in use"), ros.get("total", 0)),
            (_("Approved by the risk owner"), ros.get("approved", 0)),
            (_("Awaiting sign-off"), ros.get("awaiting", 0)),
            (_("Open measures"), ros.get("open_measures", 0)),
            (_("Overdue measures"), ros.get("overdue_measures", 0)),
        ]),
        (_("DPIAs"), [
            (_("DPIAs"), dpia.get("total", 0)),
            (_("Approved"), dpia.get("approved", 0)),
            (_("In progress"), dpia.get("in_progress", 0)),
        ]),
        (_("Data processing agreements"), [
            (_("Signed"), agreements.get("signed", 0)),
            (_("Missing or not signed"), agreements.get("missing", 0)),
            (_("Expiring by the end of the year"), agreements.get("expiring", 0)),
        ]),
        (_("Incidents"), _incident_rows(inputs.get("incidents"))),
        (_("Course participation"), [
            (_("Registered for courses this year"), training.get("registered", 0)),
            (_("Attended"), training.get("attended", 0)),
        ]),
    ]  # fmt: skip
    maturity = inputs.get("maturity")
    if maturity:
        rows = [(maturity["title"], _date(maturity["date"]))]  # a long title wraps as a label, not as a value
        rows += [(area, _("%(level)s of 4") % {"level": _level(value)}) for area, value in maturity["areas"]]
        sections.append((_("Kartlegging"), rows))
    else:
        sections.append((_("Kartlegging"), [(_("Kartlegging"), _("No completed kartlegging"))]))
    cycle = inputs.get("cycle")
    if cycle:
        sections.append((_("Annual cycle"), [
            (_("Done"), cycle.get("done", 0)),
            (_("Planned or in progress"), cycle.get("planned", 0) + cycle.get("in_progress", 0)),
            (_("Skipped"), cycle.get("skipped", 0)),
            (_("Overdue"), cycle.get("overdue", 0)),
        ]))  # fmt: skip
    previous = inputs.get("previous")
    if previous:
        labels = dict(DecisionStatus.choices)
        rows = [(title, f"{labels.get(status, status)}" + (f" · {owner}" if owner else ""))
                for title, status, owner in previous["decisions"]]  # fmt: skip
        heading = _("Decisions of %(year)s and whether they were carried out") % {"year": previous["year"]}
        sections.append((heading, rows or [(_("Decisions"), _("None recorded"))]))
    return [(heading, [(str(label), str(value)) for label, value in rows]) for heading, rows in sections]
