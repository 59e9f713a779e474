"""The behandlingsprotokoll and the DPA register as PDF: today, as of an earlier moment, all municipalities."""

import datetime
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from isms.protocol.models import ProcessingActivity, ProcessingProcessor, Vendor
from isms.protocol.pdf import render_protocol
from isms.protocol.services import save_processing_activity
from isms.protocol.snapshot import protocol_snapshot

from ..pdf_text import pdf_pages

VALUES = {
    "name": "Startlån",
    "sector": "welfare",
    "purposes": "Behandle søknader om startlån",
    "legal_bases": ["c", "e"],
    "national_law": "husbankloven",
    "data_subject_categories": "Søkere",
    "personal_data_categories": "Navn, inntekt",
    "recipients": "Husbanken",
    "retention": "Arkivlova",
    "security_measures": "Tilgangsstyring",
}


def _activity(municipality, actor, **overrides):
    return save_processing_activity(
        municipality=municipality, actor=actor, values={**VALUES, **overrides}, system_use_ids=[], processor_ids=[],
        reason="",
    )[0]  # fmt: skip


def test_protocol_pdf_has_a_summary_and_a_section_per_activity_with_flags(client_for, cast):
    activity = _activity(cast.vefsn, cast.editor_vefsn)
    ProcessingProcessor.objects.create(
        municipality=cast.vefsn, processing_activity=activity, vendor=Vendor.objects.create(name="Husbanken")
    )
    _activity(cast.vefsn, cast.editor_vefsn, name="Lønn", recipients="")
    response = client_for(cast.viewer_vefsn).get(reverse("protocol:processing_pdf", args=["vefsn"]))
    assert response["Content-Type"] == "application/pdf"
    pages = pdf_pages(response.content)
    text = "\n".join(pages)
    assert "Behandlingsprotokoll" in pages[0] and "Vefsn" in pages[0] and "Gjeldende" in pages[0]
    assert "1. Lønn" in text and "2. Startlån" in text
    assert "DBA mangler for Husbanken" in text
    assert "Tomme felt etter art. 30: kategorier av mottakere" in text
    assert f"side {len(pages)} av {len(pages)}" in pages[-1]


def test_the_protocol_pdf_prints_the_organisation_number_and_omits_it_when_empty(client_for, cast):
    _activity(cast.vefsn, cast.editor_vefsn)
    url = reverse("protocol:processing_pdf", args=["vefsn"])
    summary = pdf_pages(client_for(cast.viewer_vefsn).get(url).content)[0]
    assert "Organisasjonsnummer" not in summary and "—" not in summary.split("Behandlingsansvarlig")[1][:80]
    cast.vefsn.org_number = "844824122"
    cast.vefsn.save()
    summary = pdf_pages(client_for(cast.viewer_vefsn).get(url).content)[0]
    assert "Organisasjonsnummer" in summary and "844824122" in summary


def test_protocol_as_of_an_earlier_moment_shows_what_the_record_said_then(cast):
    activity = _activity(cast.vefsn, cast.editor_vefsn, purposes="Gammelt formål")
    before_edit = timezone.now()
    save_processing_activity(
        municipality=cast.vefsn, actor=cast.editor_vefsn, values={"purposes": "Nytt formål"}, system_use_ids=[],
        processor_ids=[], reason="Presisert", activity=activity, expected_version=1,
    )  # fmt: skip
    then = "\n".join(pdf_pages(render_protocol(protocol_snapshot(municipality=cast.vefsn, at=before_edit))))
    now = "\n".join(pdf_pages(render_protocol(protocol_snapshot(municipality=cast.vefsn))))
    assert "Gammelt formål" in then and "Nytt formål" not in then and "Historisk utskrift" in then
    assert "Nytt formål" in now


def test_an_activity_created_later_is_not_in_an_earlier_print_out(client_for, cast):
    _activity(cast.vefsn, cast.editor_vefsn)
    response = client_for(cast.viewer_vefsn).get(
        reverse("protocol:processing_pdf", args=["vefsn"]), {"as_of": "2020-01-01"}
    )
    text = "\n".join(pdf_pages(response.content))
    assert "Historisk utskrift" in text and "Startlån" not in text


def test_a_date_before_any_record_prints_a_clear_line_instead_of_empty_tables(client_for, cast):
    _activity(cast.vefsn, cast.editor_vefsn)
    response = client_for(cast.viewer_vefsn).get(
        reverse("protocol:processing_pdf", args=["vefsn"]), {"as_of": "2020-01-01"}
    )
    text = " ".join(" ".join(pdf_pages(response.content)).split())
    assert _("No processing activities in the record as of %(date)s") % {"date": "01.01.2020"} in text
    assert _("By sector") not in text and _("Contents") not in text


