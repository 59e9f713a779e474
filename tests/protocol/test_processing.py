"""An editor keeps the municipality's behandlingsprotokoll; viewers read it; Rana never sees Vefsn's."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from isms.protocol.models import (
    AgreementStatus,
    DataProcessingAgreement,
    LegalBasis,
    ProcessingActivity,
    RecordDpiaStatus,
    RecordStatus,
    Sector,
    SpecialCategory,
    SpecialCategoryBasis,
    System,
    SystemUse,
    TransferMechanism,
    Vendor,
)

from ..downloads import body
from ..factories import MunicipalityFactory


def table_body(response) -> str:
    """The rows of the page's table, without flash messages or filters."""
    html = response.content.decode()
    return html[html.index("<tbody>") : html.index("</tbody>")]


def activity_data(**overrides) -> dict:
    data = {
        "record_type": "controller",
        "name": "Søknad om helse- og omsorgstjenester",
        "sector": "health",
        "purposes": "Behandle søknader om helse- og omsorgstjenester",
        "legal_bases": ["c", "e"],
        "national_law": "helse- og omsorgstjenesteloven § 3-2",
        "data_subject_categories": "Søkere, pårørende, verger",
        "personal_data_categories": "Navn, fødselsnummer, kontaktinformasjon, helseopplysninger",
        "special_categories": ["health"],
        "special_category_bases": ["h"],
        "recipients": "Saksbehandlere i tildelingskontoret",
        "retention": "Bevares etter arkivlova og pasientjournalforskriften",
        "security_measures": "Tilgangsstyring, logging",
        "dpia_status": "required",
        "expected_version": 1,
        "change_reason": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def altinn(cast):
    vendor = Vendor.objects.create(name="Digitaliseringsdirektoratet (Altinn)", country="NO")
    system = System.objects.create(name="Altinn", vendor=vendor)
    use = SystemUse.objects.create(municipality=cast.vefsn, system=system, owner="Tildelingskontoret")
    return vendor, system, use


def test_editor_creates_a_processing_activity_with_systems_and_processors(client_for, cast, altinn):
    vendor, _system, use = altinn
    response = client_for(cast.editor_vefsn).post(
        reverse("protocol:processing_create", args=["vefsn"]),
        activity_data(system_uses=[use.pk], processors=[vendor.pk]),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    activity = ProcessingActivity.objects.get()
    assert activity.municipality == cast.vefsn
    assert activity.legal_bases == ["c", "e"]
    assert [link.system_use for link in activity.system_links.all()] == [use]
    assert activity.history.latest().history_user == cast.editor_vefsn


def test_detail_flags_a_processor_without_a_signed_dpa_until_one_is_in_force(client_for, cast, altinn):
    vendor, _system, _use = altinn
    client = client_for(cast.editor_vefsn)
    client.post(reverse("protocol:processing_create", args=["vefsn"]), activity_data(processors=[vendor.pk]))
    activity = ProcessingActivity.objects.get()
    url = reverse("protocol:processing_detail", args=["vefsn", activity.pk])
    assert "DBA mangler" in client.get(url).content.decode()
    DataProcessingAgreement.objects.create(
        municipality=cast.vefsn,
        vendor=vendor,
        title="DBA Altinn",
        status=AgreementStatus.SIGNED,
        signed_on="2024-01-05",
    )
    html = client.get(url).content.decode()
    assert "DBA mangler" not in html and "DBA i kraft" in html


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"special_category_bases": []}, "special_category_bases", "art. 9 nr. 2"),
        ({"third_country_transfer": "on", "transfer_countries": "USA"}, "transfer_mechanism", "mekanisme"),
        ({"retention": ""}, "retention", "art. 30"),  # says what to write, not only "required"
        ({"legal_bases": []}, "legal_bases", "art. 6 nr. 1"),
        ({"national_law": ""}, "national_law", "art. 6 nr. 3"),
        ({"criminal_offence_data": "on"}, "criminal_offence_basis", "art. 10"),
        ({"record_type": "processor"}, "controller_name", "art. 30 nr. 2"),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_nothing_is_stored(client_for, cast, overrides, field, message):
    response = client_for(cast.editor_vefsn).post(
        reverse("protocol:processing_create", args=["vefsn"]), activity_data(**overrides)
    )
    assert response.status_code == 200
    html = response.content.decode()
    error_start = html.index(f'id="id_{field}_error"')
    assert message in html[error_start : error_start + 400].lower()
    assert not ProcessingActivity.objects.exists()


