"""Pages of an analysis's life after drafting: send for sign-off, sign, archive, revise, compare with
the previous revision, and the PDF (as of any version)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from isms.core.access import Action, get_for_user, municipality_for
from isms.core.flow_pages import FlowPages, decision_page, flow_step

from . import selectors, workflow
from .forms import ArchiveForm, RevisionForm, SendForSignOffForm, SignOffForm
from .models import RiskAnalysis
from .pdf import render_analysis
from .revisions import revision_diff, signed_diff
from .services import RiskInputError
from .snapshot import analysis_snapshot


def _analysis(request: HttpRequest, slug: str, pk: int, action: Action = Action.VIEW):
    municipality = municipality_for(request.user, slug, action)
    analysis = get_for_user(
        RiskAnalysis.objects.filter(municipality=municipality).select_related(
            "matrix", "risk_owner", "municipality", "previous"
        ),
        request.user,
        pk=pk,
    )
    return municipality, analysis


PAGES = FlowPages(
    error=RiskInputError,
    stale_text=gettext_lazy(
        "Someone changed the analysis after you opened it (now version %(v)s). Read it again first."
    ),
    detail="risk:analysis_detail",
)


@login_required
@require_POST
def analysis_send(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality, analysis = _analysis(request, slug, pk, Action.EDIT)
    return flow_step(
        request,
        PAGES,
        municipality=municipality,
        root=analysis,
        form=SendForSignOffForm(request.POST),
        run=lambda data: workflow.request_signoff(
            analysis=analysis,
            actor=request.user,
            expected_version=data["expected_version"],
            message=data["message"],
        ),
        done=_("Sent to the risk owner for sign-off."),
    )


@login_required
def analysis_sign(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality, analysis = _analysis(request, slug, pk, Action.SIGN)
    if analysis.risk_owner_id != request.user.pk:
        raise PermissionDenied
    snapshot = analysis_snapshot(analysis)
    return decision_page(
        request,
        PAGES,
        municipality=municipality,
        root=analysis,
        form=SignOffForm(
            request.POST or None,
            initial={"expected_version": analysis.version},
            high_residual=len(snapshot.high_residual),
        ),
        run=lambda form: workflow.sign_analysis(
            analysis=analysis,
            signer=request.user,
            decision=form.cleaned_data["decision"],
            comment=form.cleaned_data["comment"],
            expected_version=form.cleaned_data["expected_version"],
            high_risk_confirmed=form.cleaned_data.get("high_risk_confirmed", False),
        ),
        done=_("Your decision is recorded."),
        template_name="risk/analysis_sign.html",
        context=lambda: {"analysis": analysis, "snapshot": snapshot, "signed": signed_diff(analysis)},
    )


@login_required
@require_POST
def analysis_archive(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality, analysis = _analysis(request, slug, pk, Action.EDIT)
    return flow_step(
        request,
        PAGES,
        municipality=municipality,
        root=analysis,
        form=ArchiveForm(request.POST),
        run=lambda data: workflow.archive_analysis(
            analysis=analysis,
            actor=request.user,
            reason=data["change_reason"],
            expected_version=data["expected_version"],
        ),
        done=_("The analysis is archived. It is kept with its history."),
    )


@login_required
@require_POST
def analysis_revise(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality, analysis = _analysis(request, slug, pk, Action.EDIT)
    form = RevisionForm(request.POST or {"analysed_on": timezone.localdate()})
    if not form.is_valid():
        messages.error(request, _("Give the date of the new analysis."))
        return redirect("risk:analysis_detail", slug=municipality.slug, pk=analysis.pk)
    try:
        revision = workflow.start_revision(
            analysis=analysis, actor=request.user, analysed_on=form.cleaned_data["analysed_on"]
        )
    except RiskInputError as error:
        messages.error(request, str(error))
        return redirect("risk:analysis_detail", slug=municipality.slug, pk=analysis.pk)
    messages.success(request, _("A new revision is made as a draft. Go through every scenario and rate it again."))
    return redirect("risk:analysis_detail", slug=municipality.slug, pk=revision.pk)


@login_required
def analysis_changes(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality, analysis = _analysis(request, slug, pk)
    return render(
        request,
        "risk/analysis_changes.html",
        {
            "municipality": municipality,
            "analysis": analysis,
            "diff": revision_diff(analysis),
            "signed": signed_diff(analysis),
        },
    )


@login_required
def analysis_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality, analysis = _analysis(request, slug, pk)
    version = request.GET.get("version")
    snapshot = analysis_snapshot(analysis, version=int(version) if version and version.isdigit() else None)
    content = render_analysis(
        snapshot=snapshot,
        municipality=municipality,
        live=analysis,
        signoffs=selectors.signoffs(analysis),
    )
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"ros-{slugify(analysis.title)[:60]}-v{snapshot.version}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
