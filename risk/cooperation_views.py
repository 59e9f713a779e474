"""Cooperation-level risk pages: the risk matrix (read by all, kept by the coordinator and the DPO), the
threat catalogue, and the overview of every municipality's analyses side by side."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from isms.core.access import Action, can, require_municipal_access, scoped
from isms.core.display import url_filler
from isms.core.tables_export import ListExport, export_list
from isms.core.tracking import StaleEditError

from . import selectors, services
from .heatmap import heat_map
from .matrix_forms import RiskMatrixForm
from .models import ConsequenceArea, RiskMatrix, Threat
from .tables import OVERVIEW_COLUMNS, THREAT_COLUMNS


@login_required
def matrix_detail(request: HttpRequest) -> HttpResponse:
    require_municipal_access(request.user)
    matrix = services.current_matrix()
    return render(
        request,
        "risk/matrix_detail.html",
        {
            "matrix": matrix,
            "colours": heat_map(matrix, []) if matrix else None,
            "areas": list(ConsequenceArea),
            "versions": RiskMatrix.objects.order_by("-number"),
            "can_manage": can(request.user, Action.MANAGE_COOPERATION),
        },
    )


@login_required
def matrix_edit(request: HttpRequest) -> HttpResponse:
    if not can(request.user, Action.MANAGE_COOPERATION):
        raise PermissionDenied
    matrix = services.current_matrix()
    if matrix is None:
        messages.error(request, _("The cooperation has no risk matrix yet."))
        return redirect("risk_cooperation:matrix_detail")
    form = RiskMatrixForm(request.POST or None, matrix=matrix)
    conflict, status = None, 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                saved, changed = services.save_matrix(
                    actor=request.user,
                    values=form.matrix_values(),
                    reason=form.cleaned_data["change_reason"],
                    matrix=matrix,
                    expected_version=form.cleaned_data["expected_version"],
                )
            except StaleEditError as stale:
                conflict, status = stale.changes_since, 409
            else:
                if not changed:
                    messages.info(request, _("Nothing was changed."))
                elif saved.pk != matrix.pk:
                    messages.success(
                        request,
                        _("Analyses already use version %(old)s, so your change is saved as version %(new)s.")
                        % {"old": matrix.number, "new": saved.number},
                    )
                else:
                    messages.success(request, _("The risk matrix was saved."))
                return redirect("risk_cooperation:matrix_detail")
    return render(
        request,
        "risk/matrix_form.html",
        {"matrix": matrix, "form": form, "conflict": conflict, "areas": list(ConsequenceArea)},
        status=status,
    )


@login_required
def threat_list(request: HttpRequest) -> HttpResponse:
    require_municipal_access(request.user)
    threats = Threat.objects.order_by("group", "title")
    export = export_list(request, ListExport(THREAT_COLUMNS, lambda: threats, "trusselkatalog", _("Threat catalogue")))
    if export is not None:
        return export
    groups: dict[str, list[Threat]] = {}
    for threat in threats:
        groups.setdefault(threat.group, []).append(threat)
    return render(request, "risk/threat_list.html", {"groups": groups, "count": sum(map(len, groups.values()))})


@login_required
def risk_overview(request: HttpRequest) -> HttpResponse:
    """Every municipality's analyses side by side, for the DPO and the coordinator (joint ones grouped)."""
    if not can(request.user, Action.MANAGE_COOPERATION):
        raise PermissionDenied
    analyses = scoped(selectors.all_analyses(), request.user)
    template_id = request.GET.get("template", "")
    if template_id.isdigit():
        analyses = analyses.filter(template_id=int(template_id))
    rows = list(selectors.overview(analyses))
    export = export_list(
        request, ListExport(OVERVIEW_COLUMNS, lambda: rows, "ros-oversikt", _("ROS analyses in all municipalities"))
    )
    if export is not None:
        return export
    detail_url = url_filler("risk:analysis_detail", "slug", "int")  # one reverse() for 357 rows
    for analysis in rows:
        analysis.detail_url = detail_url(analysis.municipality.slug, analysis.pk)
    return render(
        request,
        "risk/overview.html",
        {"rows": rows, "joint": selectors.joint_templates(), "chosen": template_id},
    )
