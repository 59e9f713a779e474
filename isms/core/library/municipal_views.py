"""Pages of the template library inside a municipality: adopt templates, see and take in new versions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..access import Action, can, get_for_user, municipality_for
from ..tracking import StaleEditError
from . import selectors, services
from .forms import AdoptForm, TakeInForm
from .kinds import get_kind


@login_required
def adopt(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    municipality = municipality_for(request.user, slug, Action.EDIT)
    template_kind = get_kind(kind)
    form = AdoptForm(request.POST or None, kind=template_kind)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.adopt_templates(
                kind=template_kind,
                municipality=municipality,
                templates=list(form.cleaned_data["templates"]),
                actor=request.user,
                reason=form.cleaned_data["change_reason"],
            )
        except services.TemplateError as error:
            form.add_error(None, str(error))
        else:
            if result.created:
                messages.success(
                    request,
                    ngettext(
                        "%(n)s record was adopted from the library.",
                        "%(n)s records were adopted from the library.",
                        len(result.created),
                    )
                    % {"n": len(result.created)},
                )
            if result.linked:
                messages.info(
                    request,
                    _("Linked to their template (own text kept): %s.") % ", ".join(str(r) for r in result.linked),
                )
            return redirect(template_kind.adopted_list_url(municipality))
    return render(
        request,
        "library/adopt.html",
        {
            "municipality": municipality,
            "kind": template_kind,
            "groups": selectors.adoption_checklist(template_kind, municipality),
            "form": form,
            "chosen": {str(pk) for pk in form.data.getlist("templates")} if form.is_bound else set(),
            "kind_list_url": template_kind.adopted_list_url(municipality),
        },
        status=400 if form.errors else 200,
    )


@login_required
def template_updates(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request.user, slug)
    return render(
        request,
        "library/template_updates.html",
        {
            "municipality": municipality,
            "pending": selectors.pending_updates(municipality),
            "can_edit": can(request.user, Action.EDIT, municipality),
        },
    )


@login_required
def take_in(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    """The diff between the adopted template version and the latest, and the editor's choice per field."""
    municipality = municipality_for(request.user, slug, Action.EDIT)
    template_kind = get_kind(kind)
    record = get_for_user(
        template_kind.detail_queryset(municipality).filter(template__isnull=False), request.user, pk=pk
    )
    update = services.pending_update(template_kind, record)
    if update is None:
        messages.info(request, _("The record already follows the latest version of the template."))
        return redirect(template_kind.record_url(municipality, record.pk))
    form = TakeInForm(
        request.POST or None,
        changes=update.changes,
        initial={"expected_version": record.version, "template_version": update.latest.number},
    )
    conflict = None
    template_changed = False
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.take_in_template_version(
                kind=template_kind,
                record=record,
                fields=form.cleaned_data["fields_taken"],
                actor=request.user,
                reason=form.cleaned_data["change_reason"],
                expected_version=form.cleaned_data["expected_version"],
                expected_template_version=form.cleaned_data["template_version"],
            )
        except StaleEditError as stale:
            conflict = stale.changes_since
            record = template_kind.detail_queryset(municipality).get(pk=record.pk)
            update = services.pending_update(template_kind, record)
            if update is None:
                messages.info(request, _("The record already follows the latest version of the template."))
                return redirect(template_kind.record_url(municipality, record.pk))
            data = request.POST.copy()
            data["expected_version"] = record.version
            data["template_version"] = update.latest.number
            form = TakeInForm(data, changes=update.changes)
            form.is_valid()
        except services.TemplateVersionChangedError as error:
            data = request.POST.copy()
            data["template_version"] = update.latest.number
            form = TakeInForm(data, changes=update.changes)
            form.is_valid()
            form.add_error(None, str(error))
            template_changed = True
        except services.ContentInvalidError as error:
            form.add_error(None, str(error))
            errors = template_kind.error_lines(error.errors)
        except services.TemplateError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(name)s now follows version %(n)s of the template.") % {"name": record, "n": update.latest.number},
            )
            return redirect(template_kind.record_url(municipality, record.pk))
    return render(
        request,
        "library/take_in.html",
        {
            "municipality": municipality,
            "kind": template_kind,
            "record": record,
            "update": update,
            "form": form,
            "conflict": conflict,
            "content_errors": errors,
            "record_url": template_kind.record_url(municipality, record.pk),
            "crumb_trail": [(template_kind.record_url(municipality, record.pk), str(record))],
        },
        status=409 if conflict or template_changed else 400 if form.errors else 200,
    )


urlpatterns = [
    path("m/<slug:slug>/templates/updates/", template_updates, name="template_updates"),
    path("m/<slug:slug>/templates/<slug:kind>/adopt/", adopt, name="adopt"),
    path("m/<slug:slug>/templates/<slug:kind>/<int:pk>/update/", take_in, name="take_in"),
]
