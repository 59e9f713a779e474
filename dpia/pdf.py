"""The PDF of one DPIA, as of any version: context, principles, risks, action plan, the DPO's advice,
the responses, the decision block and the Art. 36 status."""

from __future__ import annotations

from django.utils.translation import gettext as _

from isms.core.models import Municipality, SignOff, SignOffRole, SignOffState, display_name
from isms.core.pdf import (
    Letterhead,
    SignOffLine,
    build_pdf,
    data_table,
    facts_table,
    field_list,
    heading,
    pdf_date,
    signoff_block,
    text,
)

from .models import Dpia, Level
from .snapshot import DpiaSnapshot

LEVELS = dict(Level.choices)


def _level(severity, likelihood) -> str:
    if not severity or not likelihood:
        return "—"
    return f"{LEVELS[severity]} / {LEVELS[likelihood]}"


def render_dpia(*, snapshot: DpiaSnapshot, municipality: Municipality, live: Dpia, signoffs: list[SignOff]) -> bytes:
    dpia = snapshot.dpia
    earlier = [row for row in signoffs if row.root_version <= snapshot.version]
    advice = [row for row in earlier if row.role == SignOffRole.DPO]
    decisions = [row for row in earlier if row.role == SignOffRole.LEADER]
    state = SignOffState.from_signoffs(signoffs, version=snapshot.version).warning(unsigned=_("Not decided"))
    story = [
        heading(_("Context and systematic description")),
        facts_table(
            [
                (_("Processing activity"), live.processing_activity.name if live.processing_activity_id else "—"),
                (_("Systematic description"), dpia.description or "—"),
                (_("Purposes"), dpia.purposes or "—"),
                (_("Data subjects"), dpia.data_subjects or "—"),
                (_("Personal data"), dpia.data_categories or "—"),
                (_("Recipients"), dpia.recipients or "—"),
                (_("Systems"), dpia.systems or "—"),
                (_("Retention"), dpia.retention or "—"),
            ]
        ),
        heading(_("Necessity and proportionality")),
    ]
    for principle in snapshot.principles:
        story += [
            heading(principle.get_principle_display(), 2),
            *field_list([(_("Assessment"), principle.assessment), (_("Planned measures"), principle.planned_measures)]),
        ]
    story += [
        heading(_("Risks to the data subjects")),
        data_table(
            [_("Risk"), _("Kind"), _("Severity / likelihood"), _("Measures"), _("After measures")],
            [
                [
                    risk.title,
                    risk.get_kind_display(),
                    _level(risk.severity, risk.likelihood),
                    risk.measures or "—",
                    _level(risk.residual_severity, risk.residual_likelihood)
                    + (f" – {_('High')}" if risk.is_high_after_measures else ""),
                ]
                for risk in snapshot.risks
            ],
            [3, 2, 2, 3.5, 2.2],
        ),
    ]
    for risk in snapshot.risks:
        rows = [
            (_("Impacts on the data subjects"), risk.impacts),
            (_("Threats"), risk.threats),
            (_("Risk sources"), risk.sources),
        ]
        rows = [(label, value) for label, value in rows if value]
        if rows:
            story += [heading(risk.title, 2), *field_list(rows)]
    story += [
        heading(_("Action plan")),
        data_table(
            [_("Measure"), _("Responsible"), _("Due date"), _("Status"), _("ROS measure")],
            [
                [
                    action.title,
                    action.owner or "—",
                    pdf_date(action.due_on),
                    action.get_status_display(),
                    action.ros_measure.title
                    if action.ros_measure_id and not snapshot.historical
                    else ("#" + str(action.ros_measure_id) if action.ros_measure_id else "—"),
                ]
                for action in snapshot.actions
            ]
            or [[_("No actions."), "", "", "", ""]],
            [3.5, 2, 1.3, 1.3, 3],
        ),
        heading(_("Views of the data subjects (Art. 35(9))")),
        text(dpia.data_subject_views or "—"),
        heading(_("The DPO's advice (Art. 35(2))")),
    ]
    if not advice:
        story.append(text(_("The DPO has not given advice on this version yet.")))
    for row in advice:
        story += [
            heading(f"{row.get_decision_display()} · {_('version')} {row.root_version} · {pdf_date(row.signed_at)}", 2),
            text(row.comment or "—"),
            *field_list([(note.get_section_display(), note.text) for note in getattr(row, "notes", [])]),
        ]
    story += [
        heading(_("Response to the advice")),
        text(dpia.response_to_advice or "—"),
        signoff_block(
            heading_text=_("Decision"),
            lines=[
                SignOffLine(
                    signer=display_name(row.signer),
                    role=row.get_role_display(),
                    decision=f"{row.get_decision_display()} (v{row.root_version})",
                    date=pdf_date(row.signed_at),
                    comment=f"{row.comment}\nSHA-256 {row.content_sha256[:16]}…".strip(),
                )
                for row in decisions
            ],
            state=state,
        ),
        heading(_("Prior consultation with Datatilsynet (Art. 36)")),
        text(
            (
                _("High residual risk remains: prior consultation is required.")
                if snapshot.high_risks
                else _("No high residual risk remains: prior consultation is not required.")
            )
            + (
                " " + _("Sent on %(date)s.") % {"date": pdf_date(dpia.prior_consultation_sent_on)}
                if dpia.prior_consultation_sent_on
                else ""
            )
        ),
    ]
    status = state or _("Approved")
    if not snapshot.historical and live.must_be_reassessed:
        status = _("Must be reassessed")
    if snapshot.high_risks:
        status += " · " + _("Prior consultation with Datatilsynet (Art. 36)")
    return build_pdf(
        title=dpia.title,
        subtitle=_("DPIA · %(name)s") % {"name": municipality.name},
        status=status,
        version=snapshot.version,
        letterhead=Letterhead.for_municipality(municipality),
        story=story,
    )
