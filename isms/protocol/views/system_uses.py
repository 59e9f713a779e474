"""A municipality's systems: which catalogue systems it uses, who owns them there."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from isms.core.access import Action, can, get_for_user, municipality_for
from isms.core.editing import report_saved, run_tracked_edit
from isms.core.tables_export import ListExport, export_list

from .. import selectors, services
from ..forms import SystemForm, SystemUseForm, VendorForm
from ..models import System, SystemUse, Vendor
from ..tables import SYSTEM_USE_COLUMNS


@login_required
def system_use_list(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request.user, slug)
    uses = selectors.system_uses(municipality=municipality)
    export = export_list(request, ListExport(SYSTEM_USE_COLUMNS, lambda: uses, f"systemer-{slug}", _("Systems in use")))
    if export is not None:
        return export
    return render(
        request,
        "protocol/system_use_list.html",
        {
            "municipality": municipality,
            "uses": uses,
            "can_edit": can(request.user, Action.EDIT, municipality),
        },
    )


@login_required
def system_use_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    municipality = municipality_for(request.user, slug, Action.EDIT)
    use = (
        get_for_user(SystemUse.objects.select_related("system"), request.user, pk=pk, municipality=municipality)
        if pk
        else None
    )
    outcome = run_tracked_edit(
        request,
        SystemUseForm(request.POST or None, instance=use, municipality=municipality),
        save=lambda data: services.save_system_use(
            municipality=municipality,
            actor=request.user,
            values={name: data[name] for name in SystemUseForm.Meta.fields if not (use and name == "system")},
            reason=data["change_reason"],
            system_use=use,
            expected_version=data["expected_version"],
        ),
        rebuild=lambda data, current: SystemUseForm(data, instance=current, municipality=municipality),
    )
    if outcome.saved is not None:
        report_saved(request, outcome, outcome.saved.system.name)
        return redirect("protocol:system_use_list", slug=municipality.slug)
    return render(
        request,
        "protocol/system_use_form.html",
        {"municipality": municipality, "use": use, "form": outcome.form, "conflict": outcome.conflict},
        status=outcome.status,
    )


@login_required
def system_register(request: HttpRequest, slug: str) -> HttpResponse:
    """An editor adds a system that is not in the catalogue yet and takes it into use in one step."""
    municipality = municipality_for(request.user, slug, Action.EDIT)
    form = SystemForm(request.POST or None, instance=System())
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            system, _created = services.save_catalogue_entry(
                model=System,
                actor=request.user,
                values=form.tracked_values(),
                reason=form.cleaned_data["change_reason"],
                created_in=municipality,
            )
            services.save_system_use(
                municipality=municipality, actor=request.user, values={"system": system}, reason=""
            )
        messages.success(request, _("%(name)s was added to the catalogue and taken into use.") % {"name": system.name})
        return redirect("protocol:system_use_list", slug=municipality.slug)
    return render(request, "protocol/system_register.html", {"municipality": municipality, "form": form})


@login_required
def vendor_register(request: HttpRequest, slug: str) -> HttpResponse:
    """An editor adds a vendor missing from the catalogue (it can then be chosen for systems and DPAs)."""
    municipality = municipality_for(request.user, slug, Action.EDIT)
    form = VendorForm(request.POST or None, instance=Vendor())
    if request.method == "POST" and form.is_valid():
        vendor, _created = services.save_catalogue_entry(
            model=Vendor,
            actor=request.user,
            values=form.tracked_values(),
            reason=form.cleaned_data["change_reason"],
            created_in=municipality,
        )
        messages.success(request, _("%(name)s was added to the catalogue.") % {"name": vendor.name})
        return redirect("protocol:system_register", slug=municipality.slug)
    return render(request, "protocol/vendor_register.html", {"municipality": municipality, "form": form})


urlpatterns = [
    path("m/<slug:slug>/systems/", system_use_list, name="system_use_list"),
    path("m/<slug:slug>/systems/add/", system_use_edit, name="system_use_create"),
    path("m/<slug:slug>/systems/register/", system_register, name="system_register"),
    path("m/<slug:slug>/systems/<int:pk>/edit/", system_use_edit, name="system_use_edit"),
    path("m/<slug:slug>/vendors/register/", vendor_register, name="vendor_register"),
]
