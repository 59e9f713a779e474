"""The DPA register: status, dates, the signed PDF with its SHA-256, sub-processors, and tenancy."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from isms.protocol.models import (
    AgreementStatus,
    DataProcessingAgreement,
    ProcessingActivity,
    ProcessingProcessor,
    Vendor,
)

from ..downloads import body as download

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def husbanken(db):
    return Vendor.objects.create(name="Husbanken", org_number="", country="NO")


def agreement_data(vendor, **overrides) -> dict:
    data = {
        "vendor": vendor.pk,
        "title": "Databehandleravtale KOBO",
        "status": "signed",
        "signed_on": "2024-02-01",
        "valid_until": "",
        "review_on": "2025-02-01",
        "transfer_mechanism": "",
        "notes": "",
        "expected_version": 1,
        "change_reason": "",
    }
    data.update(overrides)
    return data


def test_editor_registers_a_signed_agreement_with_its_pdf_and_fingerprint(client_for, cast, husbanken):
    upload = SimpleUploadedFile("avtale.pdf", PDF, content_type="application/pdf")
    response = client_for(cast.editor_vefsn).post(
        reverse("protocol:agreement_create", args=["vefsn"]), {**agreement_data(husbanken), "document_upload": upload}
    )
    assert response.status_code == 302
    agreement = DataProcessingAgreement.objects.get()
    assert agreement.document_sha256 == hashlib.sha256(PDF).hexdigest()
    assert agreement.is_in_force
    pdf = client_for(cast.viewer_vefsn).get(reverse("protocol:agreement_document", args=["vefsn", agreement.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content) == PDF
    assert (
        client_for(cast.viewer_rana)
        .get(reverse("protocol:agreement_document", args=["vefsn", agreement.pk]))
        .status_code
        == 404
    )


@pytest.mark.parametrize(
    ("overrides", "upload", "field", "message"),
    [
        ({"valid_until": "2024-01-01"}, None, "valid_until", "kan ikke slutte før"),
        ({"signed_on": ""}, None, "signed_on", "datoen avtalen ble signert"),
        ({}, b"GIF89a not a pdf", "document_upload", "ikke et PDF-dokument"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(client_for, cast, husbanken, overrides, upload, field, message):
    data = agreement_data(husbanken, **overrides)
    if upload is not None:
        data["document_upload"] = SimpleUploadedFile("avtale.pdf", upload, content_type="application/pdf")
    response = client_for(cast.editor_vefsn).post(reverse("protocol:agreement_create", args=["vefsn"]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html and message in html
    assert not DataProcessingAgreement.objects.exists()


def test_a_pdf_over_20_mb_is_refused(client_for, cast, husbanken, settings):
    settings.AGREEMENT_MAX_BYTES = 1024  # the limit is a setting; the check is the same at 20 MB
    upload = SimpleUploadedFile("stor.pdf", PDF + b"0" * 2048 + b"%%EOF", content_type="application/pdf")
    response = client_for(cast.editor_vefsn).post(
        reverse("protocol:agreement_create", args=["vefsn"]), {**agreement_data(husbanken), "document_upload": upload}
    )
    assert "grensen er" in response.content.decode()
    assert not DataProcessingAgreement.objects.exists()


def test_the_size_of_a_too_large_pdf_is_written_with_a_decimal_comma(client_for, cast, husbanken, settings):
    settings.AGREEMENT_MAX_BYTES = 1024 * 1024
    padding = b"0" * (1024 * 1024 + 512 * 1024 - len(PDF))
    upload = SimpleUploadedFile("stor.pdf", PDF + padding, content_type="application/pdf")
    response = client_for(cast.editor_vefsn).post(
        reverse("protocol:agreement_create", args=["vefsn"]), {**agreement_data(husbanken), "document_upload": upload}
    )
    error = response.content.decode().split('id="id_document_upload_error"', 1)[1].split("</", 1)[0]
    assert "1,5 MB" in error and "1 MB" in error and "1.5" not in error


def test_a_vendor_in_a_third_country_needs_a_transfer_mechanism(client_for, cast):
    vendor = Vendor.objects.create(name="Cloud Inc.", country="US")
    response = client_for(cast.editor_vefsn).post(
        reverse("protocol:agreement_create", args=["vefsn"]), agreement_data(vendor)
    )
    assert 'id="id_transfer_mechanism_error"' in response.content.decode()


def test_sub_processors_are_saved_as_a_new_version_of_the_agreement(client_for, cast, husbanken):
    agreement = DataProcessingAgreement.objects.create(
        municipality=cast.vefsn, vendor=husbanken, title="DBA", status=AgreementStatus.DRAFT
    )
    data = {
        "form-TOTAL_FORMS": 2,
        "form-INITIAL_FORMS": 0,
        "form-0-name": "Microsoft Ireland",
        "form-0-country": "IE",
        "form-0-service": "Drift",
        "form-1-name": "",
        "expected_version": 1,
        "change_reason": "Oppdatert liste fra leverandøren",
    }
    response = client_for(cast.editor_vefsn).post(
        reverse("protocol:agreement_sub_processors", args=["vefsn", agreement.pk]), data
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.version == 2
    assert list(agreement.sub_processors.values_list("name", "country")) == [("Microsoft Ireland", "IE")]


def test_register_lists_processors_used_without_an_agreement(client_for, cast, husbanken):
    activity = ProcessingActivity.objects.create(
        municipality=cast.vefsn, name="Startlån", sector="welfare", purposes="x", data_subject_categories="x",
        personal_data_categories="x", retention="x", legal_bases=["e"],
    )  # fmt: skip
    ProcessingProcessor.objects.create(municipality=cast.vefsn, processing_activity=activity, vendor=husbanken)
    html = client_for(cast.viewer_vefsn).get(reverse("protocol:agreement_list", args=["vefsn"])).content.decode()
    assert "Databehandlere uten avtale som gjelder" in html and "Husbanken" in html


def test_rana_never_sees_vefsn_agreements(client_for, cast, husbanken):
    agreement = DataProcessingAgreement.objects.create(
        municipality=cast.vefsn, vendor=husbanken, title="DBA", status=AgreementStatus.DRAFT
    )
    client = client_for(cast.leader_rana)
    assert client.get(reverse("protocol:agreement_detail", args=["rana", agreement.pk])).status_code == 404
    assert client.get(reverse("protocol:agreement_list", args=["vefsn"])).status_code == 404


def test_register_filters_and_exports_what_is_not_in_force(client_for, cast, husbanken):
    DataProcessingAgreement.objects.create(
        municipality=cast.vefsn,
        vendor=husbanken,
        title="DBA KOBO",
        status=AgreementStatus.SIGNED,
        signed_on="2024-01-01",
    )
    DataProcessingAgreement.objects.create(
        municipality=cast.vefsn, vendor=Vendor.objects.create(name="Sikri AS"), title="DBA Elements",
        status=AgreementStatus.SENT,
    )  # fmt: skip
    client = client_for(cast.viewer_vefsn)
    url = reverse("protocol:agreement_list", args=["vefsn"])
    html = client.get(url, {"attention": "not_in_force"}).content.decode()
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    assert "DBA Elements" in body and "DBA KOBO" not in body
    lines = download(client.get(url, {"attention": "not_in_force", "_export": "csv"})).decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Databehandler;Gjelder;Status") and len(lines) == 2 and "Sikri AS" in lines[1]
