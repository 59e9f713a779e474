"""Pages of the kartlegging: a municipality's list, starting one, answering, the result with its profile
and comparison (and PDF), weak areas into the årshjul, and the DPO's heat map across municipalities."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from isms.core.access import Action, can, get_for_user, municipality_for, visible_municipalities
from isms.core.editing import edit_response, run_tracked_edit
from isms.core.forms import VersionedActionForm
from isms.core.tables_export import EXPORT_FORMATS, export_response
from isms.core.tracking import StaleEditError

from . import selectors, services
from .forms import AnswersForm, StartAssessmentForm
from .models import Assessment
from .pdf import render_assessment
from .tables import heat_map_table


def _assessment(request: HttpRequest, slug: str, pk: int, action: Action = Action.VIEW):
    municipality = municipality_for(request.user, slug, action)
    assessment = get_for_user(
        Assessment.objects.filter(municipality=municipality).select_related("template", "municipality"),
        request.user,
        pk=pk,
    )
    return municipality, assessment


@login_required
def assessment_list(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request.user, slug)
    return render(
        request,
        "cycle/assessment_list.html",
        {
            "municipality": municipality,
            "assessments": selectors.assessments(municipality),
            "can_edit": can(request.user, Action.EDIT, municipality),
        },
    )


@login_required
def assessment_create(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request.user, slug, Action.EDIT)
    form = StartAssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.start_assessment(
                municipality=municipality,
                template=form.cleaned_data["template"],
                assessed_on=form.cleaned_data["assessed_on"],
                participants=form.cleaned_data["participants"],
                actor=request.user,
            )
        except services.CycleInputError as error:
            form.add_error(None, str(error))
        else:
            return redirect("cycle:assessment_answer", slug=municipality.slug, pk=assessment.pk)
    return render(
        request,
        "cycle/assessment_create.html",
        {"municipality": municipality, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def assessment_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality, assessment = _assessment(request, slug, pk)
    result = selectors.assessment_result(assessment)
    can_edit = can(request.user, Action.EDIT, municipality)
    return render(
        request,
        "cycle/assessment_detail.html",
        {
            "municipality": municipality,
            "assessment": assessment,
            "result": result,
            "can_edit": can_edit,
            "analyses": list(selectors.open_analyses(municipality)) if can_edit else [],
            "this_year": timezone.localdate().year,
        },
    )


@login_required
def assessment_answer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality, assessment = _assessment(request, slug, pk, Action.EDIT)
    result = selectors.assessment_result(assessment)
    initial = {"expected_version": assessment.version, "questionnaire_version": assessment.template_version}
    form = AnswersForm(request.POST or None, questions=result.questions, answers=result.answers, initial=initial)
    outcome = run_tracked_edit(
        request,
        form,
        save=lambda data: (
            services.save_answers(
                assessment=assessment,
                actor=request.user,
                answers=form.answers(),
                questionnaire_version=data["questionnaire_version"],
                expected_version=data["expected_version"],
                reason=data["change_reason"],
            ),
            True,
        ),
        rebuild=lambda data, _current: AnswersForm(data, questions=result.questions, answers=result.answers),
        input_errors=(services.CycleInputError,),
    )
    if outcome.saved is not None and result.newer_version:
        messages.info(
            request,
            _("The questionnaire now has version %(n)s; this kartlegging keeps version %(v)s, "
              "which it answers.") % {"n": result.newer_version, "v": assessment.template_version},
        )  # fmt: skip
    return edit_response(
        request,
        outcome,
        saved_name=lambda _saved: _("The answers"),
        success_url=reverse("cycle:assessment_detail", args=[municipality.slug, assessment.pk]),
        template_name="cycle/assessment_answer.html",
        context={"municipality": municipality, "assessment": assessment, "result": result},
    )


@login_required
@require_POST
def assessment_complete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality, assessment = _assessment(request, slug, pk, Action.EDIT)
    form = VersionedActionForm(request.POST)
    if not form.is_valid():
        raise PermissionDenied
    try:
        services.complete_assessment(
            assessment=assessment, actor=request.user, expected_version=form.cleaned_data["expected_version"]
        )
    except StaleEditError:
        messages.error(request, _("Someone changed the kartlegging after you opened it. Read it again first."))
    except services.CycleInputError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The kartlegging is completed."))
    return redirect("cycle:assessment_detail", slug=municipality.slug, pk=assessment.pk)


@login_required
@require_POST
def assessment_action(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A weak area turned into an internal-control activity of this year's årshjul, in one click."""
    municipality, assessment = _assessment(request, slug, pk, Action.EDIT)
    result = selectors.assessment_result(assessment)
    area = next((row for row in result.areas if row.area == request.POST.get("area")), None)
    target = request.POST.get("target", "cycle")
    if area is None or area.average is None:
        messages.error(request, _("Choose an area of the kartlegging."))
        return redirect("cycle:assessment_detail", slug=municipality.slug, pk=assessment.pk)
    try:
        if target.startswith("ros-") and target[4:].isdigit():
            analysis = get_for_user(selectors.open_analyses(municipality), request.user, pk=int(target[4:]))
            measure = services.measure_from_area(
                assessment=assessment, area=area.area, average=area.average, analysis=analysis, actor=request.user
            )
            done = _("“%(title)s” was added as a measure of %(analysis)s.") % {"title": measure.title,
                                                                              "analysis": analysis}  # fmt: skip
        else:
            activity = services.activity_from_area(
                assessment=assessment, area=area.area, average=area.average, actor=request.user
            )
            done = _("“%(title)s” was added to the annual cycle for %(year)s.") % {
                "title": activity.title,
                "year": activity.cycle.year,
            }
    except StaleEditError:
        messages.error(request, _("Someone changed the analysis after you opened it. Try again."))
    except services.CycleInputError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect("cycle:assessment_detail", slug=municipality.slug, pk=assessment.pk)


@login_required
def assessment_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality, assessment = _assessment(request, slug, pk)
    content = render_assessment(result=selectors.assessment_result(assessment), municipality=municipality)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="kartlegging-{municipality.slug}-{assessment.assessed_on:%Y-%m-%d}.pdf"'
    )
    return response


@login_required
def heat_map_page(request: HttpRequest) -> HttpResponse:
    """The DPO's view across municipalities: area × municipality for one questionnaire."""
    if not can(request.user, Action.MANAGE_COOPERATION):
        raise PermissionDenied
    questionnaires = list(selectors.questionnaires())
    used = selectors.completed_counts()
    chosen = request.GET.get("questionnaire", "")
    default = max(questionnaires, key=lambda t: used.get(t.pk, 0), default=None)  # the most answered
    template = next((t for t in questionnaires if str(t.pk) == chosen), default)
    heat_map = selectors.heat_map(template, visible_municipalities(request.user))
    export_format = request.GET.get("_export")
    if export_format in EXPORT_FORMATS and template is not None:
        return export_response(
            heat_map_table(heat_map),
            export_format=export_format,
            filename=f"kartlegging-{template.key}.{export_format}",
            title=template.title[:31],
        )
    rows = selectors.heat_map_rows(heat_map)
    return render(
        request,
        "cycle/heat_map.html",
        {
            "questionnaires": [(t, used.get(t.pk, 0)) for t in questionnaires],
            "template": template,
            "heat_map": heat_map,
            "rows": rows,
            "none_label": _("none"),
            "answered": sum(1 for _m, assessment, _v in heat_map.rows if assessment is not None),
        },
    )
