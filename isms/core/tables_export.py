"""CSV/XLSX export of the rows a filtered list shows (django-tables2 + tablib).

CSV is written for Norwegian Excel, which reads a file as UTF-8 only with a byte-order mark and splits
columns on `;` (the comma is the decimal separator).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django_tables2 import RequestConfig, Table
from django_tables2.export import TableExport

EXPORT_FORMATS = ("csv", "xlsx")
CSV_DELIMITER = ";"


def export_response(table: Table, *, export_format: str, filename: str, title: str) -> HttpResponse:
    """Every row of `table` as a download: CSV (UTF-8 with BOM, `;`) or XLSX."""
    dataset = TableExport(export_format, table, dataset_kwargs={"title": title}).dataset
    if export_format == "csv":
        content = ("\ufeff" + dataset.export("csv", delimiter=CSV_DELIMITER)).encode("utf-8")
    else:
        content = dataset.export(export_format)
    response = HttpResponse(content, content_type=TableExport.FORMATS[export_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def export_or_paginate(
    request: HttpRequest,
    table: Table,
    *,
    filename: str,
    title: str,
    export_table: Table | None = None,
    per_page: int = 50,
) -> HttpResponse | None:
    """The export file when `?_export=csv|xlsx` asks for one (every filtered row, in the list's order, with
    the columns of `export_table` when the export holds more than the page); otherwise order and paginate the
    table for the page and return None."""
    export_format = request.GET.get("_export")
    if export_format in EXPORT_FORMATS:
        exported = export_table if export_table is not None else table
        RequestConfig(request, paginate=False).configure(exported)
        return export_response(
            exported,
            export_format=export_format,
            filename=f"{filename}-{timezone.localdate():%Y-%m-%d}.{export_format}",
            title=title,
        )
    RequestConfig(request, paginate={"per_page": per_page}).configure(table)
    return None
