"""Pages of the core app: my page, municipalities, their history, members and invitations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .access import (
    Action,
    can,
    get_for_user,
    has_municipal_access,
    municipality_for,
    role_in,
    scoped,
    visible_municipalities,
)
from .editing import report_saved, run_tracked_edit
from .filters import MunicipalityFilter
from .forms import AcceptInvitationForm, InvitationForm, MembershipRoleForm, MunicipalityForm
from .history import compare, cooperation_history, history_breadcrumbs, municipal_history
from .history_export import HISTORY_FORMATS, history_export
from .models import ExportJob, ExportStatus, Invitation, Membership, MembershipRole, User
from .pdf.municipality_overview import render_municipality_overview
from .startpage import start_page_for
from .summaries import figures_for
from .tables import MEMBER_COLUMNS, MunicipalityTable
from .tables_export import ListExport, export_list, export_or_paginate, paginate

HISTORY_PER_PAGE = 50


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@login_required
def home(request: HttpRequest) -> HttpResponse:
    page = start_page_for(request)
    if page is not None:
        return page
    user = request.user
    memberships = Membership.objects.filter(user=user).select_related("municipality").order_by("municipality__name")
    return render(
        request,
        "core/home.html",
        {
            "memberships": memberships,
            "sees_all": user.sees_all_municipalities,
            "municipality_count": visible_municipalities(user).count() if user.sees_all_municipalities else None,
        },
    )


@login_required
def municipality_list(request: HttpRequest) -> HttpResponse:
    if not has_municipal_access(request.user):
        raise PermissionDenied
    municipality_filter = MunicipalityFilter(request.GET, queryset=visible_municipalities(request.user))
    table = MunicipalityTable(municipality_filter.qs)
    export = export_or_paginate(request, table, filename="kommuner", title=_("Municipalities"))
    if export is not None:
        return export
    return render(
        request,
        "core/municipality_list.html",
        {
            "filter": municipality_filter,
            "table": table,
            "can_manage": can(request.user, Action.MANAGE_MUNICIPALITY),
            "query_string": request.GET.urlencode(),
        },
    )


@login_required
def municipality_overview_pdf(request: HttpRequest) -> HttpResponse:
    if not has_municipal_access(request.user):
        raise PermissionDenied
    municipality_filter = MunicipalityFilter(request.GET, queryset=visible_municipalities(request.user))
    pdf = render_municipality_overview(
        municipalities=list(municipality_filter.qs.order_by("number")), user=request.user
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="kommuneoversikt-{timezone.localdate():%Y-%m-%d}.pdf"'
    return response


@login_required
def municipality_detail(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request.user, slug)
    role = role_in(request.user, municipality)
    return render(
        request,
        "core/municipality_detail.html",
        {
            "municipality": municipality,
            "my_role": MembershipRole(role).label if role else None,
            "figures": figures_for(municipality),
            "can_manage": can(request.user, Action.MANAGE_MUNICIPALITY, municipality),
            "can_view_members": can(request.user, Action.VIEW_MEMBERS, municipality),
        },
    )


@login_required
def municipality_logo(request: HttpRequest, slug: str) -> HttpResponse:
    """The letterhead logo, served through the tenant check rather than as a public media file."""
    municipality = municipality_for(request.user, slug)
    if not municipality.logo:
        raise Http404
    content_type = "image/png" if municipality.logo.name.endswith(".png") else "image/jpeg"
    response = FileResponse(municipality.logo.open("rb"), content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
def municipality_edit(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request.user, slug, Action.MANAGE_MUNICIPALITY)
    outcome = run_tracked_edit(
        request,
        MunicipalityForm(request.POST or None, request.FILES or None, instance=municipality),
        save=lambda data: services.update_municipality(
            municipality=municipality,
            actor=request.user,
            values={name: data[name] for name in MunicipalityForm.Meta.fields},
            expected_version=data["expected_version"],
            reason=data["change_reason"],
            logo=data.get("logo_upload"),
        ),
        rebuild=lambda data, current: MunicipalityForm(data, instance=current),
    )
    if outcome.saved is not None:
        report_saved(request, outcome, municipality.name)
        return redirect("core:municipality_detail", slug=municipality.slug)
    return render(
        request,
        "core/municipality_form.html",
        {"municipality": municipality, "form": outcome.form, "conflict": outcome.conflict},
        status=outcome.status,
    )


@login_required
def municipal_object_history(request: HttpRequest, slug: str, model: str, pk: int) -> HttpResponse:
    municipality = municipality_for(request.user, slug)
    model_class, entries, rows = municipal_history(model, pk, municipality, request.user)
    older, newer, changes = compare(rows, _int_or_none(request.GET.get("from")), _int_or_none(request.GET.get("to")))
    return render(
        request,
        "core/history.html",
        {
            "municipality": municipality,
            "model_name": model_class._meta.verbose_name,
            "object_label": str(rows[-1].instance) if rows else "",
            **history_breadcrumbs(model, rows, municipality),
            **_history_pages(request, entries),
            "older": older,
            "newer": newer,
            "changes": changes,
        },
    )


@login_required
def cooperation_object_history(request: HttpRequest, model: str, pk: int) -> HttpResponse:
    model_class, entries, rows = cooperation_history(model, pk, request.user)
    older, newer, changes = compare(rows, _int_or_none(request.GET.get("from")), _int_or_none(request.GET.get("to")))
    return render(
        request,
        "core/history.html",
        {
            "municipality": None,
            "model_name": model_class._meta.verbose_name,
            "object_label": str(rows[-1].instance),
            **history_breadcrumbs(model, rows, None),
            **_history_pages(request, entries),
            "older": older,
            "newer": newer,
            "changes": changes,
        },
    )


def _history_pages(request: HttpRequest, entries: list) -> dict:
    """Every version for the comparison's choices; the list of versions, newest first, a page at a time."""
    newest_first = list(reversed(entries))
    page = paginate(request, newest_first, per_page=HISTORY_PER_PAGE)
    return {"entries": newest_first, "page": page, "first_number": len(entries) - page.start_index() + 1}


