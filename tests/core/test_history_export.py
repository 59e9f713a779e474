"""An object's history leaves the app for an audit as CSV and PDF: who, when, why, field, old → new,
with the history page's access and a constant number of queries."""

import csv
import io

import pytest
from django.urls import reverse

from isms.core.services import update_municipality
from isms.protocol.models import Vendor
from isms.protocol.services import save_catalogue_entry

from ..downloads import body
from ..pdf_text import pdf_pages
from .test_history import _edit


@pytest.fixture
def edited_vefsn(cast):
    _edit(cast.vefsn, cast.coordinator, "Nye tall fra SSB", population=13500)
    _edit(cast.vefsn, cast.coordinator, "Meldt inn i KINS", kins_member=True)
    return cast


def _url(cast, export_format: str) -> str:
    return reverse("core:municipal_history_export", args=["vefsn", "municipality", cast.vefsn.pk, export_format])


def test_the_csv_has_a_row_per_changed_field_with_who_when_and_why(client_for, edited_vefsn):
    response = client_for(edited_vefsn.viewer_vefsn).get(_url(edited_vefsn, "csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="historikk-vefsn-')
    rows = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Versjon", "Når", "Hvem", "Begrunnelse", "Type endring", "Felt", "Før", "Etter"]
    by_reason = {row[3]: row for row in rows[1:]}
    population = by_reason["Nye tall fra SSB"]
    assert population[0] == "2" and population[2] == str(edited_vefsn.coordinator.display_name)
    assert population[4:] == ["Endret", "Innbyggertall", "13408", "13500"]
    assert by_reason["Meldt inn i KINS"][4:] == ["Endret", "KINS-medlem", "Nei", "Ja"]
    assert rows[1][0] == "3"  # newest first
    assert len(rows[1][1]) == len("03.12.2026 14:05")  # dd.mm.yyyy hh:mm, Oslo time


def test_the_pdf_tells_each_version_with_its_changes(client_for, edited_vefsn):
    response = client_for(edited_vefsn.dpo).get(_url(edited_vefsn, "pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_pages(response.content))
    assert "Historikk for Vefsn" in text and "3 versjoner" in text
    assert "Versjon 2" in text and "Begrunnelse: Nye tall fra SSB" in text
    assert "Innbyggertall" in text and "13408" in text and "13500" in text


def test_a_cooperation_object_exports_its_history_too(client_for, cast):
    vendor, _created = save_catalogue_entry(model=Vendor, actor=cast.coordinator, values={"name": "Visma"}, reason="")
    save_catalogue_entry(
        model=Vendor, actor=cast.coordinator, values={"name": "Visma Enterprise"}, reason="Nytt navn",
        entry=vendor, expected_version=vendor.version,
    )  # fmt: skip
    url = reverse("core:cooperation_history_export", args=["vendor", vendor.pk, "csv"])
    content = body(client_for(cast.editor_rana).get(url)).decode("utf-8-sig")
    assert "Nytt navn" in content and "Visma;Visma Enterprise" in content


def test_an_unknown_format_or_another_tenant_answers_404(client_for, edited_vefsn):
    assert client_for(edited_vefsn.viewer_vefsn).get(_url(edited_vefsn, "docx")).status_code == 404
    assert client_for(edited_vefsn.editor_rana).get(_url(edited_vefsn, "csv")).status_code == 404
    assert client_for(edited_vefsn.editor_rana).get(_url(edited_vefsn, "pdf")).status_code == 404


@pytest.mark.parametrize("edits", [2, 20])
@pytest.mark.parametrize("export_format", ["csv", "pdf"])
def test_the_export_runs_a_constant_number_of_queries(
    client_for, cast, django_assert_max_num_queries, edits, export_format
):
    for number in range(edits):
        cast.vefsn.refresh_from_db()
        update_municipality(
            municipality=cast.vefsn, actor=cast.coordinator, values={"population": 13000 + number},
            expected_version=cast.vefsn.version, reason=f"Endring {number}",
        )  # fmt: skip
    client = client_for(cast.viewer_vefsn)
    with django_assert_max_num_queries(8):
        assert client.get(_url(cast, export_format)).status_code == 200