def test_an_empty_protocol_today_says_so_too(cast):
    text = " ".join(" ".join(pdf_pages(render_protocol(protocol_snapshot(municipality=cast.rana)))).split())
    today = formats.date_format(timezone.localdate(), "SHORT_DATE_FORMAT")
    assert _("No processing activities in the record as of %(date)s") % {"date": today} in text


@pytest.mark.parametrize("garbage", ["garbage", "2024-13-45", "31.02.2024", ""])
def test_a_date_that_cannot_be_read_is_explained_next_to_the_field(client_for, cast, garbage):
    client = client_for(cast.viewer_vefsn)
    response = client.get(reverse("protocol:processing_pdf", args=["vefsn"]), {"as_of": garbage})
    assert response.status_code == 302 and response["Content-Type"] != "application/pdf"
    assert response.url.startswith(reverse("protocol:processing_list", args=["vefsn"]))
    html = client.get(response.url).content.decode()
    assert 'id="id_as_of_error"' in html and '<details class="ds-details" id="as-of-form" open>' in html
    expected = (
        _("Choose the date the record is to be printed as of.")
        if garbage == ""
        else _("That is not a date. Write it as dd.mm.yyyy, e.g. 01.03.2024.")
    )
    assert escape(expected) in html


def test_a_future_date_gives_todays_protocol_and_says_so(client_for, cast):
    _activity(cast.vefsn, cast.editor_vefsn)
    future = timezone.localdate() + datetime.timedelta(days=30)
    response = client_for(cast.viewer_vefsn).get(
        reverse("protocol:processing_pdf", args=["vefsn"]), {"as_of": future.isoformat()}
    )
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(pdf_pages(response.content)).split())
    day = formats.date_format(future, "SHORT_DATE_FORMAT")
    assert _("%(day)s is in the future: this is the record as of today.") % {"day": day} in text
    assert _("Current") in text and "Startlån" in text


def test_a_date_typed_as_dd_mm_yyyy_is_understood(client_for, cast):
    response = client_for(cast.viewer_vefsn).get(
        reverse("protocol:processing_pdf", args=["vefsn"]), {"as_of": "31.12.2020"}
    )
    text = " ".join(" ".join(pdf_pages(response.content)).split())
    assert _("Historical print-out") in text and "31.12.2020" in text


@pytest.mark.parametrize("count", [3, 40])
def test_protocol_pdf_runs_a_constant_number_of_queries(client_for, cast, django_assert_max_num_queries, count):
    vendor = Vendor.objects.create(name="Husbanken")
    for index in range(count):
        activity = ProcessingActivity.objects.create(
            municipality=cast.vefsn, **{**VALUES, "name": f"Behandling {index}"}
        )
        ProcessingProcessor.objects.create(municipality=cast.vefsn, processing_activity=activity, vendor=vendor)
    client = client_for(cast.viewer_vefsn)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("protocol:processing_pdf", args=["vefsn"])).status_code == 200


def test_agreement_register_pdf(client_for, cast):
    activity = _activity(cast.vefsn, cast.editor_vefsn)
    ProcessingProcessor.objects.create(
        municipality=cast.vefsn, processing_activity=activity, vendor=Vendor.objects.create(name="Husbanken")
    )
    response = client_for(cast.viewer_vefsn).get(reverse("protocol:agreement_register_pdf", args=["vefsn"]))
    text = "\n".join(pdf_pages(response.content))
    assert "Databehandleravtaler" in text and "Databehandlere uten avtale som gjelder" in text and "Husbanken" in text


def test_rana_gets_404_for_vefsn_pdfs(client_for, cast):
    client = client_for(cast.editor_rana)
    assert client.get(reverse("protocol:processing_pdf", args=["vefsn"])).status_code == 404
    assert client.get(reverse("protocol:agreement_register_pdf", args=["vefsn"])).status_code == 404


def test_all_municipalities_export_is_a_zip_of_protocols(client_for, cast, django_capture_on_commit_callbacks):
    _activity(cast.vefsn, cast.editor_vefsn)
    client = client_for(cast.dpo)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("protocol:export_all_protocols"))
    assert response.status_code == 302
    download = client.get(response.url.replace("/exports/", "/exports/", 1) + "download/")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert sorted(archive.namelist()) == ["behandlingsprotokoll-rana.pdf", "behandlingsprotokoll-vefsn.pdf"]
    assert "Startlån" in "\n".join(pdf_pages(archive.read("behandlingsprotokoll-vefsn.pdf")))


def test_only_cooperation_roles_export_all(client_for, cast):
    assert client_for(cast.leader_vefsn).post(reverse("protocol:export_all_protocols")).status_code == 403
