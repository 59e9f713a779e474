"""PDFs of the avvik register: one avvik (the documentation Art. 33(5) asks for: the facts, the effects,
the remedial action, the advice, the decision and the notification) and the register for a period."""

from __future__ import annotations

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from isms.core.models import Municipality, SignOff, SignOffState, display_name
from isms.core.pdf import (
    Letterhead,
    SignOffLine,
    build_pdf,
    data_table,
    facts_table,
    heading,
    pdf_date,
    signoff_block,
    text,
)

from .clock import clock_of
from .models import NotificationAdvice
from .snapshot import IncidentSnapshot


def when(value) -> str:
    """dd.mm.yyyy kl. HH:MM in Europe/Oslo, or "—"."""
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT") if value else "—"


def _count(value) -> str:
    return "—" if value is None else formats.number_format(value, force_grouping=True)


def render_incident(
    *, snapshot: IncidentSnapshot, municipality: Municipality, signoffs: list[SignOff], advice: list[NotificationAdvice]
) -> bytes:
    incident = snapshot.incident
    clock = clock_of(incident)
    # As of a version: only the advice and decisions made up to it.
    advice = [row for row in advice if row.root_version <= snapshot.version]
    state = SignOffState.from_signoffs(signoffs, version=snapshot.version).warning(unsigned=_("Not decided"))
    signoffs = [row for row in signoffs if row.root_version <= snapshot.version]
    story = [
        heading(_("The report")),
        facts_table(
            [
                (_("What happened"), incident.description),
                (_("Occurred"), when(incident.occurred_at)),
                (_("Discovered"), when(incident.discovered_at)),
                (_("Reported"), f"{when(incident.reported_at)} · {incident.get_channel_display()}"),
                (_("Reported by"), incident.reporter_name or "—"),
                (_("Unit"), incident.unit or "—"),
                (_("System or processing, as reported"), incident.system_text or "—"),
                (_("Personal data involved"), incident.get_personal_data_display()),
            ]
        ),
        heading(_("Assessment")),
        facts_table(
            [
                (_("Classification"), incident.get_kind_display() or _("Not classified")),
                (_("C/I/A"), incident.security_letters or "—"),
                (_("Categories of data subjects"), incident.data_subject_categories or "—"),
                (_("Approximate number of data subjects"), _count(incident.data_subject_count)),
                (_("Categories of personal data"), incident.data_categories or "—"),
                (_("Approximate number of records"), _count(incident.record_count)),
                (_("Special categories (Art. 9)"), incident.special_categories_text or "—"),
                (_("Likely consequences"), incident.consequences or "—"),
                (
                    _("Processing activities involved"),
                    ", ".join(link.processing_activity.name for link in snapshot.processing) or "—",
                ),
                (_("Systems involved"), ", ".join(link.system_use.system.name for link in snapshot.systems) or "—"),
                (
                    _("ROS scenario that foresaw it"),
                    f"{incident.foreseen_by.title} ({incident.foreseen_by.analysis.title})"
                    if incident.foreseen_by
                    else "—",
                ),
                (_("New ROS scenario proposed"), incident.proposed_scenario or "—"),
            ]
        ),
        heading(_("Measures")),
        data_table(
            [_("Measure"), _("Taken or planned"), _("Responsible"), _("Due date"), _("ROS measure")],
            [
                [
                    measure.title,
                    measure.get_timing_display(),
                    measure.owner or "—",
                    pdf_date(measure.due_on),
                    measure.ros_measure.title if measure.ros_measure else "—",
                ]
                for measure in snapshot.measures
            ]
            or [[_("No measures recorded."), "", "", "", ""]],
            [3.5, 1.6, 2, 1.4, 3],
        ),
        heading(_("The DPO's advice on notification")),
    ]
    if not advice:
        story.append(text(_("The DPO has not given advice yet.")))
    for row in advice:
        story += [
            heading(
                f"{row.get_notify_display()} · "
                + (_("inform the data subjects") if row.inform_data_subjects else _("do not inform the data subjects"))
                + f" · {_('version')} {row.root_version} · {pdf_date(row.given_at)}",
                2,
            ),
            text(f"{row.reasons}\n— {display_name(row.dpo)}"),
        ]
    story += [
        signoff_block(
            heading_text=_("The leader's decision"),
            lines=[SignOffLine.of(row) for row in signoffs],
            state=state,
        ),
        heading(_("Notification (Art. 33 and 34)")),
        facts_table(
            [
                (_("Deadline (72 hours after discovery)"), when(incident.deadline)),
                (_("The 72 hours"), clock.label),
                (_("Notified to Datatilsynet"), when(incident.notified_at)),
                (_("Datatilsynet's reference"), incident.authority_reference or "—"),
                (_("Reason for the delay"), incident.delay_reason or "—"),
                (_("Data subjects informed"), when(incident.subjects_informed_at)),
                (_("Notice to the data subjects"), incident.subject_notice or "—"),
            ]
        ),
        heading(_("Closing")),
        facts_table([(_("Closed"), when(incident.closed_at)), (_("Lessons learned"), incident.lessons_learned or "—")]),
    ]
    status = " · ".join(part for part in (incident.state_label, state if state != incident.state_label else "") if part)
    return build_pdf(
        title=f"{_('Avvik')} {incident.reference}: {incident.title}",
        subtitle=_("Avvik · %(name)s") % {"name": municipality.name},
        status=status,
        version=snapshot.version,
        letterhead=Letterhead.for_municipality(municipality),
        story=story,
    )


def render_register(*, municipality: Municipality, rows: list, start, end) -> bytes:
    """The register for a period: one row per avvik, with the 72 hours and the notification."""
    if start or end:
        period = _("Discovered %(period)s") % {
            "period": f"{pdf_date(start) if start else '…'} – {pdf_date(end) if end else '…'}"
        }
    else:
        period = _("All avvik")
    story = [
        data_table(
            [_("No."), _("Avvik"), _("Discovered"), _("Classification"), _("Status"), _("72 hours"), _("Notified")],
            [
                [
                    row.incident.reference,
                    row.incident.title,
                    when(row.incident.discovered_at),
                    row.incident.get_kind_display() or _("Not classified"),
                    row.incident.state_label,
                    row.clock.label,
                    when(row.incident.notified_at)
                    + (f"\n{row.incident.authority_reference}" if row.incident.authority_reference else ""),
                ]
                for row in rows
            ]
            or [[_("No avvik in the period."), "", "", "", "", "", ""]],
            [1.5, 3.2, 2, 2.2, 1.9, 2.9, 2],
        )
    ]
    return build_pdf(
        title=_("Avvik register – %(name)s") % {"name": municipality.name},
        subtitle=f"{period} · " + ngettext("%(n)s avvik", "%(n)s avvik", len(rows)) % {"n": len(rows)},
        letterhead=Letterhead.for_municipality(municipality),
        story=story,
    )
