"""A large import stays bounded: the preview reads the database a fixed number of times whatever the file's
length, and the commit writes each row with a small fixed number of queries, its history row included."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from isms.protocol.importing.service import choose_values, commit_draft, preview_draft, start_import
from isms.protocol.models import ProcessingActivity, System
from isms.protocol.services import save_catalogue_entry
from tests.protocol.test_import_bad_files import HEAD, ROW

pytestmark = pytest.mark.django_db


def _file(count: int, systems: bool) -> bytes:
    heading = [*HEAD, "System"] if systems else HEAD
    lines = [";".join(heading)]
    for n in range(count):
        cells = [f"Behandling {n}", *ROW[1:]]
        lines.append(";".join([*cells, "gerica" if n % 2 else "Gerica, Visma Flyt"] if systems else cells))
    return "\r\n".join(lines).encode("cp1252")


def _queries(cast, municipality, count: int, *, systems: bool) -> tuple[int, int]:
    draft = start_import(municipality=municipality, actor=cast.coordinator, content=_file(count, systems),
                         filename="mange.csv")  # fmt: skip
    choose_values(draft=draft, values={}, sector_default="", sector_from_unit=True, new_systems=["Visma Flyt"])
    with CaptureQueriesContext(connection) as preview:
        assert preview_draft(draft=draft).ok
    with CaptureQueriesContext(connection) as commit:
        assert commit_draft(draft=draft, actor=cast.coordinator).ok
    assert ProcessingActivity.objects.filter(municipality=municipality).count() == count
    return len(preview), len(commit)


@pytest.mark.parametrize(("systems", "per_row"), [(False, 2), (True, 10)])
def test_preview_is_constant_and_commit_linear_with_a_small_constant(cast, systems, per_row):
    if systems:
        save_catalogue_entry(model=System, actor=cast.coordinator, values={"name": "Gerica"}, reason="")
    preview_small, commit_small = _queries(cast, cast.vefsn, 20, systems=systems)
    preview_large, commit_large = _queries(cast, cast.rana, 200, systems=systems)
    assert preview_small == preview_large <= 6
    # New rows: the insert and its history row; with two systems linked, their link rows and histories, the
    # activity's version 1 written after its links, and the check that the links are the municipality's own.
    assert (commit_large - commit_small) / 180 <= per_row
    assert commit_small <= 30 + per_row * 20


def test_importing_the_same_file_again_writes_no_row(cast):
    save_catalogue_entry(model=System, actor=cast.coordinator, values={"name": "Gerica"}, reason="")
    _queries(cast, cast.vefsn, 200, systems=True)
    draft = start_import(municipality=cast.vefsn, actor=cast.coordinator, content=_file(200, True), filename="b.csv")
    with CaptureQueriesContext(connection) as commit:
        result = commit_draft(draft=draft, actor=cast.coordinator)
    assert result.ok and len(result.unchanged) == 200
    assert len(commit) <= 16, [query["sql"][:80] for query in commit.captured_queries]
