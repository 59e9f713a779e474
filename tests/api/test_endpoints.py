"""What the endpoints answer: the records' fields, tenancy (Vefsn never sees Rana), filters that mirror
the lists with a 400 naming a bad parameter, the capped page size, `updated_since` and the history."""

import datetime

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from isms.core.tracking import update_tracked
from isms.protocol.models import AgreementStatus, DataProcessingAgreement, ProcessingActivity, ProcessingProcessor
from tests.access_matrix import World

LIST = "/api/v1/processing-activities/"
ART30 = (
    "purposes", "legal_bases", "national_law", "data_subject_categories", "personal_data_categories",
    "special_categories", "special_category_bases", "criminal_offence_data", "recipients", "third_country_transfer",
    "transfer_countries", "transfer_mechanism", "retention", "security_measures", "controller_name",
    "joint_controllers", "dpia_status", "last_reviewed", "next_review",
)  # fmt: skip


def edit(obj, *, actor, reason: str, **values):
    """Change a record as its edit form does (locked, versioned, with who and why)."""
    with transaction.atomic():
        update_tracked(type(obj), pk=obj.pk, actor=actor, reason=reason, expected_version=obj.version, values=values)
    obj.refresh_from_db()


def activity(municipality, name: str) -> ProcessingActivity:
    return ProcessingActivity.objects.create(
        municipality=municipality, name=name, sector="health", purposes="Pleie", legal_bases=["c", "e"],
        data_subject_categories="Pasienter", personal_data_categories="Helse", retention="Arkivlova",
    )  # fmt: skip


@pytest.mark.django_db
def test_processing_activities_carry_every_art30_field_systems_and_processors(cast, api):
    world = World(cast)
    record = world.activity
    world.system_use.processing_links.create(municipality=cast.vefsn, processing_activity=record)
    ProcessingProcessor.objects.create(municipality=cast.vefsn, processing_activity=record, vendor=world.vendor)
    DataProcessingAgreement.objects.create(
        municipality=cast.vefsn, vendor=world.vendor, title="DBA", status=AgreementStatus.SIGNED,
        signed_on=datetime.date(2024, 1, 1),
    )  # fmt: skip
    body = api(cast.viewer_vefsn).get(reverse("api:processing-activity-detail", args=[record.pk])).json()
    assert set(ART30) <= set(body)
    assert body["legal_bases"] == ["e"]
    assert body["missing_art30_fields"] == ["recipients", "security_measures"]
    assert body["systems"] == [
        {"id": body["systems"][0]["id"], "system_use": world.system_use.pk, "system": world.system.pk,
         "name": world.system.name, "vendor": world.vendor.pk}
    ]  # fmt: skip
    assert body["processors"][0]["vendor"] == world.vendor.pk
    assert body["processors"][0]["covered"] is True
    assert body["lacks_agreement"] is False
    assert body["created_at"].endswith("+01:00")  # ISO 8601 in Europe/Oslo


@pytest.mark.django_db
def test_vefsn_never_sees_rana(cast, api):
    vefsn, rana = activity(cast.vefsn, "Hjemmetjenester"), activity(cast.rana, "Legevakt")
    listed = api(cast.leader_vefsn).get(LIST).json()["results"]
    assert [row["name"] for row in listed] == ["Hjemmetjenester"]
    client = api(cast.leader_vefsn)
    assert client.get(reverse("api:processing-activity-detail", args=[rana.pk])).status_code == 404
    assert client.get(reverse("api:municipality-detail", args=[cast.rana.pk])).status_code == 404
    assert client.get(LIST + "?municipality=rana").json()["errors"].keys() == {"municipality"}
    both = api(cast.dpo).get(LIST).json()["results"]
    assert {row["id"] for row in both} == {vefsn.pk, rana.pk}
    assert api(cast.dpo).get(LIST + "?municipality=rana").json()["results"][0]["id"] == rana.pk


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        (LIST + "?sector=romfart", "sector"),
        (LIST + "?legal_basis=z", "legal_basis"),
        (LIST + "?attention=alt", "attention"),
        (LIST + "?status=slettet", "status"),
        (LIST + "?updated_since=i-går", "updated_since"),
        (LIST + "?municipality=atlantis", "municipality"),
        (LIST + "?sectr=health", "sectr"),
        ("/api/v1/agreements/?status=kanskje", "status"),
        ("/api/v1/risk-analyses/?status=ferdig", "status"),
        ("/api/v1/dpias/?status=ferdig", "status"),
        ("/api/v1/participation/?course=999999", "course"),
        ("/api/v1/participation/?round=abc", "round"),
        ("/api/v1/status/?area=vaer", "area"),
        ("/api/v1/status/?as_of=31.12.2025", "as_of"),
    ],
)
def test_a_bad_filter_value_is_a_400_naming_the_parameter(cast, api, url, parameter):
    response = api(cast.coordinator).get(url)
    assert response.status_code == 400
    body = response.json()
    assert list(body["errors"]) == [parameter]
    assert body["detail"] == f"Ugyldig parameter: «{parameter}»."


