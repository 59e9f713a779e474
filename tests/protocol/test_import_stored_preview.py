"""The commit writes what the stored preview checked: the sheet is not read or checked again, a change made
by someone else since the preview refuses the whole commit with a message, and each row costs a bounded
number of queries (its history rows included)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from isms.protocol.importing import service
from isms.protocol.importing.service import choose_values, commit_draft, preview_draft, start_import
from isms.protocol.models import ImportDraft, ProcessingActivity
from isms.protocol.services import save_processing_activity
from tests.protocol.import_files import NAMES
from tests.protocol.test_import_bad_files import many_rows_csv
from tests.protocol.test_import_steps import answer_step_two, start

pytestmark = pytest.mark.django_db


def _previewed(cast, content=None, filename="protokoll.xlsx"):
    draft = start(cast, content, filename)
    answer_step_two(draft)
    assert preview_draft(draft=draft).ok
    return ImportDraft.objects.get(pk=draft.pk)


def _refuse(*args, **kwargs):
    raise AssertionError("the commit must not check the sheet again")


def test_the_commit_writes_the_stored_preview_without_the_sheet(cast, monkeypatch):
    draft = _previewed(cast)
    assert [row["name"] for row in draft.checked["rows"]] == NAMES
    draft.sheets = []  # the parsed upload is gone: only the checked rows are left
    draft.save()
    monkeypatch.setattr(service, "build_preview", _refuse)
    monkeypatch.setattr(service, "read_file", _refuse)
    result = commit_draft(draft=ImportDraft.objects.get(pk=draft.pk), actor=cast.editor_vefsn)
    assert result.ok and result.created == NAMES
    assert sorted(ProcessingActivity.objects.filter(municipality=cast.vefsn).values_list("name", flat=True)) == sorted(
        NAMES
    )
    for activity in ProcessingActivity.objects.filter(municipality=cast.vefsn).prefetch_related("system_links"):
        (version_1,) = activity.history.all()
        assert (version_1.history_type, version_1.version, version_1.history_user) == ("+", 1, cast.editor_vefsn)
        assert version_1.history_change_reason.startswith("Importert fra")
        for link in activity.system_links.all():
            (created,) = link.history.all()
            assert created.history_type == "+" and created.history_user == cast.editor_vefsn
            assert created.history_date <= version_1.history_date  # "as of version 1" includes the links
    assert not ImportDraft.objects.exists()


def test_a_changed_choice_clears_the_stored_preview(cast):
    draft = _previewed(cast)
    assert draft.checked is not None
    answer_step_two(draft)
    assert ImportDraft.objects.get(pk=draft.pk).checked is None


def test_a_name_taken_since_the_preview_refuses_the_whole_commit(cast):
    draft = _previewed(cast)
    taken = service._stored_preview(draft).rows[3]
    save_processing_activity(
        municipality=cast.vefsn,
        actor=cast.leader_vefsn,
        values=taken.values,
        system_use_ids=[],
        processor_ids=[],
        reason="",
    )
    result = commit_draft(draft=draft, actor=cast.editor_vefsn)
    assert not result.ok
    assert "Etter forhåndsvisningen har noen andre opprettet eller endret" in result.problems[0].message
    assert taken.name in result.problems[0].message
    assert list(ProcessingActivity.objects.filter(municipality=cast.vefsn).values_list("name", flat=True)) == [
        taken.name
    ]
    assert ImportDraft.objects.filter(pk=draft.pk).exists()  # the user can look again and commit


def test_an_activity_edited_since_the_preview_refuses_the_whole_commit(cast):
    commit_draft(draft=_previewed(cast), actor=cast.editor_vefsn)
    # The same file with another answer for the law-only basis: those rows are updates of version 1 ...
    draft = start(cast)
    answer_step_two(draft)
    choose_values(
        draft=draft,
        values={"legal_bases": {"skatteforvaltningsloven": "e"}},
        sector_default="",
        sector_from_unit=True,
        new_systems=draft.new_systems,
    )
    assert preview_draft(draft=draft).ok
    draft = ImportDraft.objects.get(pk=draft.pk)
    updated = [row["name"] for row in draft.checked["rows"] if row["status"] == "updated"]
    assert updated
    # ... until someone edits one of them after the preview.
    edited = ProcessingActivity.objects.get(municipality=cast.vefsn, name=updated[0])
    save_processing_activity(
        municipality=cast.vefsn,
        actor=cast.leader_vefsn,
        values={"purposes": "Endret av en annen"},
        system_use_ids=[link.system_use_id for link in edited.system_links.all()],
        processor_ids=[],
        reason="Endret",
        activity=edited,
        expected_version=edited.version,
    )
    versions = dict(ProcessingActivity.objects.values_list("name", "version"))
    result = commit_draft(draft=draft, actor=cast.editor_vefsn)
    assert not result.ok and updated[0] in result.problems[0].message
    assert dict(ProcessingActivity.objects.values_list("name", "version")) == versions


def _commit_queries(cast, municipality, count: int) -> int:
    draft = start_import(
        municipality=municipality, actor=cast.coordinator, content=many_rows_csv(count), filename="mange.csv"
    )
    assert preview_draft(draft=draft).ok
    with CaptureQueriesContext(connection) as commit:
        assert commit_draft(draft=ImportDraft.objects.get(pk=draft.pk), actor=cast.coordinator).ok
    assert ProcessingActivity.objects.filter(municipality=municipality).count() == count
    return len(commit)


def test_the_commit_of_2n_rows_costs_n_rows_more_at_a_bounded_price_each(cast):
    small, large = _commit_queries(cast, cast.vefsn, 40), _commit_queries(cast, cast.rana, 80)
    # A new row is its one insert: the history rows of all new activities are one insert per model, and the
    # stored preview adds no query per row (54 and 96 queries when this was written).
    assert large - small <= 40 + 2
    assert small <= 16 + 40