def _history_export(request: HttpRequest, export_format: str, model_class, entries, rows, municipality):
    if export_format not in HISTORY_FORMATS:
        raise Http404
    return history_export(
        export_format,
        entries=entries,
        object_label=str(rows[-1].instance) if rows else "",
        model_name=str(model_class._meta.verbose_name),
        municipality=municipality,
    )


@login_required
def municipal_history_export(request: HttpRequest, slug: str, model: str, pk: int, export_format: str) -> HttpResponse:
    """The history page's versions as CSV or PDF for an audit; the same access as the page."""
    municipality = municipality_for(request.user, slug)
    model_class, entries, rows = municipal_history(model, pk, municipality, request.user)
    return _history_export(request, export_format, model_class, entries, rows, municipality)


@login_required
def cooperation_history_export(request: HttpRequest, model: str, pk: int, export_format: str) -> HttpResponse:
    model_class, entries, rows = cooperation_history(model, pk, request.user)
    return _history_export(request, export_format, model_class, entries, rows, None)


@login_required
def member_list(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request.user, slug, Action.VIEW_MEMBERS)
    memberships = scoped(Membership.objects.filter(municipality=municipality), request.user).select_related("user")
    invitations = Invitation.objects.pending().filter(municipality=municipality).select_related("invited_by")
    memberships = memberships.order_by("role", "user__email")
    export = export_list(
        request, ListExport(MEMBER_COLUMNS, lambda: memberships, f"brukere-{slug}", _("Users with a role"))
    )
    if export is not None:
        return export
    return render(
        request,
        "core/member_list.html",
        {
            "municipality": municipality,
            "memberships": memberships,
            "invitations": invitations,
            "can_manage": can(request.user, Action.MANAGE_MUNICIPALITY, municipality),
        },
    )


@login_required
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request.user, slug, Action.MANAGE_MUNICIPALITY)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, _token = services.invite_user(
                municipality=municipality,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, _("An invitation was sent to %(email)s.") % {"email": invitation.email})
            return redirect("core:member_list", slug=municipality.slug)
    return render(request, "core/invite_form.html", {"municipality": municipality, "form": form})


