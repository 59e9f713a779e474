"""Import of an existing behandlingsprotokoll from XLSX or CSV: read, map headings, validate, preview, commit.

The file format is Norwegian: the headings below (and their common variants, case-insensitive) are the
column names a municipality's spreadsheet uses. Every problem is reported with its row and column before
anything is written; the commit is all-or-nothing; a row whose name matches an active processing activity
updates it instead of creating a twin, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from isms.core.models import Municipality, User

from .forms import ProcessingActivityForm
from .models import (
    DpiaStatus,
    LegalBasis,
    ProcessingActivity,
    RecordStatus,
    RecordType,
    Sector,
    SpecialCategory,
    SpecialCategoryBasis,
    TransferMechanism,
)
from .services import save_processing_activity

MAX_ROWS = 2000


@dataclass(frozen=True)
class Column:
    field: str
    heading: str  # the heading in our template
    aliases: tuple[str, ...]  # other headings Norwegian spreadsheets use
    help: str
    kind: str = "text"  # text | choice | choices | bool | date


COLUMNS: tuple[Column, ...] = (
    Column("name", "Behandling", ("navn", "navn på behandlingen", "behandlingsaktivitet", "tittel"),
           gettext_lazy("Short name of the processing activity. Required; identifies the row on re-import.")),
    Column("reference", "Referanse", ("nr", "nummer", "id", "ref"), gettext_lazy("The municipality's own number.")),
    Column("record_type", "Protokolltype", ("rolle", "type"),
           gettext_lazy("Behandlingsansvarlig (default) or Databehandler."), "choice"),
    Column("sector", "Sektor", ("tjenesteområde", "område", "virksomhetsområde"),
           gettext_lazy("One of the sectors, e.g. Helse og omsorg, Oppvekst, Teknisk og byggesak."), "choice"),
    Column("responsible_unit", "Ansvarlig enhet", ("enhet", "avdeling", "ansvarlig"), gettext_lazy("Unit.")),
    Column("contact_person", "Kontaktperson", ("kontakt",), gettext_lazy("Contact person.")),
    Column("controller_name", "Behandlingsansvarlig", ("behandlingsansvarlig virksomhet",),
           gettext_lazy("Only for Databehandler rows: the controller.")),
    Column("joint_controllers", "Felles behandlingsansvarlige", ("felles behandlingsansvar",),
           gettext_lazy("Art. 26.")),
    Column("purposes", "Formål", ("formål med behandlingen", "formålet"), gettext_lazy("Required.")),
    Column("legal_bases", "Behandlingsgrunnlag", ("rettslig grunnlag", "grunnlag", "art. 6"),
           gettext_lazy("Letters from Art. 6(1), e.g. “c, e”, or the words (rettslig forpliktelse…)."), "choices"),
    Column("national_law", "Hjemmel", ("lovhjemmel", "supplerende rettsgrunnlag", "nasjonal hjemmel"),
           gettext_lazy("Law and section; required with c) and e).")),
    Column("data_subject_categories", "Kategorier av registrerte", ("registrerte", "de registrerte"),
           gettext_lazy("Required.")),
    Column("personal_data_categories", "Kategorier av personopplysninger", ("personopplysninger", "opplysninger"),
           gettext_lazy("Required.")),
    Column("special_categories", "Særlige kategorier", ("sensitive opplysninger", "særlige kategorier (art. 9)"),
           gettext_lazy("E.g. “helse”; leave empty if none."), "choices"),
    Column("special_category_bases", "Grunnlag art. 9", ("unntak art. 9", "art. 9 nr. 2"),
           gettext_lazy("Letters from Art. 9(2), e.g. “h”."), "choices"),
    Column("criminal_offence_data", "Straffbare forhold", ("art. 10", "straffedommer"),
           gettext_lazy("Ja or Nei."), "bool"),
    Column("criminal_offence_basis", "Hjemmel art. 10", (), gettext_lazy("Law for Art. 10 data.")),
    Column("data_source", "Kilde", ("kilde til opplysningene", "innhentes fra"),
           gettext_lazy("Where the data comes from.")),
    Column("recipients", "Mottakere", ("kategorier av mottakere", "utleveres til"), gettext_lazy("Recipients.")),
    Column("third_country_transfer", "Overføring til tredjeland", ("tredjeland",), gettext_lazy("Ja or Nei."), "bool"),
    Column("transfer_countries", "Land", ("hvilke land",), gettext_lazy("Third countries.")),
    Column("transfer_mechanism", "Overføringsgrunnlag", ("overføringsmekanisme",),
           gettext_lazy("SCC, BCR, Tilstrekkelig beskyttelsesnivå or Unntak."), "choice"),
    Column("retention", "Sletting", ("lagringstid", "slettefrist", "lagring og sletting", "slettes"),
           gettext_lazy("Required: when the data is erased.")),
    Column("security_measures", "Sikkerhetstiltak", ("tekniske og organisatoriske tiltak", "tiltak"),
           gettext_lazy("Art. 32 measures.")),
    Column("dpia_status", "DPIA", ("pvk", "personvernkonsekvensvurdering"),
           gettext_lazy("Ikke vurdert, Ikke påkrevd, Påkrevd, Under arbeid or Gjennomført."), "choice"),
    Column("last_reviewed", "Sist gjennomgått", ("revidert", "sist revidert"), gettext_lazy("dd.mm.yyyy."), "date"),
    Column("next_review", "Neste gjennomgang", ("neste revisjon",), gettext_lazy("dd.mm.yyyy."), "date"),
)  # fmt: skip
COLUMN_BY_FIELD = {column.field: column for column in COLUMNS}

# Words people write instead of codes; matched case-insensitively after the code and the label.
CHOICE_WORDS: dict[str, dict[str, str]] = {
    "record_type": {"behandlingsansvarlig": RecordType.CONTROLLER, "databehandler": RecordType.PROCESSOR},
    "legal_bases": {
        "samtykke": "a", "avtale": "b", "rettslig forpliktelse": "c", "vitale interesser": "d",
        "offentlig myndighet": "e", "allmennhetens interesse": "e", "berettiget interesse": "f",
    },
    "special_categories": {
        "helse": "health", "helseopplysninger": "health", "etnisk": "ethnic", "religion": "beliefs",
        "fagforening": "union", "genetiske": "genetic", "biometriske": "biometric", "seksuell": "sexlife",
        "politisk": "political",
    },
    "transfer_mechanism": {
        "scc": "scc", "standardkontraktsbestemmelser": "scc", "bcr": "bcr",
        "tilstrekkelig beskyttelsesnivå": "adequacy", "adequacy": "adequacy", "unntak": "derogation",
    },
    "dpia_status": {"påkrevd": DpiaStatus.REQUIRED, "nei": DpiaStatus.NOT_REQUIRED, "ja": DpiaStatus.DONE},
}  # fmt: skip
CHOICES = {
    "record_type": RecordType,
    "sector": Sector,
    "legal_bases": LegalBasis,
    "special_categories": SpecialCategory,
    "special_category_bases": SpecialCategoryBasis,
    "transfer_mechanism": TransferMechanism,
    "dpia_status": DpiaStatus,
}
TRUE_WORDS = {"ja", "j", "x", "yes", "true", "1", "sant"}
FALSE_WORDS = {"nei", "n", "no", "false", "0", "usant", ""}


@dataclass(frozen=True)
class Problem:
    row: int  # spreadsheet row number (1 = headings)
    column: str  # heading as written in the file, or "" for the whole row
    message: str


@dataclass
class ImportPreview:
    filename: str
    rows: list[dict[str, Any]] = field(default_factory=list)  # parsed values per data row
    problems: list[Problem] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    unknown_headings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", str(text or "").strip().lower().rstrip(":*"))


HEADING_LOOKUP = {
    _normalise(name): column.field for column in COLUMNS for name in (column.heading, column.field, *column.aliases)
}


def read_rows(content: bytes, filename: str) -> list[list[str]]:
    """The file as rows of cell text: XLSX by content, otherwise CSV in UTF-8 or Windows-1252, `,` or `;`."""
    if content[:2] == b"PK":
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = []
        for values in sheet.iter_rows(values_only=True):
            rows.append(["" if value is None else _cell_text(value) for value in values])
        workbook.close()
        return rows
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _cell_text(value) -> str:
    import datetime

    if isinstance(value, datetime.datetime):
        return value.date().strftime("%d.%m.%Y")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _parse_choice(field_name: str, text: str) -> str | None:
    choices = CHOICES[field_name]
    wanted = _normalise(text)
    for code, label in choices.choices:
        if wanted in {_normalise(code), _normalise(str(label))}:
            return code
    for label_code, label in choices.choices:
        # "c) Rettslig forpliktelse" also matches "rettslig forpliktelse".
        if wanted and wanted == _normalise(str(label)).split(") ", 1)[-1]:
            return label_code
    return CHOICE_WORDS.get(field_name, {}).get(wanted)


def _parse_choices(field_name: str, text: str) -> tuple[list[str], list[str]]:
    """(codes, unrecognised parts) from "c, e", "c og e", "6 nr. 1 bokstav c", "helse"…"""
    codes, unknown = [], []
    for part in re.split(r"[,;/\n]| og ", text):
        part = part.strip()
        if not part:
            continue
        letter = re.fullmatch(r"(?:art\.?\s*[69].*?)?(?:bokstav\s*)?\(?([a-j])\)?", part, flags=re.IGNORECASE)
        code = _parse_choice(field_name, part)
        if code is None and letter and field_name in {"legal_bases", "special_category_bases"}:
            code = _parse_choice(field_name, letter.group(1).lower())
        if code is None:
            unknown.append(part)
        elif code not in codes:
            codes.append(code)
    return codes, unknown


def _unknown_value(field_name: str, text: str) -> str:
    allowed = "; ".join(str(label) for _code, label in CHOICES[field_name].choices)
    return _("“%(value)s” is not a known value. Write one of: %(allowed)s.") % {"value": text, "allowed": allowed}


def _parse_row(
    raw: dict[str, str], heading_of: dict[str, str], row_number: int, problems: list[Problem]
) -> tuple[dict[str, Any], set[str]]:
    """Form data for ProcessingActivityForm from one row, and the fields whose cell could not be read (each
    already a problem, so the form's own complaint about the same field is not added)."""
    data: dict[str, Any] = {"record_type": RecordType.CONTROLLER, "dpia_status": DpiaStatus.NOT_ASSESSED}
    unreadable: set[str] = set()

    def problem(field_name: str, message: str) -> None:
        problems.append(Problem(row_number, heading_of[field_name], message))
        unreadable.add(field_name)

    for field_name, text in raw.items():
        column = COLUMN_BY_FIELD[field_name]
        text = text.strip()
        if column.kind == "choice":
            if not text:
                continue
            code = _parse_choice(field_name, text)
            if code is None:
                problem(field_name, _unknown_value(field_name, text))
            else:
                data[field_name] = code
        elif column.kind == "choices":
            codes, unknown = _parse_choices(field_name, text)
            for part in unknown:
                problem(field_name, _unknown_value(field_name, part))
            data[field_name] = codes
        elif column.kind == "bool":
            if _normalise(text) in TRUE_WORDS:
                data[field_name] = "on"
            elif _normalise(text) not in FALSE_WORDS:
                problem(field_name, _("Write Ja or Nei, not “%s”.") % text)
        else:
            data[field_name] = text
    return data, unreadable


def _form_problems(form, heading_of: dict[str, str], row_number: int, unreadable: set[str]) -> list[Problem]:
    """The form's errors by column; a field missing from the file is named by the template's heading."""
    problems = []
    for field_name, errors in form.errors.items():
        if field_name in unreadable:
            continue
        column = COLUMN_BY_FIELD.get(field_name)
        for message in errors:
            if field_name in heading_of:
                problems.append(Problem(row_number, heading_of[field_name], message))
            elif column is not None:
                missing = _("The file has no column “%(heading)s”: add it.") % {"heading": column.heading}
                problems.append(Problem(row_number, column.heading, f"{message} {missing}"))
            else:
                problems.append(Problem(row_number, "", message))
    return problems


def preview_import(*, municipality: Municipality, content: bytes, filename: str) -> ImportPreview:
    """Read and check the whole file without writing anything."""
    preview = ImportPreview(filename=filename)
    try:
        rows = read_rows(content, filename)
    except Exception:  # any unreadable file gets the same clear message
        preview.problems.append(Problem(1, "", _("The file could not be read as XLSX or CSV.")))
        return preview
    rows = [row for row in rows if any(str(cell).strip() for cell in row)]
    if not rows:
        preview.problems.append(Problem(1, "", _("The file is empty.")))
        return preview
    headings = rows[0]
    field_at: dict[int, str] = {}
    heading_of: dict[str, str] = {}
    for index, heading in enumerate(headings):
        if not str(heading).strip():
            continue
        field_name = HEADING_LOOKUP.get(_normalise(heading))
        if field_name is None:
            preview.unknown_headings.append(str(heading))
            preview.problems.append(
                Problem(1, str(heading), _("Unknown column. Rename it to one of the headings in the template."))
            )
        elif field_name in heading_of:
            preview.problems.append(Problem(1, str(heading), _("The column appears twice.")))
        else:
            field_at[index] = field_name
            heading_of[field_name] = str(heading)
    if "name" not in heading_of:
        preview.problems.append(Problem(1, "", _("The file has no column “Behandling” (the name).")))
        return preview
    if len(rows) - 1 > MAX_ROWS:
        preview.problems.append(Problem(1, "", _("The file has more than %s rows.") % MAX_ROWS))
        return preview

    existing = {
        activity.name.casefold(): activity
        for activity in ProcessingActivity.objects.filter(municipality=municipality, status=RecordStatus.ACTIVE)
    }
    seen: dict[str, int] = {}
    for offset, row in enumerate(rows[1:], start=2):
        raw = {field_at[i]: str(cell) for i, cell in enumerate(row) if i in field_at}
        data, unreadable = _parse_row(raw, heading_of, offset, preview.problems)
        name = (data.get("name") or "").strip()
        if name.casefold() in seen:
            preview.problems.append(
                Problem(offset, heading_of["name"], _("The same name is on row %s.") % seen[name.casefold()])
            )
            continue
        seen[name.casefold()] = offset
        current = existing.get(name.casefold())
        # The model form writes the cleaned values onto its instance, so compare with a snapshot.
        stored = {column.field: getattr(current, column.field) for column in COLUMNS} if current else {}
        form = ProcessingActivityForm(
            {**_form_defaults(current), **data, "expected_version": current.version if current else 1},
            instance=current,
            municipality=municipality,
        )
        form.fields["change_reason"].required = False
        if not form.is_valid():
            preview.problems += _form_problems(form, heading_of, offset, unreadable)
            continue
        values = form.tracked_values()
        preview.rows.append({"row": offset, "values": values, "current": current})
        if current is None:
            preview.created.append(name)
        elif any(stored.get(key) != value for key, value in values.items() if key in stored):
            preview.updated.append(name)
        else:
            preview.unchanged.append(name)
    return preview


def _form_defaults(current: ProcessingActivity | None) -> dict[str, Any]:
    """Columns missing from the file keep the stored value (or the empty default for new rows)."""
    if current is None:
        return {}
    data = {}
    for column in COLUMNS:
        value = getattr(current, column.field)
        if column.kind == "bool":
            if value:
                data[column.field] = "on"
        elif column.kind == "date":
            data[column.field] = value.isoformat() if value else ""
        else:
            data[column.field] = value
    return data


def commit_import(*, municipality: Municipality, actor: User, content: bytes, filename: str) -> ImportPreview:
    """Check the file again (the data may have changed since the preview) and write all rows, or none."""
    preview = preview_import(municipality=municipality, content=content, filename=filename)
    if not preview.ok:
        return preview
    reason = _("Imported from %s") % filename
    with transaction.atomic():
        for row in preview.rows:
            current = row["current"]
            keep_links = current is not None
            save_processing_activity(
                municipality=municipality,
                actor=actor,
                values=row["values"],
                system_use_ids=[link.system_use_id for link in current.system_links.all()] if keep_links else [],
                processor_ids=[link.vendor_id for link in current.processor_links.all()] if keep_links else [],
                reason=reason,
                activity=current,
                expected_version=current.version if current else None,
            )
    return preview


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
