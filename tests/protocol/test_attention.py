"""One presenter for what needs attention (isms/protocol/attention.py): the list's tags, the CSV's column,
the PDF's contents and sections, the figures and the filter name and count the same flags."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from isms.protocol.models import ProcessingActivity, ProcessingProcessor, Vendor
from isms.protocol.selectors import processing_activities, protocol_figures
from isms.protocol.services import save_processing_activity

from ..downloads import body
from ..pdf_text import pdf_pages
from .test_pdfs import VALUES

YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)
FLAGGED = {
    "all three": ({"recipients": "", "next_review": YESTERDAY}, True),
    "empty field": ({"recipients": ""}, False),
    "review overdue": ({"next_review": YESTERDAY}, False),
    "processor without DPA": ({}, True),
    "nothing": ({}, False),
}


@pytest.fixture
def flagged(cast):
    husbanken = Vendor.objects.create(name="Husbanken", country="NO")
    for name, (overrides, uncovered) in FLAGGED.items():
        activity = save_processing_activity(
            municipality=cast.vefsn, actor=cast.editor_vefsn, values={**VALUES, "name": name, **overrides},
            system_use_ids=[], processor_ids=[], reason="",
        )[0]  # fmt: skip
        if uncovered:
            ProcessingProcessor.objects.create(municipality=cast.vefsn, processing_activity=activity, vendor=husbanken)
    return {activity.name: activity for activity in ProcessingActivity.objects.all()}


EMPTY = "Tomme felt etter art. 30: kategorier av mottakere"
EXPECTED = {
    "all three": ["DBA mangler for Husbanken", EMPTY, "Gjennomgang forfalt"],
    "empty field": [EMPTY],
    "review overdue": ["Gjennomgang forfalt"],
    "processor without DPA": ["DBA mangler for Husbanken"],
    "nothing": [],
}
TAGS = {
    "all three": ["DBA mangler", "1 tomme felt etter art. 30", "Gjennomgang forfalt"],
    "empty field": ["1 tomme felt etter art. 30"],
    "review overdue": ["Gjennomgang forfalt"],
    "processor without DPA": ["DBA mangler"],
    "nothing": [],
}


def test_list_export_pdf_and_figures_show_the_same_flags(client_for, cast, flagged):
    client = client_for(cast.viewer_vefsn)
    url = reverse("protocol:processing_list", args=["vefsn"])
    html = client.get(url).content.decode()
    for name, tags in TAGS.items():
        row = html[html.index(f">{name}</a>") :]
        row = row[: row.index("</tr>")]
        assert [tag for tag in TAGS["all three"] if f">{tag}</span>" in row] == tags, name

    rows = csv.DictReader(io.StringIO(body(client.get(url, {"_export": "csv"})).decode("utf-8-sig")), delimiter=";")
    exported = {row["Navn"]: row["Trenger oppfølging"] for row in rows}
    assert exported == {name: "; ".join(texts) for name, texts in EXPECTED.items()}

    pdf = "\n".join(pdf_pages(client.get(reverse("protocol:processing_pdf", args=["vefsn"])).content))
    for texts in EXPECTED.values():
        for text in texts:
            assert text in pdf.replace("\n", " ")

    figures = {figure.label: figure.value for figure in protocol_figures(cast.vefsn)}
    assert (figures["DBA mangler"], figures["Tomme felt etter art. 30"], figures["Gjennomgang forfalt"]) == (2, 2, 2)
    for key, expected in (("agreement", 2), ("art30", 2), ("review", 2)):
        listed = client.get(url, {"attention": key}).content.decode()
        assert f"{expected} behandlinger" in listed, key
    assert processing_activities(municipality=cast.vefsn).filter(lacks_agreement=True).count() == 2