def test_edit_requires_a_reason_and_bumps_the_version(client_for, cast):
    client = client_for(cast.editor_vefsn)
    client.post(reverse("protocol:processing_create", args=["vefsn"]), activity_data())
    activity = ProcessingActivity.objects.get()
    url = reverse("protocol:processing_edit", args=["vefsn", activity.pk])
    response = client.post(url, activity_data(purposes="Nytt formål"))
    assert response.status_code == 200
    response = client.post(url, activity_data(purposes="Nytt formål", change_reason="Presisert formål"))
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.purposes, activity.version) == ("Nytt formål", 2)


def test_archiving_keeps_the_record_and_removes_it_from_the_active_list(client_for, cast):
    client = client_for(cast.editor_vefsn)
    client.post(reverse("protocol:processing_create", args=["vefsn"]), activity_data())
    activity = ProcessingActivity.objects.get()
    client.post(
        reverse("protocol:processing_archive", args=["vefsn", activity.pk]),
        {"expected_version": 1, "change_reason": "Tjenesten er lagt ned"},
    )
    activity.refresh_from_db()
    assert activity.status == RecordStatus.ARCHIVED
    listing = table_body(client.get(reverse("protocol:processing_list", args=["vefsn"])))
    assert "Søknad om helse- og omsorgstjenester" not in listing
    archived = table_body(client.get(reverse("protocol:processing_list", args=["vefsn"]), {"status": "archived"}))
    assert "Søknad om helse- og omsorgstjenester" in archived


def test_status_filter_offers_active_once(client_for, cast):
    response = client_for(cast.editor_vefsn).get(reverse("protocol:processing_list", args=["vefsn"]))
    options = response.context["filter"].form["status"].field.choices
    assert [str(label) for _value, label in options] == ["Aktiv", "Arkivert"]


def test_viewer_reads_but_cannot_create(client_for, cast):
    client = client_for(cast.viewer_vefsn)
    assert client.get(reverse("protocol:processing_list", args=["vefsn"])).status_code == 200
    assert client.get(reverse("protocol:processing_create", args=["vefsn"])).status_code == 403


def test_rana_cannot_see_vefsn_records(client_for, cast):
    client_for(cast.editor_vefsn).post(reverse("protocol:processing_create", args=["vefsn"]), activity_data())
    activity = ProcessingActivity.objects.get()
    client = client_for(cast.editor_rana)
    assert client.get(reverse("protocol:processing_list", args=["vefsn"])).status_code == 404
    assert client.get(reverse("protocol:processing_detail", args=["rana", activity.pk])).status_code == 404


def test_filter_by_missing_art30_fields_and_legal_basis(client_for, cast):
    client = client_for(cast.editor_vefsn)
    client.post(reverse("protocol:processing_create", args=["vefsn"]), activity_data())
    client.post(
        reverse("protocol:processing_create", args=["vefsn"]),
        activity_data(name="Lønn", sector="administration", legal_bases=["b", "c"], national_law="a-opplysningsloven",
                      recipients="", special_categories=[], special_category_bases=[]),
    )  # fmt: skip
    url = reverse("protocol:processing_list", args=["vefsn"])
    html = table_body(client.get(url, {"attention": "art30"}))
    assert "Lønn" in html and "Søknad om helse" not in html
    html = table_body(client.get(url, {"legal_basis": "b"}))
    assert "Lønn" in html and "Søknad om helse" not in html


@pytest.mark.parametrize("count", [5, 60])
def test_list_runs_a_constant_number_of_queries(client_for, cast, django_assert_max_num_queries, count):
    for index in range(count):
        ProcessingActivity.objects.create(
            municipality=cast.vefsn, name=f"Behandling {index}", sector="health", purposes="x",
            data_subject_categories="x", personal_data_categories="x", retention="x", legal_bases=["e"],
        )  # fmt: skip
    MunicipalityFactory(number="1813", name="Brønnøy", slug="bronnoy")
    client = client_for(cast.viewer_vefsn)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("protocol:processing_list", args=["vefsn"])).status_code == 200


