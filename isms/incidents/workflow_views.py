"""The avvik's flow pages: the DPO's advice, sending to the leader, the leader's decision, recording the
notification, closing, and the DPO's overview of the 72 hours across municipalities with statistics."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from isms.core.access import Action, can, scoped
from isms.core.flow_pages import FlowPages, decision_page, flow_step
from isms.core.forms import VersionedActionForm
from isms.core.tables_export import ListExport, export_list

from . import selectors, workflow
from .clock import clock_of
from .forms import AdviceForm, CloseForm, DecisionForm, NotificationForm, PeriodForm
from .models import Incident, IncidentStatus
from .services import IncidentInputError
from .snapshot import incident_snapshot
from .tables import KIND_COLUMNS, MONTH_COLUMNS, MUNICIPALITY_COLUMNS, OPEN_COLUMNS
from .views import _incident

PAGES = FlowPages(
    error=IncidentInputError,
    stale_text=gettext_lazy("Someone changed the avvik after you opened it (now version %(v)s). Read it again first."),
    detail="incidents:detail",
)


def _decision_page(request, slug, pk, *, allowed, form_class, run, template_name, done: str):
    municipality, incident = _incident(request, slug, pk)
    if not allowed(incident):
        raise PermissionDenied
    return decision_page(
        request,
        PAGES,
        municipality=municipality,
        root=incident,
        form=form_class(request.POST or None, initial={"expected_version": incident.version}),
        run=lambda form: run(incident, form.cleaned_data),
        done=done,
        template_name=template_name,
        context=lambda: {
            "incident": incident,
            "snapshot": incident_snapshot(incident),
            "clock": clock_of(incident),
            "advice": selectors.advice_of(incident),
            "latest_advice": workflow.latest_advice(incident),
        },
    )


@login_required
def advice(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _decision_page(
        request,
        slug,
        pk,
        allowed=lambda incident: request.user.is_dpo,
        form_class=AdviceForm,
        run=lambda incident, data: workflow.give_advice(
            incident=incident,
            dpo=request.user,
            notify_choice=data["notify"],
            inform_data_subjects=data["inform_data_subjects"] == "yes",
            reasons=data["reasons"],
            expected_version=data["expected_version"],
        ),
        template_name="incidents/advice.html",
        done=_("Your advice is recorded and the handlers are told."),
    )


@login_required
def decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _decision_page(
        request,
        slug,
        pk,
        allowed=lambda incident: (
            incident.decision_maker_id == request.user.pk and can(request.user, Action.SIGN, incident.municipality)
        ),
        form_class=DecisionForm,
        run=lambda incident, data: workflow.decide(
            incident=incident,
            leader=request.user,
            approve=data["decision"] == "approve",
            notify_choice=data["notify"],
            inform_data_subjects=data["inform_data_subjects"] == "yes",
            comment=data["comment"],
            expected_version=data["expected_version"],
        ),
        template_name="incidents/decide.html",
        done=_("Your decision is recorded."),
    )


def _handling(request: HttpRequest, slug: str, pk: int):
    municipality, incident = _incident(request, slug, pk)
    if not can(request.user, Action.EDIT, municipality):
        raise PermissionDenied
    return municipality, incident


@login_required
def notification(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """When Datatilsynet was notified (with its reference) and when the data subjects were told."""
    municipality, incident = _handling(request, slug, pk)
    initial = {
        "notified_at": incident.notified_at and timezone.localtime(incident.notified_at),
        "authority_reference": incident.authority_reference,
        "delay_reason": incident.delay_reason,
        "subjects_informed_at": incident.subjects_informed_at and timezone.localtime(incident.subjects_informed_at),
        "subject_notice": incident.subject_notice,
    }
    return decision_page(
        request,
        PAGES,
        municipality=municipality,
        root=incident,
        form=NotificationForm(request.POST or None, initial=initial),
        run=lambda form: workflow.record_notification(incident=incident, actor=request.user, **form.cleaned_data),
        done=_("The notification is recorded."),
        template_name="incidents/notification_form.html",
        context=lambda: {"incident": incident, "clock": clock_of(incident)},
    )


@login_required
@require_POST
def submit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality, incident = _handling(request, slug, pk)
    return flow_step(
        request,
        PAGES,
        municipality=municipality,
        root=incident,
        form=VersionedActionForm(request.POST),
        run=lambda data: workflow.send_for_decision(
            incident=incident, actor=request.user, expected_version=data["expected_version"]
        ),
        done=_("Sent to the leader for decision."),
    )


@login_required
def close(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality, incident = _handling(request, slug, pk)
    return decision_page(
        request,
        PAGES,
        municipality=municipality,
        root=incident,
        form=CloseForm(
            request.POST or None,
            initial={"expected_version": incident.version, "lessons_learned": incident.lessons_learned},
        ),
        run=lambda form: workflow.close_incident(
            incident=incident,
            actor=request.user,
            lessons_learned=form.cleaned_data["lessons_learned"],
            expected_version=form.cleaned_data["expected_version"],
        ),
        done=_("The avvik is closed."),
        template_name="incidents/close.html",
        context=lambda: {"incident": incident, "snapshot": incident_snapshot(incident)},
    )


@login_required
def dpo_overview(request: HttpRequest) -> HttpResponse:
    """The DPO's page: every open avvik of every municipality with its 72 hours, and the statistics; each
    table as CSV/XLSX (the statistics for the period chosen)."""
    if not can(request.user, Action.MANAGE_COOPERATION):
        raise PermissionDenied
    visible = scoped(Incident.objects.all(), request.user)
    period = PeriodForm(request.GET or None)
    start = end = None
    if period.is_bound and period.is_valid():
        start, end = period.cleaned_data["start"], period.cleaned_data["end"]
    rows = selectors.dpo_overview(visible)
    stats = selectors.statistics(visible, start=start, end=end)
    export = export_list(
        request,
        ListExport(OPEN_COLUMNS, lambda: rows, "avvik-apne", _("Open avvik")),
        ListExport(MUNICIPALITY_COLUMNS, lambda: stats.by_municipality, "avvik-per-kommune", _("Per municipality")),
        ListExport(KIND_COLUMNS, lambda: stats.by_kind, "avvik-per-klassifisering", _("Per classification")),
        ListExport(MONTH_COLUMNS, lambda: stats.by_month, "avvik-per-maned", _("Per month of discovery")),
        keys=("municipalities", "kinds", "months"),
    )
    if export is not None:
        return export
    return render(
        request,
        "incidents/dpo_overview.html",
        {"rows": rows, "stats": stats, "period": period, "awaiting": IncidentStatus.AWAITING_DECISION},
    )