@login_required
def membership_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality = municipality_for(request.user, slug, Action.MANAGE_MUNICIPALITY)
    membership = get_for_user(
        Membership.objects.filter(municipality=municipality).select_related("user"), request.user, pk=pk
    )
    outcome = run_tracked_edit(
        request,
        MembershipRoleForm(request.POST or None, instance=membership),
        save=lambda data: services.change_membership_role(
            membership=membership,
            actor=request.user,
            role=data["role"],
            expected_version=data["expected_version"],
            reason=data["change_reason"],
        ),
        rebuild=lambda data, current: MembershipRoleForm(data, instance=current),
    )
    if outcome.saved is not None:
        if outcome.changed:
            messages.success(request, _("The role of %(user)s was changed.") % {"user": membership.user})
        return redirect("core:member_list", slug=municipality.slug)
    return render(
        request,
        "core/membership_form.html",
        {"municipality": municipality, "membership": membership, "form": outcome.form, "conflict": outcome.conflict},
        status=outcome.status,
    )


@login_required
@require_POST
def membership_end(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality = municipality_for(request.user, slug, Action.MANAGE_MUNICIPALITY)
    membership = get_for_user(Membership.objects.filter(municipality=municipality), request.user, pk=pk)
    reason = request.POST.get("change_reason", "").strip()
    if not reason:
        messages.error(request, _("Explain why the access is removed."))
        return redirect("core:member_list", slug=municipality.slug)
    services.end_membership(membership=membership, actor=request.user, reason=reason)
    messages.success(
        request, _("%(user)s no longer has a role in %(m)s.") % {"user": membership.user, "m": municipality}
    )
    return redirect("core:member_list", slug=municipality.slug)


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.find_invitation(token)
    if invitation is None or not invitation.is_usable:
        reason = "unknown"
        if invitation is not None:
            reason = "used" if invitation.accepted_at else ("revoked" if invitation.revoked_at else "expired")
        return render(request, "core/invitation_unusable.html", {"reason": reason}, status=410)
    existing_user = User.objects.filter(email__iexact=invitation.email).first()
    if existing_user is not None:
        if not request.user.is_authenticated or request.user.pk != existing_user.pk:
            return render(request, "core/invitation_login.html", {"invitation": invitation}, status=200)
        if request.method == "POST":
            try:
                services.accept_invitation(invitation=invitation, user=request.user)
            except services.InvitationUnusable:
                return render(request, "core/invitation_unusable.html", {"reason": "used"}, status=410)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("core:home")
            messages.success(request, _("You now have access to %(m)s.") % {"m": invitation.municipality})
            return redirect("core:municipality_detail", slug=invitation.municipality.slug)
        return render(request, "core/invitation_confirm.html", {"invitation": invitation})
    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.accept_invitation(
                invitation=invitation,
                user=None,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except services.InvitationUnusable:
            return render(request, "core/invitation_unusable.html", {"reason": "used"}, status=410)
        login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome! You now have access to %(m)s.") % {"m": invitation.municipality})
        return redirect("core:municipality_detail", slug=invitation.municipality.slug)
    return render(request, "core/invitation_accept.html", {"invitation": invitation, "form": form})


def _own_export(request: HttpRequest, pk: int) -> ExportJob:
    job = ExportJob.objects.filter(pk=pk).first()
    if job is None or (job.requested_by_id != request.user.pk and not request.user.is_superuser):
        raise Http404
    return job


@login_required
def export_status(request: HttpRequest, pk: int) -> HttpResponse:
    job = _own_export(request, pk)
    template = "core/_export_progress.html" if request.htmx else "core/export_status.html"
    return render(request, template, {"job": job})


@login_required
def export_download(request: HttpRequest, pk: int) -> HttpResponse:
    job = _own_export(request, pk)
    if job.status != ExportStatus.DONE or not job.file:
        raise Http404
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename)


def error_403(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_404(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
