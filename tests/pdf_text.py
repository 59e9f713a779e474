"""Read the text of a PDF response page by page, as a reader of the PDF would see it."""

import io

from pypdf import PdfReader


def pdf_pages(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]
