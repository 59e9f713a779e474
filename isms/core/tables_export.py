"""The one writer of every CSV/XLSX the app hands out: list exports, participant lists, statistics, templates.

CSV is written for Norwegian Excel, which reads a file as UTF-8 only with a byte-order mark and splits
columns on `;` (the comma is the decimal separator).

What leaves the app is data, never code: a text cell that begins with `=`, `+`, `-`, `@`, tab or carriage
return would be run by Excel or LibreOffice as a formula (a participant types their own name on a public
page), so `neutralise` prefixes it with an apostrophe and it is written as text; numbers stay numbers.
"""

from __future__ import annotations

import csv
import datetime
import io
import itertools
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, BinaryIO

from django.core.paginator import Page, Paginator
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.functional import Promise
from django_tables2 import RequestConfig, Table

EXPORT_FORMATS = ("csv", "xlsx")
CSV_DELIMITER = ";"
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A cell value that a spreadsheet shows and never runs: numbers and dates as they are, text as text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal | datetime.date | datetime.time):
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            return timezone.localtime(value).replace(tzinfo=None)  # Excel has no time zones: Oslo time
        return value
    text = str(value) if not isinstance(value, str) or isinstance(value, Promise) else value
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_lines(headers: Sequence[Any], rows: Iterable[Sequence[Any]]) -> Iterator[bytes]:
    """The CSV file a line at a time (a byte-order mark first), for a streamed download."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    yield "\ufeff".encode()
    for row in itertools.chain([headers], rows):
        writer.writerow([_csv_text(neutralise(value)) for value in row])
        yield buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate(0)


def csv_bytes(headers: Sequence[Any], rows: Iterable[Sequence[Any]]) -> bytes:
    return b"".join(csv_lines(headers, rows))


def _csv_text(value: Any) -> str:
    if isinstance(value, bool):
        return "Ja" if value else "Nei"
    if isinstance(value, datetime.datetime):
        return f"{value:%d.%m.%Y %H:%M}"
    if isinstance(value, datetime.date):
        return f"{value:%d.%m.%Y}"
    if isinstance(value, float | Decimal):
        return str(value).replace(".", ",")
    return str(value)


def xlsx_sheet(sheet, headers: Sequence[Any], rows: Iterable[Sequence[Any]], *, widths: Sequence[int] = ()) -> None:
    """Fill an openpyxl sheet: bold headings, frozen first row, every cell neutralised and typed."""
    from openpyxl.styles import Font

    sheet.append([neutralise(value) for value in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([neutralise(value) for value in row])
    for row in sheet.iter_rows(min_row=1):
        for cell in row:
            # openpyxl guesses a formula from any text starting with "=", so the type is set, never guessed.
            if isinstance(cell.value, str):
                cell.data_type = "s"
            elif isinstance(cell.value, datetime.datetime):
                cell.number_format = "DD.MM.YYYY HH:MM"
            elif isinstance(cell.value, datetime.date):
                cell.number_format = "DD.MM.YYYY"
    for index, header in enumerate(headers, start=1):
        width = widths[index - 1] if index <= len(widths) else min(max(len(str(header)) + 4, 14), 60)
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    sheet.freeze_panes = "A2"


def _write_only_value(sheet, value: Any):
    """What `write_xlsx` appends for one cell. openpyxl types a plain value itself, on one cell it reuses for
    the whole row, and types every value as `_write_only_cell` would except dates (their format) and text
    it takes for an error code (a formula cannot come out of `neutralise`): only those get a cell of their
    own (the status export's 12 800 cells: issue 13)."""
    from openpyxl.cell.cell import ERROR_CODES

    value = neutralise(value)
    if isinstance(value, datetime.date) or (isinstance(value, str) and value in ERROR_CODES):
        return _write_only_cell(sheet, value)
    return value


def _write_only_cell(sheet, value: Any, *, bold: bool = False):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cell = WriteOnlyCell(sheet, value=neutralise(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"  # never a formula, whatever the text begins with
    elif isinstance(cell.value, datetime.datetime):
        cell.number_format = "DD.MM.YYYY HH:MM"
    elif isinstance(cell.value, datetime.date):
        cell.number_format = "DD.MM.YYYY"
    if bold:
        cell.font = Font(bold=True)
    return cell


def write_xlsx(target: BinaryIO, headers: Sequence[Any], rows: Iterable[Sequence[Any]], *, title: str) -> None:
    """An XLSX written row by row (openpyxl's write-only mode: a row is not kept once written), with the
    same headings, types, widths and frozen first row as `xlsx_sheet`."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_sheet_title(title))
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(len(str(header)) + 4, 14), 60)
    sheet.freeze_panes = "A2"
    sheet.append([_write_only_cell(sheet, value, bold=True) for value in headers])
    for row in rows:
        sheet.append([_write_only_value(sheet, value) for value in row])
    workbook.save(target)


def xlsx_bytes(headers: Sequence[Any], rows: Iterable[Sequence[Any]], *, title: str) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(buffer, headers, rows, title=title)
    return buffer.getvalue()


def _sheet_title(title: Any) -> str:
    text = "".join(" " if char in "[]:*?/\\" else char for char in str(title)).strip()
    return text[:31] or "Ark"


def file_response(content: bytes, *, export_format: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[export_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def rows_response(
    headers: Sequence[Any], rows: Iterable[Sequence[Any]], *, export_format: str, filename: str, title: str
) -> HttpResponseBase:
    """Headings and rows as a download, `filename` without the extension: CSV (UTF-8 with BOM, `;`) streamed
    a row at a time, or XLSX written row by row to a temporary file and streamed from there."""
    name = f"{filename}.{export_format}"
    if export_format == "csv":
        response = StreamingHttpResponse(csv_lines(headers, rows), content_type=CONTENT_TYPES["csv"])
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    target = tempfile.TemporaryFile()  # noqa: SIM115  (FileResponse closes it when the download is sent)
    write_xlsx(target, headers, rows, title=title)
    target.seek(0)
    return FileResponse(target, as_attachment=True, filename=name, content_type=CONTENT_TYPES["xlsx"])


def _dated(filename: str) -> str:
    return f"{filename}-{timezone.localdate():%Y-%m-%d}"


def requested_format(request: HttpRequest) -> str | None:
    export_format = request.GET.get("_export")
    return export_format if export_format in EXPORT_FORMATS else None


def export_response(table: Table, *, export_format: str, filename: str, title: str) -> HttpResponseBase:
    """Every row of a django-tables2 `table` (its `value_*` forms) as a download named `filename`."""
    values = iter(table.as_values())
    headers = next(values)
    stem = filename.rsplit(".", 1)[0] if filename.endswith(f".{export_format}") else filename
    return rows_response(headers, values, export_format=export_format, filename=stem, title=title)


def export_or_paginate(
    request: HttpRequest,
    table: Table,
    *,
    filename: str,
    title: str,
    export_table: Table | None = None,
    per_page: int = 50,
) -> HttpResponseBase | None:
    """The export file when `?_export=csv|xlsx` asks for one (every filtered row, in the list's order, with
    the columns of `export_table` when the export holds more than the page); otherwise order and paginate the
    table for the page and return None."""
    export_format = requested_format(request)
    if export_format:
        exported = export_table if export_table is not None else table
        RequestConfig(request, paginate=False).configure(exported)
        return export_response(exported, export_format=export_format, filename=_dated(filename), title=title)
    RequestConfig(request, paginate={"per_page": per_page}).configure(table)
    return None


@dataclass(frozen=True)
class ExportColumn:
    """One column of a hand-built list's export: the heading the page shows and how to read a row's cell."""

    heading: Any
    value: Callable[[Any], Any]


@dataclass(frozen=True)
class ListExport:
    """The export of one table of a list page (`?_export=csv|xlsx`, and `&table=<key>` for the others)."""

    columns: Sequence[ExportColumn]
    rows: Callable[[], Iterable[Any]]
    filename: str
    title: Any


def export_list(request: HttpRequest, *exports: ListExport, keys: Sequence[str] = ()) -> HttpResponseBase | None:
    """The file of the list's first table when `?_export=` asks for one (`keys` name the other tables for
    `?table=`); None when the page itself is asked for."""
    export_format = requested_format(request)
    if export_format is None:
        return None
    chosen = dict(zip(keys, exports[1:], strict=True)).get(request.GET.get("table", ""), exports[0])
    return rows_response(
        [column.heading for column in chosen.columns],
        ([column.value(row) for column in chosen.columns] for row in chosen.rows()),
        export_format=export_format,
        filename=_dated(chosen.filename),
        title=str(chosen.title),
    )


def paginate(request: HttpRequest, rows: Sequence[Any], *, per_page: int = 50, page_field: str = "page") -> Page:
    """One page of a hand-built list (`components/list_pagination.html` shows the links); a queryset is
    counted and sliced in the database. The list's export (`export_list`) still holds every row."""
    return Paginator(rows, per_page).get_page(request.GET.get(page_field))