@pytest.mark.django_db
def test_filters_mirror_the_protocol_list(cast, api):
    activity(cast.vefsn, "Helse")
    other = activity(cast.vefsn, "Skole")
    edit(other, actor=cast.editor_vefsn, reason="Retting", sector="education")
    client = api(cast.editor_vefsn)
    assert [row["name"] for row in client.get(LIST + "?sector=education").json()["results"]] == ["Skole"]
    assert client.get(LIST + "?q=hels").json()["count"] == 1
    assert client.get(LIST + "?attention=art30").json()["count"] == 2  # recipients and security measures empty
    edit(other, actor=cast.editor_vefsn, reason="Arkivert", status="archived")
    assert client.get(LIST).json()["count"] == 1  # active only, as on the page
    assert client.get(LIST + "?status=archived").json()["results"][0]["name"] == "Skole"


@pytest.mark.django_db
def test_page_size_is_capped(cast, api, settings):
    settings.API_MAX_PAGE_SIZE = 3
    for index in range(5):
        activity(cast.vefsn, f"Behandling {index}")
    client = api(cast.editor_vefsn)
    body = client.get(LIST + "?page_size=1000").json()
    assert (body["count"], len(body["results"])) == (5, 3)
    assert body["next"].endswith("page=2&page_size=1000")
    assert len(client.get(LIST + "?page=2&page_size=1000").json()["results"]) == 2
    assert client.get(LIST + "?page=9").status_code == 404


@pytest.mark.django_db
def test_updated_since_returns_what_changed_for_incremental_sync(cast, api):
    old, changed = activity(cast.vefsn, "Uendret"), activity(cast.vefsn, "Endret")
    since = timezone.now()
    edit(changed, actor=cast.editor_vefsn, reason="Ny lagringstid", retention="10 år")
    client = api(cast.editor_vefsn)
    stamp = since.isoformat().replace("+00:00", "Z")
    assert [row["id"] for row in client.get(LIST, {"updated_since": stamp}).json()["results"]] == [changed.pk]
    assert client.get(LIST, {"updated_since": "2000-01-01T00:00:00+01:00"}).json()["count"] == 2
    assert old.pk  # unchanged since: not listed


@pytest.mark.django_db
def test_history_of_one_object_says_who_when_why_and_which_fields(cast, api):
    record = activity(cast.vefsn, "Startlån")
    edit(record, actor=cast.editor_vefsn, reason="Ny frist", next_review=datetime.date(2027, 3, 1))
    url = reverse("api:municipal_history", args=[cast.vefsn.pk, "processing", record.pk])
    entries = api(cast.viewer_vefsn).get(url).json()
    assert [entry["kind"] for entry in entries] == ["+", "~"]
    latest = entries[-1]
    assert (latest["user"], latest["reason"], latest["version"]) == (cast.editor_vefsn.pk, "Ny frist", 2)
    assert latest["changes"] == [
        {"field": "next_review", "label": "Neste gjennomgang", "old": None, "new": "2027-03-01",
         "old_display": "—", "new_display": "01.03.2027"}
    ]  # fmt: skip
    rana_url = reverse("api:municipal_history", args=[cast.rana.pk, "processing", record.pk])
    assert api(cast.dpo).get(rana_url).status_code == 404  # the object is not Rana's
    assert api(cast.viewer_rana).get(url).status_code == 404
    assert api(cast.viewer_vefsn).get(url.replace("processing", "nothing")).status_code == 404


@pytest.mark.django_db
def test_risk_analysis_with_scenarios_measures_and_signoff_state(cast, api):
    world = World(cast)
    analysis = world.sent_analysis
    body = api(cast.viewer_vefsn).get(reverse("api:risk-analysis-detail", args=[analysis.pk])).json()
    assert body["status"] == "awaiting"
    assert body["signoff"] == {
        "state": "not_signed", "label": "Ikke signert", "version": analysis.version, "decided_version": None,
        "decision": "",
    }  # fmt: skip
    assert [(row["likelihood"], row["consequence"], row["score"]) for row in body["scenarios"]] == [(2, 2, 4)]
    assert body["scenarios"][0]["level"] == "low"
    assert body["measures"] == []


@pytest.mark.django_db
def test_dpia_with_status_advice_and_no_decision_yet(cast, api):
    dpia = World(cast).advised_dpia
    body = api(cast.leader_vefsn).get(reverse("api:dpia-detail", args=[dpia.pk])).json()
    assert body["status"] == "advised"
    assert body["advice"]["decision"] == "agrees"
    assert body["advice"]["by"] == cast.dpo.display_name
    assert body["decision"] is None


@pytest.mark.django_db
def test_participation_has_figures_per_municipality_and_no_personal_data(cast, api):
    registration = World(cast).course_registration
    rows = api(cast.viewer_vefsn).get(reverse("api:participation")).json()
    assert rows == [
        {"municipality": cast.vefsn.pk, "municipality_name": "Vefsn", "registered": 1, "waitlisted": 0,
         "attended": 1, "per_thousand": 0.07}
    ]  # fmt: skip
    assert registration.name not in str(rows) and registration.email not in str(rows)
    course = api(cast.viewer_vefsn).get(reverse("api:course-detail", args=[registration.course_id])).json()
    assert registration.name not in str(course)


@pytest.mark.django_db
def test_status_overview_for_the_dpo(cast, api):
    activity(cast.vefsn, "Startlån")
    rows = api(cast.dpo).get(reverse("api:status") + "?area=protocol").json()
    assert [row["slug"] for row in rows] == ["rana", "vefsn"]
    vefsn = rows[1]
    assert [area["key"] for area in vefsn["areas"]] == ["protocol"]
    assert vefsn["areas"][0]["figures"]["activities"] == 1
    assert api(cast.leader_vefsn).get(reverse("api:status")).status_code == 403
