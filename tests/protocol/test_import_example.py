"""A newcomer downloads the example protocol from the import page and takes it through the three steps: the
only question is what "Kan forekomme" means, and the systems it names link to the catalogue by name or alias."""

import io

import openpyxl
import pytest
from django.urls import reverse

from isms.protocol.importing.service import choose_values, commit_draft, preview_draft, start_import
from isms.protocol.importing.values import REVIEW
from isms.protocol.models import ProcessingActivity, System
from isms.protocol.services import save_catalogue_entry

pytestmark = pytest.mark.django_db


def test_the_import_page_offers_an_example_that_imports_after_one_answer(client_for, cast):
    client = client_for(cast.editor_vefsn)
    page = client.get(reverse("protocol:import_upload", args=["vefsn"])).content.decode()
    url = reverse("protocol:import_example", args=["vefsn"])
    assert f'href="{url}"' in page and "Last ned et eksempel" in page
    response = client.get(url)
    assert response.status_code == 200 and "behandlingsprotokoll-eksempel.xlsx" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Behandlingsprotokoll for Vefsn (eksempel)"

    save_catalogue_entry(model=System, actor=cast.coordinator, values={"name": "Visma Flyt Skole",
                         "aliases": "Flyt Skole"}, reason="")  # fmt: skip
    draft = start_import(municipality=cast.vefsn, actor=cast.editor_vefsn, content=response.content,
                         filename="behandlingsprotokoll-eksempel.xlsx")  # fmt: skip
    assert draft.header_row == 3
    preview = preview_draft(draft=draft)
    assert [(unknown.field, unknown.text) for unknown in preview.unknowns] == [("special_categories", "Kan forekomme")]
    choose_values(draft=draft, values={"special_categories": {preview.unknowns[0].key: REVIEW}}, sector_default="",
                  sector_from_unit=True, new_systems=[])  # fmt: skip
    result = commit_draft(draft=draft, actor=cast.editor_vefsn)
    assert result.ok and len(result.created) == 7, result.problems
    school = ProcessingActivity.objects.get(municipality=cast.vefsn, name="Elevadministrasjon")
    assert school.follow_up == "special_categories" and school.sector == "education"
    assert [link.system_use.system.name for link in school.system_links.all()] == ["Visma Flyt Skole"]
    assert ProcessingActivity.objects.get(name="Byggesaksbehandling").national_law == "plan- og bygningsloven § 20-1"
