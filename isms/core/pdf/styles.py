"""Fonts, colours and paragraph styles of every PDF (built-in Helvetica covers æ, ø and å)."""

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

PAGE_MARGIN = 18 * mm
LETTERHEAD_HEIGHT = 16 * mm
FOOTER_HEIGHT = 10 * mm

INK = colors.HexColor("#1E2B3C")
MUTED = colors.HexColor("#5A6573")
ACCENT = colors.HexColor("#0062BA")
RULE = colors.HexColor("#C9D2DC")
ZEBRA = colors.HexColor("#F2F5F8")
HEADER_FILL = colors.HexColor("#E3EBF4")
DANGER = colors.HexColor("#B3261E")
WARNING = colors.HexColor("#8A5A00")
SUCCESS = colors.HexColor("#1E6B3A")

BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=9.5, leading=12.5, textColor=INK, alignment=TA_LEFT)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=8, leading=10, textColor=MUTED)
CELL = ParagraphStyle("cell", parent=BODY, fontSize=8.5, leading=10.5)
CELL_HEADER = ParagraphStyle("cell_header", parent=CELL, fontName="Helvetica-Bold")
LABEL = ParagraphStyle("label", parent=BODY, fontName="Helvetica-Bold", fontSize=8.5, leading=10.5, textColor=MUTED)
TITLE = ParagraphStyle("title", parent=BODY, fontName="Helvetica-Bold", fontSize=20, leading=24, spaceAfter=2 * mm)
SUBTITLE = ParagraphStyle("subtitle", parent=BODY, fontSize=11, leading=14, textColor=MUTED)
H1 = ParagraphStyle("h1", parent=BODY, fontName="Helvetica-Bold", fontSize=13, leading=16, spaceBefore=5 * mm,
                    spaceAfter=2 * mm, keepWithNext=True)  # fmt: skip
H2 = ParagraphStyle("h2", parent=BODY, fontName="Helvetica-Bold", fontSize=10.5, leading=13, spaceBefore=3 * mm,
                    spaceAfter=1.5 * mm, keepWithNext=True)  # fmt: skip
STATUS = ParagraphStyle("status", parent=BODY, fontName="Helvetica-Bold", fontSize=9, leading=11, textColor=ACCENT)
