"""A letterhead logo that cannot be drawn never costs a PDF: the kit draws the name alone and logs a warning,
and the upload form refuses such a file in bokmål before it is stored."""

import io
import logging

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from isms.core.pdf import Letterhead, build_pdf

from ..access_matrix import PNG, World, case_id, rows
from ..pdf_text import pdf_pages
from .test_municipalities import edit_data


def _png(size=(300, 100), mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, (0, 98, 186)).save(buffer, "PNG")
    return buffer.getvalue()


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 100), (0, 98, 186)).save(buffer, "JPEG")
    return buffer.getvalue()


BROKEN = {
    # The access matrix's 1×1 PNG: a valid header and size, but its pixel data does not decompress.
    "matrix-1x1-png": PNG,
    "truncated-png": _png()[:200],
    "truncated-jpeg": _jpeg()[:300],
    "png-signature-only": b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,
    "not-an-image": b"Dette er ikke et bilde",
}


@pytest.mark.parametrize("kind", BROKEN)
def test_the_kit_draws_a_letterhead_without_a_broken_logo_and_logs_a_warning(db, caplog, kind):
    with caplog.at_level(logging.WARNING, logger="isms.core.pdf.document"):
        content = build_pdf(title="Prøve", letterhead=Letterhead(name="Vefsn kommune", logo=BROKEN[kind]), story=[])
    assert "Vefsn kommune" in pdf_pages(content)[0]
    assert b"/Subtype /Image" not in content
    assert "The letterhead logo of Vefsn kommune is unreadable" in caplog.text


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "P"])
def test_a_whole_logo_is_still_drawn(db, caplog, mode):
    with caplog.at_level(logging.WARNING):
        content = build_pdf(title="Prøve", letterhead=Letterhead(name="Vefsn kommune", logo=_png(mode=mode)), story=[])
    assert b"/Subtype /Image" in content and caplog.text == ""


def test_a_logo_file_missing_from_storage_gives_the_name_alone(cast, caplog):
    cast.vefsn.logo.save("vefsn.png", ContentFile(_png()))
    cast.vefsn.logo.storage.delete(cast.vefsn.logo.name)
    with caplog.at_level(logging.WARNING, logger="isms.core.pdf.document"):
        letterhead = Letterhead.for_municipality(cast.vefsn)
    assert letterhead.logo is None and letterhead.name == (cast.vefsn.official_name or cast.vefsn.name)
    assert "cannot be opened" in caplog.text


def _pdf_rows():
    """Every GET row of the access matrix that answers a PDF, by its URL name or its export format."""
    for name, entry in rows():
        if entry.method == "get" and ("pdf" in name or entry.label.endswith(".pdf")):
            yield pytest.param(name, entry, id=case_id(name, entry))


def _reader(entry) -> str:
    """A role that may read the URL: Vefsn's leader for the municipality's records, else the coordinator."""
    return next(role for role in ("leader_vefsn", "coordinator", "dpo") if entry.expected[role] == 200)


@pytest.mark.parametrize("kind", ["matrix-1x1-png", "truncated-png"])
@pytest.mark.parametrize(("url_name", "entry"), _pdf_rows())
def test_every_pdf_of_a_municipality_with_a_broken_logo_answers(client_for, cast, url_name, entry, kind):
    world = World(cast)
    for municipality in (cast.vefsn, cast.rana):
        municipality.logo.save(f"{municipality.slug}.png", ContentFile(BROKEN[kind]))
    url = reverse(url_name, kwargs=entry.kwargs(world))
    response = client_for(cast.by_role(_reader(entry))).get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert pdf_pages(content)


def test_the_pdf_url_walk_reaches_the_record_pdfs():
    names = {values[0] for values in (param.values for param in _pdf_rows())}
    assert {"risk:analysis_pdf", "dpia:pdf", "protocol:processing_pdf", "incidents:pdf", "cycle:review_pdf"} <= names
    assert "core:municipal_history_export" in names


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (BROKEN["matrix-1x1-png"], "Logofilen er skadet eller ikke et ekte bilde."),
        (BROKEN["truncated-png"], "Logofilen er skadet eller ikke et ekte bilde."),
        (BROKEN["truncated-jpeg"], "Logofilen er skadet eller ikke et ekte bilde."),
        (_png(size=(4001, 10)), "Logoen er 4001 × 10 piksler; grensen er 4000 piksler på hver side."),
    ],
)
def test_an_upload_that_no_pdf_could_draw_is_refused_in_bokmal(client_for, cast, content, message):
    upload = SimpleUploadedFile("logo.png", content, content_type="image/png")
    response = client_for(cast.coordinator).post(
        reverse("core:municipality_edit", args=["vefsn"]), {**edit_data(cast.vefsn), "logo_upload": upload}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    cast.vefsn.refresh_from_db()
    assert not cast.vefsn.logo and cast.vefsn.version == 1


def test_a_whole_jpeg_logo_is_accepted(client_for, cast):
    upload = SimpleUploadedFile("logo.jpg", _jpeg(), content_type="image/jpeg")
    response = client_for(cast.coordinator).post(
        reverse("core:municipality_edit", args=["vefsn"]), {**edit_data(cast.vefsn), "logo_upload": upload}
    )
    assert response.status_code == 302
    cast.vefsn.refresh_from_db()
    assert cast.vefsn.logo.name.endswith(".jpg")
