"""An editor keeps Vefsn's behandlingsprotokoll in the browser: create, find, import, agreements; axe on each."""

from playwright.sync_api import expect

from isms.protocol.models import System, SystemUse, Vendor

from .conftest import assert_accessible, login

CSV = (
    "Behandling;Sektor;Formål;Behandlingsgrunnlag;Hjemmel;Kategorier av registrerte;"
    "Kategorier av personopplysninger;Mottakere;Sletting;Sikkerhetstiltak\r\n"
    "Barnehageopptak;Oppvekst;Tildele plass;e;barnehageloven § 16;Barn, foresatte;Navn;Barnehager;5 år;Tilgang\r\n"
).encode("cp1252")


def test_editor_creates_a_processing_activity_and_finds_it_flagged(page, cast):
    husbanken = Vendor.objects.create(name="Husbanken")
    SystemUse.objects.create(municipality=cast.vefsn, system=System.objects.create(name="KOBO", vendor=husbanken))
    login(page, cast.editor_vefsn.email, cast.password)
    page.goto(page.base_url + "/m/vefsn/processing/")
    assert_accessible(page)

    with page.expect_navigation():
        page.get_by_role("link", name="Ny behandling").click()
    assert_accessible(page)
    page.locator("#id_name").fill("Startlån")
    page.locator("#id_sector").select_option(label="NAV og sosiale tjenester")
    page.locator("#id_purposes").fill("Behandle søknader om startlån")
    page.get_by_label("c) Rettslig forpliktelse").check()
    page.locator("#id_national_law").fill("husbankloven")
    page.locator("#id_data_subject_categories").fill("Søkere")
    page.locator("#id_personal_data_categories").fill("Navn, inntekt")
    page.locator("#id_retention").fill("Arkivlova")
    page.get_by_label("KOBO").check()
    page.get_by_label("Husbanken").check()
    page.get_by_role("button", name="Lagre").click()

    expect(page.get_by_role("heading", name="Startlån", level=1)).to_be_visible()
    expect(page.get_by_text("En databehandler brukes uten en signert databehandleravtale")).to_be_visible()
    assert_accessible(page)

    page.goto(page.base_url + "/m/vefsn/processing/?attention=agreement")
    expect(page.locator("tbody tr")).to_have_count(1)
    expect(page.locator("tbody")).to_contain_text("DBA mangler")


def test_editor_imports_a_csv_after_the_preview(page, cast, tmp_path):
    login(page, cast.editor_vefsn.email, cast.password)
    page.goto(page.base_url + "/m/vefsn/processing/import/")
    assert_accessible(page)
    upload = tmp_path / "protokoll.csv"
    upload.write_bytes(CSV)
    page.locator("#id_file").set_input_files(str(upload))
    page.get_by_role("button", name="Last opp og gå videre").click()
    page.get_by_role("button", name="Neste: verdier").click()
    page.get_by_role("button", name="Neste: forhåndsvisning").click()
    expect(page.get_by_text("Klar: 1 nye, 0 oppdatert, 0 uendret.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Importer 1 rad").click()
    expect(page.locator(".messages")).to_contain_text("Importen er fullført: 1 nye")
    expect(page.locator("tbody")).to_contain_text("Barnehageopptak")


def test_agreements_and_catalogue_pages_are_accessible(page, cast):
    Vendor.objects.create(name="Sikri AS")
    login(page, cast.coordinator.email, cast.password)
    for path in ("/m/vefsn/agreements/", "/catalogue/", "/catalogue/joint-agreements/", "/m/vefsn/systems/"):
        page.goto(page.base_url + path)
        assert_accessible(page)
    login(page, cast.editor_vefsn.email, cast.password)
    page.goto(page.base_url + "/m/vefsn/agreements/new/")
    assert_accessible(page)
    page.locator("#id_vendor").select_option(label="Sikri AS")
    page.locator("#id_title").fill("Databehandleravtale Elements")
    page.locator("#id_status").select_option(label="Signert")
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator("#id_signed_on_error")).to_contain_text("Oppgi datoen avtalen ble signert")
    assert_accessible(page)


# Words of the page's headings that the browser laid out over two lines. The test browser has no bokmål
# hyphenation dictionary, so a word on two lines is one broken mid-word without a hyphen.
WORDS_ON_TWO_LINES = """() => {
  const broken = [];
  for (const heading of document.querySelectorAll("h1, h2, h3")) {
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        if (new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


def test_headings_keep_whole_words_on_a_360_px_screen(page, cast):
    login(page, cast.editor_vefsn.email, cast.password)
    page.set_viewport_size({"width": 360, "height": 800})
    for path in ("/m/vefsn/processing/", "/m/vefsn/agreements/", "/m/vefsn/systems/", "/m/vefsn/processing/import/"):
        page.goto(page.base_url + path)
        assert page.evaluate(WORDS_ON_TWO_LINES) == [], path
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), path


def _flagged_activity(cast):
    """A record with a long name, a reference, a processor without DPA and an overdue review."""
    import datetime

    from isms.protocol.services import save_processing_activity

    values = {
        "name": "Lønnsutbetaling for folkevalgte og ansatte i kommunale foretak og interkommunale selskap",
        "reference": "PER-2024-017",
        "record_type": "processor",
        "controller_name": "Vefsn kirkelige fellesråd",
        "sector": "administration",
        "purposes": "Utbetale lønn",
        "legal_bases": ["b", "c", "e"],
        "national_law": "skatteforvaltningsloven",
        "data_subject_categories": "Ansatte",
        "personal_data_categories": "Navn, kontonummer",
        "retention": "5 år",
        "next_review": datetime.date(2024, 1, 1),
    }
    vendor = Vendor.objects.create(name="Visma Enterprise AS")
    save_processing_activity(
        municipality=cast.vefsn, actor=cast.editor_vefsn, values=values, system_use_ids=[], processor_ids=[vendor.pk],
        reason="",
    )  # fmt: skip


def test_protocol_list_fits_the_page_at_1280_px_with_the_flags_in_view(page, cast):
    _flagged_activity(cast)
    login(page, cast.viewer_vefsn.email, cast.password)
    page.goto(page.base_url + "/m/vefsn/processing/")
    region = page.locator(".table-scroll")
    assert region.evaluate("element => element.scrollWidth <= element.clientWidth")
    flags = page.locator("thead th").nth(1)
    expect(flags).to_have_text("Trenger oppfølging")
    assert flags.bounding_box()["x"] + flags.bounding_box()["width"] <= region.bounding_box()["x"] + 1120
    expect(page.locator("tbody tr").first).to_contain_text("DBA mangler")
    expect(page.locator("tbody tr").first).to_contain_text("Ref. PER-2024-017")


def test_protocol_list_is_one_card_per_row_at_360_px(page, cast):
    _flagged_activity(cast)
    login(page, cast.viewer_vefsn.email, cast.password)
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(page.base_url + "/m/vefsn/processing/")
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert page.locator(".table-scroll").evaluate("element => element.scrollWidth <= element.clientWidth")
    flags = page.locator("tbody tr").first.locator("td").nth(1)
    expect(flags).to_contain_text("DBA mangler")
    # Compact cards: each cell reads "label: value".
    assert flags.evaluate("cell => getComputedStyle(cell, '::before').content") == '"Trenger oppfølging: "'
    page.get_by_role("link", name="Sektor").click()  # the sortable headings stay usable
    expect(page.locator("th[aria-sort='ascending']")).to_contain_text("Sektor")
    assert_accessible(page)
