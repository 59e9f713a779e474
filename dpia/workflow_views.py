"""The DPIA's flow pages: send to the DPO, the DPO's advice, send for decision, the leader's decision,
prior consultation, the PDF (as of any version) and the DPO's queue across municipalities."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from isms.core.access import Action, can, scoped
from isms.core.flow_pages import FlowPages, decision_page, flow_step
from isms.core.forms import VersionedActionForm
from isms.core.tables_export import ListExport, export_list, paginate

from . import selectors, workflow
from .forms import AdviceForm, ArchiveForm, DecisionForm, PriorConsultationForm
from .models import Dpia
from .pdf import render_dpia
from .services import DpiaInputError
from .snapshot import dpia_snapshot
from .tables import QUEUE_COLUMNS
from .views import _dpia

PAGES = FlowPages(
    error=DpiaInputError,
    stale_text=gettext_lazy("Someone changed the DPIA after you opened it (now version %(v)s). Read it again first."),
    detail="dpia:detail",
)


def _step(request: HttpRequest, slug: str, pk: int, run, done: str) -> HttpResponse:
    municipality, dpia = _dpia(request, slug, pk, Action.EDIT)
    return flow_step(
        request,
        PAGES,
        municipality=municipality,
        root=dpia,
        form=VersionedActionForm(request.POST),
        run=lambda data: run(dpia, data["expected_version"]),
        done=done,
    )


@login_required
@require_POST
def send_to_dpo(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _step(
        request,
        slug,
        pk,
        lambda dpia, version: workflow.send_to_dpo(dpia=dpia, actor=request.user, expected_version=version),
        _("Sent to the data protection officer for advice."),
    )


@login_required
@require_POST
def send_for_decision(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _step(
        request,
        slug,
        pk,
        lambda dpia, version: workflow.send_for_decision(
            dpia=dpia,
            actor=request.user,
            expected_version=version,
            decision_maker_id=int(chosen) if (chosen := request.POST.get("decision_maker", "")).isdigit() else None,
        ),
        _("Sent to the leader for decision."),
    )


def _decision_page(request, slug, pk, *, allowed, form_class, run, template_name):
    municipality, dpia = _dpia(request, slug, pk)
    if not allowed(dpia):
        raise PermissionDenied
    return decision_page(
        request,
        PAGES,
        municipality=municipality,
        root=dpia,
        form=form_class(request.POST or None, initial={"expected_version": dpia.version}),
        run=lambda form: run(dpia, form),
        done=_("Your decision is recorded."),
        template_name=template_name,
        context=lambda: {
            "dpia": dpia,
            "snapshot": dpia_snapshot(dpia),
            "advice": workflow.latest_advice(dpia),
            "signoffs": selectors.signoffs(dpia),
        },
    )


@login_required
def advice(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _decision_page(
        request,
        slug,
        pk,
        allowed=lambda dpia: request.user.is_dpo,
        form_class=AdviceForm,
        run=lambda dpia, form: workflow.give_advice(
            dpia=dpia,
            dpo=request.user,
            decision=form.cleaned_data["decision"],
            comment=form.cleaned_data["comment"],
            notes=form.notes(),
            expected_version=form.cleaned_data["expected_version"],
        ),
        template_name="dpia/advice.html",
    )


@login_required
def decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _decision_page(
        request,
        slug,
        pk,
        allowed=lambda dpia: (
            dpia.decision_maker_id == request.user.pk and can(request.user, Action.SIGN, dpia.municipality)
        ),
        form_class=DecisionForm,
        run=lambda dpia, form: workflow.decide(
            dpia=dpia,
            leader=request.user,
            decision=form.cleaned_data["decision"],
            comment=form.cleaned_data["comment"],
            expected_version=form.cleaned_data["expected_version"],
        ),
        template_name="dpia/decide.html",
    )


@login_required
@require_POST
def prior_consultation(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality, dpia = _dpia(request, slug, pk, Action.SIGN)
    return flow_step(
        request,
        PAGES,
        municipality=municipality,
        root=dpia,
        form=PriorConsultationForm(request.POST),
        run=lambda data: workflow.record_prior_consultation(dpia=dpia, actor=request.user, sent_on=data["sent_on"]),
        done=_("The prior consultation with Datatilsynet is recorded."),
        invalid=_("Give the date the prior consultation was sent."),
    )


@login_required
@require_POST
def archive(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality, dpia = _dpia(request, slug, pk, Action.EDIT)
    return flow_step(
        request,
        PAGES,
        municipality=municipality,
        root=dpia,
        form=ArchiveForm(request.POST),
        run=lambda data: workflow.archive_dpia(
            dpia=dpia, actor=request.user, reason=data["change_reason"], expected_version=data["expected_version"]
        ),
        done=_("The DPIA is archived. It is kept with its advice, decisions and history."),
    )


@login_required
def dpia_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality, dpia = _dpia(request, slug, pk)
    version = request.GET.get("version", "")
    snapshot = dpia_snapshot(dpia, version=int(version) if version.isdigit() else None)
    content = render_dpia(snapshot=snapshot, municipality=municipality, live=dpia, signoffs=selectors.signoffs(dpia))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="dpia-{slugify(dpia.title)[:60]}-v{snapshot.version}.pdf"'
    return response


@login_required
def dpo_queue(request: HttpRequest) -> HttpResponse:
    if not can(request.user, Action.MANAGE_COOPERATION):
        raise PermissionDenied
    visible = scoped(Dpia.objects.all(), request.user)
    waiting = selectors.awaiting_advice(visible)
    export = export_list(
        request,
        ListExport(QUEUE_COLUMNS, lambda: selectors.queue_rows(waiting), "dpia-ko", _("DPIAs awaiting advice")),
    )
    if export is not None:
        return export
    chosen = request.GET.get("template", "")
    page = paginate(request, waiting)
    return render(
        request,
        "dpia/dpo_queue.html",
        {
            "page": page,
            "rows": selectors.queue_rows(page.object_list),
            "all_page": paginate(
                request,
                selectors.all_dpias(visible, template_id=int(chosen) if chosen.isdigit() else None),
                page_field="all_page",
            ),
            "joint": selectors.joint_dpias(),
            "chosen": chosen,
        },
    )
