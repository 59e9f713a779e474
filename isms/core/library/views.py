"""Pages of the template library: the cooperation's templates and what a municipality makes of them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..access import (
    Action,
    can,
    get_for_user,
    municipality_for,
    require_municipal_access,
    visible_municipalities,
)
from ..editing import report_saved, run_tracked_edit
from ..models import Template
from ..tables_export import ListExport, export_list
from ..tracking import ReasonRequiredError, StaleEditError
from . import selectors, services
from .forms import AdoptForm, PublishForm, TakeInForm, TemplateForm
from .kinds import KINDS, get_kind
from .tables import template_columns


def _may_manage(request: HttpRequest) -> bool:
    return can(request.user, Action.MANAGE_COOPERATION)


def _require_manager(request: HttpRequest) -> None:
    if not _may_manage(request):
        raise PermissionDenied


def _visible_template(request: HttpRequest, pk: int) -> Template:
    """A template the user may read: published ones for everyone at work, drafts only for its keepers."""
    require_municipal_access(request.user)
    template = get_object_or_404(Template, pk=pk)
    if not template.is_published and not _may_manage(request):
        raise Http404
    return template


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    require_municipal_access(request.user)
    manager = _may_manage(request)
    kind_code = request.GET.get("kind", "")
    kind_code = kind_code if kind_code in KINDS else ""
    search = request.GET.get("q", "").strip()
    counts = selectors.adoption_counts() if manager else {}
    sections = selectors.in_sections(
        selectors.templates(kind=kind_code, search=search, published_only=not manager),
        lambda template: (template, sum(counts.get(template.pk, {}).values())),
    )
    export = export_list(
        request,
        ListExport(
            template_columns(manager),
            lambda: [(section, *row) for section in sections for row in section.rows],
            "malbibliotek",
            _("Template library"),
        ),
    )
    if export is not None:
        return export
    return render(
        request,
        "library/template_list.html",
        {
            "sections": sections,
            "kinds": [(code, capfirst(str(kind.label_plural))) for code, kind in KINDS.items()],
            "kind_code": kind_code,
            "search": search,
            "manager": manager,
            "adopt_in": _editable_municipalities(request),
        },
    )


def _editable_municipalities(request: HttpRequest) -> list:
    """Where the user may adopt templates: their own municipalities with the editor's right."""
    if request.user.sees_all_municipalities:
        return []
    return [m for m in visible_municipalities(request.user) if can(request.user, Action.EDIT, m)]


@login_required
def template_detail(request: HttpRequest, pk: int) -> HttpResponse:
    template = _visible_template(request, pk)
    kind = get_kind(template.kind)
    manager = _may_manage(request)
    versions = list(template.versions.select_related("published_by").order_by("-number"))
    shown = template.content if manager or not versions else versions[0].content
    return render(
        request,
        "library/template_detail.html",
        {
            "template": template,
            "kind": kind,
            "group_label": kind.group_label(template.group),
            "rows": kind.display_rows(shown),
            "versions": versions,
            "manager": manager,
            "adopters": selectors.adopters(template) if manager else [],
            "publish_form": PublishForm(initial={"expected_version": template.version}),
        },
    )


def _save_template(request: HttpRequest, kind, template: Template | None) -> HttpResponse:
    outcome = run_tracked_edit(
        request,
        TemplateForm(request.POST or None, instance=template, kind=kind),
        save=lambda data: services.save_template(
            kind=kind,
            actor=request.user,
            values={"title": data["title"], "description": data["description"], "is_joint": data["is_joint"]},
            content=data["content"],
            participants=data["participants"],
            reason=data["change_reason"],
            template=template,
            expected_version=data["expected_version"],
        ),
        rebuild=lambda data, current: TemplateForm(data, instance=current, kind=kind),
    )
    if outcome.saved is not None:
        report_saved(request, outcome, outcome.saved.title)
        return redirect("library:template_detail", pk=outcome.saved.pk)
    return render(
        request,
        "library/template_form.html",
        {"kind": kind, "template": template, "form": outcome.form, "conflict": outcome.conflict},
        status=outcome.status,
    )


@login_required
def template_create(request: HttpRequest, kind: str) -> HttpResponse:
    _require_manager(request)
    return _save_template(request, get_kind(kind), None)


@login_required
def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    template = get_object_or_404(Template, pk=pk)
    return _save_template(request, get_kind(template.kind), template)


