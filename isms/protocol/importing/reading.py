"""Reading an uploaded protocol: XLSX (every sheet) or CSV (UTF-8, UTF-8 with BOM, Windows-1252; `;` `,` tab).

Bounded before it is read: the archive's uncompressed size and each sheet's declared size are checked
first, and reading stops at the row limit, so a small file that expands to 400 000 rows is refused in
milliseconds. Every refusal is an ImportFileError with a Norwegian message that says what is wrong.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MAX_ROWS = 2000  # data rows per sheet
MAX_TITLE_ROWS = 20  # rows above the headings we look through
MAX_COLUMNS = 60
MAX_CELL_CHARS = 128 * 1024
MAX_UNCOMPRESSED_BYTES = 60 * 1024 * 1024
OLE_SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")
ENCRYPTED_OOXML_MARKER = "EncryptionInfo".encode("utf-16-le")


class ImportFileError(Exception):
    """The file cannot be imported at all; the message says why in bokmål."""


@dataclass
class Sheet:
    name: str
    rows: list[list[str]] = field(default_factory=list)  # index 0 is spreadsheet row 1
    merged_across: list[int] = field(default_factory=list)  # rows (0-based) with a cell merged across columns
    notes: list[tuple[int, int, str]] = field(default_factory=list)  # (row, column, message), 0-based
    refused: str = ""  # why this sheet cannot be used (too many rows), else ""

    def as_json(self) -> dict:
        return {
            "name": self.name,
            "rows": self.rows,
            "merged_across": self.merged_across,
            "notes": [list(note) for note in self.notes],
            "refused": self.refused,
        }

    @classmethod
    def from_json(cls, data: dict) -> Sheet:
        notes = [tuple(note) for note in data.get("notes", [])]
        return cls(data["name"], data["rows"], data.get("merged_across", []), notes, data.get("refused", ""))


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: how the user finds a column in Excel."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def too_many_rows(count: int | str) -> str:
    return _("The sheet has %(count)s rows; at most %(max)s can be imported at once. Split the file.") % {
        "count": count,
        "max": MAX_ROWS,
    }


def read_file(content: bytes, filename: str) -> list[Sheet]:
    """Every sheet of the file, as rows of cell text."""
    if not content.strip():
        raise ImportFileError(_("The file is empty."))
    if content.startswith(OLE_SIGNATURE):
        if ENCRYPTED_OOXML_MARKER in content:
            raise ImportFileError(
                _("The file is password protected. Remove the password in Excel (File → Info) and upload it again.")
            )
        raise ImportFileError(_("This is an old Excel file (.xls). Save it as .xlsx or CSV in Excel and try again."))
    if content[:2] == b"PK":
        return _read_xlsx(content)
    if filename.lower().endswith((".xlsx", ".xlsm", ".xls", ".ods", ".zip", ".pdf", ".docx")):
        raise ImportFileError(_("The file is not an Excel workbook (.xlsx) or CSV, although its name says so."))
    return [_read_csv(content)]


def _unneutralised(text: str) -> str:
    """Text as written before our export neutralised it: the apostrophe before "=", "+", "-", "@" comes off."""
    from isms.core.tables_export import FORMULA_PREFIXES

    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES) else text


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ja" if value else "Nei"
    if isinstance(value, datetime.datetime):
        return value.date().strftime("%d.%m.%Y")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _unneutralised(str(value).strip())


HYPERLINK = re.compile(r'^=\s*HYPERLINK\(\s*"([^"]*)"\s*(?:[;,]\s*"([^"]*)"\s*)?\)\s*$', re.IGNORECASE)
LITERAL = re.compile(r'^=\s*"([^"]*)"\s*$')


def formula_text(formula: str) -> str | None:
    """The text a formula shows when Excel has not stored its value: the link text, or a quoted literal."""
    link = HYPERLINK.match(formula)
    if link:
        return link.group(2) or link.group(1)
    literal = LITERAL.match(formula)
    return literal.group(1) if literal else None


def _read_xlsx(content: bytes) -> list[Sheet]:
    from openpyxl import load_workbook

    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        names = set(archive.namelist())
        uncompressed = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise ImportFileError(_("The file is damaged: it could not be opened as an Excel workbook.")) from error
    if "xl/workbook.xml" not in names:
        raise ImportFileError(_("The file is a ZIP archive, not an Excel workbook (.xlsx)."))
    if uncompressed > MAX_UNCOMPRESSED_BYTES:
        raise ImportFileError(
            _("The workbook unpacks to %(size)s MB; at most %(max)s MB can be imported. Split the file.")
            % {"size": uncompressed // (1024 * 1024), "max": MAX_UNCOMPRESSED_BYTES // (1024 * 1024)}
        )
    content = _with_declared_sizes(archive, content)
    try:
        values_book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        formula_book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a broken package
        raise ImportFileError(_("The file is damaged: it could not be opened as an Excel workbook.")) from error
    sheets = []
    try:
        for values_sheet, formula_sheet in zip(values_book.worksheets, formula_book.worksheets, strict=True):
            if getattr(values_sheet, "sheet_state", "visible") != "visible":
                continue
            sheets.append(_read_sheet(values_sheet, formula_sheet, archive))
    finally:
        values_book.close()
        formula_book.close()
    if not sheets:
        raise ImportFileError(_("The workbook has no visible sheets."))
    return sheets


def _with_declared_sizes(archive: zipfile.ZipFile, content: bytes) -> bytes:
    """The package with a size declared on every sheet: openpyxl reads a whole sheet that declares none just
    to find it, so such a sheet is given one (the read limit) and reading then stops there."""
    sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/") and name.endswith(".xml")]
    missing = []
    for name in sheets:
        with archive.open(name) as source:
            head = source.read(64 * 1024)
        if b"<dimension" not in head and b":dimension" not in head:
            missing.append(name)
    if not missing:
        return content
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as target:
        for item in archive.infolist():
            data = archive.read(item.filename)
            if item.filename in missing:
                tag = f'<dimension ref="A1:{column_letter(MAX_COLUMNS - 1)}{READ_LIMIT + 1}"/>'.encode()
                data = re.sub(rb"(<(?:\w+:)?sheetData[ >/])", tag + rb"\1", data, count=1)
            target.writestr(item.filename, data)
    return buffer.getvalue()


READ_LIMIT = MAX_ROWS + MAX_TITLE_ROWS + 500  # spreadsheet rows read at most, empty ones included


def _read_sheet(values_sheet, formula_sheet, archive: zipfile.ZipFile) -> Sheet:
    sheet = Sheet(values_sheet.title)
    declared = values_sheet.max_row or 0
    if declared > READ_LIMIT + 1:
        sheet.refused = too_many_rows(f"{declared:,}".replace(",", "\u00a0"))
        return sheet
    merges, has_formulas = _sheet_facts(archive, values_sheet._worksheet_path)
    values_rows = values_sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS, max_row=READ_LIMIT + 1)
    if has_formulas:  # the second pass gives the formula of a cell whose value Excel did not store
        formula_rows = formula_sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS, max_row=READ_LIMIT + 1)
        rows = zip(values_rows, formula_rows, strict=False)
    else:
        rows = ((values, ()) for values in values_rows)
    filled = 0
    for row_index, (values, formulas) in enumerate(rows):
        cells = []
        for column_index, value in enumerate(values):
            formula = formulas[column_index] if column_index < len(formulas) else None
            if value is None and isinstance(formula, str) and formula.startswith("="):
                value = formula_text(formula)
                if value is None:
                    sheet.notes.append(
                        (row_index, column_index, _("The cell has a formula whose value Excel has not stored: "
                                                    "open the file in Excel, save it and upload it again."))
                    )  # fmt: skip
            text = _cell_text(value)
            if len(text) > MAX_CELL_CHARS:
                raise ImportFileError(
                    _("Row %(row)s, column %(column)s holds more than 128 KB of text; shorten it.")
                    % {"row": row_index + 1, "column": column_letter(column_index)}
                )
            cells.append(text)
        while cells and not cells[-1]:
            cells.pop()
        sheet.rows.append(cells)
        filled += bool(cells)
        if filled > MAX_ROWS + MAX_TITLE_ROWS or (cells and row_index >= READ_LIMIT):
            sheet.refused = too_many_rows(_("more than %s") % MAX_ROWS)
            sheet.rows = []
            return sheet
    while sheet.rows and not sheet.rows[-1]:
        sheet.rows.pop()
    _apply_merges(sheet, merges)
    return sheet


MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell [^>]*ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


FORMULA_TAGS = (b"<f>", b"<f ", b":f>", b":f ")


def _sheet_facts(archive: zipfile.ZipFile, path: str) -> tuple[list[tuple[int, int, int, int]], bool]:
    """The sheet's merged cells as (first row, first column, last row, last column), 0-based, and whether
    any cell holds a formula.

    openpyxl's read-only mode gives neither, so they are read from the sheet's XML, whose size the archive
    check has already bounded.
    """
    try:
        xml = archive.read(path.lstrip("/"))
    except KeyError:
        return [], True
    ranges = []
    tail = xml[xml.rfind(b"sheetData>") :]  # merged cells come after the rows: no regex over every cell
    for first_col, first_row, last_col, last_row in MERGE_CELL.findall(tail):
        ranges.append((int(first_row) - 1, _column_index(first_col), int(last_row) - 1, _column_index(last_col)))
    return ranges, any(tag in xml for tag in FORMULA_TAGS)


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters.decode():
        index = index * 26 + ord(letter) - 64
    return index - 1


def _apply_merges(sheet: Sheet, merges: list[tuple[int, int, int, int]]) -> None:
    """A cell merged down over several rows (a unit or sector written once for a group) fills every row;
    a cell merged across columns only marks its row, which is then read as a section heading."""
    for first_row, first_col, last_row, last_col in merges:
        if first_row >= len(sheet.rows):
            continue
        row = sheet.rows[first_row]
        value = row[first_col] if first_col < len(row) else ""
        if last_col > first_col:
            sheet.merged_across.append(first_row)
        for row_index in range(first_row + 1, min(last_row, len(sheet.rows) - 1) + 1):
            target = sheet.rows[row_index]
            target.extend([""] * (first_col + 1 - len(target)))
            if not target[first_col]:
                target[first_col] = value


def _decode(content: bytes) -> str:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")) or content[:200].count(b"\x00") > 10:
        raise ImportFileError(
            _("The file is a CSV in UTF-16 (Excel's “Unicode text”). Save it as “CSV UTF-8” and upload it again.")
        )
    if b"\x00" in content:
        raise ImportFileError(_("The file is not a text file (CSV) or an Excel workbook (.xlsx)."))
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    """The separator that splits the first lines into the same number of cells most often."""
    sample = [line for line in text.splitlines()[:30] if line.strip()]
    best, best_score = ";", -1
    for delimiter in (";", "\t", ","):
        try:
            counts = [len(row) for row in csv.reader(sample, delimiter=delimiter)]
        except csv.Error:  # a cell over the size limit: _read_csv says where
            continue
        wide = [count for count in counts if count > 1]
        if not wide:
            continue
        mode = max(set(wide), key=wide.count)
        score = wide.count(mode) * 1000 + mode
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(content: bytes) -> Sheet:
    text = _decode(content)
    sheet = Sheet("CSV")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    filled = 0
    try:
        for cells in reader:
            cells = [_unneutralised(cell.strip()) for cell in cells[:MAX_COLUMNS]]
            while cells and not cells[-1]:
                cells.pop()
            sheet.rows.append(cells)
            filled += bool(cells)
            if filled > MAX_ROWS + MAX_TITLE_ROWS:
                raise ImportFileError(too_many_rows(_("more than %s") % MAX_ROWS))
    except csv.Error as error:
        raise ImportFileError(
            _("Row %(row)s could not be read: a cell is over 128 KB or a quotation mark is not closed.")
            % {"row": reader.line_num}
        ) from error
    while sheet.rows and not sheet.rows[-1]:
        sheet.rows.pop()
    if not sheet.rows:
        raise ImportFileError(_("The file is empty."))
    return sheet
