"""The risk heat map as a vector drawing: likelihood rows over consequence columns, each cell in its
band's colour with the number of scenarios in it (the number, not the colour alone, carries the count)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from . import styles

BAND_COLOURS = {
    "low": colors.HexColor("#CDEBCD"),
    "medium": colors.HexColor("#FFE9A3"),
    "high": colors.HexColor("#F5B7B0"),
    "": colors.white,
}


@dataclass(frozen=True)
class HeatCell:
    count: int
    band: str  # "low" | "medium" | "high"


def heat_map_drawing(
    *,
    title: str,
    row_labels: Sequence[str],  # top row first
    column_labels: Sequence[str],
    cells: Sequence[Sequence[HeatCell]],
    row_axis: str,
    column_axis: str,
    cell_size: float = 11 * mm,
) -> Drawing:
    label_width, head = 34 * mm, 8 * mm
    width = label_width + cell_size * len(column_labels) + 2 * mm
    height = head + cell_size * len(row_labels) + 16 * mm
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 4 * mm, title, fontName="Helvetica-Bold", fontSize=9, fillColor=styles.INK))
    top = height - head
    for r, label in enumerate(row_labels):
        y = top - (r + 1) * cell_size
        drawing.add(
            String(label_width - 2 * mm, y + cell_size / 2 - 2.5, label[:24], fontName="Helvetica", fontSize=6.5,
                   fillColor=styles.INK, textAnchor="end")
        )  # fmt: skip
        for c, cell in enumerate(cells[r]):
            x = label_width + c * cell_size
            drawing.add(Rect(x, y, cell_size, cell_size, fillColor=BAND_COLOURS[cell.band], strokeColor=colors.white,
                             strokeWidth=1.2))  # fmt: skip
            if cell.count:
                drawing.add(
                    String(x + cell_size / 2, y + cell_size / 2 - 3.5, str(cell.count), fontName="Helvetica-Bold",
                           fontSize=10, fillColor=styles.INK, textAnchor="middle")
                )  # fmt: skip
    bottom = top - len(row_labels) * cell_size
    for c, label in enumerate(column_labels):
        drawing.add(
            String(label_width + (c + 0.5) * cell_size, bottom - 4 * mm, label[:14], fontName="Helvetica",
                   fontSize=6, fillColor=styles.INK, textAnchor="middle")
        )  # fmt: skip
    drawing.add(
        String(label_width + len(column_labels) * cell_size / 2, bottom - 9 * mm, column_axis, fontName="Helvetica",
               fontSize=7, fillColor=styles.MUTED, textAnchor="middle")
    )  # fmt: skip
    drawing.add(String(0, top + 1.5 * mm, row_axis, fontName="Helvetica", fontSize=7, fillColor=styles.MUTED))
    return drawing
