"""The DPA register (Art. 28): a municipality's agreements, their signed PDFs and sub-processors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from isms.core.access import Action, can, get_for_user, municipality_for
from isms.core.editing import report_saved, run_tracked_edit
from isms.core.tables_export import export_or_paginate
from isms.core.tracking import ReasonRequiredError, StaleEditError

from .. import selectors, services
from ..filters import AgreementFilter
from ..forms import AgreementForm, SubProcessorFormSet
from ..models import DataProcessingAgreement, SystemUse
from ..tables import AgreementTable


def _agreement(request: HttpRequest, municipality, pk: int) -> DataProcessingAgreement:
    return get_for_user(
        DataProcessingAgreement.objects.filter(municipality=municipality).select_related("vendor", "parent"),
        request.user,
        pk=pk,
    )


@login_required
def agreement_list(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request.user, slug)
    agreement_filter = AgreementFilter(request.GET, queryset=selectors.agreements(municipality=municipality))
    table = AgreementTable(agreement_filter.qs)
    export = export_or_paginate(
        request, table, filename=f"databehandleravtaler-{municipality.slug}", title=_("Data processing agreements")
    )
    if export is not None:
        return export
    return render(
        request,
        "protocol/agreement_list.html",
        {
            "municipality": municipality,
            "filter": agreement_filter,
            "table": table,
            "uncovered": selectors.processors_without_agreement(municipality=municipality),
            "can_edit": can(request.user, Action.EDIT, municipality),
            "query_string": request.GET.urlencode(),
        },
    )


@login_required
def agreement_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality = municipality_for(request.user, slug)
    agreement = _agreement(request, municipality, pk)
    return render(
        request,
        "protocol/agreement_detail.html",
        {
            "municipality": municipality,
            "agreement": agreement,
            "sub_processors": agreement.sub_processors.all(),
            "activities": selectors.agreement_activities(agreement),
            "systems": SystemUse.objects.filter(municipality=municipality, system__vendor=agreement.vendor)
            .select_related("system")
            .order_by("system__name"),
            "can_edit": can(request.user, Action.EDIT, municipality),
        },
    )


@login_required
def agreement_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    municipality = municipality_for(request.user, slug, Action.EDIT)
    agreement = _agreement(request, municipality, pk) if pk else None
    form = AgreementForm(request.POST or None, request.FILES or None, instance=agreement)
    disabled = {name for name, field in form.fields.items() if field.disabled}
    outcome = run_tracked_edit(
        request,
        form,
        save=lambda data: services.save_agreement(
            municipality=municipality,
            actor=request.user,
            values={name: data[name] for name in AgreementForm.Meta.fields if name not in disabled},
            reason=data["change_reason"],
            document=data.get("document_upload"),
            agreement=agreement,
            expected_version=data["expected_version"],
        ),
        rebuild=lambda data, current: AgreementForm(data, instance=current),
    )
    if outcome.saved is not None:
        report_saved(request, outcome, str(outcome.saved))
        return redirect("protocol:agreement_detail", slug=municipality.slug, pk=outcome.saved.pk)
    return render(
        request,
        "protocol/agreement_form.html",
        {"municipality": municipality, "agreement": agreement, "form": outcome.form, "conflict": outcome.conflict},
        status=outcome.status,
    )


@login_required
def agreement_sub_processors(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality = municipality_for(request.user, slug, Action.EDIT)
    agreement = _agreement(request, municipality, pk)
    initial = [
        {"name": s.name, "country": s.country, "service": s.service, "transfer_mechanism": s.transfer_mechanism}
        for s in agreement.sub_processors.all()
    ]
    formset = SubProcessorFormSet(request.POST or None, initial=initial)
    reason = request.POST.get("change_reason", "")
    version = request.POST.get("expected_version", agreement.version)
    if request.method == "POST" and formset.is_valid():
        rows = [
            {key: form.cleaned_data.get(key, "") for key in ("name", "country", "service", "transfer_mechanism")}
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("name")
        ]
        try:
            services.save_sub_processors(
                agreement=agreement, actor=request.user, rows=rows, expected_version=int(version), reason=reason
            )
        except StaleEditError:
            messages.error(request, _("Someone else saved changes while you were editing. Look at the record again."))
        except ReasonRequiredError:
            messages.error(request, _("Explain why you make this change."))
        else:
            messages.success(request, _("%(name)s was saved.") % {"name": agreement})
            return redirect("protocol:agreement_detail", slug=municipality.slug, pk=agreement.pk)
    return render(
        request,
        "protocol/agreement_sub_processors.html",
        {"municipality": municipality, "agreement": agreement, "formset": formset, "reason": reason},
    )


@login_required
def agreement_document(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality = municipality_for(request.user, slug)
    agreement = _agreement(request, municipality, pk)
    if not agreement.document:
        raise Http404
    return FileResponse(
        agreement.document.open("rb"),
        content_type="application/pdf",
        as_attachment=False,
        filename=f"databehandleravtale-{municipality.slug}-{agreement.pk}.pdf",
    )


urlpatterns = [
    path("m/<slug:slug>/agreements/", agreement_list, name="agreement_list"),
    path("m/<slug:slug>/agreements/new/", agreement_edit, name="agreement_create"),
    path("m/<slug:slug>/agreements/<int:pk>/", agreement_detail, name="agreement_detail"),
    path("m/<slug:slug>/agreements/<int:pk>/edit/", agreement_edit, name="agreement_edit"),
    path(
        "m/<slug:slug>/agreements/<int:pk>/sub-processors/", agreement_sub_processors, name="agreement_sub_processors"
    ),
    path("m/<slug:slug>/agreements/<int:pk>/document/", agreement_document, name="agreement_document"),
]
