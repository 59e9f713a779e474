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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
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


def csv_bytes(headers: Sequence[Any], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    for row in (headers, *rows):
        writer.writerow([_csv_text(neutralise(value)) for value in row])
    return buffer.getvalue().encode("utf-8")


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


def xlsx_bytes(headers: Sequence[Any], rows: Iterable[Sequence[Any]], *, title: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_title(title)
    xlsx_sheet(sheet, headers, rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
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
) -> HttpResponse:
    """Headings and rows as a download, `filename` without the extension: CSV (UTF-8 with BOM, `;`) or XLSX."""
    content = csv_bytes(headers, rows) if export_format == "csv" else xlsx_bytes(headers, rows, title=title)
    return file_response(content, export_format=export_format, filename=f"{filename}.{export_format}")


def _dated(filename: str) -> str:
    return f"{filename}-{timezone.localdate():%Y-%m-%d}"


def requested_format(request: HttpRequest) -> str | None:
    export_format = request.GET.get("_export")
    return export_format if export_format in EXPORT_FORMATS else None


def export_response(table: Table, *, export_format: str, filename: str, title: str) -> HttpResponse:
    """Every row of a django-tables2 `table` (its `value_*` forms) as a download named `filename`."""
    values = iter(table.as_values())
    headers = next(values)
    stem = filename.rsplit(".", 1)[0] if filename.endswith(f".{export_format}") else filename
    return rows_response(headers, values, export_format=export_format, filename=stem, title=title)


def export_or_paginate(
    request: HttpRequest, table: Table, *, filename: str, title: str, export_table: Table | None = None
) -> HttpResponse | None:
    """The export file when `?_export=csv|xlsx` asks for one (every filtered row, in the list's order, with
    the columns of `export_table` when the export holds more than the page); otherwise order and paginate the
    table for the page and return None."""
    export_format = requested_format(request)
    if export_format:
        exported = export_table if export_table is not None else table
        RequestConfig(request, paginate=False).configure(exported)
        return export_response(exported, export_format=export_format, filename=_dated(filename), title=title)
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
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


def export_list(request: HttpRequest, *exports: ListExport, keys: Sequence[str] = ()) -> HttpResponse | None:
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
