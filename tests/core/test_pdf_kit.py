"""The shared PDF kit: letterhead, footer "side x av y", tables that repeat their header across pages."""

import io
import re

from django.urls import reverse
from PIL import Image

from isms.core.pdf import Letterhead, build_pdf, data_table

from ..factories import MunicipalityFactory
from ..pdf_text import pdf_pages


def test_footer_counts_pages_and_the_table_header_repeats(db):
    rows = [[str(i), f"Rad {i}", "tekst " * 8] for i in range(200)]
    content = build_pdf(title="Prøve", version=7, story=[data_table(["Nr.", "Navn", "Beskrivelse"], rows, [1, 2, 5])])
    pages = pdf_pages(content)
    assert len(pages) > 2
    for number, page in enumerate(pages, start=1):
        assert re.search(
            rf"Versjon 7 · generert \d\d\.\d\d\.\d{{4}} kl\. \d\d:\d\d · side {number} av {len(pages)}", page
        )
    assert "Beskrivelse" in pages[1] and "Beskrivelse" in pages[-1]


def test_letterhead_shows_the_municipality_and_its_logo(db):
    buffer = io.BytesIO()
    Image.new("RGB", (300, 100), (0, 98, 186)).save(buffer, "PNG")
    content = build_pdf(title="Prøve", letterhead=Letterhead(name="Vefsn kommune", logo=buffer.getvalue()), story=[])
    page = pdf_pages(content)[0]
    assert "Vefsn kommune" in page and "Generert" in page
    assert b"/Image" in content or b"/XObject" in content


def test_municipality_overview_pdf_for_the_coordinator(client_for, cast, django_assert_max_num_queries):
    for index in range(30):
        MunicipalityFactory(number=f"{3000 + index}", name=f"Kommune {index:02d}", slug=f"kommune-{index}")
    client = client_for(cast.coordinator)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("core:municipality_overview_pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(pdf_pages(response.content))
    assert "Kommuneoversikt" in text and "Vefsn" in text and "Kommune 29" in text
    assert "32 kommuner" in text


def test_overview_for_a_vefsn_user_lists_only_vefsn(client_for, cast):
    text = "\n".join(pdf_pages(client_for(cast.leader_vefsn).get(reverse("core:municipality_overview_pdf")).content))
    assert "Vefsn" in text and "Rana" not in text
