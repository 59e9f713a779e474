"""The PDF of one ROS analysis, as of any version: scope, matrix, heat maps, scenarios, measures and the
sign-off block ("Ikke godkjent" / "Endret etter godkjenning" when the decision does not cover it)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Table, TableStyle

from isms.core.models import Municipality, SignOff, SignOffState, display_name
from isms.core.pdf import (
    HeatCell,
    Letterhead,
    SignOffLine,
    build_pdf,
    data_table,
    facts_table,
    field_list,
    heading,
    heat_map_drawing,
    pdf_date,
    signoff_block,
    text,
)

from .models import MeasureStrategy, RiskAnalysis, SubjectType
from .snapshot import AnalysisSnapshot

BAND_NAMES = {"low": _("green"), "medium": _("yellow"), "high": _("red")}


def _rating(snapshot: AnalysisSnapshot, likelihood, consequence) -> str:
    if not likelihood or not consequence:
        return "—"
    band = snapshot.level(likelihood, consequence)
    return f"{likelihood} × {consequence} = {likelihood * consequence} ({BAND_NAMES[band]})"


def _heat_map(snapshot: AnalysisSnapshot, title: str, *, residual: bool):
    matrix = snapshot.matrix
    counts: dict[tuple[int, int], int] = {}
    for scenario in snapshot.scenarios:
        cell = (
            (scenario.residual_likelihood, scenario.residual_consequence)
            if residual
            else (scenario.likelihood, scenario.consequence)
        )
        if all(cell):
            counts[cell] = counts.get(cell, 0) + 1
    likelihoods = range(matrix.likelihood_count, 0, -1)
    consequences = range(1, matrix.consequence_count + 1)
    return heat_map_drawing(
        title=title,
        row_labels=[f"{n} {matrix.likelihood_label(n)}" for n in likelihoods],
        column_labels=[str(n) for n in consequences],
        cells=[[HeatCell(counts.get((li, co), 0), matrix.level(li, co)) for co in consequences] for li in likelihoods],
        row_axis=_("Likelihood"),
        column_axis=_("Consequence"),
    )


def _subject(analysis: RiskAnalysis) -> str:
    label = dict(SubjectType.choices).get(analysis.subject_type, "")
    if analysis.subject_type == SubjectType.SYSTEM and analysis.system_use_id:
        return f"{label}: {analysis.system_use.system.name}"
    if analysis.subject_type == SubjectType.PROCESSING and analysis.processing_activity_id:
        return f"{label}: {analysis.processing_activity.name}"
    return f"{label}: {analysis.service}" if analysis.service else str(label)


def render_analysis(
    *, snapshot: AnalysisSnapshot, municipality: Municipality, live: RiskAnalysis, signoffs: list[SignOff]
) -> bytes:
    analysis = snapshot.analysis
    matrix = snapshot.matrix
    state = SignOffState.from_signoffs(signoffs, version=snapshot.version).warning()
    numbers = {scenario.pk: index for index, scenario in enumerate(snapshot.scenarios, start=1)}
    story = [
        heading(_("Scope and context")),
        facts_table(
            [
                (_("What is analysed"), _subject(analysis)),
                (_("Scope"), analysis.scope),
                (_("Context"), analysis.context or "—"),
                (_("Participants"), ", ".join(analysis.participants.split("\n")) if analysis.participants else "—"),
                (_("Date of the analysis"), pdf_date(analysis.analysed_on)),
                (_("Risk owner"), display_name(analysis.risk_owner)),
                (_("Risk matrix"), str(matrix)),
                (
                    _("Previous revision"),
                    live.previous.title + f" ({pdf_date(live.previous.analysed_on)})" if live.previous_id else "—",
                ),
            ]
        ),
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
        text(
            _("Consequence: %(levels)s")
            % {
                "levels": " · ".join(
                    f"{n} {matrix.consequence_label(n)}" for n in range(1, matrix.consequence_count + 1)
                )
            }
        ),
        text(_("Acceptance criteria: %(text)s") % {"text": matrix.acceptance_criteria or "—"}),
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
                    "; ".join(measure.title for measure in snapshot.measures_of.get(scenario.pk, [])) or "—",
                    _rating(snapshot, scenario.residual_likelihood, scenario.residual_consequence),
                ]
                for scenario in snapshot.scenarios
            ],
            [0.7, 3, 1.8, 0.8, 1.9, 2.8, 1.9],
            numeric_columns=(0,),
        ),
    ]
    details = []
    for scenario in snapshot.scenarios:
        rows = [
            (_("Cause"), scenario.cause),
            (_("What it leads to"), scenario.consequence_description),
            (_("Existing measures"), scenario.existing_measures),
            (_("Justification of the rating"), scenario.justification),
        ]
        rows = [(label, value) for label, value in rows if value]
        if rows:
            details += [heading(f"{numbers[scenario.pk]}. {scenario.title}", 2), *field_list(rows, 45 * mm)]
    if details:
        story += [heading(_("Assessments per scenario")), *details]
    strategies = dict(MeasureStrategy.choices)
    story += [
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
        signoff_block(
            heading_text=_("Acceptance of the residual risk"),
            lines=[
                SignOffLine(
                    signer=display_name(row.signer),
                    role=row.get_role_display(),
                    decision=f"{row.get_decision_display()} (v{row.root_version})"
                    + (f" – {_('red risk accepted')}" if row.high_risk_confirmed else ""),
                    date=pdf_date(row.signed_at),
                    comment=f"{row.comment}\nSHA-256 {row.content_sha256[:16]}…"
                    if row.comment
                    else f"SHA-256 {row.content_sha256[:16]}…",
                )
                for row in signoffs
                if row.root_version <= snapshot.version
            ],
            state=state,
        ),
    ]
    status = state or _("Approved")
    if analysis.status == "archived":
        status = f"{_('Archived')} · {status}"
    return build_pdf(
        title=analysis.title,
        subtitle=_("ROS analysis · %(name)s") % {"name": municipality.name},
        status=status,
        version=snapshot.version,
        letterhead=Letterhead.for_municipality(municipality),
        story=story,
    )
