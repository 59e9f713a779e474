"""Building blocks of a PDF page: title block, headings, fact tables, long data tables, sign-off block."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from html import escape as html_escape
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from . import styles

CONTENT_WIDTH = 210 * mm - 2 * styles.PAGE_MARGIN
# ReportLab paragraphs are mini-XML: only &, < and > must be escaped.
escape = partial(html_escape, quote=False)


def text(value, style=styles.BODY) -> Paragraph:
    """A paragraph of plain text: escaped, line breaks kept, "—" for empty."""
    content = "—" if value in (None, "") else escape(str(value)).replace("\n", "<br/>")
    return Paragraph(content, style)


def heading(value: str, level: int = 1) -> Paragraph:
    return Paragraph(escape(value), styles.H1 if level == 1 else styles.H2)


def title_block(*, title: str, subtitle: str = "", status: str = "", version: int | None = None) -> list[Flowable]:
    line = " · ".join(part for part in (status, _("Version %(n)s") % {"n": version} if version else "") if part)
    block: list[Flowable] = [Paragraph(escape(title), styles.TITLE)]
    if subtitle:
        block.append(Paragraph(escape(subtitle), styles.SUBTITLE))
    if line:
        block += [Spacer(1, 1.5 * mm), Paragraph(escape(line), styles.STATUS)]
    block += [Spacer(1, 3 * mm), HRFlowable(width="100%", thickness=0.6, color=styles.RULE), Spacer(1, 3 * mm)]
    return block


def facts_table(pairs: Sequence[tuple[str, object]], label_width: float = 52 * mm) -> Table:
    """Label → value rows for a detail section; values wrap."""
    rows = [[Paragraph(escape(label), styles.LABEL), value if isinstance(value, Flowable) else text(value)]
            for label, value in pairs]  # fmt: skip
    table = Table(rows, colWidths=[label_width, CONTENT_WIDTH - label_width], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, styles.RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


@lru_cache(maxsize=8192)
def wrap_words(value: str, font: str, size: float, width: float) -> tuple[str, ...]:
    """Plain text broken into lines that fit `width`; line breaks in the text are kept.

    Cached: a protocol repeats the same labels and many values hundreds of times."""
    lines: list[str] = []
    space = stringWidth(" ", font, size)
    for paragraph in value.split("\n"):
        line, line_width = [], 0.0
        for word in paragraph.split():
            word_width = stringWidth(word, font, size)
            while word_width > width and len(word) > 1:  # a word wider than the column is cut
                cut = max(1, int(len(word) * width / word_width))
                if line:
                    lines.append(" ".join(line))
                    line, line_width = [], 0.0
                lines.append(word[:cut])
                word = word[cut:]
                word_width = stringWidth(word, font, size)
            needed = word_width if not line else line_width + space + word_width
            if line and needed > width:
                lines.append(" ".join(line))
                line, line_width = [word], word_width
            else:
                line.append(word)
                line_width = needed
        lines.append(" ".join(line))
    return tuple(lines) or ("",)


class FieldRow(Flowable):
    """One label/value row of a detail section, drawn as plain text.

    A protocol of 400 activities has ~9 000 such rows; laying them out with Paragraphs in a Table
    costs seconds, this costs a fraction. Rows split across pages line by line.
    """

    FONT, BOLD, SIZE, LABEL_SIZE, LEADING, PAD = "Helvetica", "Helvetica-Bold", 9.5, 8.5, 12.5, 3.0

    def __init__(self, label: str, value: str, label_width: float, *, lines: tuple[str, ...] | None = None):
        super().__init__()
        self.label, self.value, self.label_width = label, value, label_width
        self._lines = lines

    def wrap(self, available_width, available_height):
        if getattr(self, "width", None) != available_width:  # frames ask again and again; lay out once
            self.width = available_width
            self._label_lines = wrap_words(self.label, self.BOLD, self.LABEL_SIZE, self.label_width - 3 * mm)
            if self._lines is None:
                self._lines = wrap_words(self.value, self.FONT, self.SIZE, available_width - self.label_width)
            self.height = max(len(self._label_lines), len(self._lines)) * self.LEADING + 2 * self.PAD
        return self.width, self.height

    def split(self, available_width, available_height):
        self.wrap(available_width, available_height)
        fits = int((available_height - 2 * self.PAD) // self.LEADING)
        if fits < 1 or fits >= len(self._lines):
            return [] if fits < 1 else [self]
        first = FieldRow(self.label, self.value, self.label_width, lines=self._lines[:fits])
        rest = FieldRow("", self.value, self.label_width, lines=self._lines[fits:])
        return [first, rest]

    def draw(self):
        canvas = self.canv
        top = self.height - self.PAD - self.SIZE
        canvas.setFillColor(styles.MUTED)
        canvas.setFont(self.BOLD, self.LABEL_SIZE)
        for index, line in enumerate(self._label_lines):
            canvas.drawString(0, top - index * self.LEADING, line)
        canvas.setFillColor(styles.INK)
        canvas.setFont(self.FONT, self.SIZE)
        for index, line in enumerate(self._lines):
            canvas.drawString(self.label_width, top - index * self.LEADING, line)
        canvas.setStrokeColor(styles.RULE)
        canvas.setLineWidth(0.3)
        canvas.line(0, 0, self.width, 0)


def field_list(pairs: Sequence[tuple[str, object]], label_width: float = 52 * mm) -> list[Flowable]:
    """Label → value rows of plain text for long detail sections (see FieldRow)."""
    return [FieldRow(label, "—" if value in (None, "") else str(value), label_width) for label, value in pairs]


def data_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    *,
    numeric_columns: Sequence[int] = (),
) -> Table:
    """A table that splits across pages and repeats its header row; `widths` are fractions of the page."""
    total = sum(widths)
    col_widths = [CONTENT_WIDTH * w / total for w in widths]
    numeric = styles.CELL.clone("cell_num", alignment=2)
    padding = 8  # left + right cell padding below

    def cell(value, index: int):
        # Short text is drawn as a plain string; only text that must wrap pays for a Paragraph.
        if isinstance(value, Flowable):
            return value
        content = "—" if value in (None, "") else str(value)
        fits = "\n" not in content and stringWidth(content, "Helvetica", styles.CELL.fontSize) <= (
            col_widths[index] - padding
        )
        if fits:
            return content
        return text(content, numeric if index in numeric_columns else styles.CELL)

    numeric_header = styles.CELL_HEADER.clone("cell_header_num", alignment=2)
    body = [
        [
            Paragraph(escape(h), numeric_header if i in numeric_columns else styles.CELL_HEADER)
            for i, h in enumerate(headers)
        ]
    ]
    body += [[cell(value, index) for index, value in enumerate(row)] for row in rows]
    table = Table(body, colWidths=col_widths, repeatRows=1, hAlign="LEFT")
    commands = [
        ("FONT", (0, 1), (-1, -1), "Helvetica", styles.CELL.fontSize, styles.CELL.leading),
        ("TEXTCOLOR", (0, 1), (-1, -1), styles.INK),
        *[("ALIGN", (index, 1), (index, -1), "RIGHT") for index in numeric_columns],
        ("BACKGROUND", (0, 0), (-1, 0), styles.HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, styles.ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, styles.ZEBRA]))
    table.setStyle(TableStyle(commands))
    return table


@dataclass(frozen=True)
class SignOffLine:
    signer: str
    role: str
    decision: str
    date: str
    comment: str = ""

    @classmethod
    def of(cls, signoff: Any, *, decision: str = "", note: str = "") -> SignOffLine:
        """One sign-off row as every PDF prints it: the decision (or `decision`) on "vN", with `note` after
        it, and the comment above the start of the content's SHA-256."""
        return cls(
            signer=signoff.signer.display_name,
            role=signoff.get_role_display(),
            decision=f"{decision or signoff.get_decision_display()} (v{signoff.root_version})"
            + (f" – {note}" if note else ""),
            date=pdf_date(signoff.signed_at),
            comment=f"{signoff.comment}\nSHA-256 {signoff.content_sha256[:16]}…".strip(),
        )


def signoff_block(*, heading_text: str, lines: Sequence[SignOffLine], state: str = "") -> KeepTogether:
    """Who signed what, or the state that says it is missing or outdated ("Ikke godkjent", "Endret etter…")."""
    parts: list[Flowable] = [heading(heading_text, 2)]
    if state:
        parts.append(Paragraph(escape(state), styles.STATUS.clone("state", textColor=styles.DANGER)))
    if lines:
        parts.append(
            data_table(
                [_("Signed by"), _("Role"), _("Decision"), _("Date"), _("Comment")],
                [[line.signer, line.role, line.decision, line.date, line.comment] for line in lines],
                [3, 2, 2, 1.6, 4],
            )
        )
    return KeepTogether(parts)


def pdf_date(value) -> str:
    """dd.mm.yyyy, or "—"; a stored time (UTC) is shown as its day in Europe/Oslo."""
    if not value:
        return "—"
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return formats.date_format(value, "SHORT_DATE_FORMAT")
