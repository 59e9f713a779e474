"""Course PDFs: certificates (kursbevis, one participant or a whole session in one file) and a
session's participant list."""

from __future__ import annotations

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer

from isms.core.pdf import Letterhead, build_pdf, data_table, facts_table, text
from isms.core.pdf import styles as pdf_styles

from .models import Registration, Session

NAME_STYLE = pdf_styles.TITLE.clone("certificate_name", fontSize=24, leading=30, alignment=1, spaceBefore=20 * mm)
CENTRED = pdf_styles.BODY.clone("certificate_body", fontSize=12, leading=16, alignment=1)
# Millimetres of the 174 mm text width: unit and job title hold words like "Hjemmetjenesten" and
# "Sykepleiekoordinator" whole (a word wider than its column is split mid-word); the signature takes the rest.
PARTICIPANT_COLUMNS_MM = (7, 33, 22, 27, 31, 17, 37)
SIGNATURE_HEIGHT = 9 * mm
COURSE_STYLE = pdf_styles.TITLE.clone("certificate_course", fontSize=16, leading=20, alignment=1)


def _certificate(registration: Registration, session: Session) -> list:
    # Not yet recorded as issued: the PDF shows today's date and records nothing (GET has no side effects).
    issued = registration.certificate_issued_at or timezone.now()
    return [
        text(registration.name, NAME_STYLE),
        Spacer(1, 6 * mm),
        text(_("has completed the course"), CENTRED),
        Spacer(1, 4 * mm),
        text(session.course.title, COURSE_STYLE),
        Spacer(1, 10 * mm),
        facts_table(
            [
                (_("Date"), session.dates_display),
                (_("Place"), session.place_display or "—"),
                (_("Provider"), session.course.provider or "—"),
                (_("Target group"), session.course.target_group or "—"),
                (_("Round"), session.round.name),
                (_("Municipality"), registration.municipality.name),
                (_("Issued"), formats.date_format(timezone.localtime(issued), "SHORT_DATE_FORMAT")),
            ]
        ),
        Spacer(1, 8 * mm),
        text(session.course.description or "", pdf_styles.SMALL),
    ]


def render_certificates(*, session: Session, registrations: list[Registration]) -> bytes:
    story: list = []
    for index, registration in enumerate(registrations):
        if index:
            story.append(PageBreak())
        story += _certificate(registration, session)
    if not story:
        story = [text(_("Nobody in this session is marked as attended yet."))]
    return build_pdf(
        title=_("Course certificate"),
        subtitle=_("Secure municipality Helgeland"),
        story=story,
        letterhead=Letterhead(),
    )


def render_participant_list(*, session: Session, registrations: list[Registration]) -> bytes:
    rows = [
        [
            str(index),
            registration.name,
            registration.municipality.name,
            registration.unit,
            registration.job_title,
            registration.get_status_display(),
            Spacer(1, SIGNATURE_HEIGHT),
        ]
        for index, registration in enumerate(registrations, start=1)
    ]
    story = [
        facts_table(
            [
                (_("Date"), session.dates_display),
                (_("Place"), session.place_display or "—"),
                (_("Seats"), session.capacity),
                (_("Status"), session.get_status_display()),
            ]
        ),
        Spacer(1, 4 * mm),
        data_table(
            ["#", _("Name"), _("Municipality"), _("Unit"), _("Job title"), _("Status"), _("Signature")],
            rows,
            PARTICIPANT_COLUMNS_MM,
        ),
    ]
    return build_pdf(
        title=_("Participant list"),
        subtitle=f"{session.course.title}, {session.dates_display} ({session.round.name})",
        story=story,
        letterhead=Letterhead(),
    )
