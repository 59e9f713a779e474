"""The XLSX files the import offers: our template (one example row, every column explained)."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from .columns import COLUMNS

# Row 2 of the template: a complete, valid row that shows how each column is filled in.
EXAMPLE_ROW = {
    "name": "Startlån og tilskudd",
    "reference": "NAV-12",
    "record_type": "Behandlingsansvarlig",
    "sector": "NAV og sosiale tjenester",
    "responsible_unit": "NAV-kontoret",
    "contact_person": "Leder for NAV-kontoret",
    "purposes": "Behandle søknader om startlån og tilskudd, og følge opp lånene.",
    "legal_bases": "c, e",
    "national_law": "husbankloven § 3, forskrift om lån fra Husbanken",
    "data_subject_categories": "Søkere og medlemmer av husstanden",
    "personal_data_categories": "Navn, fødselsnummer, kontaktinformasjon, inntekt, formue og gjeld",
    "criminal_offence_data": "Nei",
    "data_source": "Søkeren, Skatteetaten, Folkeregisteret",
    "recipients": "Husbanken",
    "third_country_transfer": "Nei",
    "retention": "Arkiveres etter arkivlova; slettes etter kommunens bevaringsplan",
    "security_measures": "Innlogging med ID-porten, tilgangsstyring og logging",
    "dpia_status": "Ikke påkrevd",
    "last_reviewed": "15.01.2025",
    "next_review": "15.01.2026",
}


def template_workbook() -> bytes:
    """Our column layout with one example row, and a second sheet explaining every column in bokmål."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from isms.core.tables_export import xlsx_sheet

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Behandlingsprotokoll"
    xlsx_sheet(
        sheet,
        [column.heading for column in COLUMNS],
        [[EXAMPLE_ROW.get(column.field, "") for column in COLUMNS]],
        widths=[24] * len(COLUMNS),
    )
    for cell in sheet[2]:
        cell.font = Font(italic=True, color="5A6573")
    guide = workbook.create_sheet("Forklaring")
    xlsx_sheet(
        guide,
        [_("Column"), _("Also recognised"), _("What to write")],
        [
            *([column.heading, ", ".join(column.aliases), str(column.help)] for column in COLUMNS),
            [],
            [_("Row 2 of the sheet Behandlingsprotokoll is an example: replace it or delete it before importing.")],
        ],
        widths=[32, 48, 80],
    )
    guide.freeze_panes = None
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
