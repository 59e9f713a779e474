"""Reporting an avvik: logged in (anyone, also staff without a role) and through the municipality's
link without an account (rate-limited per IP like the course pages). The pages never show other reports.
Texts are capped by the forms (10 000 characters); a body beyond DATA_UPLOAD_MAX_MEMORY_SIZE gets 400.html."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from isms.core.access import visible_municipalities
from training.ratelimit import rate_limited

from . import services
from .forms import LoggedInReportForm, PublicReportForm
from .models import Channel, ReportLink


def _save(request: HttpRequest, form, *, municipality, reporter, channel: str):
    try:
        return services.report_incident(
            municipality=municipality, values=form.values(), reporter=reporter, channel=channel
        )
    except services.IncidentInputError as error:
        form.add_error(None, str(error))
        return None


def _thanks(request: HttpRequest, incident) -> None:
    messages.success(
        request,
        _("Thank you. Avvik %(ref)s is received and the handlers are told. A receipt is on its way to %(email)s.")
        % {"ref": incident.reference, "email": incident.reporter_email},
    )


@login_required
def report(request: HttpRequest) -> HttpResponse:
    """Anyone logged in reports for a municipality; the only one they are member of is preselected."""
    data = request.POST if request.method == "POST" else None
    mine = list(visible_municipalities(request.user)) if not request.user.sees_all_municipalities else []
    initial = {"municipality": mine[0].pk} if len(mine) == 1 else {}
    if request.GET.get("m"):
        initial["municipality"] = next((m.pk for m in mine if m.slug == request.GET["m"]), initial.get("municipality"))
    form = LoggedInReportForm(data, initial=initial)
    if data is not None and form.is_valid():
        incident = _save(
            request,
            form,
            municipality=form.cleaned_data["municipality"],
            reporter=request.user,
            channel=Channel.LOGGED_IN,
        )
        if incident is not None:
            _thanks(request, incident)
            return redirect("incidents:report")
    return render(request, "incidents/report.html", {"form": form}, status=400 if data is not None else 200)


@rate_limited
def public_report(request: HttpRequest, token: str) -> HttpResponse:
    link = ReportLink.objects.filter(token=token, active=True).select_related("municipality").first()
    if link is None:
        raise Http404
    data = request.POST if request.method == "POST" else None
    form = PublicReportForm(data)
    if data is not None and form.is_valid():
        reporter = request.user if request.user.is_authenticated else None
        incident = _save(request, form, municipality=link.municipality, reporter=reporter, channel=Channel.PUBLIC_LINK)
        if incident is not None:
            _thanks(request, incident)
            return redirect("incidents:public_report", token=link.token)
    return render(
        request,
        "incidents/public_report.html",
        {"link": link, "municipality": link.municipality, "form": form},
        status=400 if data is not None else 200,
    )
