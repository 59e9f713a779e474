"""The A4 document every export uses: letterhead, title block, footer "Versjon N · generert … · side x av y"."""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from . import styles
from .flowables import title_block
from .logo import UNREADABLE_LOGO, decode_logo

logger = logging.getLogger(__name__)

COOPERATION_NAME = "Digitale Helgeland"
LOGO_MAX_HEIGHT = 11 * mm
LOGO_MAX_WIDTH = 45 * mm


@dataclass(frozen=True)
class Letterhead:
    """Top of every page: the municipality's logo (if any) and its name, or the cooperation's name."""

    name: str = COOPERATION_NAME
    logo: bytes | None = None

    @classmethod
    def for_municipality(cls, municipality) -> Letterhead:
        if municipality is None:
            return cls()
        name = municipality.official_name or municipality.name
        logo = None
        if municipality.logo:
            try:
                with municipality.logo.open("rb") as handle:
                    logo = handle.read()
            except OSError as exc:  # the file is gone from storage: the letterhead still has the name
                logger.warning("The letterhead logo of %s cannot be opened (%s); drawn without it.", name, exc)
        return cls(name=name, logo=logo)


def _footer_prefix(version: int | None) -> str:
    generated = timezone.localtime()
    stamp = _("generated %(date)s at %(time)s") % {
        "date": formats.date_format(generated, "SHORT_DATE_FORMAT"),
        "time": generated.strftime("%H:%M"),
    }
    if version is None:
        return stamp[:1].upper() + stamp[1:]
    return f"{_('Version %(n)s') % {'n': version}} · {stamp}"


def _numbered_canvas(footer_prefix: str):
    """A canvas that holds every page back until the end, so each footer can say "side x av y"."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._draw_footer(number, total)
                super().showPage()
            super().save()

        def _draw_footer(self, number: int, total: int) -> None:
            page = _("page %(x)s of %(y)s") % {"x": number, "y": total}
            self.saveState()
            self.setStrokeColor(styles.RULE)
            self.setLineWidth(0.5)
            self.line(styles.PAGE_MARGIN, 14 * mm, A4[0] - styles.PAGE_MARGIN, 14 * mm)
            self.setFont("Helvetica", 7.5)
            self.setFillColor(styles.MUTED)
            self.drawString(styles.PAGE_MARGIN, 10 * mm, f"{footer_prefix} · {page}")
            self.restoreState()

    return NumberedCanvas


def _logo_reader(letterhead: Letterhead) -> ImageReader | None:
    """The logo decoded before any page is drawn; a file that cannot be read in full (a truncated PNG, a broken
    data stream, not an image) gives a letterhead with the name only and a warning in the log, never an error."""
    if not letterhead.logo:
        return None
    try:
        return ImageReader(decode_logo(letterhead.logo))
    except UNREADABLE_LOGO as exc:
        logger.warning("The letterhead logo of %s is unreadable (%s); drawn without it.", letterhead.name, exc)
        return None


def _draw_letterhead(letterhead: Letterhead, document_title: str):
    logo = _logo_reader(letterhead)

    def draw(canvas: Canvas, doc) -> None:
        canvas.saveState()
        top = A4[1] - 10 * mm
        x = styles.PAGE_MARGIN
        if logo is not None:
            width, height = logo.getSize()
            scale = min(LOGO_MAX_HEIGHT / height, LOGO_MAX_WIDTH / width)
            canvas.drawImage(logo, x, top - height * scale, width * scale, height * scale, mask="auto")
            x += width * scale + 4 * mm
        canvas.setFillColor(styles.INK)
        canvas.setFont("Helvetica-Bold", 11)
        canvas.drawString(x, top - 6 * mm, letterhead.name)
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(styles.MUTED)
        canvas.drawRightString(A4[0] - styles.PAGE_MARGIN, top - 6 * mm, document_title)
        canvas.setStrokeColor(styles.ACCENT)
        canvas.setLineWidth(1)
        canvas.line(styles.PAGE_MARGIN, top - 13 * mm, A4[0] - styles.PAGE_MARGIN, top - 13 * mm)
        canvas.restoreState()

    return draw


def build_pdf(
    *,
    title: str,
    story: Sequence[Flowable],
    letterhead: Letterhead | None = None,
    subtitle: str = "",
    status: str = "",
    version: int | None = None,
) -> bytes:
    """Render a whole document to PDF bytes. `story` is the content after the title block."""
    letterhead = letterhead or Letterhead()
    buffer = io.BytesIO()
    frame_top = A4[1] - 10 * mm - styles.LETTERHEAD_HEIGHT
    frame = Frame(
        styles.PAGE_MARGIN,
        18 * mm,
        A4[0] - 2 * styles.PAGE_MARGIN,
        frame_top - 18 * mm,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="content",
    )
    document = BaseDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        author="Sikker kommune",
        subject=subtitle or title,
        creator="Sikker kommune",
        lang="nb",
        leftMargin=styles.PAGE_MARGIN,
        rightMargin=styles.PAGE_MARGIN,
    )
    document.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_draw_letterhead(letterhead, title))])
    flowables = [*title_block(title=title, subtitle=subtitle, status=status, version=version), *story]
    document.build(flowables, canvasmaker=_numbered_canvas(_footer_prefix(version)))
    return buffer.getvalue()
