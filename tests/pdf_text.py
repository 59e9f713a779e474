"""Read the text of a PDF response page by page, as a reader of the PDF would see it."""

import io

from django.utils import translation
from pypdf import PdfReader


def pdf_pages(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def in_bokmal(*texts: str) -> list[str]:
    """The bokmål translations of English source strings, as the PDF prints them."""
    with translation.override("nb"):
        return [translation.gettext(text) for text in texts]


def assert_in_order(text: str, parts: list[str]) -> None:
    """Each part is found after the one before it (a heading's word may also appear earlier, in a table)."""
    position = 0
    for part in parts:
        position = text.find(part, position)
        assert position != -1, f"{part!r} missing or out of order"
        position += len(part)
