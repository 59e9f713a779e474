"""Uploaded and generated files: unguessable stored names, served only by the access-checked views."""

import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve, reverse

from isms.core.files import is_unguessable, unguessable_name
from isms.core.models import ExportStatus
from isms.core.services import request_export
from isms.protocol.models import DataProcessingAgreement, Vendor

from .core.test_municipalities import edit_data, png_bytes
from .protocol.test_agreements import PDF, agreement_data

NAME = re.compile(r"^(agreements|logos|exports)/\d{4}/[A-Za-z0-9_-]{32}\.(pdf|png|zip)$")


@pytest.fixture
def vefsn_agreement(client_for, cast):
    vendor = Vendor.objects.create(name="Husbanken", org_number="", country="NO")
    upload = SimpleUploadedFile("rana-dba.pdf", PDF, content_type="application/pdf")
    response = client_for(cast.editor_vefsn).post(
        reverse("protocol:agreement_create", args=["vefsn"]), {**agreement_data(vendor), "document_upload": upload}
    )
    assert response.status_code == 302
    return DataProcessingAgreement.objects.get()


def test_a_signed_agreement_is_stored_under_a_random_name_that_tells_nothing(vefsn_agreement):
    name = vefsn_agreement.document.name
    assert NAME.match(name) and name.startswith("agreements/")
    assert "vefsn" not in name and "rana" not in name and "dba" not in name
    assert default_storage.open(name).read() == PDF


def test_two_uploads_never_share_a_name():
    names = {unguessable_name("agreements", "avtale.pdf") for _ in range(200)}
    assert len(names) == 200 and all(is_unguessable(name) for name in names)
    assert unguessable_name("logos", "../../etc/passwd").startswith("logos/")
    assert "/" not in unguessable_name("logos", "a/b.png").split("/", 2)[2]


def test_the_agreement_is_served_with_a_readable_filename_to_its_municipality_only(client_for, cast, vefsn_agreement):
    url = reverse("protocol:agreement_document", args=["vefsn", vefsn_agreement.pk])
    response = client_for(cast.viewer_vefsn).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert f'filename="databehandleravtale-vefsn-{vefsn_agreement.pk}.pdf"' in response["Content-Disposition"]
    assert client_for(cast.editor_rana).get(url).status_code == 404
    assert client_for(cast.leader_rana).get(
        reverse("protocol:agreement_document", args=["rana", vefsn_agreement.pk])
    ).status_code == 404  # fmt: skip
    anonymous = client_for(None).get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


def test_a_logo_is_stored_under_a_random_name_and_served_to_the_tenant_only(client_for, cast):
    upload = SimpleUploadedFile("vefsn-logo.png", png_bytes(), content_type="image/png")
    client_for(cast.coordinator).post(
        reverse("core:municipality_edit", args=["vefsn"]), {**edit_data(cast.vefsn), "logo_upload": upload}
    )
    cast.vefsn.refresh_from_db()
    assert NAME.match(cast.vefsn.logo.name) and cast.vefsn.logo.name.startswith("logos/")
    url = reverse("core:municipality_logo", args=["vefsn"])
    assert client_for(cast.viewer_vefsn).get(url).status_code == 200
    assert client_for(cast.viewer_rana).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302


def test_an_export_file_gets_a_random_name_and_only_the_requester_downloads_it(
    client_for, cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = request_export(kind="protocol_all", user=cast.coordinator)
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE and NAME.match(job.file.name) and job.file.name.startswith("exports/")
    download = client_for(cast.coordinator).get(reverse("core:export_download", args=[job.pk]))
    assert f'filename="{job.filename}"' in download["Content-Disposition"]
    assert job.filename.startswith("behandlingsprotokoller-") and job.filename not in job.file.name
    assert client_for(cast.dpo).get(reverse("core:export_download", args=[job.pk])).status_code == 404
    assert client_for(None).get(reverse("core:export_download", args=[job.pk])).status_code == 302


def test_media_url_is_never_routed_even_for_the_owner(client_for, cast, vefsn_agreement):
    path = "/media/" + vefsn_agreement.document.name
    with pytest.raises(Resolver404):
        resolve(path)
    assert client_for(cast.editor_vefsn).get(path).status_code == 404
