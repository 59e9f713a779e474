"""PDFs of the cycle app through the shared kit: the årshjul of a year, a kartlegging's result and the
management review for the archive (with its version-pinned signature)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Table, TableStyle

from isms.core.models import SignOff, SignOffState, display_name
from isms.core.pdf import (
    CONTENT_WIDTH,
    Letterhead,
    SignOffLine,
    build_pdf,
    data_table,
    facts_table,
    field_list,
    heading,
    pdf_date,
    signoff_block,
    styles,
    text,
)

from .models import MONTHS, ManagementReview
from .presenters import input_sections
from .selectors import AssessmentResult, YearView

MONTH_NAMES = dict(MONTHS)
LEVEL_FILL = {"low": colors.HexColor("#F5B7B0"), "medium": colors.HexColor("#FFE9A3"),
              "high": colors.HexColor("#CDEBCD")}  # fmt: skip


def _level(value) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",")


def render_cycle(*, view: YearView, municipality) -> bytes:
    cycle = view.cycle
    story = []
    counts = view.counts
    story.append(
        facts_table(
            [
                (_("Activities"), str(len(view.rows))),
                (_("Done"), str(counts["done"])),
                (_("Planned or in progress"), str(counts["planned"] + counts["in_progress"])),
                (_("Skipped"), str(counts["skipped"])),
                (_("Overdue"), str(counts["overdue"])),
            ]
        )
    )
    if cycle.scope:
        story += [heading(_("Scope"), 2), text(cycle.scope)]
    table_rows = []
    for _month, name, rows in view.months:
        for index, row in enumerate(rows):
            table_rows.append(
                [
                    name if index == 0 else " ",  # the month once per group
                    row.activity.title,
                    row.activity.get_kind_display(),
                    " · ".join(part for part in (row.activity.responsible_role, row.activity.owner) if part) or "—",
                    row.status_label
                    + (f" {pdf_date(row.done_on)}" if row.done_on else "")
                    + (f" ({_('from the records')})" if row.from_records else "")
                    + (f" – {_('overdue')}" if row.overdue else "")
                    + (f": {row.activity.skip_reason}" if row.activity.skip_reason else ""),
                ]
            )
    story += [
        heading(_("The year month by month")),
        text(_("Status as of %(date)s.") % {"date": pdf_date(timezone.localdate())}, styles.SMALL),
        data_table(
            [_("Month"), _("Activity"), _("Concerns"), _("Responsible"), _("Status")],
            table_rows or [[_("No activities."), "", "", "", ""]],
            [1.6, 3.6, 3.0, 2.6, 2.8],
        ),
    ]
    return build_pdf(
        title=str(cycle),
        subtitle=_("Annual cycle · %(name)s") % {"name": municipality.name},
        version=cycle.version,
        letterhead=Letterhead.for_municipality(municipality),
        story=story,
    )


def _profile_table(result: AssessmentResult) -> Table:
    from .selectors import heat_level

    header = [_("Area"), _("Level"), _("Previous"), _("Change since then"), _("Answered")]
    body = [header]
    styles_list = []
    for index, area in enumerate(result.areas, start=1):
        change = area.change
        body.append([
            area.area, _level(area.average), _level(area.previous),
            "—" if change is None else (f"+{change}" if change > 0 else str(change)).replace(".", ","),
            f"{area.answered}/{area.questions}",
        ])  # fmt: skip
        band = heat_level(area.average)
        if band:
            styles_list.append(("BACKGROUND", (1, index), (1, index), LEVEL_FILL[band]))
    widths = [CONTENT_WIDTH * w for w in (0.44, 0.14, 0.14, 0.14, 0.14)]
    table = Table(body, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8.5),
                ("FONT", (0, 1), (-1, -1), "Helvetica", 8.5),
                ("BACKGROUND", (0, 0), (-1, 0), styles.HEADER_FILL),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, styles.ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, styles.RULE),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                *styles_list,
            ]
        )
    )
    return table


def render_assessment(*, result: AssessmentResult, municipality) -> bytes:
    assessment = result.assessment
    story = [
        facts_table(
            [
                (_("Questionnaire"), f"{assessment.title} ({_('version %(n)s') % {'n': assessment.template_version}})"),
                (_("Date of the kartlegging"), pdf_date(assessment.assessed_on)),
                (_("Status"), assessment.get_status_display()),
                (_("Participants"), assessment.participants or "—"),
                (_("Average level"), _level(result.average) + " " + _("of 4")),
                (
                    _("Compared with"),
                    f"{result.previous.title} ({pdf_date(result.previous.assessed_on)})" if result.previous else "—",
                ),
            ]
        ),
        heading(_("Profile per area")),
        text(_("Maturity 0–4 per area (average of its questions). Below 2 is marked as a weak area."), styles.SMALL),
        _profile_table(result),
        heading(_("Answers")),
    ]
    current_area = None
    for question, answer in result.rows():
        if question["area"] != current_area:
            current_area = question["area"]
            story.append(heading(current_area, 2))
        level = answer.level if answer else None
        pairs = [
            (question["text"], f"{level} – {question['levels'][level]}" if level is not None else _("Not answered"))
        ]
        if answer and answer.comment:
            pairs.append((_("Comment"), answer.comment))
        if answer and answer.evidence_url:
            pairs.append((_("Evidence link"), answer.evidence_url))
        story += field_list(pairs, label_width=70 * mm)
    return build_pdf(
        title=_("Kartlegging %(date)s") % {"date": pdf_date(assessment.assessed_on)},
        subtitle=f"{assessment.title} · {municipality.name}",
        status=assessment.get_status_display(),
        version=assessment.version,
        letterhead=Letterhead.for_municipality(municipality),
        story=story,
    )


def render_review(*, review: ManagementReview, municipality, decisions: list, signoffs: list[SignOff]) -> bytes:
    state = SignOffState.from_signoffs(signoffs, version=review.version)
    story = [
        facts_table(
            [
                (_("Date of the review"), pdf_date(review.held_on)),
                (_("Participants"), review.participants or "—"),
                (_("Inputs gathered"), pdf_date(review.inputs_gathered_at)),
            ]
        ),
        heading(_("Inputs from the records")),
    ]
    for section, rows in input_sections(review.inputs):
        story += [heading(section, 2), *field_list(rows, label_width=80 * mm)]
    story += [
        heading(_("Assessments")),
        *field_list(
            [
                (_("Assessment of the records"), review.assessment_records),
                (_("Assessment of incidents and training"), review.assessment_incidents),
                (_("Assessment of the kartlegging"), review.assessment_maturity),
                (_("Assessment of last year's decisions"), review.assessment_previous),
                (_("Overall conclusion"), review.conclusion),
            ]
        ),
        heading(_("Decisions and actions")),
        data_table(
            [_("Decision"), _("Kind"), _("Responsible"), _("Deadline"), _("Status")],
            [
                [
                    decision.title + (f"\n{decision.description}" if decision.description else ""),
                    decision.get_kind_display(),
                    decision.owner or "—",
                    pdf_date(decision.due_on),
                    decision.get_status_display(),
                ]
                for decision in decisions
            ]
            or [[_("No decisions recorded."), "", "", "", ""]],
            [5, 1.6, 2.2, 1.4, 1.6],
        ),
        signoff_block(
            heading_text=_("Signature of the management"),
            lines=[
                SignOffLine(
                    signer=display_name(row.signer),
                    role=row.get_role_display(),
                    decision=f"{_('Signed')} (v{row.root_version})",
                    date=pdf_date(row.signed_at),
                    comment=f"{row.comment}\nSHA-256 {row.content_sha256[:16]}…".strip(),
                )
                for row in signoffs
            ],
            state=state.warning(),
        ),
    ]
    return build_pdf(
        title=str(review),
        subtitle=_("Management review · %(name)s") % {"name": municipality.name},
        status=_("Signed") if state.is_approved else state.label(),
        version=review.version,
        letterhead=Letterhead.for_municipality(municipality),
        story=story,
    )
