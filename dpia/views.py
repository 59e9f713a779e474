"""A municipality's DPIAs: the list with screenings, the screening of an activity, the DPIA and its parts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from isms.core.access import Action, can, get_for_user, municipality_for
from isms.core.editing import part_edit_page, report_saved, run_tracked_edit
from isms.core.tables_export import ListExport, export_list, paginate
from isms.protocol.models import ProcessingActivity

from . import selectors, services
from .forms import DpiaActionForm, DpiaForm, DpiaRiskForm, PrinciplesForm, ScreeningForm
from .models import Dpia, DpiaAction, DpiaRisk, DpiaStatus, Screening
from .snapshot import dpia_snapshot
from .tables import DPIA_COLUMNS, SCREENING_COLUMNS
from .workflow import latest_advice


@login_required
def dpia_list(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request.user, slug)
    dpias = list(selectors.dpias(municipality=municipality))
    screenings = list(selectors.screenings(municipality=municipality))
    export = export_list(
        request,
        ListExport(DPIA_COLUMNS, lambda: dpias, f"dpia-{slug}", _("DPIAs")),
        ListExport(SCREENING_COLUMNS, lambda: screenings, f"screening-{slug}", _("Screenings")),
        keys=["screenings"],
    )
    if export is not None:
        return export
    return render(
        request,
        "dpia/dpia_list.html",
        {
            "municipality": municipality,
            "dpias": dpias,
            "archived": list(selectors.dpias(municipality=municipality, archived=True)),
            "screenings": screenings,
            "unscreened": paginate(
                request, selectors.activities_to_screen(municipality=municipality), page_field="unscreened_page"
            ),
            "can_edit": can(request.user, Action.EDIT, municipality),
        },
    )


@login_required
def screening(request: HttpRequest, slug: str, activity_pk: int) -> HttpResponse:
    municipality = municipality_for(request.user, slug)
    activity = get_for_user(ProcessingActivity.objects.filter(municipality=municipality), request.user, pk=activity_pk)
    existing = Screening.objects.filter(processing_activity=activity).first()
    can_edit = can(request.user, Action.EDIT, municipality)
    items = selectors.screening_items()
    initial = (
        {
            "criteria": existing.criteria,
            "listed": existing.listed,
            "result": existing.result,
            "justification": existing.justification,
        }
        if existing
        else {}
    )
    form = ScreeningForm(request.POST if request.method == "POST" else None, initial=initial, items=items)
    status = 200
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            computed = services.result_by_criteria(criteria=data["criteria"], listed=data["listed"])
            try:
                saved = services.screen_activity(
                    activity=activity,
                    actor=request.user,
                    criteria=data["criteria"],
                    listed=data["listed"],
                    result=data["result"] or computed,
                    justification=data["justification"],
                )
            except services.DpiaInputError as error:
                form.add_error("justification", str(error))
            else:
                messages.success(request, _("Screening saved: %(result)s.") % {"result": saved.get_result_display()})
                return redirect("dpia:screening", slug=municipality.slug, activity_pk=activity.pk)
    return render(
        request,
        "dpia/screening.html",
        {
            "municipality": municipality,
            "activity": activity,
            "screening": existing,
            "form": form,
            "items": {item.key: item for item in items},
            "can_edit": can_edit,
            "dpias": list(activity.dpias.all()),
        },
        status=status,
    )


@login_required
@require_POST
def dpia_create(request: HttpRequest, slug: str, activity_pk: int) -> HttpResponse:
    municipality = municipality_for(request.user, slug, Action.EDIT)
    activity = get_for_user(ProcessingActivity.objects.filter(municipality=municipality), request.user, pk=activity_pk)
    try:
        dpia = services.create_dpia(activity=activity, actor=request.user)
    except services.DpiaInputError as error:
        messages.error(request, str(error))
        return redirect("dpia:screening", slug=municipality.slug, activity_pk=activity.pk)
    messages.success(request, _("The DPIA is started with the context from the processing activity."))
    return redirect("dpia:detail", slug=municipality.slug, pk=dpia.pk)


def _dpia(request: HttpRequest, slug: str, pk: int, action: Action = Action.VIEW):
    municipality = municipality_for(request.user, slug, action)
    dpia = get_for_user(
        Dpia.objects.filter(municipality=municipality).select_related(
            "processing_activity", "decision_maker", "municipality", "template"
        ),
        request.user,
        pk=pk,
    )
    return municipality, dpia


@login_required
def dpia_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality, dpia = _dpia(request, slug, pk)
    snapshot = dpia_snapshot(dpia)
    user = request.user
    return render(
        request,
        "dpia/dpia_detail.html",
        {
            "municipality": municipality,
            "dpia": dpia,
            "snapshot": snapshot,
            "signoffs": selectors.signoffs(dpia),
            "advice": latest_advice(dpia),
            "missing": snapshot.missing_sections(),
            "can_edit": can(user, Action.EDIT, municipality) and dpia.status != DpiaStatus.ARCHIVED,
            "can_advise": user.is_dpo and dpia.status == DpiaStatus.AWAITING_ADVICE,
            "can_decide": dpia.decision_maker_id == user.pk and dpia.status == DpiaStatus.AWAITING_DECISION,
            "can_record_consultation": can(user, Action.SIGN, municipality),
            "can_archive": can(user, Action.EDIT, municipality)
            and dpia.status not in (DpiaStatus.ARCHIVED, DpiaStatus.AWAITING_ADVICE, DpiaStatus.AWAITING_DECISION),
            "leaders": selectors.leaders(municipality=municipality) if dpia.status == DpiaStatus.ADVISED else [],
        },
    )


@login_required
def dpia_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality, dpia = _dpia(request, slug, pk, Action.EDIT)
    outcome = run_tracked_edit(
        request,
        DpiaForm(request.POST or None, instance=dpia, municipality=municipality),
        save=lambda data: services.save_dpia(
            dpia=dpia,
            actor=request.user,
            values={name: data[name] for name in DpiaForm.Meta.fields},
            reason=data["change_reason"],
            expected_version=data["expected_version"],
        ),
        rebuild=lambda data, current: DpiaForm(data, instance=current, municipality=municipality),
        input_errors=(services.DpiaInputError,),
    )
    if outcome.saved is not None:
        report_saved(request, outcome, outcome.saved.title)
        return redirect("dpia:detail", slug=municipality.slug, pk=dpia.pk)
    return render(
        request,
        "dpia/dpia_form.html",
        {"municipality": municipality, "dpia": dpia, "form": outcome.form, "conflict": outcome.conflict},
        status=outcome.status,
    )


def _save_part(request, municipality, dpia, form, save, template_name: str, extra: dict):
    """Save a part through `save(form)` (core's `part_edit_page`)."""
    return part_edit_page(
        request,
        form,
        save=save,
        input_errors=(services.DpiaInputError,),
        root_name=dpia.title,
        success_url=reverse("dpia:detail", args=[municipality.slug, dpia.pk]),
        template_name=template_name,
        context={"municipality": municipality, "dpia": dpia, **extra},
    )


@login_required
def principles_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality, dpia = _dpia(request, slug, pk, Action.EDIT)
    rows = list(dpia.principles.order_by("pk"))
    form = PrinciplesForm(request.POST or None, dpia=dpia, principles=rows)
    return _save_part(
        request,
        municipality,
        dpia,
        form,
        lambda f: services.save_principles(
            dpia=dpia,
            actor=request.user,
            values=f.principle_values(),
            reason=f.cleaned_data["change_reason"],
            expected_version=f.cleaned_data["expected_version"],
        ),
        "dpia/part_form.html",
        {"heading": _("Necessity and proportionality")},
    )


@login_required
def risk_edit(request: HttpRequest, slug: str, pk: int, risk_pk: int | None = None) -> HttpResponse:
    municipality, dpia = _dpia(request, slug, pk, Action.EDIT)
    risk = get_for_user(DpiaRisk.objects.filter(dpia=dpia), request.user, pk=risk_pk) if risk_pk else None
    form = DpiaRiskForm(request.POST or None, instance=risk, root=dpia)
    return _save_part(
        request,
        municipality,
        dpia,
        form,
        lambda f: services.save_risk(
            dpia=dpia,
            actor=request.user,
            values=f.model_values(),
            reason=f.cleaned_data["change_reason"],
            expected_version=f.cleaned_data["expected_version"],
            risk=risk,
        ),
        "dpia/part_form.html",
        {"heading": risk.title if risk else _("New risk")},
    )


@login_required
def action_edit(request: HttpRequest, slug: str, pk: int, action_pk: int | None = None) -> HttpResponse:
    municipality, dpia = _dpia(request, slug, pk, Action.EDIT)
    action = get_for_user(DpiaAction.objects.filter(dpia=dpia), request.user, pk=action_pk) if action_pk else None
    form = DpiaActionForm(request.POST or None, instance=action, root=dpia)
    return _save_part(
        request,
        municipality,
        dpia,
        form,
        lambda f: services.save_action(
            dpia=dpia,
            actor=request.user,
            values=f.model_values(),
            reason=f.cleaned_data["change_reason"],
            expected_version=f.cleaned_data["expected_version"],
            action=action,
        ),
        "dpia/part_form.html",
        {"heading": action.title if action else _("New action")},
    )