@login_required
def template_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Show what the draft changes against the published version, then publish it with a note."""
    _require_manager(request)
    template = get_object_or_404(Template, pk=pk)
    kind = get_kind(template.kind)
    form = PublishForm(request.POST or None, initial={"expected_version": template.version})
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            version = services.publish_template(
                template=template,
                actor=request.user,
                change_note=form.cleaned_data["change_note"],
                expected_version=form.cleaned_data["expected_version"],
            )
        except StaleEditError as stale:
            template = stale.current
            data = request.POST.copy()
            data["expected_version"] = template.version
            form = PublishForm(data)
            form.is_valid()
            form.add_error(
                None, _("Someone else changed the draft meanwhile. Read the changes below and publish again.")
            )
        except ReasonRequiredError as error:
            form.add_error("change_note", str(error))
        except services.ContentInvalidError as error:
            form.add_error(None, str(error))
            errors = kind.error_lines(error.errors)
        except services.TemplateError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("%(title)s was published as version %(n)s.") % {"title": template.title, "n": version.number}
            )
            return redirect("library:template_detail", pk=template.pk)
    latest = services.latest_version(template)
    changes = kind.diff(latest.content if latest else {}, template.content)
    if latest and latest.title != template.title:
        changes.insert(0, services.title_change(latest.title, template.title))
    return render(
        request,
        "library/template_publish.html",
        {
            "template": template,
            "latest": latest,
            "changes": changes,
            "nothing_new": services.nothing_to_publish(template, latest),  # no form then; the service refuses too
            "form": form,
            "content_errors": errors,
        },
        status=400 if form.errors else 200,
    )


@login_required
def template_version(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    template = _visible_template(request, pk)
    version = get_object_or_404(template.versions.select_related("published_by"), number=number)
    kind = get_kind(template.kind)
    return render(
        request,
        "library/template_version.html",
        {"template": template, "version": version, "rows": kind.display_rows(version.content)},
    )


@login_required
def template_compare(request: HttpRequest, pk: int) -> HttpResponse:
    """The diff between two published versions (defaults: the one before the latest, and the latest)."""
    template = _visible_template(request, pk)
    kind = get_kind(template.kind)
    versions = {version.number: version for version in template.versions.all()}
    if not versions:
        raise Http404
    newest = max(versions)

    def chosen(name: str, default: int) -> int:
        try:
            number = int(request.GET.get(name, default))
        except ValueError:
            return default
        return number if number in versions else default

    older, newer = sorted((chosen("from", max(newest - 1, 1)), chosen("to", newest)))
    changes = kind.diff(versions[older].content, versions[newer].content)
    if versions[older].title != versions[newer].title:
        changes.insert(0, services.title_change(versions[older].title, versions[newer].title))
    return render(
        request,
        "library/template_compare.html",
        {
            "template": template,
            "older": versions[older],
            "newer": versions[newer],
            "numbers": sorted(versions),
            "changes": changes,
            "between": [versions[n] for n in sorted(versions) if older < n <= newer],
        },
    )


@login_required
def template_usage(request: HttpRequest) -> HttpResponse:
    """Per template: how many municipalities are on which version, and who of a joint one has not adopted."""
    _require_manager(request)
    counts = selectors.adoption_counts()
    waiting = selectors.joint_waiting()

    def row(template: Template) -> dict:
        by_version = counts.get(template.pk, {})
        return {
            "template": template,
            "current": by_version.get(template.published_version, 0),
            "behind": sum(n for version, n in by_version.items() if version != template.published_version),
            "by_version": sorted(by_version.items(), reverse=True),
            "waiting": waiting.get(template.pk, 0),
        }

    sections = selectors.in_sections(selectors.templates(published_only=True), row)
    return render(request, "library/template_usage.html", {"sections": sections})


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
    path("templates/", template_list, name="template_list"),
    path("templates/usage/", template_usage, name="template_usage"),
    path("templates/new/<slug:kind>/", template_create, name="template_create"),
    path("templates/<int:pk>/", template_detail, name="template_detail"),
    path("templates/<int:pk>/edit/", template_edit, name="template_edit"),
    path("templates/<int:pk>/publish/", template_publish, name="template_publish"),
    path("templates/<int:pk>/versions/<int:number>/", template_version, name="template_version"),
    path("templates/<int:pk>/compare/", template_compare, name="template_compare"),
    path("m/<slug:slug>/templates/updates/", template_updates, name="template_updates"),
    path("m/<slug:slug>/templates/<slug:kind>/adopt/", adopt, name="adopt"),
    path("m/<slug:slug>/templates/<slug:kind>/<int:pk>/update/", take_in, name="take_in"),
]