def test_csv_export_of_the_filtered_protocol(client_for, cast):
    client = client_for(cast.editor_vefsn)
    client.post(reverse("protocol:processing_create", args=["vefsn"]), activity_data())
    client.post(reverse("protocol:processing_create", args=["vefsn"]), activity_data(name="Lønn", recipients=""))
    response = client.get(reverse("protocol:processing_list", args=["vefsn"]), {"attention": "art30", "_export": "csv"})
    lines = body(response).decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Referanse;Navn;Protokolltype;Status;Sektor;Ansvarlig enhet")
    assert len(lines) == 2 and "Lønn" in lines[1] and "Tomme felt etter art. 30" in lines[1]


def heading(field_name: str) -> str:
    """The export's heading of a field of the record: its verbose name, capitalised."""
    return str(capfirst(ProcessingActivity._meta.get_field(field_name).verbose_name))


def test_export_holds_every_art30_field_of_the_filtered_rows(client_for, cast, altinn):
    vendor, _system, use = altinn
    client = client_for(cast.editor_vefsn)
    client.post(
        reverse("protocol:processing_create", args=["vefsn"]),
        activity_data(
            system_uses=[use.pk], processors=[vendor.pk], third_country_transfer="on", transfer_countries="USA",
            transfer_mechanism="scc", last_reviewed="2025-01-15", next_review="2026-01-15",
        ),
    )  # fmt: skip
    client.post(reverse("protocol:processing_create", args=["vefsn"]), activity_data(name="Lønn", sector="finance"))
    url = reverse("protocol:processing_list", args=["vefsn"])
    content = body(client.get(url, {"sector": "health", "_export": "csv"})).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content), delimiter=";"))
    assert len(rows) == 1
    row = rows[0]
    expected = {
        heading("purposes"): "Behandle søknader om helse- og omsorgstjenester",
        heading("national_law"): "helse- og omsorgstjenesteloven § 3-2",
        heading("data_subject_categories"): "Søkere, pårørende, verger",
        heading("personal_data_categories"): "Navn, fødselsnummer, kontaktinformasjon, helseopplysninger",
        heading("recipients"): "Saksbehandlere i tildelingskontoret",
        heading("transfer_countries"): "USA",
        heading("retention"): "Bevares etter arkivlova og pasientjournalforskriften",
        heading("security_measures"): "Tilgangsstyring, logging",
        heading("last_reviewed"): "15.01.2025",
        heading("next_review"): "15.01.2026",
        _("Systems used"): "Altinn",
        _("Processors"): f"Digitaliseringsdirektoratet (Altinn) ({_('DPA missing')})",
    }
    assert {key: row[str(key)] for key in expected} == {str(key): value for key, value in expected.items()}
    assert row[heading("legal_bases")] == f"{LegalBasis('c').label}; {LegalBasis('e').label}"
    assert row[heading("special_categories")] == str(SpecialCategory.HEALTH.label)
    assert row[heading("special_category_bases")] == str(SpecialCategoryBasis("h").label)
    assert row[heading("third_country_transfer")] == _("Yes")
    assert row[heading("transfer_mechanism")] == str(TransferMechanism.SCC.label)
    assert row[heading("dpia_status")] == str(RecordDpiaStatus.REQUIRED.label)
    assert row[heading("sector")] == str(Sector.HEALTH_AND_CARE.label)
    assert _("DPA missing") in row[_("Needs attention")]


