"""PDF exports of the behandlingsprotokoll and the DPA register, and the all-municipalities export."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from isms.core.access import municipality_for
from isms.core.exports import request_export

from .. import selectors
from ..pdf import render_agreement_register, render_protocol
from ..snapshot import protocol_snapshot


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _end_of_day(value: str) -> datetime.datetime | None:
    """The moment a protocol "as of dd.mm.yyyy" shows: the end of that day in Oslo; None for today."""
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        return None
    if day >= timezone.localdate():
        return None
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


@login_required
def processing_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request.user, slug)
    at = _end_of_day(request.GET.get("as_of", ""))
    snapshot = protocol_snapshot(municipality=municipality, at=at)
    day = timezone.localtime(snapshot.at).date()
    return _pdf_response(render_protocol(snapshot), f"behandlingsprotokoll-{municipality.slug}-{day:%Y-%m-%d}.pdf")


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
