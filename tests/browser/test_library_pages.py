"""The template library in the browser: the DPO publishes, Vefsn adopts and takes in a new version; axe on each."""

from playwright.sync_api import expect

from isms.core.models import Template
from isms.protocol.models import ProcessingActivity

from ..core.test_template_library import BUILDING, make_template, publish_new_version
from .conftest import assert_accessible, login

PHONE = {"width": 360, "height": 780}


def no_sideways_scrolling(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


def test_an_editor_adopts_a_group_and_takes_in_part_of_a_new_version(page, cast):
    building = make_template(cast.dpo, title="Byggesaksbehandling")
    make_template(cast.dpo, title="Oppmåling", content={**BUILDING, "purposes": "Oppmålingsforretninger."})
    login(page, cast.editor_vefsn.email, cast.password)

    page.goto(page.base_url + "/m/vefsn/processing/")
    page.get_by_role("link", name="Fra malbiblioteket").click()
    assert_accessible(page)
    page.get_by_role("button", name="Velg alle i denne gruppen").click()
    page.get_by_label("Begrunnelse for endringen").fill("Grunnoppsett av protokollen")
    page.get_by_role("button", name="Ta i bruk de valgte malene").click()
    expect(page.locator("tbody")).to_contain_text("Byggesaksbehandling")
    expect(page.locator("tbody")).to_contain_text("Oppmåling")

    publish_new_version(
        cast.dpo, building, note="Ny hjemmel", national_law="plan- og bygningsloven §§ 20-1 og 21-4", retention="10 år"
    )
    page.goto(page.base_url + "/m/vefsn/templates/updates/")
    assert_accessible(page)
    page.get_by_role("link", name="Se endringene").click()
    expect(page.get_by_text("Ny hjemmel")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Supplerende rettsgrunnlag").check()
    page.get_by_label("Begrunnelse for endringen").fill("Følger personvernombudet")
    page.get_by_role("button", name="Lagre valget").click()
    expect(page.get_by_role("heading", name="Byggesaksbehandling", level=1)).to_be_visible()
    assert_accessible(page)

    record = ProcessingActivity.objects.get(municipality=cast.vefsn, template=building)
    assert (record.template_version, record.national_law, record.retention) == (
        2, "plan- og bygningsloven §§ 20-1 og 21-4", BUILDING["retention"]
    )  # fmt: skip


def test_the_dpo_pages_of_the_library_work_at_phone_width(page, cast):
    template = publish_new_version(cast.dpo, make_template(cast.dpo, title="Byggesaksbehandling"), retention="10 år")
    page.set_viewport_size(PHONE)
    login(page, cast.dpo.email, cast.password)
    for path in (
        "/templates/",
        "/templates/usage/",
        f"/templates/{template.pk}/",
        f"/templates/{template.pk}/compare/",
        f"/templates/{template.pk}/publish/",  # nothing new to publish yet
        f"/templates/{template.pk}/edit/",
        "/templates/new/processing/",
    ):
        page.goto(page.base_url + path)
        no_sideways_scrolling(page)
        assert_accessible(page)

    page.goto(page.base_url + f"/templates/{template.pk}/edit/")
    page.locator("#id_retention").fill("Bevares etter arkivlova.")
    page.get_by_label("Begrunnelse for endringen").fill("Tilbake til arkivlova")
    page.get_by_role("button", name="Lagre utkast").click()
    page.get_by_role("link", name="Publiser").click()
    assert_accessible(page)
    page.get_by_role("button", name="Publiser").click()
    expect(page.locator(".ds-error-summary, .ds-alert").first).to_be_visible()  # a note is required for version 3
    assert_accessible(page)
    assert Template.objects.get(pk=template.pk).published_version == 2


def test_the_checklist_fits_a_phone_and_its_new_version_tag_leads_to_the_changes(page, cast):
    template = make_template(
        cast.dpo, title="Avvik og brudd på personopplysningssikkerheten", content={**BUILDING, "sector": "it"}
    )
    from ..core.test_template_library import adopt

    record = adopt(cast.vefsn, cast.editor_vefsn, template)[0]
    publish_new_version(cast.dpo, template, note="Ny frist", retention="Slettes etter 3 år.")
    page.set_viewport_size(PHONE)
    login(page, cast.editor_vefsn.email, cast.password)
    page.goto(page.base_url + "/m/vefsn/templates/processing/adopt/")
    no_sideways_scrolling(page)
    assert_accessible(page)
    take_in = f"/m/vefsn/templates/processing/{record.pk}/update/"
    link = page.locator(f'a[href="{take_in}"]')
    expect(link).to_contain_text("Ny versjon av malen")
    link.click()
    page.wait_for_url(page.base_url + take_in)
    expect(page.get_by_text("Ny frist")).to_be_visible()
    no_sideways_scrolling(page)
    page.get_by_role("navigation", name="Du er her").get_by_role("link", name=template.title).click()
    expect(page.get_by_role("link", name="Se endringene og velg hva du vil ta inn")).to_be_visible()
    no_sideways_scrolling(page)
    assert_accessible(page)
