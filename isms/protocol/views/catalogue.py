"""The cooperation's catalogue of systems and vendors (cooperation level)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from isms.core.access import (
    Action,
    can,
    can_change_catalogue_entry,
    require_municipal_access,
    scoped,
)
from isms.core.editing import report_saved, run_tracked_edit
from isms.core.tables_export import ListExport, export_list

from .. import services
from ..forms import SystemForm, VendorForm
from ..models import System, SystemUse, Vendor
from ..tables import SYSTEM_COLUMNS, VENDOR_COLUMNS

KINDS = {"system": (System, SystemForm), "vendor": (Vendor, VendorForm)}
NEW_TITLES = {"system": gettext_lazy("New system"), "vendor": gettext_lazy("New vendor")}


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    require_municipal_access(request.user)
    systems = System.objects.select_related("vendor").annotate(municipality_count=Count("uses", distinct=True))
    vendors = Vendor.objects.annotate(system_count=Count("systems", distinct=True)).order_by("name")
    systems = systems.order_by("name")
    export = export_list(
        request,
        ListExport(SYSTEM_COLUMNS, lambda: systems, "katalog-systemer", _("Systems")),
        ListExport(VENDOR_COLUMNS, lambda: vendors, "katalog-leverandorer", _("Vendors")),
        keys=["vendors"],
    )
    if export is not None:
        return export
    return render(
        request,
        "protocol/catalogue.html",
        {
            "systems": systems,
            "vendors": vendors,
            "can_manage": can(request.user, Action.MANAGE_COOPERATION),
        },
    )


@login_required
def system_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_municipal_access(request.user)
    system = get_object_or_404(System.objects.select_related("vendor", "created_in"), pk=pk)
    all_uses = list(SystemUse.objects.filter(system=system).values_list("municipality_id", flat=True))
    # Which municipalities use it is each tenant's own business; the count is shared.
    visible_uses = scoped(SystemUse.objects.filter(system=system), request.user).select_related("municipality")
    return render(
        request,
        "protocol/system_detail.html",
        {
            "system": system,
            "use_count": len(all_uses),
            "visible_uses": visible_uses.order_by("municipality__name"),
            "can_change": can_change_catalogue_entry(
                request.user, created_in_id=system.created_in_id, used_by=set(all_uses)
            ),
        },
    )


def _users_of(kind: str, entry) -> set[int]:
    if kind == "system":
        return set(SystemUse.objects.filter(system=entry).values_list("municipality_id", flat=True))
    return set(entry.agreements.values_list("municipality_id", flat=True)) | set(
        SystemUse.objects.filter(system__vendor=entry).values_list("municipality_id", flat=True)
    )


@login_required
def entry_edit(request: HttpRequest, kind: str, pk: int | None = None) -> HttpResponse:
    """Create (pk None) or edit a system or vendor in the catalogue."""
    require_municipal_access(request.user)
    model, form_class = KINDS[kind]
    entry = get_object_or_404(model, pk=pk) if pk else None
    if entry is None:
        allowed = can(request.user, Action.MANAGE_COOPERATION)
    else:
        allowed = can_change_catalogue_entry(
            request.user, created_in_id=entry.created_in_id, used_by=_users_of(kind, entry)
        )
    if not allowed:
        raise PermissionDenied
    outcome = run_tracked_edit(
        request,
        form_class(request.POST or None, instance=entry),
        save=lambda data: services.save_catalogue_entry(
            model=model,
            actor=request.user,
            values={name: data[name] for name in form_class.Meta.fields},
            reason=data["change_reason"],
            entry=entry,
            expected_version=data["expected_version"],
        ),
        rebuild=lambda data, current: form_class(data, instance=current),
    )
    if outcome.saved is not None:
        report_saved(request, outcome, outcome.saved.name)
        return redirect("protocol:catalogue")
    return render(
        request,
        "protocol/catalogue_form.html",
        {"form": outcome.form, "entry": entry, "new_title": NEW_TITLES[kind], "conflict": outcome.conflict},
        status=outcome.status,
    )


urlpatterns = [
    path("catalogue/", catalogue, name="catalogue"),
    path("catalogue/systems/new/", entry_edit, {"kind": "system"}, name="system_create"),
    path("catalogue/systems/<int:pk>/", system_detail, name="system_detail"),
    path("catalogue/systems/<int:pk>/edit/", entry_edit, {"kind": "system"}, name="system_edit"),
    path("catalogue/vendors/new/", entry_edit, {"kind": "vendor"}, name="vendor_create"),
    path("catalogue/vendors/<int:pk>/edit/", entry_edit, {"kind": "vendor"}, name="vendor_edit"),
]
