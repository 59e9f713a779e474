"""The PDF of one ROS analysis, as of any version: scope, risk picture, scenarios, assessments, measures and
the sign-off block ("Ikke godkjent" / "Endret etter godkjenning" when the decision does not cover it).
One small builder per section; `render_analysis` composes them."""

from __future__ import annotations

from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from isms.core.models import Municipality, SignOff, SignOffState, display_name
from isms.core.pdf import (
    HeatCell,
    SignOffLine,
    data_table,
    facts_table,
    heading,
    heat_map_drawing,
    pdf_date,
    signoff_block,
    text,
)
from isms.core.pdf.record import approval_status, item_details, record_pdf, signoffs_as_of

from .heatmap import heat_map
from .models import AnalysisStatus, MeasureStrategy, RiskAnalysis, SubjectType
from .snapshot import AnalysisSnapshot

BAND_NAMES = {"low": _("green"), "medium": _("yellow"), "high": _("red")}


def _rating(snapshot: AnalysisSnapshot, likelihood, consequence) -> str:
    if not likelihood or not consequence:
        return "—"
    band = snapshot.level(likelihood, consequence)
    return f"{likelihood} × {consequence} = {likelihood * consequence} ({BAND_NAMES[band]})"


def _subject(analysis: RiskAnalysis) -> str:
    label = dict(SubjectType.choices).get(analysis.subject_type, "")
    if analysis.subject_type == SubjectType.SYSTEM and analysis.system_use_id:
        return f"{label}: {analysis.system_use.system.name}"
    if analysis.subject_type == SubjectType.PROCESSING and analysis.processing_activity_id:
        return f"{label}: {analysis.processing_activity.name}"
    return f"{label}: {analysis.service}" if analysis.service else str(label)


def scope_section(snapshot: AnalysisSnapshot, live: RiskAnalysis) -> list[Flowable]:
    analysis = snapshot.analysis
    previous = live.previous.title + f" ({pdf_date(live.previous.analysed_on)})" if live.previous_id else "—"
    return [
        heading(_("Scope and context")),
        facts_table(
            [
                (_("What is analysed"), _subject(analysis)),
                (_("Scope"), analysis.scope),
                (_("Context"), analysis.context or "—"),
                (_("Participants"), ", ".join(analysis.participants.split("\n")) if analysis.participants else "—"),
                (_("Date of the analysis"), pdf_date(analysis.analysed_on)),
                (_("Risk owner"), display_name(analysis.risk_owner)),
                (_("Risk matrix"), str(snapshot.matrix)),
                (_("Previous revision"), previous),
            ]
        ),
    ]


def _heat_map(snapshot: AnalysisSnapshot, title: str, *, residual: bool):
    """The page's heat map (the same counting rule, risk/heatmap.py) drawn as a vector figure."""
    grid = heat_map(snapshot.matrix, snapshot.scenarios, residual=residual)
    return heat_map_drawing(
        title=title,
        row_labels=[f"{row.likelihood} {row.label}" for row in grid.rows],
        column_labels=[str(number) for number, _label in grid.consequence_labels],
        cells=[[HeatCell(cell.count, cell.level) for cell in row.cells] for row in grid.rows],
        row_axis=_("Likelihood"),
        column_axis=_("Consequence"),
    )


def risk_picture_section(snapshot: AnalysisSnapshot) -> list[Flowable]:
    matrix = snapshot.matrix
    levels = " · ".join(f"{n} {matrix.consequence_label(n)}" for n in range(1, matrix.consequence_count + 1))
    return [
        heading(_("Risk picture")),
        Table(
            [
                [
                    _heat_map(snapshot, _("Before measures"), residual=False),
                    _heat_map(snapshot, _("After measures (residual risk)"), residual=True),
                ]
            ],
            hAlign="LEFT",
            style=TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP")]),
        ),
        text(_("Consequence: %(levels)s") % {"levels": levels}),
        text(_("Acceptance criteria: %(text)s") % {"text": matrix.acceptance_criteria or "—"}),
    ]


