"""An editor brings the municipality's own protocol spreadsheet and imports it in three steps, all or nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from isms.protocol.importing.service import (
    choose_columns,
    choose_values,
    commit_draft,
    preview_draft,
    start_import,
)
from isms.protocol.importing.values import REVIEW
from isms.protocol.models import ImportDraft, ImportMapping, ProcessingActivity, System
from tests.protocol.import_files import NAMES, municipal_protocol

SYSTEMS = [
    "Elements", "Gerica", "KOMTEK", "Speedadmin", "Startlånsystemet", "Visma Enterprise", "Visma Flyt Barnehage",
    "Visma Flyt Skole",
]  # fmt: skip


def start(cast, content=None, filename="protokoll.xlsx"):
    return start_import(
        municipality=cast.vefsn, actor=cast.editor_vefsn, content=content or municipal_protocol(), filename=filename
    )


def answer_step_two(draft):
    """What the editor answers: the law-only basis is c), "Kan forekomme" is left for review."""
    choose_values(
        draft=draft,
        values={"legal_bases": {"skatteforvaltningsloven": "c"}, "special_categories": {"kan forekomme": REVIEW}},
        sector_default="",
        sector_from_unit=True,
        new_systems=SYSTEMS,
    )


def test_the_headings_are_found_under_the_title_rows_and_matched_by_synonyms(cast):
    draft = start(cast)
    assert (draft.sheet_index, draft.header_row) == (0, 4)
    assert draft.columns == [
        "reference", "name", "purposes", "responsible_unit", "data_subject_categories", "personal_data_categories",
        "special_categories", "special_category_bases", "legal_bases", "national_law", "recipients", "systems",
        "retention", "security_measures", "third_country_transfer", "",
    ]  # fmt: skip


def test_each_value_not_understood_is_listed_once_with_its_rows(cast):
    preview = preview_draft(draft=start(cast))
    assert [(u.heading, u.text, u.rows) for u in preview.unknowns] == [
        ("Behandlingsgrunnlag", "skatteforvaltningsloven", [15]),
        ("Særlige kategorier", "Kan forekomme", [7]),
    ]
    assert preview.new_system_counts["Gerica"] == 2 and preview.new_system_counts["KOMTEK"] == 2
    assert preview.sections == [(5, "Oppvekst"), (9, "Helse og omsorg"), (12, "Stab og samfunn")]


def test_the_municipal_protocol_imports_with_no_unexplained_problem(cast):
    draft = start(cast)
    answer_step_two(draft)
    preview = preview_draft(draft=draft)
    assert preview.problems == []
    assert preview.created == NAMES
    assert not ProcessingActivity.objects.exists()  # nothing before the last step

    result = commit_draft(draft=draft, actor=cast.editor_vefsn)
    assert result.ok
    activities = {a.name: a for a in ProcessingActivity.objects.filter(municipality=cast.vefsn)}
    assert sorted(activities) == sorted(NAMES)
    school = activities["Elevadministrasjon"]
    assert school.follow_up == "special_categories" and school.follow_up_labels == ["særlige kategorier (art. 9)"]
    assert (school.legal_bases, school.national_law, school.sector) == (
        ["c", "e"],
        "opplæringslova § 15-7",
        "education",
    )
    tax = activities["Eiendomsskatt"]
    assert (tax.legal_bases, tax.national_law, tax.sector) == (["c"], "skatteforvaltningsloven", "finance")
    journal = activities["Pasientjournal i hjemmetjenesten"]
    assert journal.national_law == "helse- og omsorgstjenesteloven § 3-2, pasientjournalloven"
    assert (journal.special_categories, journal.special_category_bases) == (["health"], ["h"])
    assert activities["Tildeling av helse- og omsorgstjenester"].sector == "health"  # unit merged down
    assert activities["Barnehageopptak"].special_category_bases == ["g"]
    for activity in activities.values():
        assert activity.history.latest().history_change_reason == "Importert fra protokoll.xlsx"
        assert activity.history.latest().history_user == cast.editor_vefsn
    gerica = System.objects.get(name="Gerica")
    assert gerica.created_in == cast.vefsn
    assert {link.processing_activity.name for use in gerica.uses.all() for link in use.processing_links.all()} == {
        "Pasientjournal i hjemmetjenesten",
        "Tildeling av helse- og omsorgstjenester",
    }
    assert not ImportDraft.objects.exists()


def test_next_years_file_needs_no_answers_and_changes_nothing(cast):
    draft = start(cast)
    answer_step_two(draft)
    commit_draft(draft=draft, actor=cast.editor_vefsn)
    assert ImportMapping.objects.get(municipality=cast.vefsn).values["legal_bases"] == {"skatteforvaltningsloven": "c"}

    again = start(cast)
    preview = preview_draft(draft=again)
    assert preview.problems == [] and preview.unchanged == NAMES
    commit_draft(draft=again, actor=cast.editor_vefsn)
    assert ProcessingActivity.objects.count() == 10
    assert set(ProcessingActivity.objects.values_list("version", flat=True)) == {1}


def test_a_field_chosen_for_two_columns_names_both(cast):
    draft = start(cast)
    columns = list(draft.columns)
    columns[15] = "purposes"  # "Kommentar" as Formål too
    problems = choose_columns(draft=draft, sheet_index=0, header_row=4, columns=columns)
    [problem] = problems
    assert problem.row == 4 and problem.column == "Kommentar"
    assert "kolonne C" in problem.message and "kolonne P" in problem.message


def test_another_sheet_is_matched_again_and_has_no_name_column(cast):
    draft = start(cast)
    choose_columns(draft=draft, sheet_index=1, header_row=1, columns=None)
    preview = preview_draft(draft=draft)
    assert any("Behandling" in problem.message for problem in preview.problems)
    assert not preview.ok


def test_ignoring_a_column_leaves_its_field_empty(cast):
    draft = start(cast)
    columns = list(draft.columns)
    columns[10] = ""  # Mottakere ignored
    assert choose_columns(draft=draft, sheet_index=0, header_row=4, columns=columns) == []
    answer_step_two(draft)
    commit_draft(draft=draft, actor=cast.editor_vefsn)
    assert set(ProcessingActivity.objects.values_list("recipients", flat=True)) == {""}


def test_a_file_without_sector_and_no_inference_gets_the_default_visibly(cast):
    draft = start(cast)
    choose_values(
        draft=draft,
        values={"legal_bases": {"skatteforvaltningsloven": "c"}, "special_categories": {"kan forekomme": "none"}},
        sector_default="administration",
        sector_from_unit=False,
        new_systems=[],
    )
    preview = preview_draft(draft=draft)
    assert preview.problems == []
    assert {row.values["sector"] for row in preview.rows} == {"administration"}
    assert all("Sektor Administrasjon og personal: standard for filen" in row.notes for row in preview.rows)
    assert any("Ikke koblet: Gerica (ikke i katalogen)" in row.notes for row in preview.rows)


def test_a_value_left_unmapped_blocks_with_row_and_column(cast):
    preview = preview_draft(draft=start(cast))
    found = {(problem.row, problem.column) for problem in preview.problems}
    assert found == {(7, "Særlige kategorier"), (15, "Behandlingsgrunnlag")}


def test_the_commit_uses_the_stored_draft_not_the_file(cast, django_assert_max_num_queries):
    draft = start(cast)
    answer_step_two(draft)
    assert "content" not in {f.name for f in ImportDraft._meta.get_fields()}
    with django_assert_max_num_queries(8):
        preview_draft(draft=ImportDraft.objects.get(pk=draft.pk))


def test_a_stale_commit_after_someone_imported_the_same_names_writes_nothing_twice(cast):
    first, second = (
        start(cast),
        start_import(municipality=cast.vefsn, actor=cast.leader_vefsn, content=municipal_protocol(), filename="b.xlsx"),
    )
    for draft in (first, second):
        answer_step_two(draft)
    commit_draft(draft=first, actor=cast.editor_vefsn)
    result = commit_draft(draft=second, actor=cast.leader_vefsn)
    assert result.ok and result.unchanged == NAMES
    assert ProcessingActivity.objects.count() == 10


def upload(client, content, name="protokoll.xlsx"):
    return client.post(reverse("protocol:import_upload", args=["vefsn"]), {"file": SimpleUploadedFile(name, content)})


def test_editor_clicks_through_the_three_steps(client_for, cast):
    client = client_for(cast.editor_vefsn)
    response = upload(client, municipal_protocol())
    assert response.status_code == 302 and response.url.endswith("/import/columns/")
    page = client.get(response.url).content.decode()
    assert "Overskriftene står på rad 4" in page and "Formålet med behandlingen" in page
    draft = ImportDraft.objects.get()
    data = {"sheet": 0, "header_row": 4} | {f"column_{i}": name for i, name in enumerate(draft.columns)}
    response = client.post(reverse("protocol:import_columns", args=["vefsn"]), data)
    assert response.status_code == 302 and response.url.endswith("/import/values/")
    page = client.get(response.url).content.decode()
    assert "«Kan forekomme»" in page and "Brukt i 1 rad (7)." in page
    names = [part.split('"')[0] for part in page.split('name="value__')[1:]]
    legal, special = (f"value__{name}" for name in names)
    data = {legal: "c", special: REVIEW, "sector_from_unit": "on", "new_systems": SYSTEMS}
    response = client.post(reverse("protocol:import_values", args=["vefsn"]), data)
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Klar: 10 nye, 0 oppdatert, 0 uendret." in page and "Trenger oppfølging: Særlige kategorier" in page
    assert not ProcessingActivity.objects.exists()
    response = client.post(reverse("protocol:import_commit", args=["vefsn"]))
    assert response.status_code == 302
    assert ProcessingActivity.objects.filter(municipality=cast.vefsn).count() == 10


def test_a_mapping_to_one_field_twice_is_refused_on_the_page(client_for, cast):
    client = client_for(cast.editor_vefsn)
    upload(client, municipal_protocol())
    draft = ImportDraft.objects.get()
    data = {"sheet": 0, "header_row": 4} | {f"column_{i}": name for i, name in enumerate(draft.columns)}
    data["column_15"] = "name"
    page = client.post(reverse("protocol:import_columns", args=["vefsn"]), data).content.decode()
    assert "er valgt for både kolonne B" in page


def test_another_users_draft_is_not_yours(client_for, cast):
    upload(client_for(cast.editor_vefsn), municipal_protocol())
    response = client_for(cast.leader_vefsn).get(reverse("protocol:import_preview", args=["vefsn"]))
    assert response.status_code == 302 and response.url == reverse("protocol:import_upload", args=["vefsn"])


def test_cancel_deletes_the_draft(client_for, cast):
    client = client_for(cast.editor_vefsn)
    upload(client, municipal_protocol())
    client.post(reverse("protocol:import_cancel", args=["vefsn"]))
    assert not ImportDraft.objects.exists()


@pytest.mark.parametrize("size", [30, 300])
def test_preview_and_commit_are_bounded_in_queries(cast, size, django_assert_max_num_queries):
    from tests.protocol.test_import_bad_files import many_rows_csv

    draft = start(cast, many_rows_csv(size), "mange.csv")
    with django_assert_max_num_queries(8):
        preview = preview_draft(draft=draft)
    assert preview.ok and len(preview.rows) == size
    # Each new activity: the insert and its history row, in the import's one transaction.
    with django_assert_max_num_queries(12 + 2 * size):
        commit_draft(draft=draft, actor=cast.editor_vefsn)
    assert ProcessingActivity.objects.count() == size
