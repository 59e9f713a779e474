"""Pages of the oversight app: the status across municipalities, the shared services, the board reports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from isms.core.access import Action, can, visible_municipalities
from isms.core.models import ExportStatus
from isms.core.tables_export import EXPORT_FORMATS, rows_response

from . import reports, services, shared
from .forms import ReportPeriodForm
from .models import BoardReport
from .registry import AREAS, ROW_ACTIONS, Light, areas
from .selectors import SLUG, only_needing_action, sort_rows, status_rows
from .tables import status_export


def require_overview(user) -> None:
    """The DPO and the coordinator (they read every municipality); everyone else 403."""
    if not can(user, Action.MANAGE_COOPERATION):
        raise PermissionDenied


@login_required
def dpo_redirect(request: HttpRequest) -> HttpResponse:
    """The old address of the DPO's overview."""
    require_overview(request.user)
    return redirect("oversight:status", permanent=False)


@login_required
def status(request: HttpRequest) -> HttpResponse:
    require_overview(request.user)
    area_key = request.GET.get("area", "")
    if area_key not in AREAS:
        area_key = ""
    only_action = request.GET.get("action") == "1"
    sort = request.GET.get("sort", "name")
    rows = status_rows(municipalities=visible_municipalities(request.user), area_keys=[area_key] if area_key else None)
    total = len(rows)
    if only_action:
        rows = only_needing_action(rows)
    rows = sort_rows(rows, sort)
    shown_areas = areas(keys=[area_key] if area_key else None)
    export_format = request.GET.get("_export")
    if export_format in EXPORT_FORMATS:
        headers, data = status_export(rows, shown_areas)
        return rows_response(
            headers,
            data,
            export_format=export_format,
            filename=f"status-kommunene-{timezone.localdate():%Y-%m-%d}",
            title=_("Status of the municipalities"),
        )
    query = request.GET.copy()
    query.pop("sort", None)
    query.pop("_export", None)
    return render(
        request,
        "oversight/status.html",
        {
            "rows": rows,
            "total": total,
            "areas": shown_areas,
            "all_areas": areas(),
            "area_key": area_key,
            "only_action": only_action,
            "sort": sort,
            "base_query": query.urlencode(),
            "export_query": request.GET.urlencode(),
            "lights": list(Light),
            "row_actions": list(ROW_ACTIONS.values()),
            "municipality_link": reverse("core:municipality_detail", args=[SLUG]),
        },
    )


@login_required
def shared_services(request: HttpRequest) -> HttpResponse:
    require_overview(request.user)
    return render(
        request,
        "oversight/shared_services.html",
        {"services": shared.shared_services(municipalities=visible_municipalities(request.user))},
    )


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    require_overview(request.user)
    form = ReportPeriodForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            report, created = services.request_board_report(
                user=request.user, start=form.cleaned_data["start"], end=form.cleaned_data["end"]
            )
            if not created:
                messages.info(
                    request,
                    _("A status report is already being made (requested by %(user)s); follow it here.")
                    % {"user": report.requested_by.display_name},
                )
            return redirect("oversight:report_detail", pk=report.pk)
    return render(
        request,
        "oversight/report_list.html",
        {"form": form, "reports": reports.earlier_reports()},
        status=status,
    )


def _report(request: HttpRequest, pk: int) -> BoardReport:
    require_overview(request.user)
    report = BoardReport.objects.select_related("job", "requested_by").filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    template = "oversight/_report_progress.html" if request.htmx else "oversight/report_detail.html"
    return render(request, template, {"report": report, "job": report.job})


@login_required
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The file exactly as it was generated (stored), never rebuilt."""
    report = _report(request, pk)
    job = report.job
    if job.status != ExportStatus.DONE or not job.file:
        raise Http404
    response = FileResponse(job.file.open("rb"), content_type="application/pdf", filename=job.filename)
    response["Content-Disposition"] = f'inline; filename="{job.filename}"'
    return response


def report_link(report: BoardReport) -> str:
    return reverse("oversight:report_detail", args=[report.pk])
