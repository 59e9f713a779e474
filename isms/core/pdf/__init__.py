"""The shared ReportLab kit: every PDF export builds its story from these pieces and calls build_pdf."""

from .document import Letterhead, build_pdf
from .flowables import (
    CONTENT_WIDTH,
    SignOffLine,
    data_table,
    facts_table,
    field_list,
    heading,
    pdf_date,
    signoff_block,
    text,
)
from .heatmap import HeatCell, heat_map_drawing

__all__ = [
    "CONTENT_WIDTH",
    "HeatCell",
    "Letterhead",
    "SignOffLine",
    "build_pdf",
    "data_table",
    "facts_table",
    "field_list",
    "heading",
    "heat_map_drawing",
    "pdf_date",
    "signoff_block",
    "text",
]
