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

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Behandlingsprotokoll"
    sheet.append([column.heading for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append([EXAMPLE_ROW.get(column.field, "") for column in COLUMNS])
    for cell in sheet[2]:
        cell.font = Font(italic=True, color="5A6573")
    for index, _column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = 24
    sheet.freeze_panes = "A2"
    guide = workbook.create_sheet("Forklaring")
    guide.append([_("Column"), _("Also recognised"), _("What to write")])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        guide.append([column.heading, ", ".join(column.aliases), str(column.help)])
    guide.append([])
    guide.append(
        [_("Row 2 of the sheet Behandlingsprotokoll is an example: replace it or delete it before importing.")]
    )
    guide.column_dimensions["A"].width = 32
    guide.column_dimensions["B"].width = 48
    guide.column_dimensions["C"].width = 80
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
