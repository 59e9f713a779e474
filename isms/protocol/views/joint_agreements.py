"""Joint data processing agreements for shared services, and who has signed them (coordinator, DPO)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from isms.core.access import Action, can
from isms.core.tables_export import ListExport, export_list

from .. import selectors, services
from ..forms import JointAgreementForm
from ..tables import JOINT_AGREEMENT_COLUMNS


def _require_cooperation_role(request: HttpRequest) -> None:
    if not can(request.user, Action.MANAGE_COOPERATION):
        raise PermissionDenied


@login_required
def joint_agreement_list(request: HttpRequest) -> HttpResponse:
    _require_cooperation_role(request)
    joint = selectors.joint_agreements()
    export = export_list(
        request,
        ListExport(
            JOINT_AGREEMENT_COLUMNS, lambda: joint, "felles-databehandleravtaler", _("Joint data processing agreements")
        ),
    )
    if export is not None:
        return export
    return render(request, "protocol/joint_agreement_list.html", {"joint_agreements": joint})


@login_required
def joint_agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_cooperation_role(request)
    joint = get_object_or_404(selectors.joint_agreements(), pk=pk)
    rows = joint.municipal_agreements.select_related("municipality").order_by("municipality__name")
    return render(request, "protocol/joint_agreement_detail.html", {"joint": joint, "rows": rows})


@login_required
def joint_agreement_create(request: HttpRequest) -> HttpResponse:
    _require_cooperation_role(request)
    form = JointAgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        joint = services.create_joint_agreement(
            actor=request.user,
            values=form.tracked_values(),
            municipalities=form.cleaned_data["municipalities"],
            reason=form.cleaned_data["change_reason"],
        )
        messages.success(request, _("%(name)s was saved.") % {"name": joint.title})
        return redirect("protocol:joint_agreement_detail", pk=joint.pk)
    return render(request, "protocol/joint_agreement_form.html", {"form": form})


urlpatterns = [
    path("catalogue/joint-agreements/", joint_agreement_list, name="joint_agreement_list"),
    path("catalogue/joint-agreements/new/", joint_agreement_create, name="joint_agreement_create"),
    path("catalogue/joint-agreements/<int:pk>/", joint_agreement_detail, name="joint_agreement_detail"),
]
