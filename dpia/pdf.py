"""The PDF of one DPIA, as of any version: context, principles, risks, action plan, the data subjects' views,
the DPO's advice, the response and the decision block, and the Art. 36 status.
One small builder per section; `render_dpia` composes them."""

from __future__ import annotations

from django.utils.translation import gettext as _
from reportlab.platypus import Flowable

from isms.core.models import Municipality, SignOff, SignOffRole, SignOffState
from isms.core.pdf import SignOffLine, data_table, facts_table, field_list, heading, pdf_date, signoff_block, text
from isms.core.pdf.record import approval_status, item_details, record_pdf, signoffs_as_of

from .models import Dpia, Level
from .snapshot import DpiaSnapshot

LEVELS = dict(Level.choices)


def _level(severity, likelihood) -> str:
    if not severity or not likelihood:
        return "—"
    return f"{LEVELS[severity]} / {LEVELS[likelihood]}"


def context_section(snapshot: DpiaSnapshot, live: Dpia) -> list[Flowable]:
    dpia = snapshot.dpia
    return [
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
    ]


def principles_section(snapshot: DpiaSnapshot) -> list[Flowable]:
    story = [heading(_("Necessity and proportionality"))]
    for principle in snapshot.principles:
        story += [
            heading(principle.get_principle_display(), 2),
            *field_list([(_("Assessment"), principle.assessment), (_("Planned measures"), principle.planned_measures)]),
        ]
    return story


def risks_section(snapshot: DpiaSnapshot) -> list[Flowable]:
    """The risks table, then each risk's impacts, threats and sources where they are written."""
    story = [
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
        story += item_details(
            risk.title,
            [
                (_("Impacts on the data subjects"), risk.impacts),
                (_("Threats"), risk.threats),
                (_("Risk sources"), risk.sources),
            ],
        )
    return story


def _ros_measure(snapshot: DpiaSnapshot, action) -> str:
    """The linked ROS measure by title today; a historical PDF names it by number (its title may have changed)."""
    if not action.ros_measure_id:
        return "—"
    return f"#{action.ros_measure_id}" if snapshot.historical else action.ros_measure.title


def action_plan_section(snapshot: DpiaSnapshot) -> list[Flowable]:
    return [
        heading(_("Action plan")),
        data_table(
            [_("Measure"), _("Responsible"), _("Due date"), _("Status"), _("ROS measure")],
            [
                [
                    action.title,
                    action.owner or "—",
                    pdf_date(action.due_on),
                    action.get_status_display(),
                    _ros_measure(snapshot, action),
                ]
                for action in snapshot.actions
            ]
            or [[_("No actions."), "", "", "", ""]],
            [3.5, 2, 1.3, 1.3, 3],
        ),
    ]


def data_subject_views_section(snapshot: DpiaSnapshot) -> list[Flowable]:
    return [heading(_("Views of the data subjects (Art. 35(9))")), text(snapshot.dpia.data_subject_views or "—")]


def advice_section(advice: list[SignOff]) -> list[Flowable]:
    story = [heading(_("The DPO's advice (Art. 35(2))"))]
    if not advice:
        story.append(text(_("The DPO has not given advice on this version yet.")))
    for row in advice:
        story += [
            heading(f"{row.get_decision_display()} · {_('version')} {row.root_version} · {pdf_date(row.signed_at)}", 2),
            text(row.comment or "—"),
            *field_list([(note.get_section_display(), note.text) for note in getattr(row, "notes", [])]),
        ]
    return story


def decision_section(snapshot: DpiaSnapshot, decisions: list[SignOff], state: str) -> list[Flowable]:
    return [
        heading(_("Response to the advice")),
        text(snapshot.dpia.response_to_advice or "—"),
        signoff_block(heading_text=_("Decision"), lines=[SignOffLine.of(row) for row in decisions], state=state),
    ]


def prior_consultation_section(snapshot: DpiaSnapshot) -> list[Flowable]:
    sent_on = snapshot.dpia.prior_consultation_sent_on
    needed = (
        _("High residual risk remains: prior consultation is required.")
        if snapshot.high_risks
        else _("No high residual risk remains: prior consultation is not required.")
    )
    sent = " " + _("Sent on %(date)s.") % {"date": pdf_date(sent_on)} if sent_on else ""
    return [heading(_("Prior consultation with Datatilsynet (Art. 36)")), text(needed + sent)]


def _status(snapshot: DpiaSnapshot, live: Dpia, state: str) -> str:
    status = approval_status(state)
    if not snapshot.historical and live.must_be_reassessed:
        status = _("Must be reassessed")
    if snapshot.high_risks:
        status += " · " + _("Prior consultation with Datatilsynet (Art. 36)")
    return status


def render_dpia(*, snapshot: DpiaSnapshot, municipality: Municipality, live: Dpia, signoffs: list[SignOff]) -> bytes:
    earlier = signoffs_as_of(signoffs, snapshot.version)
    state = SignOffState.from_signoffs(signoffs, version=snapshot.version).warning(unsigned=_("Not decided"))
    return record_pdf(
        title=snapshot.dpia.title,
        subtitle=_("DPIA · %(name)s") % {"name": municipality.name},
        status=_status(snapshot, live, state),
        version=snapshot.version,
        municipality=municipality,
        sections=[
            context_section(snapshot, live),
            principles_section(snapshot),
            risks_section(snapshot),
            action_plan_section(snapshot),
            data_subject_views_section(snapshot),
            advice_section([row for row in earlier if row.role == SignOffRole.DPO]),
            decision_section(snapshot, [row for row in earlier if row.role == SignOffRole.LEADER], state),
            prior_consultation_section(snapshot),
        ],
    )
