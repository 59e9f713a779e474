"""The template library: the DPO keeps versioned templates; editors adopt them and take in new versions."""

import pytest
from django.urls import reverse

from isms.core.library.kinds import get_kind
from isms.core.library.services import adopt_templates, publish_template, save_template
from isms.core.models import Template, TemplateVersion
from isms.protocol.models import ProcessingActivity, System, SystemUse, Vendor

BUILDING = {
    "sector": "technical",
    "responsible_unit": "Byggesak",
    "purposes": "Behandle søknader om tillatelse til tiltak.",
    "legal_bases": ["c", "e"],
    "national_law": "plan- og bygningsloven kap. 20",
    "data_subject_categories": "Tiltakshavere, ansvarlige foretak, naboer",
    "personal_data_categories": "Navn, adresse, gårds- og bruksnummer",
    "recipients": "Naboer (nabovarsel), Kartverket",
    "retention": "Bevares etter arkivlova.",
    "security_measures": "Tilgangsstyring i sak/arkiv.",
    "systems": ["Elements"],
}


def form_data(content: dict, **overrides) -> dict:
    """A template form as the browser posts it (lists stay lists, False is left out)."""
    data = {"title": "Byggesak", "description": "", "expected_version": 1, "change_reason": ""}
    for name, value in content.items():
        if value is False:
            continue
        data[name] = ", ".join(value) if name == "systems" else value
    data.update(overrides)
    return data


def make_template(actor, title="Byggesak", content=None, publish=True, **values) -> Template:
    kind = get_kind("processing")
    cleaned, errors = kind.clean_content(content or BUILDING)
    assert not errors, errors
    template, _changed = save_template(
        kind=kind,
        actor=actor,
        values={"title": title, "description": "", "is_joint": False, **values},
        content=cleaned,
        reason="",
    )
    if publish:
        publish_template(template=template, actor=actor, change_note="", expected_version=template.version)
        template.refresh_from_db()
    return template


def publish_new_version(actor, template: Template, note: str = "Oppdatert", **changes) -> Template:
    template.refresh_from_db()
    save_template(
        kind=get_kind("processing"),
        actor=actor,
        values={"title": template.title, "description": template.description, "is_joint": template.is_joint},
        content={**template.content, **changes},
        reason=note,
        template=template,
        expected_version=template.version,
    )
    template.refresh_from_db()
    publish_template(template=template, actor=actor, change_note=note, expected_version=template.version)
    template.refresh_from_db()
    return template


def adopt(municipality, actor, *templates) -> list[ProcessingActivity]:
    return adopt_templates(
        kind=get_kind("processing"), municipality=municipality, templates=list(templates), actor=actor
    ).created


@pytest.fixture
def elements(cast):
    vendor = Vendor.objects.create(name="Sikri AS", country="NO")
    system = System.objects.create(name="Elements", vendor=vendor)
    return SystemUse.objects.create(municipality=cast.vefsn, system=system)


# Keeping templates ---------------------------------------------------------------------------------


def test_the_dpo_drafts_publishes_and_republishes_a_template_keeping_every_version(client_for, cast):
    client = client_for(cast.dpo)
    response = client.post(reverse("library:template_create", args=["processing"]), form_data(BUILDING))
    template = Template.objects.get(title="Byggesak")
    assert response.status_code == 302
    assert (template.published_version, template.content["systems"]) == (0, ["Elements"])

    client.post(reverse("library:template_publish", args=[template.pk]), {"expected_version": 1, "change_note": ""})
    template.refresh_from_db()
    assert template.published_version == 1 and not template.has_unpublished_changes

    changed = form_data(BUILDING, expected_version=template.version, change_reason="Ny hjemmel")
    changed["national_law"] = "plan- og bygningsloven §§ 20-1 og 21-4"
    client.post(reverse("library:template_edit", args=[template.pk]), changed)
    template.refresh_from_db()
    assert template.has_unpublished_changes

    response = client.post(
        reverse("library:template_publish", args=[template.pk]),
        {"expected_version": template.version, "change_note": "Hjemmelen presisert"},
    )
    assert response.status_code == 302
    versions = list(TemplateVersion.objects.filter(template=template).order_by("number"))
    assert [(v.number, v.content["national_law"]) for v in versions] == [
        (1, "plan- og bygningsloven kap. 20"),
        (2, "plan- og bygningsloven §§ 20-1 og 21-4"),
    ]
    assert versions[1].change_note == "Hjemmelen presisert"
    assert versions[1].published_by == cast.dpo

    compare = client_for(cast.editor_vefsn).get(reverse("library:template_compare", args=[template.pk]))
    html = compare.content.decode()
    assert "plan- og bygningsloven kap. 20" in html and "§§ 20-1 og 21-4" in html
    assert "Hjemmelen presisert" in html


