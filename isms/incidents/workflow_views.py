"""The avvik's flow pages: the DPO's advice, sending to the leader, the leader's decision, recording the
notification, closing, and the DPO's overview of the 72 hours across municipalities with statistics."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from isms.core.access import Action, can, scoped
from isms.core.forms import VersionedActionForm
from isms.core.tracking import StaleEditError

from . import selectors, workflow
from .clock import clock_of
from .forms import AdviceForm, CloseForm, DecisionForm, NotificationForm, PeriodForm
from .models import Incident, IncidentStatus
from .services import IncidentInputError
from .snapshot import incident_snapshot
from .views import _incident


def _stale(request: HttpRequest, stale: StaleEditError) -> None:
    messages.error(
        request,
        _("Someone changed the avvik after you opened it (now version %(v)s). Read it again first.")
        % {"v": stale.current.version},
    )


def _decision_page(request, slug, pk, *, allowed, form_class, run, template_name, done: str):
    municipality, incident = _incident(request, slug, pk)
    if not allowed(incident):
        raise PermissionDenied
    form = form_class(request.POST or None, initial={"expected_version": incident.version})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                run(incident, form.cleaned_data)
            except StaleEditError as stale:
                _stale(request, stale)
                return redirect(request.path)
            except IncidentInputError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, done)
                return redirect("incidents:detail", slug=municipality.slug, pk=incident.pk)
    context = {
        "municipality": municipality,
        "incident": incident,
        "form": form,
        "snapshot": incident_snapshot(incident),
        "clock": clock_of(incident),
        "advice": selectors.advice_of(incident),
        "latest_advice": workflow.latest_advice(incident),
    }
    return render(request, template_name, context, status=status)


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


@login_required
def notification(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """When Datatilsynet was notified (with its reference) and when the data subjects were told."""
    municipality, incident = _incident(request, slug, pk)
    if not can(request.user, Action.EDIT, municipality):
        raise PermissionDenied
    initial = {
        "notified_at": incident.notified_at and timezone.localtime(incident.notified_at),
        "authority_reference": incident.authority_reference,
        "delay_reason": incident.delay_reason,
        "subjects_informed_at": incident.subjects_informed_at and timezone.localtime(incident.subjects_informed_at),
        "subject_notice": incident.subject_notice,
    }
    form = NotificationForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                workflow.record_notification(incident=incident, actor=request.user, **form.cleaned_data)
            except IncidentInputError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The notification is recorded."))
                return redirect("incidents:detail", slug=municipality.slug, pk=incident.pk)
    return render(
        request,
        "incidents/notification_form.html",
        {"municipality": municipality, "incident": incident, "form": form, "clock": clock_of(incident)},
        status=status,
    )


@login_required
@require_POST
def submit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality, incident = _incident(request, slug, pk)
    if not can(request.user, Action.EDIT, municipality):
        raise PermissionDenied
    form = VersionedActionForm(request.POST)
    if form.is_valid():
        try:
            workflow.send_for_decision(
                incident=incident, actor=request.user, expected_version=form.cleaned_data["expected_version"]
            )
        except StaleEditError as stale:
            _stale(request, stale)
        except IncidentInputError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Sent to the leader for decision."))
    return redirect("incidents:detail", slug=municipality.slug, pk=incident.pk)


@login_required
def close(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality, incident = _incident(request, slug, pk)
    if not can(request.user, Action.EDIT, municipality):
        raise PermissionDenied
    form = CloseForm(
        request.POST or None,
        initial={"expected_version": incident.version, "lessons_learned": incident.lessons_learned},
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                workflow.close_incident(
                    incident=incident,
                    actor=request.user,
                    lessons_learned=form.cleaned_data["lessons_learned"],
                    expected_version=form.cleaned_data["expected_version"],
                )
            except StaleEditError as stale:
                _stale(request, stale)
                return redirect(request.path)
            except IncidentInputError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The avvik is closed."))
                return redirect("incidents:detail", slug=municipality.slug, pk=incident.pk)
    return render(
        request,
        "incidents/close.html",
        {"municipality": municipality, "incident": incident, "form": form, "snapshot": incident_snapshot(incident)},
        status=status,
    )


@login_required
def dpo_overview(request: HttpRequest) -> HttpResponse:
    """The DPO's page: every open avvik of every municipality with its 72 hours, and the statistics."""
    if not can(request.user, Action.MANAGE_COOPERATION):
        raise PermissionDenied
    visible = scoped(Incident.objects.all(), request.user)
    period = PeriodForm(request.GET or None)
    start = end = None
    if period.is_bound and period.is_valid():
        start, end = period.cleaned_data["start"], period.cleaned_data["end"]
    return render(
        request,
        "incidents/dpo_overview.html",
        {
            "rows": selectors.dpo_overview(visible),
            "stats": selectors.statistics(visible, start=start, end=end),
            "period": period,
            "awaiting": IncidentStatus.AWAITING_DECISION,
        },
    )
