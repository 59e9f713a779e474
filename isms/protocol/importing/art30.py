"""The protocol as an XLSX in the order and wording of Art. 30(1) a–g (Datatilsynet's template layout).

Columns a–g first, our extra columns after them, a second sheet explaining every column. Each heading is
one the import knows, and each value is written the way the import reads it, so the file imports back
unchanged. Text is stored as text (never as a formula), whatever character it begins with.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _

from isms.core.models import Municipality

from ..models import ProcessingActivity, RecordType

# (heading, field or "", what Art. 30 asks for / what the column holds)
ART30_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("Behandling", "name", "Navnet på behandlingen."),
    ("Behandlingsansvarlig og personvernombud (art. 30 nr. 1 a)", "",
     "Navn og kontaktopplysninger til den behandlingsansvarlige, ev. felles behandlingsansvarlige, og "
     "personvernombudet. Bare til informasjon: leses ikke ved import."),
    ("Formål (art. 30 nr. 1 b)", "purposes", "Formålene med behandlingen."),
    ("Kategorier av registrerte (art. 30 nr. 1 c)", "data_subject_categories", "Hvem opplysningene gjelder."),
    ("Kategorier av personopplysninger (art. 30 nr. 1 c)", "personal_data_categories", "Hvilke opplysninger."),
    ("Særlige kategorier (art. 9)", "special_categories", "Særlige kategorier av personopplysninger, om noen."),
    ("Grunnlag art. 9", "special_category_bases", "Bokstaver i art. 9 nr. 2."),
    ("Kategorier av mottakere (art. 30 nr. 1 d)", "recipients",
     "Mottakere opplysningene er eller vil bli utlevert til, også i tredjeland."),
    ("Overføring til tredjeland (art. 30 nr. 1 e)", "third_country_transfer", "Ja eller Nei."),
    ("Land", "transfer_countries", "Hvilke tredjeland."),
    ("Garantier ved overføring (art. 30 nr. 1 e)", "transfer_mechanism",
     "Dokumentasjon av nødvendige garantier (art. 46, 47 eller 49)."),
    ("Slettefrister (art. 30 nr. 1 f)", "retention", "Planlagte tidsfrister for sletting."),
    ("Sikkerhetstiltak (art. 30 nr. 1 g)", "security_measures",
     "Generell beskrivelse av tekniske og organisatoriske sikkerhetstiltak (art. 32)."),
    ("Referanse", "reference", "Kommunens eget nummer."),
    ("Protokolltype", "record_type", "Behandlingsansvarlig (art. 30 nr. 1) eller databehandler (art. 30 nr. 2)."),
    ("Behandlingsansvarlig", "controller_name", "For databehandlerprotokoll: den behandlingsansvarlige."),
    ("Kontaktopplysninger behandlingsansvarlig", "controller_contact", "For databehandlerprotokoll."),
    ("Felles behandlingsansvarlige", "joint_controllers", "Art. 26."),
    ("Sektor", "sector", "Kommunens sektor."),
    ("Ansvarlig enhet", "responsible_unit", "Enheten som eier behandlingen."),
    ("Kontaktperson", "contact_person", "Kontaktperson for behandlingen."),
    ("Behandlingsgrunnlag", "legal_bases", "Bokstaver i art. 6 nr. 1."),
    ("Hjemmel", "national_law", "Supplerende rettsgrunnlag (art. 6 nr. 3), lov og paragraf."),
    ("Hjemmel art. 9", "special_category_note", "Nasjonal hjemmel for opplysningene etter art. 9."),
    ("Straffbare forhold", "criminal_offence_data", "Opplysninger om straffedommer og lovovertredelser (art. 10)."),
    ("Hjemmel art. 10", "criminal_offence_basis", "Hjemmel for opplysningene etter art. 10."),
    ("Kilde", "data_source", "Hvor opplysningene kommer fra."),
    ("Systemer", "systems", "Systemer fra katalogen."),
    ("DPIA", "dpia_status", "Status for vurdering av personvernkonsekvenser (art. 35)."),
    ("Sist gjennomgått", "last_reviewed", "dd.mm.åååå"),
    ("Neste gjennomgang", "next_review", "dd.mm.åååå"),
)  # fmt: skip
INFORMATION_HEADINGS = {heading for heading, field_name, _help in ART30_COLUMNS if not field_name}


def dpo_text() -> str:
    """The shared DPO with contact details, from the cooperation's settings."""
    contact = settings.DPO_CONTACT
    parts = [contact["name"], contact.get("email", ""), contact.get("phone", "")]
    return ", ".join(part for part in parts if part)


def controller_text(activity: ProcessingActivity, municipality: Municipality) -> str:
    if activity.record_type == RecordType.PROCESSOR:
        controller = ", ".join(part for part in (activity.controller_name, activity.controller_contact) if part)
    else:
        name = municipality.official_name or municipality.name
        number = _("org. no. %s") % municipality.org_number if municipality.org_number else ""
        contact = " – ".join(part for part in (activity.responsible_unit, activity.contact_person) if part)
        controller = ", ".join(part for part in (name, number, contact) if part)
    lines = [controller]
    if activity.joint_controllers:
        lines.append(_("Joint controllers: %s") % activity.joint_controllers)
    lines.append(_("Data protection officer: %s") % dpo_text())
    return "\n".join(lines)


def _cell(activity: ProcessingActivity, field_name: str) -> str:
    value = getattr(activity, field_name)
    if field_name in {"legal_bases", "special_category_bases"}:
        return ", ".join(value)
    if field_name == "special_categories":
        return "; ".join(activity._meta.get_field(field_name).labels(value))
    if isinstance(value, bool):
        return "Ja" if value else "Nei"
    if field_name in {"last_reviewed", "next_review"}:
        return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""
    if field_name in {"record_type", "sector", "transfer_mechanism", "dpia_status"}:
        return str(getattr(activity, f"get_{field_name}_display")()) if value else ""
    return value or ""


def art30_workbook(*, municipality: Municipality, activities: Iterable[ProcessingActivity]) -> bytes:
    """The protocol in Art. 30 order; activities need their system links prefetched (selectors.with_links)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    from isms.core.tables_export import xlsx_sheet

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Behandlingsprotokoll"
    rows = []
    for activity in activities:
        row = []
        for _heading, field_name, _help in ART30_COLUMNS:
            if not field_name:
                row.append(controller_text(activity, municipality))
            elif field_name == "systems":
                row.append(", ".join(link.system_use.system.name for link in activity.system_links.all()))
            else:
                row.append(_cell(activity, field_name))
        rows.append(row)
    # The one export helper neutralises every cell ("=…" is never a formula) and types it.
    xlsx_sheet(sheet, [heading for heading, _field, _help in ART30_COLUMNS], rows, widths=[30] * len(ART30_COLUMNS))
    for row in sheet.iter_rows(min_row=1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"
    guide = workbook.create_sheet("Forklaring")
    xlsx_sheet(
        guide,
        [_("Column"), _("What it holds")],
        [
            *([heading, help_text] for heading, _field, help_text in ART30_COLUMNS),
            [],
            [_("Columns a–g follow Art. 30(1) of the GDPR; the columns after them are the municipality's own.")],
            [_("Data protection officer: %s") % dpo_text()],
        ],
        widths=[52, 90],
    )
    guide.freeze_panes = None
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
