"""A municipality's ROS analyses: list, detail with heat maps, the analysis, its scenarios and measures."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from isms.core.access import Action, can, get_for_user, municipality_for
from isms.core.editing import part_edit_page, report_saved, run_tracked_edit
from isms.core.forms import VersionedActionForm
from isms.core.tables_export import ListExport, export_list
from isms.core.tracking import ReasonRequiredError, StaleEditError

from . import selectors, services
from .forms import MeasureForm, RiskAnalysisForm, ScenarioForm
from .heatmap import heat_map
from .models import AnalysisStatus, RiskAnalysis, RiskMeasure, RiskScenario
from .tables import ANALYSIS_COLUMNS, MEASURE_COLUMNS


@login_required
def analysis_list(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request.user, slug)
    analyses = selectors.analyses(municipality=municipality)
    export = export_list(
        request,
        ListExport(ANALYSIS_COLUMNS, lambda: analyses, f"ros-analyser-{slug}", _("Risk assessments")),
    )
    if export is not None:
        return export
    return render(
        request,
        "risk/analysis_list.html",
        {
            "municipality": municipality,
            "analyses": analyses,
            "can_edit": can(request.user, Action.EDIT, municipality),
        },
    )


@login_required
def analysis_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality = municipality_for(request.user, slug)
    analysis = get_for_user(selectors.analysis_detail(municipality=municipality), request.user, pk=pk)
    scenarios = selectors.scenario_rows(analysis)
    return render(
        request,
        "risk/analysis_detail.html",
        {
            "municipality": municipality,
            "analysis": analysis,
            "scenarios": scenarios,
            "measures": list(analysis.measures.all()),
            "inherent": heat_map(analysis.matrix, scenarios),
            "residual": heat_map(analysis.matrix, scenarios, residual=True),
            "can_edit": can(request.user, Action.EDIT, municipality) and analysis.status != AnalysisStatus.ARCHIVED,
            "can_sign": analysis.risk_owner_id == request.user.pk and can(request.user, Action.SIGN, municipality),
            "signoffs": selectors.signoffs(analysis),
            "has_revision": analysis.revisions.exists(),
            "can_edit_lifecycle": can(request.user, Action.EDIT, municipality),
            "today": timezone.localdate(),
        },
    )


def _save_analysis(request: HttpRequest, municipality, analysis: RiskAnalysis | None) -> HttpResponse:
    outcome = run_tracked_edit(
        request,
        RiskAnalysisForm(request.POST or None, instance=analysis, municipality=municipality),
        save=lambda data: services.save_analysis(
            municipality=municipality,
            actor=request.user,
            values={name: data[name] for name in RiskAnalysisForm.Meta.fields},
            reason=data["change_reason"],
            analysis=analysis,
            expected_version=data["expected_version"],
        ),
        rebuild=lambda data, current: RiskAnalysisForm(data, instance=current, municipality=municipality),
        input_errors=(services.RiskInputError,),  # an archived analysis, say: an error on the form, not a 500
    )
    if outcome.saved is not None:
        report_saved(request, outcome, outcome.saved.title)
        return redirect("risk:analysis_detail", slug=municipality.slug, pk=outcome.saved.pk)
    return render(
        request,
        "risk/analysis_form.html",
        {"municipality": municipality, "analysis": analysis, "form": outcome.form, "conflict": outcome.conflict},
        status=outcome.status,
    )


@login_required
def analysis_create(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request.user, slug, Action.EDIT)
    if services.current_matrix() is None:
        messages.error(request, _("The cooperation has no risk matrix yet."))
        return redirect("risk:analysis_list", slug=municipality.slug)
    return _save_analysis(request, municipality, None)


@login_required
def analysis_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality = municipality_for(request.user, slug, Action.EDIT)
    analysis = get_for_user(RiskAnalysis.objects.filter(municipality=municipality), request.user, pk=pk)
    return _save_analysis(request, municipality, analysis)


def _save_part(request: HttpRequest, municipality, analysis: RiskAnalysis, form, save, new_title: str, part, kind: str):
    """Save a scenario or a measure through `save(form)` (core's `part_edit_page`)."""
    return part_edit_page(
        request,
        form,
        save=save,
        input_errors=(services.RiskInputError,),
        root_name=analysis.title,
        success_url=reverse("risk:analysis_detail", args=[municipality.slug, analysis.pk]),
        template_name="risk/part_form.html",
        context={
            "municipality": municipality,
            "analysis": analysis,
            "part": part,
            "new_title": new_title,
            "kind": kind,
        },
    )


def _editable_analysis(request: HttpRequest, slug: str, pk: int) -> tuple:
    municipality = municipality_for(request.user, slug, Action.EDIT)
    analysis = get_for_user(
        RiskAnalysis.objects.filter(municipality=municipality).select_related("matrix"), request.user, pk=pk
    )
    return municipality, analysis


@login_required
def scenario_edit(request: HttpRequest, slug: str, pk: int, scenario_pk: int | None = None) -> HttpResponse:
    municipality, analysis = _editable_analysis(request, slug, pk)
    scenario = (
        get_for_user(RiskScenario.objects.filter(analysis=analysis), request.user, pk=scenario_pk)
        if scenario_pk
        else None
    )
    form = ScenarioForm(request.POST or None, instance=scenario, root=analysis)
    return _save_part(
        request,
        municipality,
        analysis,
        form,
        lambda f: services.save_scenario(
            analysis=analysis,
            actor=request.user,
            values=f.model_values(),
            reason=f.cleaned_data["change_reason"],
            expected_version=f.cleaned_data["expected_version"],
            scenario=scenario,
        ),
        _("New scenario"),
        scenario,
        "scenario",
    )


@login_required
def measure_edit(request: HttpRequest, slug: str, pk: int, measure_pk: int | None = None) -> HttpResponse:
    municipality, analysis = _editable_analysis(request, slug, pk)
    measure = (
        get_for_user(RiskMeasure.objects.filter(analysis=analysis), request.user, pk=measure_pk) if measure_pk else None
    )
    form = MeasureForm(request.POST or None, instance=measure, root=analysis)
    return _save_part(
        request,
        municipality,
        analysis,
        form,
        lambda f: services.save_measure(
            analysis=analysis,
            actor=request.user,
            values=f.model_values(),
            scenario_ids=[scenario.pk for scenario in f.cleaned_data["scenarios"]],
            reason=f.cleaned_data["change_reason"],
            expected_version=f.cleaned_data["expected_version"],
            measure=measure,
        ),
        _("New measure"),
        measure,
        "measure",
    )


@login_required
def measure_list(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request.user, slug)
    measures = selectors.measures(municipality=municipality)
    export = export_list(request, ListExport(MEASURE_COLUMNS, lambda: measures, f"tiltak-{slug}", _("Measures")))
    if export is not None:
        return export
    return render(
        request,
        "risk/measure_list.html",
        {
            "municipality": municipality,
            "measures": measures,
            "can_edit": can(request.user, Action.EDIT, municipality),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def part_delete(request: HttpRequest, slug: str, pk: int, kind: str, part_pk: int) -> HttpResponse:
    """Remove a scenario or a measure: the analysis moves to its next version, the part stays in history."""
    municipality, analysis = _editable_analysis(request, slug, pk)
    parts = {"scenario": (RiskScenario, services.delete_scenario), "measure": (RiskMeasure, services.delete_measure)}
    if kind not in parts:
        raise Http404
    model, delete = parts[kind]
    part = get_for_user(model.objects.filter(analysis=analysis), request.user, pk=part_pk)
    form = VersionedActionForm(request.POST)
    if not form.is_valid():
        raise PermissionDenied
    reason = request.POST.get("change_reason", "")
    try:
        delete(
            **{kind: part}, actor=request.user, reason=reason, expected_version=form.cleaned_data["expected_version"]
        )
    except StaleEditError as stale:
        messages.error(
            request,
            _("Someone changed the analysis after you opened it (now version %(v)s). Read it again first.")
            % {"v": stale.current.version},
        )
    except ReasonRequiredError:
        messages.error(request, _("Explain why you make this change."))
    except services.RiskInputError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(name)s was removed.") % {"name": part.title})
    return redirect("risk:analysis_detail", slug=municipality.slug, pk=analysis.pk)
