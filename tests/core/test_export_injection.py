"""What leaves the app is data, never code: a formula typed into a form reaches no spreadsheet as a formula.

Every payload is written through the app's own forms (the public course registration, the edit forms),
then every export URL that shows it is downloaded as CSV and XLSX.
"""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from isms.core.tables_export import csv_bytes, neutralise, xlsx_bytes
from isms.protocol.importing import template_workbook
from isms.protocol.models import ProcessingActivity, Vendor
from training.models import Course, Registration, RegistrationLink

from ..downloads import body
from ..training.builders import make_course, make_round, make_session, person, register
from .test_municipalities import edit_data

HYPERLINK = '=HYPERLINK("http://evil","x")'
NEW = {"expected_version": 1, "change_reason": ""}
PAYLOADS = [HYPERLINK, "+1+1", "-2+3", "@SUM(A1:A9)", "\tTAB", "\rCR"]


def csv_cells(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(body(response).decode("utf-8-sig")), delimiter=";"))


def xlsx_cells(response):
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    return [cell for row in sheet.iter_rows() for cell in row]


def assert_neutralised(client, url: str, params: dict, payloads: list[str]) -> None:
    """Each payload appears in the CSV as `'payload` and in the XLSX as a text cell `'payload`, never a formula."""
    cells = [cell for row in csv_cells(client.get(url, {**params, "_export": "csv"})) for cell in row]
    for payload in payloads:
        assert "'" + payload in cells, (url, payload)
        assert payload not in cells, (url, payload)
    assert not [cell for cell in cells if cell.startswith(("=", "+", "@", "\t", "\r"))], url
    workbook = xlsx_cells(client.get(url, {**params, "_export": "xlsx"}))
    assert not [cell.coordinate for cell in workbook if cell.data_type == "f"], url
    texts = {cell.value: cell for cell in workbook if isinstance(cell.value, str)}
    for payload in payloads:
        assert "'" + payload in texts, (url, payload)
        assert texts["'" + payload].data_type == "s"


def test_neutralise_prefixes_text_that_a_spreadsheet_would_run_and_keeps_numbers():
    for payload in PAYLOADS:
        assert neutralise(payload) == "'" + payload
    assert neutralise("Vefsn kommune") == "Vefsn kommune"
    assert neutralise("e-post: a@b.no") == "e-post: a@b.no"
    assert neutralise(-5) == -5 and neutralise(2.5) == 2.5 and neutralise(0) == 0
    assert neutralise(None) == "" and neutralise(True) is True
    assert neutralise(datetime.date(2026, 12, 3)) == datetime.date(2026, 12, 3)


def test_the_writers_keep_a_negative_number_a_number_and_a_formula_text():
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(["Navn", "Tall"], [[HYPERLINK, -5]], title="T"))).active
    assert (sheet["A2"].value, sheet["A2"].data_type) == ("'" + HYPERLINK, "s")
    assert (sheet["B2"].value, sheet["B2"].data_type) == (-5, "n")
    text = csv_bytes(["Navn", "Tall"], [[HYPERLINK, -5]]).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[1] == ["'" + HYPERLINK, "-5"]


def test_the_xlsx_keeps_an_error_code_text_and_dates_in_norwegian_format():
    """The writer hands openpyxl plain values where its own typing is right: text that reads as an error code
    and dates are still written as cells of their own."""
    when = datetime.datetime(2026, 12, 3, 14, 5, tzinfo=datetime.UTC)
    workbook = xlsx_bytes(["Navn", "Dato", "Tid"], [["#N/A", datetime.date(2026, 12, 3), when]], title="T")
    sheet = openpyxl.load_workbook(io.BytesIO(workbook)).active
    assert (sheet["A2"].value, sheet["A2"].data_type) == ("#N/A", "s")
    assert sheet["B2"].is_date and sheet["B2"].number_format == "DD.MM.YYYY"
    assert sheet["C2"].value == datetime.datetime(2026, 12, 3, 15, 5)  # Oslo time
    assert sheet["C2"].number_format == "DD.MM.YYYY HH:MM"


def test_a_participant_who_types_a_formula_on_the_public_page_reaches_the_coordinators_excel_as_text(
    client, client_for, cast
):
    session = make_session(make_course(), make_round(), capacity=20)
    link = RegistrationLink.objects.get(municipality=cast.vefsn, round=session.round)
    for number, (name, unit, job_title) in enumerate(
        [(HYPERLINK, "+1+1", "-2+3"), ("@SUM(A1:A9)", "\tTAB", "\rCR")], start=1
    ):
        response = client.post(
            reverse("training:public_register", args=[link.token]),
            {**person(number, name=name, unit=unit, job_title=job_title), "session": session.pk, "privacy": "on"},
        )
        assert response.status_code in (200, 302), response.content.decode()[:500]
    names = set(Registration.objects.filter(session=session).values_list("name", flat=True))
    assert HYPERLINK in names and "@SUM(A1:A9)" in names  # stored as typed: data, neutralised on the way out
    # Text fields strip leading whitespace, so the tab and CR payloads arrive without it; the others stay.
    assert_neutralised(
        client_for(cast.coordinator),
        reverse("training:session_detail", args=[session.pk]),
        {},
        [HYPERLINK, "+1+1", "-2+3", "@SUM(A1:A9)"],
    )