def scenarios_section(snapshot: AnalysisSnapshot, numbers: dict[int, int]) -> list[Flowable]:
    return [
        heading(_("Scenarios")),
        data_table(
            [_("No."), _("Unwanted event"), _("Asset"), _("C/I/A"), _("Risk"), _("Measures"), _("Residual risk")],
            [
                [
                    numbers[scenario.pk],
                    scenario.title,
                    scenario.asset,
                    scenario.security_letters,
                    _rating(snapshot, scenario.likelihood, scenario.consequence),
                    "; ".join(measure.title for measure in measures) or "—",
                    _rating(snapshot, scenario.residual_likelihood, scenario.residual_consequence),
                ]
                for scenario, measures in snapshot.rows
            ],
            [0.7, 3, 1.8, 0.8, 1.9, 2.8, 1.9],
            numeric_columns=(0,),
        ),
    ]


def assessments_section(snapshot: AnalysisSnapshot, numbers: dict[int, int]) -> list[Flowable]:
    """Each scenario's written assessment; the section is left out when no scenario has one."""
    details = []
    for scenario in snapshot.scenarios:
        details += item_details(
            f"{numbers[scenario.pk]}. {scenario.title}",
            [
                (_("Cause"), scenario.cause),
                (_("What it leads to"), scenario.consequence_description),
                (_("Existing measures"), scenario.existing_measures),
                (_("Justification of the rating"), scenario.justification),
            ],
            45 * mm,
        )
    return [heading(_("Assessments per scenario")), *details] if details else []


def measures_section(snapshot: AnalysisSnapshot, numbers: dict[int, int]) -> list[Flowable]:
    strategies = dict(MeasureStrategy.choices)
    return [
        heading(_("Measures")),
        data_table(
            [_("Measure"), _("Strategy"), _("Responsible"), _("Due date"), _("Status"), _("Scenarios")],
            [
                [
                    measure.title,
                    strategies.get(measure.strategy, measure.strategy),
                    measure.owner or "—",
                    pdf_date(measure.due_on),
                    measure.get_status_display(),
                    ", ".join(str(numbers[s.pk]) for s in snapshot.scenarios_of.get(measure.pk, [])) or "—",
                ]
                for measure in snapshot.measures
            ]
            or [[_("No measures."), "", "", "", "", ""]],
            [3.4, 1.4, 1.8, 1.2, 1.2, 1.2],
        ),
    ]


def acceptance_section(snapshot: AnalysisSnapshot, signoffs: list[SignOff], state: str) -> list[Flowable]:
    lines = [
        SignOffLine.of(row, note=_("red risk accepted") if row.high_risk_confirmed else "")
        for row in signoffs_as_of(signoffs, snapshot.version)
    ]
    return [signoff_block(heading_text=_("Acceptance of the residual risk"), lines=lines, state=state)]


def render_analysis(
    *, snapshot: AnalysisSnapshot, municipality: Municipality, live: RiskAnalysis, signoffs: list[SignOff]
) -> bytes:
    analysis = snapshot.analysis
    state = SignOffState.from_signoffs(signoffs, version=snapshot.version).warning()
    numbers = {scenario.pk: index for index, scenario in enumerate(snapshot.scenarios, start=1)}
    status = approval_status(state)
    if analysis.status == AnalysisStatus.ARCHIVED:
        status = f"{_('Archived')} · {status}"
    return record_pdf(
        title=analysis.title,
        subtitle=_("ROS analysis · %(name)s") % {"name": municipality.name},
        status=status,
        version=snapshot.version,
        municipality=municipality,
        sections=[
            scope_section(snapshot, live),
            risk_picture_section(snapshot),
            scenarios_section(snapshot, numbers),
            assessments_section(snapshot, numbers),
            measures_section(snapshot, numbers),
            acceptance_section(snapshot, signoffs, state),
        ],
    )
