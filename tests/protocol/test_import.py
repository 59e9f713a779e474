"""A clerk imports the municipality's existing protocol from Excel or CSV: preview, then all or nothing."""

import io

import openpyxl
import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext as _

from isms.protocol.forms import ProcessingActivityForm
from isms.protocol.importing import commit_import, preview_import, template_workbook
from isms.protocol.models import LegalBasis, ProcessingActivity, Sector

HEADINGS = [
    "Behandling", "Sektor", "Formål", "Behandlingsgrunnlag", "Hjemmel", "Kategorier av registrerte",
    "Kategorier av personopplysninger", "Særlige kategorier", "Grunnlag art. 9", "Mottakere", "Sletting",
    "Sikkerhetstiltak",
]  # fmt: skip
GOOD_ROWS = [
    ["Startlån", "NAV og sosiale tjenester", "Behandle søknader om startlån", "c, e", "husbankloven § 3",
     "Søkere", "Navn, inntekt", "", "", "Husbanken", "Arkivlova", "Tilgangsstyring"],
    ["Barnehageopptak", "Oppvekst", "Tildele barnehageplass", "Offentlig myndighet", "barnehageloven § 16",
     "Barn, foresatte", "Navn, adresse", "helse", "g", "Barnehager", "5 år etter vedtak", "Tilgangsstyring"],
]  # fmt: skip


