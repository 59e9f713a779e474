"""Pages of ledelsens gjennomgang: a municipality's reviews, starting the year's, the review with its
inputs, the editor's assessments, the decisions, the leader's signature and the PDF for the archive."""

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
from isms.core.editing import edit_response, run_part_edit, run_tracked_edit
from isms.core.forms import VersionedActionForm
from isms.core.tracking import StaleEditError

from . import selectors, services
from .forms import DecisionForm, ReviewForm, SignReviewForm, StartReviewForm
from .models import ManagementReview, ReviewDecision
from .pdf import render_review
from .presenters import input_sections


def _review(request: HttpRequest, slug: str, year: int, action: Action = Action.VIEW):
    municipality = municipality_for(request.user, slug, action)
    review = get_for_user(
        ManagementReview.objects.filter(municipality=municipality).select_related("municipality", "previous"),
        request.user,
        year=year,
    )
    return municipality, review


@login_required
def review_list(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request.user, slug)
    return render(
        request,
        "cycle/review_list.html",
        {
            "municipality": municipality,
            "reviews": selectors.reviews(municipality),
            "can_edit": can(request.user, Action.EDIT, municipality),
            "form": StartReviewForm(),
        },
    )


@login_required
@require_POST
def review_create(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request.user, slug, Action.EDIT)
    form = StartReviewForm(request.POST)
    if form.is_valid():
        try:
            review = services.start_review(
                municipality=municipality, year=form.cleaned_data["year"], actor=request.user
            )
        except services.CycleInputError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The management review for %(year)s was started.") % {"year": review.year})
            return redirect("cycle:review_detail", slug=municipality.slug, year=review.year)
    return render(
        request,
        "cycle/review_list.html",
        {"municipality": municipality, "reviews": selectors.reviews(municipality), "can_edit": True, "form": form},
        status=400,
    )


@login_required
def review_detail(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    municipality, review = _review(request, slug, year)
    signoffs = selectors.review_signoffs(review)
    return render(
        request,
        "cycle/review_detail.html",
        {
            "municipality": municipality,
            "review": review,
            "sections": input_sections(review.inputs),
            "decisions": list(review.decisions.select_related("carried_from")),
            "signoffs": signoffs,
            "state": review.signoff_state,
            "can_edit": can(request.user, Action.EDIT, municipality),
            "can_sign": can(request.user, Action.SIGN, municipality),
        },
    )


@login_required
def review_edit(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    municipality, review = _review(request, slug, year, Action.EDIT)
    outcome = run_tracked_edit(
        request,
        ReviewForm(request.POST or None, instance=review),
        save=lambda data: services.save_review(
            review=review,
            actor=request.user,
            values=data,
            reason=data["change_reason"],
            expected_version=data["expected_version"],
        ),
        rebuild=lambda data, current: ReviewForm(data, instance=current),
        input_errors=(services.CycleInputError,),
    )
    return edit_response(
        request,
        outcome,
        success_url=reverse("cycle:review_detail", args=[municipality.slug, review.year]),
        template_name="cycle/review_form.html",
        context={"municipality": municipality, "review": review},
    )


@login_required
@require_POST
def review_refresh(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    municipality, review = _review(request, slug, year, Action.EDIT)
    form = VersionedActionForm(request.POST)
    if not form.is_valid():
        raise PermissionDenied
    try:
        services.refresh_inputs(
            review=review, actor=request.user, expected_version=form.cleaned_data["expected_version"]
        )
    except StaleEditError:
        messages.error(request, _("Someone changed the review after you opened it. Read it again first."))
    else:
        messages.success(request, _("The inputs were gathered again from the records."))
    return redirect("cycle:review_detail", slug=municipality.slug, year=review.year)


@login_required
def decision_edit(request: HttpRequest, slug: str, year: int, pk: int | None = None) -> HttpResponse:
    municipality, review = _review(request, slug, year, Action.EDIT)
    decision = get_for_user(ReviewDecision.objects.filter(review=review), request.user, pk=pk) if pk else None
    form = DecisionForm(request.POST or None, instance=decision, root=review)
    outcome = run_part_edit(
        request,
        form,
        save=lambda f: services.save_decision(
            review=review,
            actor=request.user,
            values=f.model_values(),
            reason=f.cleaned_data["change_reason"],
            expected_version=f.cleaned_data["expected_version"],
            decision=decision,
        ),
        input_errors=(services.CycleInputError,),
    )
    return edit_response(
        request,
        outcome,
        saved_name=lambda saved: saved.title,
        success_url=reverse("cycle:review_detail", args=[municipality.slug, review.year]),
        template_name="cycle/decision_form.html",
        context={"municipality": municipality, "review": review, "decision": decision},
    )


@login_required
def review_sign(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    municipality, review = _review(request, slug, year, Action.SIGN)
    form = SignReviewForm(request.POST or None, initial={"expected_version": review.version})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.sign_review(
                    review=review,
                    signer=request.user,
                    comment=form.cleaned_data["comment"],
                    expected_version=form.cleaned_data["expected_version"],
                )
            except StaleEditError as stale:
                messages.error(
                    request,
                    _("Someone changed the review after you opened it (now version %(v)s). Read it again first.")
                    % {"v": stale.current.version},
                )
                return redirect("cycle:review_sign", slug=municipality.slug, year=review.year)
            except services.CycleInputError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The management review is signed."))
                return redirect("cycle:review_detail", slug=municipality.slug, year=review.year)
    return render(
        request,
        "cycle/review_sign.html",
        {
            "municipality": municipality,
            "review": review,
            "sections": input_sections(review.inputs),
            "decisions": list(review.decisions.all()),
            "form": form,
        },
        status=status,
    )


@login_required
def review_pdf(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    municipality, review = _review(request, slug, year)
    content = render_review(
        review=review,
        municipality=municipality,
        decisions=list(review.decisions.all()),
        signoffs=selectors.review_signoffs(review),
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="ledelsens-gjennomgang-{municipality.slug}-{review.year}.pdf"'
    return response