def test_xlsx_export_has_the_same_columns_as_the_csv(client_for, cast):
    client = client_for(cast.editor_vefsn)
    client.post(reverse("protocol:processing_create", args=["vefsn"]), activity_data())
    url = reverse("protocol:processing_list", args=["vefsn"])
    csv_header = body(client.get(url, {"_export": "csv"})).decode("utf-8-sig").splitlines()[0].split(";")
    sheet = openpyxl.load_workbook(io.BytesIO(body(client.get(url, {"_export": "xlsx"})))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == csv_header and len(csv_header) > 30
    assert rows[1][csv_header.index(heading("retention"))] == "Bevares etter arkivlova og pasientjournalforskriften"


@pytest.mark.parametrize("count", [2, 20])
def test_export_runs_a_constant_number_of_queries(client_for, cast, altinn, django_assert_max_num_queries, count):
    vendor, _system, use = altinn
    client = client_for(cast.editor_vefsn)
    for index in range(count):
        client.post(
            reverse("protocol:processing_create", args=["vefsn"]),
            activity_data(name=f"Behandling {index}", system_uses=[use.pk], processors=[vendor.pk]),
        )
    with django_assert_max_num_queries(10):
        client.get(reverse("protocol:processing_list", args=["vefsn"]), {"_export": "csv"})


def test_history_shows_systems_and_processors_added_and_removed(client_for, cast, altinn):
    vendor, _system, use = altinn
    client = client_for(cast.editor_vefsn)
    client.post(reverse("protocol:processing_create", args=["vefsn"]), activity_data(system_uses=[use.pk]))
    activity = ProcessingActivity.objects.get()
    client.post(
        reverse("protocol:processing_edit", args=["vefsn", activity.pk]),
        activity_data(processors=[vendor.pk], change_reason="Altinn er databehandler"),
    )
    html = client.get(
        reverse("core:municipal_object_history", args=["vefsn", "processing", activity.pk])
    ).content.decode()
    assert "System: + Altinn" in html and "System: − Altinn" in html
    assert "Databehandler: + Digitaliseringsdirektoratet (Altinn)" in html


def test_version_1_of_a_new_activity_includes_the_systems_and_processors_it_was_created_with(client_for, cast, altinn):
    from isms.protocol.snapshot import protocol_snapshot

    vendor, _system, use = altinn
    client_for(cast.editor_vefsn).post(
        reverse("protocol:processing_create", args=["vefsn"]),
        activity_data(system_uses=[use.pk], processors=[vendor.pk]),
    )
    activity = ProcessingActivity.objects.get()
    version_1 = activity.history.filter(version=1).order_by("-history_date").first()
    snapshot = protocol_snapshot(municipality=cast.vefsn, at=version_1.history_date)
    assert [(view.systems, [name for name, _covered in view.processors]) for view in snapshot.activities] == [
        (["Altinn"], ["Digitaliseringsdirektoratet (Altinn)"])
    ]


def _many(cast, count, sector="health"):
    for index in range(count):
        ProcessingActivity.objects.create(
            municipality=cast.vefsn, name=f"Behandling {sector} {index:02d}", sector=sector, purposes="x",
            data_subject_categories="x", personal_data_categories="x", retention="x", legal_bases=["e"],
        )  # fmt: skip


def test_the_list_of_61_activities_is_paginated_by_20_keeping_filters_and_sort(client_for, cast):
    _many(cast, 55)
    _many(cast, 6, sector="education")
    client = client_for(cast.viewer_vefsn)
    url = reverse("protocol:processing_list", args=["vefsn"])
    first = client.get(url)
    assert table_body(first).count("<tr>") == 20 and "61 behandlinger" in first.content.decode()
    response = client.get(url, {"sector": "health", "sort": "-name", "page": 2})
    page = response.content.decode()
    assert table_body(response).count("<tr>") == 20
    pagination = page.split('class="ds-pagination"')[1].split("</nav>")[0]
    pages = [part.split('"')[0] for part in pagination.split('href="?')[1:]]
    assert len(pages) == 2  # previous and next
    assert all("sector=health" in link and "sort=-name" in link for link in pages)
    assert "Side 2 av 3" in page
    # The filter panel says a filter is in use (it then stays open on a phone) and keeps the sort.
    assert "data-active" in page and "Filter og søk (1 i bruk)" in page
    assert '<input type="hidden" name="sort" value="-name">' in page
    assert "data-active" not in first.content.decode()


@pytest.mark.parametrize("count", [25, 61])
def test_every_page_of_the_list_runs_a_constant_number_of_queries(
    client_for, cast, django_assert_max_num_queries, count
):
    _many(cast, count)
    client = client_for(cast.viewer_vefsn)
    for page in (1, 2):
        with django_assert_max_num_queries(8):
            assert client.get(reverse("protocol:processing_list", args=["vefsn"]), {"page": page}).status_code == 200
