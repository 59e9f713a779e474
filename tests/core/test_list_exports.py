"""Every list of the app downloads as CSV and XLSX with the columns the page shows, inside the user's tenant.

The lists are found in the URL resolver (a name ending in `_list`, or one of the few list pages named
otherwise), so a new list without an export, or without a row here, fails `test_every_list_is_walked`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

import openpyxl
import pytest
from django.urls import reverse

from tests.access_matrix import World
from tests.risk.builders import make_threat
from tests.test_access_matrix import project_url_names

from ..downloads import body

# List pages whose URL name does not end in `_list`.
OTHER_LIST_PAGES = {
    "dpia:list",
    "protocol:catalogue",
    "risk_cooperation:overview",
    "dpia:dpo_queue",
    "training:statistics",
    "incidents:dpo_overview",
}
# Lists that are not registers to export, and why.
NOT_EXPORTED = {
    "api:token_list": "a person's own API keys, each with a secret that is never shown again: not a register",
    "core:notification_list": "a person's own inbox of notifications, not a register",
    "cycle:assessment_list": "a municipality's kartlegginger, each a PDF; the heat map across them exports",
    "cycle:review_list": "one management review a year, each a signed document with its PDF",
    "oversight:report_list": "the board reports kept as files, each downloaded as it was generated",
}
# Columns of links to act on a row: nothing to export.
ACTION_HEADINGS = {"Endre", "Historikk", "Rolle eller tilgang"}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class ListCase:
    role: str
    rows: Callable[[World], object]
    kwargs: Callable[[World], dict] = lambda w: {}
    # A municipal list: Rana's rows must never show in Vefsn's export.
    tenant: bool = False
    # The tables of the page (`data-export` keys; "" is the default table) when it has several.
    tables: tuple[str, ...] = ("",)
    # Headings of a page that shows its rows without a table (the template library's sections).
    headings: tuple[str, ...] = ()


def slug(w: World) -> dict:
    return w.slug


LISTS: dict[str, ListCase] = {
    "core:municipality_list": ListCase("coordinator", lambda w: w.municipality),
    "core:member_list": ListCase("leader_vefsn", lambda w: w.membership, slug, tenant=True),
    # The Art. 30 export holds every field of a record under the field's own name, the page six columns.
    "protocol:processing_list": ListCase(
        "editor_vefsn",
        lambda w: w.activity,
        slug,
        tenant=True,
        headings=(
            "Navn",
            "Sektor",
            "Behandlingsgrunnlag (art. 6 nr. 1)",
            "DPIA",
            "Neste gjennomgang",
            "Trenger oppfølging",
        ),
    ),
    "protocol:agreement_list": ListCase("editor_vefsn", lambda w: w.agreement, slug, tenant=True),
    "protocol:system_use_list": ListCase("editor_vefsn", lambda w: w.system_use, slug, tenant=True),
    "protocol:catalogue": ListCase("editor_vefsn", lambda w: w.system, tables=("", "vendors")),
    "protocol:joint_agreement_list": ListCase("coordinator", lambda w: w.joint_agreement),
    "library:template_list": ListCase(
        "coordinator",
        lambda w: w.template,
        headings=("Type", "Gruppe", "Tittel", "Publisert versjon", "Felles", "Tatt i bruk av"),
    ),
    "risk:analysis_list": ListCase("editor_vefsn", lambda w: w.analysis, slug, tenant=True),
    "risk:measure_list": ListCase("editor_vefsn", lambda w: w.measure, slug, tenant=True),
    "risk_cooperation:threat_list": ListCase("viewer_vefsn", lambda w: make_threat()),
    "risk_cooperation:overview": ListCase("coordinator", lambda w: w.measure),
    "dpia:list": ListCase(
        "editor_vefsn", lambda w: w.screening and w.dpia, slug, tenant=True, tables=("", "screenings")
    ),
    "dpia:dpo_queue": ListCase("dpo", lambda w: w.dpia_with_dpo),
    "incidents:list": ListCase("editor_vefsn", lambda w: w.incident, slug, tenant=True),
    "incidents:dpo_overview": ListCase("dpo", lambda w: w.incident, tables=("", "municipalities", "kinds", "months")),
    "training:course_list": ListCase("viewer_vefsn", lambda w: w.course_session),
    "training:statistics": ListCase("coordinator", lambda w: w.course_registration, tables=("", "course", "sector")),
}


class TableHeadings(HTMLParser):
    """The column headings (`<th scope="col">`) of every table of a page, by its `data-export` key."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str | None, list[str]] = {}
        self._table: str | None = None
        self._heading: list[str] | None = None
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._table = attrs.get("data-export")
            self._current = self.tables.setdefault(self._table, [])
            self._seen = bool(self._current)  # a grouped list repeats its table: keep the first headings
        elif tag == "th" and attrs.get("scope") == "col":
            self._heading = []
        elif self._heading is not None and "ds-sr-only" in (attrs.get("class") or ""):
            self._hidden += 1

    def handle_endtag(self, tag):
        if tag == "th" and self._heading is not None:
            if not self._seen:
                self._current.append("".join(self._heading).strip())
            self._heading = None
            self._hidden = 0
        elif tag == "span" and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if self._heading is not None and not self._hidden:
            self._heading.append(data)


