"""CSV/XLSX export of the rows a filtered list shows (django-tables2 + tablib)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django_tables2 import RequestConfig, Table
from django_tables2.export import TableExport

EXPORT_FORMATS = ("csv", "xlsx")


def export_or_paginate(request: HttpRequest, table: Table, *, filename: str, title: str) -> HttpResponse | None:
    """The export file when `?_export=csv|xlsx` asks for one (every filtered row); otherwise order and
    paginate the table for the page and return None."""
    export_format = request.GET.get("_export")
    if export_format in EXPORT_FORMATS:
        RequestConfig(request, paginate=False).configure(table)
        exporter = TableExport(export_format, table, dataset_kwargs={"title": title})
        return exporter.response(filename=f"{filename}-{timezone.localdate():%Y-%m-%d}.{export_format}")
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    return None
