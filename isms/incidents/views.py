"""A municipality's avvik register: the list (with the 72 hours, CSV/XLSX, the register PDF), one avvik,
its handling and measures, its PDF, and the municipality's report link."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from isms.core.access import Action, can, get_for_user, municipality_for
from isms.core.editing import report_saved, run_part_edit, run_tracked_edit
from isms.core.tables_export import export_or_paginate

from . import selectors, services
from .clock import clock_of
from .filters import IncidentFilter
from .forms import HandlingForm, MeasureForm, PeriodForm
from .models import Incident, IncidentMeasure, IncidentStatus
from .pdf import render_incident, render_register
from .snapshot import incident_snapshot
from .tables import IncidentExportTable, IncidentTable


def may_handle(user, municipality) -> bool:
    """The municipality's editors and leaders handle an avvik; the DPO helps with the assessment."""
    return can(user, Action.EDIT, municipality) or user.is_dpo


def _incident(request: HttpRequest, slug: str, pk: int, *, handle: bool = False):
    municipality = municipality_for(request.user, slug)
    if handle and not may_handle(request.user, municipality):
        raise PermissionDenied
    incident = get_for_user(
        Incident.objects.filter(municipality=municipality).select_related(
            "municipality", "decision_maker", "foreseen_by__analysis", "sent_by"
        ),
        request.user,
        pk=pk,
    )
    return municipality, incident


@login_required
def incident_list(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request.user, slug)
    now = timezone.now()
    incident_filter = IncidentFilter(request.GET, queryset=selectors.incidents(municipality=municipality))
    table = IncidentTable(incident_filter.qs, now=now)
    export = export_or_paginate(
        request,
        table,
        filename=f"avvik-{municipality.slug}",
        title=_("Avvik"),
        export_table=IncidentExportTable(incident_filter.qs, now=now),
    )
    if export is not None:
        return export
    can_edit = can(request.user, Action.EDIT, municipality)
    link = selectors.report_link_of(municipality) if can_edit else None
    return render(
        request,
        "incidents/incident_list.html",
        {
            "municipality": municipality,
            "filter": incident_filter,
            "table": table,
            "query_string": request.GET.urlencode(),
            "period": PeriodForm(),
            "can_edit": can_edit,
            "report_url": settings.SITE_URL + link.get_absolute_url() if link else "",
            "figures": selectors.municipality_figures([municipality.pk], now).get(municipality.pk),
        },
    )


@login_required
def incident_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality, incident = _incident(request, slug, pk)
    user = request.user
    can_edit = can(user, Action.EDIT, municipality)
    return render(
        request,
        "incidents/incident_detail.html",
        {
            "municipality": municipality,
            "incident": incident,
            "snapshot": incident_snapshot(incident),
            "clock": clock_of(incident),
            "advice": selectors.advice_of(incident),
            "signoffs": selectors.signoffs(incident),
            "can_handle": may_handle(user, municipality),
            "can_edit": can_edit,
            "can_advise": user.is_dpo
            and incident.status != IncidentStatus.DECIDED
            and incident.status != IncidentStatus.CLOSED,
            "can_decide": incident.decision_maker_id == user.pk and incident.status == IncidentStatus.AWAITING_DECISION,
        },
    )


@login_required
def incident_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality, incident = _incident(request, slug, pk, handle=True)
    snapshot = incident_snapshot(incident)

    def form_for(data, instance):
        return HandlingForm(
            data, instance=instance, municipality=municipality, links=(snapshot.processing, snapshot.systems)
        )

    outcome = run_tracked_edit(
        request,
        form_for(request.POST or None, incident),
        save=lambda data: services.save_handling(
            incident=incident,
            actor=request.user,
            values={name: data[name] for name in HandlingForm.Meta.fields},
            processing=list(data["processing"]),
            systems=list(data["systems"]),
            reason=data["change_reason"],
            expected_version=data["expected_version"],
        ),
        rebuild=form_for,
        input_errors=(services.IncidentInputError,),
    )
    if outcome.saved is not None:
        report_saved(request, outcome, f"{_('Avvik')} {incident.reference}")
        return redirect("incidents:detail", slug=municipality.slug, pk=incident.pk)
    return render(
        request,
        "incidents/incident_form.html",
        {"municipality": municipality, "incident": incident, "form": outcome.form, "conflict": outcome.conflict},
        status=outcome.status,
    )


@login_required
def measure_edit(request: HttpRequest, slug: str, pk: int, measure_pk: int | None = None) -> HttpResponse:
    municipality, incident = _incident(request, slug, pk, handle=True)
    measure = (
        get_for_user(IncidentMeasure.objects.filter(incident=incident), request.user, pk=measure_pk)
        if measure_pk
        else None
    )
    form = MeasureForm(request.POST or None, instance=measure, root=incident)
    outcome = run_part_edit(
        request,
        form,
        save=lambda f: services.save_measure(
            incident=incident,
            actor=request.user,
            values=f.model_values(),
            reason=f.cleaned_data["change_reason"],
            expected_version=f.cleaned_data["expected_version"],
            measure=measure,
        ),
        input_errors=(services.IncidentInputError,),
    )
    if outcome.saved is not None:
        messages.success(request, _("The measure was saved."))
        return redirect("incidents:detail", slug=municipality.slug, pk=incident.pk)
    return render(
        request,
        "incidents/measure_form.html",
        {
            "municipality": municipality,
            "incident": incident,
            "form": outcome.form,
            "conflict": outcome.conflict,
            "heading": measure.title if measure else _("New measure"),
        },
        status=outcome.status,
    )


@login_required
def incident_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The avvik as it is now, or with `?version=N` as it stood at version N (with the advice and
    decisions made up to it)."""
    municipality, incident = _incident(request, slug, pk)
    version = request.GET.get("version", "")
    snapshot = incident_snapshot(incident, version=int(version) if version.isdigit() else None)
    content = render_incident(
        snapshot=snapshot,
        municipality=municipality,
        signoffs=selectors.signoffs(incident),
        advice=selectors.advice_of(incident),
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="avvik-{municipality.slug}-{incident.reference}-v{snapshot.version}.pdf"'
    )
    return response


@login_required
def register_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request.user, slug)
    period = PeriodForm(request.GET or None)
    start = end = None
    if period.is_bound and period.is_valid():
        start, end = period.cleaned_data["start"], period.cleaned_data["end"]
    elif period.is_bound:
        messages.error(request, " ".join(str(e) for errors in period.errors.values() for e in errors))
        return redirect("incidents:list", slug=municipality.slug)
    rows = selectors.with_clocks(
        selectors.in_period(selectors.incidents(municipality=municipality), start, end).order_by("discovered_at", "pk")
    )
    content = render_register(municipality=municipality, rows=rows, start=start, end=end)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="avviksregister-{municipality.slug}.pdf"'
    return response


@login_required
@require_POST
def link_rotate(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request.user, slug, Action.EDIT)
    had_link = selectors.report_link_of(municipality) is not None
    services.rotate_link(municipality=municipality, actor=request.user)
    if had_link:
        messages.success(request, _("The old report link no longer works. Share the new one."))
    else:
        messages.success(request, _("The report link is made. Share it with the staff."))
    return redirect("incidents:list", slug=municipality.slug)