def page_headings(html: str, key: str) -> list[str]:
    parser = TableHeadings()
    parser.feed(html)
    # A tables2 list rendered by its own template (the protocol) marks no key: its one table is the default.
    headings = parser.tables.get(key) if key in parser.tables else parser.tables.get(None) if key == "" else None
    assert headings, f"no table {key!r} on the page"
    return [heading for heading in headings if heading and heading not in ACTION_HEADINGS]


def exported(response, export_format: str) -> list[list]:
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES[export_format]
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="') and disposition.endswith(f'.{export_format}"')
    if export_format == "csv":
        return list(csv.reader(io.StringIO(body(response).decode("utf-8-sig")), delimiter=";"))
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    return [["" if value is None else value for value in row] for row in sheet.iter_rows(values_only=True)]


def in_order(part: list[str], whole: list[str]) -> bool:
    remaining = iter(whole)
    return all(any(heading == other for other in remaining) for heading in part)


def list_url_names() -> set[str]:
    names = project_url_names()
    return {name for name in names if name.endswith("_list") or name.split(":")[-1] == "list"} | OTHER_LIST_PAGES


def test_every_list_is_walked():
    assert sorted(list_url_names() - set(NOT_EXPORTED)) == sorted(LISTS)


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
@pytest.mark.parametrize("url_name", sorted(LISTS))
def test_the_list_exports_its_columns(client_for, cast, url_name, export_format):
    case = LISTS[url_name]
    world = World(cast)
    case.rows(world)
    url = reverse(url_name, kwargs=case.kwargs(world))
    client = client_for(cast.by_role(case.role))
    html = client.get(url).content.decode()
    files = {}
    for key in case.tables:
        params = {"_export": export_format, **({"table": key} if key else {})}
        rows = files[key] = exported(client.get(url, params), export_format)
        headings = [str(value) for value in rows[0]]
        expected = list(case.headings) if case.headings else page_headings(html, key)
        assert in_order(expected, headings), (key, expected, headings)
        assert len(rows) >= 2, f"{url_name} {key!r}: no rows exported"
    if case.tenant:
        # Rana's rows of the same kind, then the same exports again: nothing more, nothing of Rana.
        case.rows(World(cast, cast.rana))
        for key in case.tables:
            params = {"_export": export_format, **({"table": key} if key else {})}
            again = exported(client.get(url, params), export_format)
            assert again == files[key]
            text = " ".join(str(value) for row in again for value in row)
            assert "(Rana)" not in text and "rana@" not in text


def test_export_buttons_keep_the_filter_of_the_page(client_for, cast):
    assert World(cast).template.published_version == 1
    html = client_for(cast.coordinator).get(reverse("library:template_list"), {"kind": "processing"}).content.decode()
    assert "?kind=processing&amp;_export=csv" in html and "?kind=processing&amp;_export=xlsx" in html


@pytest.mark.parametrize("size", [1, 12])
def test_a_list_export_runs_a_constant_number_of_queries(client_for, cast, django_assert_max_num_queries, size):
    from tests.risk.builders import make_analysis, make_measure

    for number in range(size):
        analysis = make_analysis(cast.vefsn if number % 2 else cast.rana, cast.leader_vefsn, title=f"ROS {number}")
        make_measure(analysis)
    client = client_for(cast.coordinator)
    for url in (reverse("risk_cooperation:overview"), reverse("risk:measure_list", args=["vefsn"])):
        with django_assert_max_num_queries(8):
            assert client.get(url, {"_export": "xlsx"}).status_code == 200
