"""PDFs of the behandlingsprotokoll (today or as of an earlier date) and of the DPA register."""

from __future__ import annotations

import functools
import zipfile
from collections import Counter
from collections.abc import Callable
from typing import BinaryIO

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, PageBreak, Paragraph

from isms.core.models import ExportJob, Municipality
from isms.core.pdf import Letterhead, build_pdf, data_table, facts_table, field_list, heading, pdf_date, styles, text

from .attention import AGREEMENT, ART30, REVIEW
from .importing.art30 import dpo_text
from .models import RecordType
from .snapshot import ActivityView, ProtocolSnapshot, protocol_snapshot


def _as_of(snapshot: ProtocolSnapshot) -> str:
    return formats.date_format(timezone.localtime(snapshot.at), "SHORT_DATE_FORMAT")


def _summary(snapshot: ProtocolSnapshot) -> list:
    municipality = snapshot.municipality
    views = snapshot.activities
    sectors = Counter(view.activity.get_sector_display() for view in views)
    story = [
        heading(_("Controller (Art. 30(1)(a))")),
        facts_table(
            [
                (_("Controller"), municipality.official_name or municipality.name),
                # An empty organisation number is left out rather than printed as a dash.
                *([(_("Organisation number"), municipality.org_number)] if municipality.org_number else []),
                (_("Data protection officer"), dpo_text()),
                (_("Processing activities"), len(views)),
                (
                    _("Of which as processor (Art. 30(2))"),
                    sum(v.activity.record_type == RecordType.PROCESSOR for v in views),
                ),
                (_("Processor without DPA in force"), sum(v.needs(AGREEMENT) for v in views)),
                (_("With empty Art. 30 fields"), sum(v.needs(ART30) for v in views)),
                (_("Review overdue"), sum(v.needs(REVIEW) for v in views)),
            ]
        ),
    ]
    if not views:
        empty = _("No processing activities in the record as of %(date)s") % {"date": _as_of(snapshot)}
        return [*story, text(empty, styles.STATUS)]
    story += [
        heading(_("By sector")),
        data_table([_("Sector"), _("Processing activities")], sorted(sectors.items()), [4, 1.5], numeric_columns=(1,)),
        heading(_("Contents")),
        data_table(
            [_("No."), _("Processing activity"), _("Sector"), _("Basis"), _("Needs attention")],
            [
                [
                    index,
                    view.activity.name,
                    view.activity.get_sector_display(),
                    ", ".join(view.activity.legal_bases),
                    "; ".join(flag.text for flag in view.flags) or "—",
                ]
                for index, view in enumerate(views, start=1)
            ],
            [0.6, 4, 2.2, 1.2, 3.4],
        ),
    ]
    return story


def _section(index: int, view: ActivityView, _: Callable[[str], str] = _) -> list:
    """One activity's section; `_` may be a per-print-out memo of gettext (the same two dozen labels
    for each of hundreds of activities, issue 13)."""
    activity = view.activity
    pairs = [
        (_("Record type"), activity.get_record_type_display()),
        (_("Sector"), activity.get_sector_display()),
        (
            _("Responsible unit"),
            " – ".join(p for p in (activity.responsible_unit, activity.contact_person) if p) or "—",
        ),
    ]
    if activity.record_type == RecordType.PROCESSOR:
        pairs.append(
            (_("Controller"), ", ".join(p for p in (activity.controller_name, activity.controller_contact) if p))
        )
    if activity.joint_controllers:
        pairs.append((_("Joint controllers"), activity.joint_controllers))
    pairs += [
        (_("Purposes"), activity.purposes),
        (_("Legal basis (Art. 6(1))"), "\n".join(activity.legal_bases_labels) or "—"),
        (_("National legal basis"), activity.national_law),
        (_("Categories of data subjects"), activity.data_subject_categories),
        (_("Categories of personal data"), activity.personal_data_categories),
        (
            _("Special categories (Art. 9)"),
            (activity.special_categories_text + (f"\n{_('Basis')}: {activity.special_category_bases_text}"
             if activity.special_category_bases else "") + (f"\n{activity.special_category_note}"
             if activity.special_category_note else "")) or _("None"),
        ),
        (
            _("Criminal offences (Art. 10)"),
            f"{_('Yes')}: {activity.criminal_offence_basis}" if activity.criminal_offence_data else _("No"),
        ),
        (_("Source of the data"), activity.data_source),
        (_("Categories of recipients"), activity.recipients),
        (
            _("Transfer to third countries"),
            f"{activity.transfer_countries} – {activity.get_transfer_mechanism_display()}"
            if activity.third_country_transfer else _("No"),
        ),
        (_("Retention and erasure"), activity.retention),
        (_("Security measures"), activity.security_measures),
        (_("Systems used"), ", ".join(view.systems) or "—"),
        (_("Processors"), "\n".join(
            f"{name} – {_('DPA in force') if covered else _('DPA missing')}" for name, covered in view.processors
        ) or "—"),
        (_("DPIA"), activity.get_dpia_status_display()),
        (_("Last reviewed"), pdf_date(activity.last_reviewed)),
        (_("Next review"), pdf_date(activity.next_review)),
        (_("Version"), activity.version),
    ]  # fmt: skip
    story = [CondPageBreak(45 * mm), heading(f"{index}. {activity.name}")]
    for flag in view.flags:
        story.append(Paragraph(flag.text, styles.STATUS.clone("flag", textColor=styles.DANGER)))
    story += field_list(pairs)
    return story