def csv_bytes(rows, encoding="cp1252", delimiter=";") -> bytes:
    lines = [delimiter.join(HEADINGS)] + [delimiter.join(row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def xlsx_bytes(headings, rows) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(headings)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_windows_1252_csv_with_semicolons_as_norwegian_excel_writes_it(cast):
    preview = preview_import(municipality=cast.vefsn, content=csv_bytes(GOOD_ROWS), filename="protokoll.csv")
    assert preview.problems == []
    assert preview.created == ["Startlån", "Barnehageopptak"]
    first = preview.rows[0].values
    assert first["legal_bases"] == ["c", "e"] and first["sector"] == "welfare"
    assert preview.rows[1].values["legal_bases"] == ["e"]
    assert preview.rows[1].values["special_categories"] == ["health"]


def test_utf8_csv_with_commas_and_headings_in_another_case(cast):
    rows = [[cell.replace(",", " og") for cell in row] for row in GOOD_ROWS]
    text = ",".join(h.upper() for h in HEADINGS) + "\n" + "\n".join(",".join(r) for r in rows)
    preview = preview_import(municipality=cast.vefsn, content=text.encode("utf-8-sig"), filename="p.csv")
    assert preview.problems == [] and len(preview.rows) == 2


def test_preview_lists_every_problem_by_row_and_column_and_commit_writes_nothing(cast):
    bad = [
        GOOD_ROWS[0],
        ["Skjenkebevilling", "Næring", "Behandle søknader", "x", "", "Søkere", "Navn", "", "", "", "", ""],
        ["Lønn", "Administrasjon og personal", "Utbetale lønn", "c", "", "Ansatte", "Navn", "helse", "", "",
         "1 år", ""],
    ]  # fmt: skip
    content = xlsx_bytes(HEADINGS, bad)
    preview = preview_import(municipality=cast.vefsn, content=content, filename="protokoll.xlsx")
    found = {(problem.row, problem.column) for problem in preview.problems}
    assert (3, "Sektor") in found  # "Næring" is not a sector
    assert (3, "Behandlingsgrunnlag") in found  # "x" is not an Art. 6 basis
    assert (3, "Sletting") in found  # retention is required
    assert (4, "Hjemmel") in found  # c) needs the law named
    assert (4, "Grunnlag art. 9") in found  # health data needs an Art. 9(2) basis
    result = commit_import(municipality=cast.vefsn, actor=cast.editor_vefsn, content=content, filename="protokoll.xlsx")
    assert not result.ok
    assert not ProcessingActivity.objects.exists()


def problems_of(preview, row: int) -> list[tuple[str, str]]:
    return [(problem.column, problem.message) for problem in preview.problems if problem.row == row]


def test_a_bad_sector_gives_one_problem_that_lists_the_sectors(cast):
    row = list(GOOD_ROWS[0])
    row[1] = "Skole"
    preview = preview_import(municipality=cast.vefsn, content=csv_bytes([row]), filename="p.csv")
    [(column, message)] = problems_of(preview, 2)
    assert column == "Sektor" and "Skole" in message
    assert all(str(label) in message for label in (Sector.EDUCATION.label, Sector.HEALTH_AND_CARE.label))


def test_an_unknown_legal_basis_names_the_allowed_ones(cast):
    row = list(GOOD_ROWS[0])
    row[3] = "c, lovpålagt"
    preview = preview_import(municipality=cast.vefsn, content=csv_bytes([row]), filename="p.csv")
    [(column, message)] = problems_of(preview, 2)
    assert column == "Behandlingsgrunnlag" and "lovpålagt" in message and str(LegalBasis.PUBLIC_TASK.label) in message


def test_a_transfer_without_mechanism_names_the_column_even_when_the_file_lacks_it(cast):
    headings = [*HEADINGS, "Overføring til tredjeland", "Land"]
    content = xlsx_bytes(headings, [[*GOOD_ROWS[0], "Ja", "USA"]])
    preview = preview_import(municipality=cast.vefsn, content=content, filename="p.xlsx")
    [(column, message)] = problems_of(preview, 2)
    assert column == "Overføringsgrunnlag"
    assert _("The file has no column “%(heading)s”: add it.") % {"heading": "Overføringsgrunnlag"} in message
    content = xlsx_bytes([*headings, "overføringsmekanisme"], [[*GOOD_ROWS[0], "Ja", "USA", ""]])
    preview = preview_import(municipality=cast.vefsn, content=content, filename="p.xlsx")
    assert [column for column, _message in problems_of(preview, 2)] == ["overføringsmekanisme"]


def test_empty_retention_says_what_to_write(cast):
    row = list(GOOD_ROWS[0])
    row[10] = ""
    preview = preview_import(municipality=cast.vefsn, content=csv_bytes([row]), filename="p.csv")
    [(column, message)] = problems_of(preview, 2)
    assert column == "Sletting"
    assert message == str(ProcessingActivityForm._meta.error_messages["retention"]["required"])
    assert message != str(forms.Field.default_error_messages["required"])


def test_unknown_headings_are_refused_with_the_heading_named(cast):
    content = xlsx_bytes([*HEADINGS, "Farge"], [[*GOOD_ROWS[0], "blå"]])
    preview = preview_import(municipality=cast.vefsn, content=content, filename="p.xlsx")
    assert [(p.row, p.column) for p in preview.problems] == [(1, "Farge")]
    assert not preview.ok


def test_importing_the_same_file_twice_does_not_duplicate(cast):
    content = csv_bytes(GOOD_ROWS)
    commit_import(municipality=cast.vefsn, actor=cast.editor_vefsn, content=content, filename="p.csv")
    again = commit_import(municipality=cast.vefsn, actor=cast.editor_vefsn, content=content, filename="p.csv")
    assert again.unchanged == ["Startlån", "Barnehageopptak"]
    assert ProcessingActivity.objects.count() == 2
    assert ProcessingActivity.objects.get(name="Startlån").version == 1


def test_a_changed_row_updates_the_existing_record_with_history(cast):
    commit_import(municipality=cast.vefsn, actor=cast.editor_vefsn, content=csv_bytes(GOOD_ROWS), filename="p.csv")
    changed = [list(GOOD_ROWS[0]), GOOD_ROWS[1]]
    changed[0][10] = "10 år"
    result = commit_import(
        municipality=cast.vefsn, actor=cast.editor_vefsn, content=csv_bytes(changed), filename="p2.csv"
    )
    assert result.updated == ["Startlån"]
    startlan = ProcessingActivity.objects.get(name="Startlån")
    assert (startlan.retention, startlan.version) == ("10 år", 2)
    assert startlan.history.latest().history_change_reason == "Importert fra p2.csv"


def test_rana_rows_are_untouched_by_a_vefsn_import(cast):
    commit_import(municipality=cast.rana, actor=cast.editor_rana, content=csv_bytes(GOOD_ROWS), filename="p.csv")
    preview = preview_import(municipality=cast.vefsn, content=csv_bytes(GOOD_ROWS), filename="p.csv")
    assert preview.created == ["Startlån", "Barnehageopptak"]


def test_editor_imports_through_the_pages(client_for, cast):
    client = client_for(cast.editor_vefsn)
    url = reverse("protocol:import_upload", args=["vefsn"])
    upload = SimpleUploadedFile("protokoll.csv", csv_bytes(GOOD_ROWS), content_type="text/csv")
    assert client.post(url, {"file": upload}).status_code == 302  # on to the steps
    html = client.get(reverse("protocol:import_preview", args=["vefsn"])).content.decode()
    assert "Klar: 2 nye, 0 oppdatert, 0 uendret." in html
    assert not ProcessingActivity.objects.exists()
    response = client.post(reverse("protocol:import_commit", args=["vefsn"]))
    assert response.status_code == 302
    assert ProcessingActivity.objects.filter(municipality=cast.vefsn).count() == 2


def test_a_too_large_file_is_refused_with_its_size_in_norwegian_number_format(client_for, cast, settings):
    settings.PROTOCOL_IMPORT_MAX_BYTES = 1024 * 1024
    content = csv_bytes(GOOD_ROWS)
    upload = SimpleUploadedFile("stor.csv", content + b" " * (1024 * 1024 * 14 // 10), content_type="text/csv")
    html = client_for(cast.editor_vefsn).post(reverse("protocol:import_upload", args=["vefsn"]), {"file": upload})
    error = html.content.decode().split('id="id_file_error"', 1)[1].split("</", 1)[0]
    assert "1,4 MB" in error and "1 MB" in error


def test_template_download_has_the_columns_an_example_row_and_an_explanation_sheet(client_for, cast):
    response = client_for(cast.editor_vefsn).get(reverse("protocol:import_template", args=["vefsn"]))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook["Behandlingsprotokoll"]
    headings = [cell.value for cell in sheet[1]]
    assert "Formål" in headings and "Behandlingsgrunnlag" in headings and "Sletting" in headings
    assert sheet.max_row == 2 and sheet.cell(row=2, column=1).value == "Startlån og tilskudd"
    explained = [row[0] for row in workbook["Forklaring"].iter_rows(min_row=2, values_only=True)]
    assert explained[: len(headings)] == headings


def test_the_example_row_of_the_template_imports_without_problems(cast):
    preview = preview_import(municipality=cast.vefsn, content=template_workbook(), filename="mal.xlsx")
    assert preview.problems == [] and preview.created == ["Startlån og tilskudd"]
    values = preview.rows[0].values
    assert values["legal_bases"] == ["c", "e"] and values["sector"] == Sector.WELFARE


@pytest.mark.parametrize("role", ["viewer_vefsn", "leader_rana"])
def test_only_editors_of_the_municipality_import(client_for, cast, role):
    status = client_for(getattr(cast, role)).get(reverse("protocol:import_upload", args=["vefsn"])).status_code
    assert status in {403, 404}