def test_a_processing_activity_named_as_a_formula_exports_as_text_in_every_protocol_export(client_for, cast):
    from ..protocol.test_processing import activity_data

    client = client_for(cast.editor_vefsn)
    response = client.post(
        reverse("protocol:processing_create", args=["vefsn"]),
        activity_data(name=HYPERLINK, purposes="+1+1", recipients="@SUM(A1:A9)", retention="-2+3"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ProcessingActivity.objects.get(municipality=cast.vefsn).name == HYPERLINK
    assert_neutralised(
        client, reverse("protocol:processing_list", args=["vefsn"]), {}, [HYPERLINK, "+1+1", "@SUM(A1:A9)", "-2+3"]
    )


def test_an_agreement_titled_as_a_formula_exports_as_text(client_for, cast):
    vendor = Vendor.objects.create(name="-Leverandør AS")
    client = client_for(cast.editor_vefsn)
    response = client.post(
        reverse("protocol:agreement_create", args=["vefsn"]),
        {"vendor": vendor.pk, "title": HYPERLINK, "status": "draft", "notes": "", "expected_version": 1},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert_neutralised(client, reverse("protocol:agreement_list", args=["vefsn"]), {}, [HYPERLINK, "-Leverandør AS"])


def test_a_municipality_renamed_to_a_formula_exports_as_text_and_its_population_as_a_number(client_for, cast):
    client = client_for(cast.coordinator)
    response = client.post(
        reverse("core:municipality_edit", args=["vefsn"]), edit_data(cast.vefsn, name=HYPERLINK, population="13408")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    url = reverse("core:municipality_list")
    assert_neutralised(client, url, {}, [HYPERLINK])
    populations = [cell for cell in xlsx_cells(client.get(url, {"_export": "xlsx"})) if cell.column_letter == "C"]
    assert [(cell.value, cell.data_type) for cell in populations[1:]] == [(13408, "n"), (25959, "n")]
    assert_neutralised(client, reverse("training:statistics"), {}, [HYPERLINK])


def test_a_course_titled_as_a_formula_exports_as_text_in_the_statistics(client_for, cast):
    client = client_for(cast.coordinator)
    response = client.post(
        reverse("training:course_create"),
        {"key": "formel", "title": "@SUM(A1:A9)", "description": "", "provider": "", "target_group": "", **NEW},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    register(make_session(Course.objects.get(key="formel"), make_round()), cast.vefsn, 1)
    assert_neutralised(client, reverse("training:statistics"), {"table": "course"}, ["@SUM(A1:A9)"])


@pytest.mark.parametrize("sheet", [0, 1])
def test_the_import_template_has_no_formula(sheet):
    workbook = openpyxl.load_workbook(io.BytesIO(template_workbook()))
    cells = [cell for row in workbook.worksheets[sheet].iter_rows() for cell in row]
    assert cells and not [cell.coordinate for cell in cells if cell.data_type == "f"]


def test_a_ros_analysis_titled_as_a_formula_exports_as_text_in_the_list_and_the_overview(client_for, cast):
    from risk.models import RiskAnalysis

    from ..risk.builders import default_matrix
    from ..risk.test_analyses import analysis_form

    default_matrix()
    response = client_for(cast.editor_vefsn).post(
        reverse("risk:analysis_create", args=["vefsn"]), analysis_form(cast, title=HYPERLINK, service="+1+1")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert RiskAnalysis.objects.get().title == HYPERLINK
    assert_neutralised(client_for(cast.editor_vefsn), reverse("risk:analysis_list", args=["vefsn"]), {}, [HYPERLINK])
    assert_neutralised(client_for(cast.coordinator), reverse("risk_cooperation:overview"), {}, [HYPERLINK])


def test_a_catalogue_system_named_as_a_formula_exports_as_text(client_for, cast):
    from isms.protocol.models import System

    client = client_for(cast.coordinator)
    response = client.post(
        reverse("protocol:system_create"),
        {"name": "@SUM(A1:A9)", "hosting": "saas", "confidentiality": 2, "integrity": 2, "availability": 2, **NEW},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert System.objects.get().name == "@SUM(A1:A9)"
    assert_neutralised(client, reverse("protocol:catalogue"), {}, ["@SUM(A1:A9)"])
