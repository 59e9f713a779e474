"""The protocol leaves as Datatilsynet's Art. 30 layout, names the DPO, and comes back unchanged."""

import io

import openpyxl
from django.urls import reverse

from isms.protocol.importing.art30 import ART30_COLUMNS, art30_workbook
from isms.protocol.importing.service import commit_draft, preview_draft, start_import
from isms.protocol.models import ProcessingActivity
from isms.protocol.selectors import processing_activities, with_links
from tests.protocol.import_files import NAMES
from tests.protocol.test_import_steps import answer_step_two, start


def imported(cast):
    draft = start(cast)
    answer_step_two(draft)
    commit_draft(draft=draft, actor=cast.editor_vefsn)


def exported(cast) -> bytes:
    activities = with_links(processing_activities(municipality=cast.vefsn)).order_by("name")
    return art30_workbook(municipality=cast.vefsn, activities=activities)


def test_the_columns_follow_art_30_a_to_g_then_ours(cast):
    imported(cast)
    workbook = openpyxl.load_workbook(io.BytesIO(exported(cast)))
    headings = [cell.value for cell in workbook["Behandlingsprotokoll"][1]]
    letters = [heading.split("nr. 1 ")[1][0] for heading in headings if "art. 30 nr. 1" in heading]
    assert letters == sorted(letters) and set(letters) == set("abcdefg")
    assert headings.index("Sikkerhetstiltak (art. 30 nr. 1 g)") < headings.index("Behandlingsgrunnlag")
    explained = [row[0] for row in workbook["Forklaring"].iter_rows(min_row=2, values_only=True)]
    assert explained[: len(headings)] == headings


def test_each_row_names_the_controller_and_the_dpo_with_contact_details(cast, settings):
    settings.DPO_CONTACT = {"name": "Personvernombudet", "email": "ombud@example.no", "phone": "75 00 00 00"}
    imported(cast)
    sheet = openpyxl.load_workbook(io.BytesIO(exported(cast)))["Behandlingsprotokoll"]
    cell = sheet.cell(row=2, column=2).value
    assert "Vefsn" in cell and "Personvernombudet, ombud@example.no, 75 00 00 00" in cell


def test_the_export_imports_back_unchanged(cast):
    imported(cast)
    activity = ProcessingActivity.objects.get(name="Startlån")
    assert activity.version == 1
    draft = start_import(municipality=cast.rana, actor=cast.editor_rana, content=exported(cast), filename="x.xlsx")
    assert draft.header_row == 1 and "" in draft.columns  # the controller column is for reading only
    again = start(cast, exported(cast), "tilbake.xlsx")
    preview = preview_draft(draft=again)
    assert preview.problems == [] and preview.unknowns == []
    assert sorted(preview.unchanged) == sorted(NAMES)
    commit_draft(draft=again, actor=cast.editor_vefsn)
    assert set(ProcessingActivity.objects.values_list("version", flat=True)) == {1}
    assert ProcessingActivity.objects.get(name="Elevadministrasjon").follow_up == "special_categories"


def test_a_cell_that_looks_like_a_formula_stays_text_and_comes_back(cast):
    imported(cast)
    activity = ProcessingActivity.objects.get(name="Startlån")
    from isms.protocol.services import save_processing_activity

    save_processing_activity(
        municipality=cast.vefsn,
        actor=cast.editor_vefsn,
        values={"recipients": '=HYPERLINK("https://example.com","klikk")'},
        system_use_ids=[link.system_use_id for link in activity.system_links.all()],
        processor_ids=[],
        reason="Test",
        activity=activity,
        expected_version=1,
    )
    content = exported(cast)
    sheet = openpyxl.load_workbook(io.BytesIO(content))["Behandlingsprotokoll"]
    column = [heading for heading, _f, _h in ART30_COLUMNS].index("Kategorier av mottakere (art. 30 nr. 1 d)") + 1
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "Startlån")
    assert sheet.cell(row, column).data_type == "s"
    assert sorted(preview_draft(draft=start(cast, content, "tilbake.xlsx")).unchanged) == sorted(NAMES)


def test_viewer_downloads_the_art30_export(client_for, cast):
    imported(cast)
    response = client_for(cast.viewer_vefsn).get(reverse("protocol:processing_export_art30", args=["vefsn"]))
    assert response.status_code == 200
    assert openpyxl.load_workbook(io.BytesIO(response.content))["Behandlingsprotokoll"].max_row == 11


def test_the_export_is_one_query_set_whatever_the_size(client_for, cast, django_assert_max_num_queries):
    imported(cast)
    client = client_for(cast.viewer_vefsn)
    with django_assert_max_num_queries(12):
        client.get(reverse("protocol:processing_export_art30", args=["vefsn"]))
