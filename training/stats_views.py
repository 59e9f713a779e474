"""Course statistics: who registered, waited and came, per municipality (and per 1000 inhabitants), per
course and round and per sector. Everyone sees the municipalities they may see; CSV/XLSX export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from isms.core.access import require_municipal_access, visible_municipalities
from isms.core.tables_export import export_or_paginate
from isms.protocol.models import Sector

from . import selectors
from .tables import CourseFiguresTable, MunicipalityFiguresTable, SectorFiguresTable


def _id(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    require_municipal_access(request.user)
    round_id, course_id = _id(request.GET.get("round")), _id(request.GET.get("course"))
    by_municipality, by_course, by_sector = selectors.statistics(
        visible_municipalities(request.user), round_id=round_id, course_id=course_id
    )
    sectors = dict(Sector.choices)
    for row in by_sector:
        row["label"] = str(sectors.get(row["sector"], _("Not given")))
    by_sector.sort(key=lambda row: row["label"])
    table = MunicipalityFiguresTable(by_municipality)
    exports = {
        "course": (
            CourseFiguresTable(by_course),
            "kursstatistikk-per-kurs",
            _("Course statistics per course and round"),
        ),
        "sector": (SectorFiguresTable(by_sector), "kursstatistikk-per-sektor", _("Course statistics per sector")),
    }
    chosen, filename, title = exports.get(
        request.GET.get("table", ""), (table, "kursstatistikk", _("Course statistics"))
    )
    export = export_or_paginate(request, table, filename=filename, title=title, export_table=chosen)
    if export is not None:
        return export
    return render(
        request,
        "training/statistics.html",
        {
            "table": table,
            "by_course": by_course,
            "by_sector": by_sector,
            "none_count": sum(1 for row in by_municipality if row.has_none),
            "rounds": selectors.rounds(),
            "courses": selectors.courses(),
            "chosen_round": round_id,
            "chosen_course": course_id,
            "query_string": request.GET.urlencode(),
        },
    )
