"""PDF exports of the behandlingsprotokoll and the DPA register, and the all-municipalities export."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from isms.core.access import municipality_for
from isms.core.services import request_export

from .. import selectors
from ..forms import ProtocolDateForm
from ..pdf import render_agreement_register, render_protocol
from ..snapshot import protocol_snapshot


def _date(day: datetime.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _end_of_day(day: datetime.date) -> datetime.datetime:
    """The moment a protocol "as of dd.mm.yyyy" shows: the end of that day in Oslo."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


@login_required
def processing_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """Today's protocol, or (with ?as_of=) the protocol as it stood at the end of an earlier day.

    A date that cannot be read sends the user back to the form with the error; a future date gives
    today's protocol, which says so."""
    municipality = municipality_for(request.user, slug)
    at, notice = None, ""
    if "as_of" in request.GET:
        form = ProtocolDateForm(request.GET)
        if not form.is_valid():
            query = urlencode({"as_of": request.GET["as_of"]})
            return redirect(f"{reverse('protocol:processing_list', args=[municipality.slug])}?{query}#as-of-form")
        day, today = form.cleaned_data["as_of"], timezone.localdate()
        if day > today:
            notice = _("%(day)s is in the future: this is the record as of today.") % {"day": _date(day)}
        elif day < today:
            at = _end_of_day(day)
    snapshot = protocol_snapshot(municipality=municipality, at=at)
    day = timezone.localtime(snapshot.at).date()
    return _pdf_response(
        render_protocol(snapshot, notice=notice), f"behandlingsprotokoll-{municipality.slug}-{day:%Y-%m-%d}.pdf"
    )


@login_required
def agreement_register_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request.user, slug)
    content = render_agreement_register(
        municipality=municipality,
        agreements=list(selectors.agreements(municipality=municipality)),
        uncovered=list(selectors.processors_without_agreement(municipality=municipality)),
    )
    return _pdf_response(content, f"databehandleravtaler-{municipality.slug}-{timezone.localdate():%Y-%m-%d}.pdf")


@login_required
@require_POST
def export_all_protocols(request: HttpRequest) -> HttpResponse:
    job = request_export(kind="protocol_all", user=request.user)
    return redirect("core:export_status", pk=job.pk)


def may_export_all(user) -> bool:
    return user.sees_all_municipalities


urlpatterns = [
    path("m/<slug:slug>/processing/protocol.pdf", processing_pdf, name="processing_pdf"),
    path("m/<slug:slug>/agreements/register.pdf", agreement_register_pdf, name="agreement_register_pdf"),
    path("processing/export-all/", export_all_protocols, name="export_all_protocols"),
]