def render_protocol(snapshot: ProtocolSnapshot, *, notice: str = "") -> bytes:
    """The whole behandlingsprotokoll: a summary, then one section per active processing activity.

    `notice` is printed above the summary (e.g. that the date asked for was in the future)."""
    municipality = snapshot.municipality
    story = [text(notice, styles.STATUS)] if notice else []
    story += _summary(snapshot)
    if snapshot.activities:
        story.append(PageBreak())
    labels = functools.cache(_)  # one language for the whole print-out
    for index, view in enumerate(snapshot.activities, start=1):
        story += _section(index, view, labels)
    return build_pdf(
        title=_("Record of processing activities"),
        subtitle=_("%(name)s · as of %(date)s") % {"name": municipality.name, "date": _as_of(snapshot)},
        status=_("Historical print-out") if snapshot.historical else _("Current"),
        letterhead=Letterhead.for_municipality(municipality),
        story=story,
    )


def render_agreement_register(*, municipality: Municipality, agreements: list, uncovered: list) -> bytes:
    """The DPA register: every agreement with status and dates, then processors used without one."""
    today = timezone.localdate()

    rows = [
        [
            agreement.vendor.name,
            agreement.title + (f" ({_('joint')})" if agreement.parent_id else ""),
            agreement.status_label,
            pdf_date(agreement.signed_on),
            pdf_date(agreement.valid_until),
            pdf_date(agreement.review_on),
            f"{agreement.sub_processor_count} / {agreement.activity_count}",
        ]
        for agreement in agreements
    ]
    story = [
        text(
            ngettext("%(n)s agreement.", "%(n)s agreements.", len(agreements)) % {"n": len(agreements)}
            + " "
            + _("In force: %(n)s.") % {"n": sum(a.is_in_force for a in agreements)}
        ),
        data_table(
            [
                _("Processor"),
                _("Subject"),
                _("Status"),
                _("Signed"),
                _("Valid until"),
                _("Next review"),
                _("Sub-processors / processing activities"),
            ],
            rows,
            # Points on A4 portrait: a date needs 57, "Underdatabehandlere" in bold 92.
            [75, 84, 58, 57, 57, 66, 92],
            numeric_columns=(6,),
        ),
    ]
    if uncovered:
        story += [
            heading(_("Processors without an agreement in force")),
            data_table(
                [_("Processor"), _("Processing activities")],
                [[vendor.name, vendor.activity_count] for vendor in uncovered],
                [5, 1.5],
                numeric_columns=(1,),
            ),
        ]
    return build_pdf(
        title=_("Data processing agreements"),
        subtitle=_("%(name)s · as of %(date)s") % {"name": municipality.name, "date": pdf_date(today)},
        letterhead=Letterhead.for_municipality(municipality),
        story=story,
    )


def build_all_protocols(job: ExportJob, step: Callable[[int, int], None], target: BinaryIO) -> str:
    """Every municipality's protocol as one ZIP of PDFs (the "all municipalities" export), written into
    `target` one PDF at a time, so that only one municipality's PDF is in memory."""
    municipalities = list(Municipality.objects.order_by("name"))
    step(0, len(municipalities))
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for done, municipality in enumerate(municipalities, start=1):
            pdf = render_protocol(protocol_snapshot(municipality=municipality))
            archive.writestr(f"behandlingsprotokoll-{municipality.slug}.pdf", pdf)
            step(done, len(municipalities))
    return f"behandlingsprotokoller-{timezone.localdate():%Y-%m-%d}.zip"
