"""An editor brings the municipality's own spreadsheet through the three import steps, at desk and phone width."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from isms.protocol.models import ProcessingActivity
from tests.protocol.import_files import municipal_protocol

from .conftest import assert_accessible, login

SHOTS = os.environ.get("IMPORT_SCREENSHOTS")  # a folder to keep screenshots in, for looking at them


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


@pytest.mark.parametrize("width", [1280, 390])
def test_editor_maps_values_and_imports_the_municipal_protocol(page, cast, tmp_path, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, cast.editor_vefsn.email, cast.password)
    page.goto(page.base_url + "/m/vefsn/processing/import/")
    assert_accessible(page)
    shot(page, f"{width}-0-upload")
    upload = tmp_path / "protokoll.xlsx"
    upload.write_bytes(municipal_protocol())
    page.locator("#id_file").set_input_files(str(upload))
    page.get_by_role("button", name="Last opp og gå videre").click()

    expect(page.get_by_text("Overskriftene står på rad 4; 2 tittelrader over dem hoppes over.")).to_be_visible()
    expect(page.get_by_label("Kolonne C «Formålet med behandlingen»")).to_have_value("purposes")
    expect(page.get_by_label("Kolonne P «Kommentar»")).to_have_value("")
    assert_accessible(page)
    shot(page, f"{width}-1-columns")
    page.get_by_role("button", name="Neste: verdier").click()

    expect(page.get_by_text("Brukt i 1 rad (15).")).to_be_visible()
    page.get_by_label("«skatteforvaltningsloven»").select_option("c")
    page.get_by_label("«Kan forekomme»").select_option("__review__")
    assert_accessible(page)
    shot(page, f"{width}-2-values")
    page.get_by_role("button", name="Neste: forhåndsvisning").click()

    expect(page.get_by_text("Klar: 10 nye, 0 oppdatert, 0 uendret.")).to_be_visible()
    expect(page.get_by_text("Trenger oppfølging: Særlige kategorier")).to_be_visible()
    assert not ProcessingActivity.objects.exists()
    assert_accessible(page)
    shot(page, f"{width}-3-preview")
    page.get_by_role("button", name="Importer 10 rader").click()

    expect(page.locator(".messages")).to_contain_text("Importen er fullført: 10 nye")
    expect(page.locator("tbody")).to_contain_text("Trenger oppfølging")
    assert_accessible(page)
    shot(page, f"{width}-4-list")
    page.get_by_role("link", name="Elevadministrasjon").click()
    expect(page.get_by_text("Trenger oppfølging etter importen: særlige kategorier (art. 9)")).to_be_visible()
    assert_accessible(page)
    shot(page, f"{width}-5-detail")