def test_a_new_template_gets_a_readable_key_from_its_norwegian_title(cast):
    first = make_template(cast.dpo, title="Bostøtte og særlige tiltak på Årstad", publish=False)
    second = make_template(cast.dpo, title="Bostøtte og særlige tiltak på Årstad!", publish=False)
    assert (first.key, second.key) == (
        "bostotte-og-saerlige-tiltak-pa-arstad",
        "bostotte-og-saerlige-tiltak-pa-arstad-2",
    )


@pytest.mark.django_db
def test_publishing_an_unchanged_template_is_refused_and_makes_no_version(client_for, cast):
    template = make_template(cast.dpo)
    response = client_for(cast.dpo).post(
        reverse("library:template_publish", args=[template.pk]),
        {"expected_version": template.version, "change_note": "Ingen endring"},
    )
    assert response.status_code == 400
    assert "Malen er uendret siden versjon 1" in response.content.decode()
    assert template.versions.count() == 1


def test_the_publish_page_of_an_unchanged_draft_says_so_and_offers_no_publish_button(client_for, cast):
    template = make_template(cast.dpo)
    response = client_for(cast.dpo).get(reverse("library:template_publish", args=[template.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Malen er uendret siden versjon 1" in html
    assert "Publiser som versjon 2" not in html and "Ingen forskjeller" not in html
    assert 'name="change_note"' not in html and ">Publiser</button>" not in html
    assert reverse("library:template_edit", args=[template.pk]) in html


def test_a_new_version_needs_a_note_on_what_changed(client_for, cast):
    template = make_template(cast.dpo)
    template.refresh_from_db()
    save_template(
        kind=get_kind("processing"),
        actor=cast.dpo,
        values={"title": "Byggesak", "description": "", "is_joint": False},
        content={**template.content, "retention": "Bevares for alltid"},
        reason="Retting",
        template=template,
        expected_version=template.version,
    )
    template.refresh_from_db()
    response = client_for(cast.dpo).post(
        reverse("library:template_publish", args=[template.pk]), {"expected_version": template.version}
    )
    assert response.status_code == 400
    assert "Beskriv hva som er endret" in response.content.decode()
    assert template.versions.count() == 1


def test_a_draft_that_breaks_a_rule_is_not_published_and_the_error_names_the_fields_label(client_for, cast):
    template = make_template(cast.dpo, publish=False)
    # a draft saved under older rules, say: the service takes content as already cleaned
    save_template(
        kind=get_kind("processing"), actor=cast.dpo, values={"title": "Byggesak", "description": "", "is_joint": False},
        content={**template.content, "purposes": ""}, reason="", template=template, expected_version=template.version,
    )  # fmt: skip
    template.refresh_from_db()
    response = client_for(cast.dpo).post(
        reverse("library:template_publish", args=[template.pk]), {"expected_version": template.version}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "<li>Formål: Feltet er påkrevet.</li>" in html and "purposes:" not in html
    assert not template.versions.exists()


def test_a_template_with_errors_is_not_saved_and_the_form_keeps_what_was_typed(client_for, cast):
    content = {**BUILDING, "legal_bases": ["e"], "national_law": "", "special_categories": ["health"]}
    response = client_for(cast.coordinator).post(
        reverse("library:template_create", args=["processing"]), form_data(content, title="Helsetjenester")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Oppgi loven og paragrafen" in html  # national law for e)
    assert "Særlige kategorier krever et grunnlag i art. 9 nr. 2" in html
    assert "Helsetjenester" in html and "Tiltakshavere, ansvarlige foretak" in html
    assert not Template.objects.exists()


def test_two_people_editing_one_draft_the_second_sees_the_first_ones_change(client_for, cast):
    template = make_template(cast.dpo, publish=False)
    first = form_data(BUILDING, expected_version=1, purposes="Første persons formål")
    second = form_data(BUILDING, expected_version=1, purposes="Andre persons formål")
    assert client_for(cast.dpo).post(reverse("library:template_edit", args=[template.pk]), first).status_code == 302
    response = client_for(cast.coordinator).post(reverse("library:template_edit", args=[template.pk]), second)
    assert response.status_code == 409
    assert "Første persons formål" in response.content.decode()
    template.refresh_from_db()
    assert template.content["purposes"] == "Første persons formål"


def test_editors_read_published_templates_but_cannot_change_them(client_for, cast):
    template = make_template(cast.dpo)
    draft = make_template(cast.dpo, title="Ikke ferdig", publish=False)
    editor = client_for(cast.editor_vefsn)
    listing = editor.get(reverse("library:template_list")).content.decode()
    assert "Byggesak" in listing and "Ikke ferdig" not in listing
    assert editor.get(reverse("library:template_detail", args=[template.pk])).status_code == 200
    assert editor.get(reverse("library:template_detail", args=[draft.pk])).status_code == 404
    assert editor.get(reverse("library:template_edit", args=[template.pk])).status_code == 403
    response = editor.post(
        reverse("library:template_publish", args=[draft.pk]), {"expected_version": 1, "change_note": ""}
    )
    assert response.status_code == 403
    assert Template.objects.get(pk=draft.pk).published_version == 0


# Adopting ------------------------------------------------------------------------------------------


def test_an_editor_adopts_several_templates_at_once_and_each_remembers_its_version(client_for, cast, elements):
    building = make_template(cast.dpo)
    wages = make_template(
        cast.dpo,
        title="Lønn og personal",
        content={
            **BUILDING,
            "sector": "administration",
            "legal_bases": ["b", "c"],
            "national_law": "a-opplysningsloven",
        },
    )
    client = client_for(cast.editor_vefsn)
    checklist = client.get(reverse("library:adopt", args=["vefsn", "processing"])).content.decode()
    assert "Teknisk og byggesak" in checklist and "Administrasjon og personal" in checklist

    response = client.post(
        reverse("library:adopt", args=["vefsn", "processing"]), {"templates": [building.pk, wages.pk]}
    )
    assert response.status_code == 302
    records = {r.name: r for r in ProcessingActivity.objects.filter(municipality=cast.vefsn)}
    assert set(records) == {"Byggesak", "Lønn og personal"}
    assert (records["Byggesak"].template, records["Byggesak"].template_version) == (building, 1)
    assert [link.system_use for link in records["Byggesak"].system_links.all()] == [elements]
    assert records["Byggesak"].history.latest().history_change_reason == "Tatt i bruk fra malen Byggesak, versjon 1"

    again = client.get(reverse("library:adopt", args=["vefsn", "processing"])).content.decode()
    assert "Tatt i bruk (versjon 1)" in again


def test_adopting_twice_is_refused_and_adoption_is_all_or_nothing(client_for, cast):
    building = make_template(cast.dpo)
    culture = make_template(cast.dpo, title="Kulturskole", content={**BUILDING, "sector": "culture"})
    adopt(cast.vefsn, cast.editor_vefsn, building)
    response = client_for(cast.editor_vefsn).post(
        reverse("library:adopt", args=["vefsn", "processing"]), {"templates": [culture.pk, building.pk]}
    )
    assert response.status_code == 400
    assert "Allerede tatt i bruk i kommunen: Byggesak" in response.content.decode()
    assert not ProcessingActivity.objects.filter(name="Kulturskole").exists()
    assert ProcessingActivity.objects.filter(municipality=cast.vefsn, name="Byggesak").count() == 1


def test_an_own_record_with_the_same_name_is_linked_to_the_template_not_duplicated(cast):
    from isms.protocol.services import save_processing_activity

    own, _ = save_processing_activity(
        municipality=cast.vefsn,
        actor=cast.editor_vefsn,
        values={
            "name": "Byggesak", "sector": "technical", "purposes": "Vår egen tekst", "legal_bases": ["e"],
            "national_law": "pbl", "data_subject_categories": "Søkere", "personal_data_categories": "Navn",
            "retention": "Arkivlova",
        },
        system_use_ids=[], processor_ids=[], reason="",
    )  # fmt: skip
    template = make_template(cast.dpo)
    result = adopt_templates(
        kind=get_kind("processing"), municipality=cast.vefsn, templates=[template], actor=cast.editor_vefsn
    )
    own.refresh_from_db()
    assert (result.created, result.linked) == ([], [own])
    assert (own.template, own.template_version, own.purposes) == (template, 1, "Vår egen tekst")


def test_a_joint_assessment_is_adopted_only_by_its_participants(client_for, cast):
    template = make_template(cast.coordinator, title="Startlån i KOBO", is_joint=True)
    from isms.core.library.services import _sync_participants  # the form's participants field calls this

    _sync_participants(template, [cast.vefsn], actor=cast.coordinator, reason="KOBO-kommunene")
    checklist = client_for(cast.editor_rana).get(reverse("library:adopt", args=["rana", "processing"]))
    assert "Bare for kommunene som deltar" in checklist.content.decode()
    response = client_for(cast.editor_rana).post(
        reverse("library:adopt", args=["rana", "processing"]), {"templates": [template.pk]}
    )
    assert response.status_code == 400
    assert not ProcessingActivity.objects.filter(municipality=cast.rana).exists()
    assert (
        client_for(cast.editor_vefsn)
        .post(reverse("library:adopt", args=["vefsn", "processing"]), {"templates": [template.pk]})
        .status_code
        == 302
    )

    detail = client_for(cast.coordinator).get(reverse("library:template_detail", args=[template.pk]))
    assert "Vefsn" in detail.content.decode()


# Taking in a newer version ---------------------------------------------------------------------------


@pytest.fixture
def adopted(cast):
    """Vefsn adopted version 1 and adapted the retention; version 2 changes the retention and the law."""
    template = make_template(cast.dpo)
    record = adopt(cast.vefsn, cast.editor_vefsn, template)[0]
    from isms.protocol.services import save_processing_activity

    record, _ = save_processing_activity(
        municipality=cast.vefsn, actor=cast.editor_vefsn, values={"retention": "Vår bevaringsplan"},
        system_use_ids=[], processor_ids=[], reason="Lokal bevaringsplan", activity=record,
        expected_version=record.version,
    )  # fmt: skip
    publish_new_version(
        cast.dpo,
        template,
        note="Ny hjemmel og sletteregel",
        retention="Bevares etter arkivlova; kopier slettes etter vedtak.",
        national_law="plan- og bygningsloven §§ 20-1 og 21-4",
    )
    record.refresh_from_db()
    return record


def test_the_record_shows_a_new_template_version_and_the_diff_against_its_own_text(client_for, cast, adopted):
    record = adopted
    detail = client_for(cast.viewer_vefsn).get(reverse("protocol:processing_detail", args=["vefsn", record.pk]))
    assert "Ny versjon av malen: versjon 2." in detail.content.decode()
    listing = client_for(cast.editor_vefsn).get(reverse("protocol:processing_list", args=["vefsn"]))
    assert "har fått ny versjon av malen" in listing.content.decode()

    page = client_for(cast.editor_vefsn).get(reverse("library:take_in", args=["vefsn", "processing", record.pk]))
    html = page.content.decode()
    assert "Ny hjemmel og sletteregel" in html
    assert "Vår bevaringsplan" in html and "Tilpasset lokalt" in html
    assert "plan- og bygningsloven §§ 20-1 og 21-4" in html
    assert "Tiltakshavere" not in html  # unchanged fields are not offered


def test_the_records_template_links_are_apart_and_the_take_in_page_leads_back_to_the_record(client_for, cast, adopted):
    record_url = reverse("protocol:processing_detail", args=["vefsn", adopted.pk])
    take_in = reverse("library:take_in", args=["vefsn", "processing", adopted.pk])
    client = client_for(cast.editor_vefsn)
    detail = client.get(record_url).content.decode()
    for href in (take_in, reverse("library:template_detail", args=[adopted.template_id])):
        assert f'<li><a class="ds-link" href="{href}">' in detail  # one link per item, not run together

    page = client.get(take_in).content.decode()
    start = page.index('<nav class="ds-breadcrumbs"')
    breadcrumbs = page[start : page.index("</nav>", start)]
    assert f'<a class="ds-link" href="{record_url}">Byggesak</a>' in breadcrumbs
    assert page.index("Lagrer du uten å velge") < page.index(">Lagre valget</button>")


def test_the_checklists_new_version_tag_links_to_the_records_take_in_page(client_for, cast, adopted):
    html = client_for(cast.editor_vefsn).get(reverse("library:adopt", args=["vefsn", "processing"])).content.decode()
    take_in = reverse("library:take_in", args=["vefsn", "processing", adopted.pk])
    link = html[html.index(f'<a class="ds-link" href="{take_in}"') :]
    assert link.index("Ny versjon av malen") < link.index("</a>")


def test_taking_in_some_changes_keeps_the_rest_and_says_which_in_the_history(client_for, cast, adopted):
    record = adopted
    response = client_for(cast.editor_vefsn).post(
        reverse("library:take_in", args=["vefsn", "processing", record.pk]),
        {"expected_version": record.version, "fields_taken": ["national_law"], "change_reason": "Ny hjemmel"},
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.national_law == "plan- og bygningsloven §§ 20-1 og 21-4"
    assert record.retention == "Vår bevaringsplan"
    assert record.template_version == 2
    reason = record.history.latest().history_change_reason
    assert reason.startswith("Ny hjemmel (Malversjon 1 → 2.")
    assert "Tatt inn: Supplerende rettsgrunnlag." in reason and "Beholdt lokalt: Lagringstid og sletting." in reason


def test_taking_in_nothing_records_the_choice_and_keeps_every_local_text(cast, adopted):
    from isms.core.library.services import take_in_template_version

    record = adopted
    before = (record.national_law, record.retention)
    take_in_template_version(
        kind=get_kind("processing"), record=record, fields=[], actor=cast.editor_vefsn,
        reason="Vurdert, passer ikke for oss", expected_version=record.version,
    )  # fmt: skip
    record.refresh_from_db()
    assert (record.national_law, record.retention) == before
    assert record.template_version == 2
    assert (
        "Beholdt lokalt: Supplerende rettsgrunnlag, Lagringstid og sletting."
        in record.history.latest().history_change_reason
    )


def test_taking_in_without_a_reason_is_refused(client_for, cast, adopted):
    record = adopted
    response = client_for(cast.editor_vefsn).post(
        reverse("library:take_in", args=["vefsn", "processing", record.pk]),
        {"expected_version": record.version, "fields_taken": ["retention"], "change_reason": ""},
    )
    assert response.status_code == 400
    assert "Forklar hvorfor" in response.content.decode()
    record.refresh_from_db()
    assert record.template_version == 1


def test_taking_in_changes_into_a_record_edited_meanwhile_shows_a_conflict(client_for, cast, adopted):
    from isms.protocol.services import save_processing_activity

    record = adopted
    opened_at = record.version
    save_processing_activity(
        municipality=cast.vefsn, actor=cast.leader_vefsn, values={"recipients": "Naboer og Kartverket"},
        system_use_ids=[], processor_ids=[], reason="Mottakere presisert", activity=record,
        expected_version=record.version,
    )  # fmt: skip
    response = client_for(cast.editor_vefsn).post(
        reverse("library:take_in", args=["vefsn", "processing", record.pk]),
        {"expected_version": opened_at, "fields_taken": ["retention"], "change_reason": "Ny regel"},
    )
    assert response.status_code == 409
    assert "Naboer og Kartverket" in response.content.decode()
    record.refresh_from_db()
    assert (record.retention, record.template_version) == ("Vår bevaringsplan", 1)


def test_a_version_published_while_the_editor_chooses_is_not_taken_in_unseen(client_for, cast, adopted):
    record = adopted
    url = reverse("library:take_in", args=["vefsn", "processing", record.pk])
    page = client_for(cast.editor_vefsn).get(url)
    assert 'name="template_version" value="2"' in page.content.decode()
    publish_new_version(cast.dpo, record.template, note="Formålet utvidet", purposes="Nytt formål i versjon 3.")
    response = client_for(cast.editor_vefsn).post(
        url,
        {"expected_version": record.version, "template_version": 2, "fields_taken": ["national_law"],
         "change_reason": "Ny hjemmel"},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 409
    assert "Versjon 3 av malen ble publisert mens du valgte" in html
    assert "Nytt formål i versjon 3." in html and 'name="template_version" value="3"' in html
    assert "Ny hjemmel og sletteregel" in html and "Formålet utvidet" in html  # both notes since version 1
    record.refresh_from_db()
    assert (record.template_version, record.national_law) == (1, BUILDING["national_law"])


def test_taking_in_a_field_that_breaks_a_rule_without_its_partner_is_refused(client_for, cast):
    template = make_template(cast.dpo)
    record = adopt(cast.vefsn, cast.editor_vefsn, template)[0]
    publish_new_version(cast.dpo, template, special_categories=["health"], special_category_bases=["h"])
    record.refresh_from_db()
    response = client_for(cast.editor_vefsn).post(
        reverse("library:take_in", args=["vefsn", "processing", record.pk]),
        {"expected_version": record.version, "fields_taken": ["special_categories"], "change_reason": "Helse"},
    )
    assert response.status_code == 400
    assert "Særlige kategorier krever et grunnlag" in response.content.decode()
    record.refresh_from_db()
    assert (record.special_categories, record.template_version) == ([], 1)


def test_rana_cannot_reach_vefsns_adopted_records(client_for, cast, adopted):
    record = adopted
    client = client_for(cast.editor_rana)
    assert client.get(reverse("library:take_in", args=["vefsn", "processing", record.pk])).status_code == 404
    assert client.get(reverse("library:take_in", args=["rana", "processing", record.pk])).status_code == 404
    assert client.get(reverse("library:template_updates", args=["vefsn"])).status_code == 404
    updates = client.get(reverse("library:template_updates", args=["rana"])).content.decode()
    assert "Byggesak" not in updates


# The DPO's view ---------------------------------------------------------------------------------------


def test_the_dpo_sees_how_many_municipalities_are_on_which_version(client_for, cast, adopted):
    template = adopted.template
    adopt(cast.rana, cast.editor_rana, template)
    html = client_for(cast.dpo).get(reverse("library:template_usage")).content.decode()
    row = html[html.index("Byggesak") : html.index("</tr>", html.index("Byggesak"))]
    assert "v2: 1 · v1: 1" in row


def test_the_library_the_usage_page_and_the_checklist_list_the_sectors_in_the_fixed_sector_order(client_for, cast):
    """Sorted by code, "finance" (Økonomi) would come before "health" (Helse og omsorg)."""
    for title, sector in (("Kommunale avgifter", "finance"), ("Byggesak", "technical"), ("Hjemmetjenester", "health")):
        make_template(cast.dpo, title=title, content={**BUILDING, "sector": sector})
    headings = ["Behandlinger – Helse og omsorg", "Behandlinger – Teknisk og byggesak", "Behandlinger – Økonomi"]
    for user, page in ((cast.editor_vefsn, "library:template_list"), (cast.dpo, "library:template_usage")):
        html = client_for(user).get(reverse(page)).content.decode()
        positions = [html.index(f">{heading}</h2>") for heading in headings]
        assert positions == sorted(positions), page
        technical = html[positions[1] : positions[2]]
        assert "Byggesak" in technical and "Kommunale avgifter" not in technical
    checklist = client_for(cast.editor_vefsn).get(reverse("library:adopt", args=["vefsn", "processing"]))
    html = checklist.content.decode()
    positions = [html.index(f">{sector}</legend>") for sector in ("Helse og omsorg", "Teknisk og byggesak", "Økonomi")]
    assert positions == sorted(positions)


@pytest.mark.parametrize("municipalities", [16, 357])
def test_usage_and_checklist_pages_run_a_constant_number_of_queries(
    client_for, cast, municipalities, django_assert_max_num_queries
):
    from ..factories import MunicipalityFactory

    templates = [make_template(cast.dpo, title=f"Mal {n}", content={**BUILDING, "systems": []}) for n in range(3)]
    for index in range(municipalities - 2):
        municipality = MunicipalityFactory(number=f"{5000 + index:04d}", name=f"Kommune {index}", slug=f"k-{index}")
        adopt(municipality, cast.coordinator, *templates[: 1 + index % 3])
    publish_new_version(cast.dpo, templates[0], note="Ny tekst", purposes="Ny tekst")
    from isms.core.library.kinds import KINDS

    client = client_for(cast.dpo)
    # One count query per kind of template, and the header's own (the unread count among them).
    with django_assert_max_num_queries(9 + len(KINDS)):
        response = client.get(reverse("library:template_usage"))
    assert f"v1: {municipalities - 2}<" in response.content.decode()
    client = client_for(cast.editor_vefsn)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("library:adopt", args=["vefsn", "processing"]))
    assert response.content.decode().count('name="templates"') == 3
