"""Import an existing behandlingsprotokoll in three steps (columns, values, preview), then commit all or nothing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from isms.core.access import Action, municipality_for
from isms.core.tables_export import file_response

from .. import selectors
from ..importing import COLUMNS, ImportFileError, template_workbook
from ..importing.art30 import art30_workbook
from ..importing.example import example_workbook
from ..importing.forms import ColumnsForm, ImportUploadForm, ValuesForm
from ..importing.reading import Sheet
from ..importing.service import (
    cancel_import,
    choose_columns,
    choose_values,
    commit_draft,
    draft_plan,
    preview_draft,
    start_import,
)
from ..models import ImportDraft

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STEPS = (
    ("columns", gettext_lazy("Columns")),
    ("values", gettext_lazy("Values")),
    ("preview", gettext_lazy("Preview")),
)


def _draft(request: HttpRequest, slug: str) -> tuple:
    municipality = municipality_for(request.user, slug, Action.EDIT)
    draft = ImportDraft.objects.filter(municipality=municipality, created_by=request.user).first()
    return municipality, draft


def _no_draft(request: HttpRequest, municipality) -> HttpResponse:
    messages.error(request, _("Upload the file again: the import has expired or was finished."))
    return redirect("protocol:import_upload", slug=municipality.slug)


def _render(request, template: str, municipality, step: str, **context) -> HttpResponse:
    steps = [(key, str(label), key == step) for key, label in STEPS]
    return render(request, template, {"municipality": municipality, "steps": steps, "step": step, **context})


@login_required
def import_upload(request: HttpRequest, slug: str) -> HttpResponse:
    municipality, draft = _draft(request, slug)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            start_import(municipality=municipality, actor=request.user, content=upload.read(), filename=upload.name)
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            return redirect("protocol:import_columns", slug=municipality.slug)
    return render(
        request,
        "protocol/import.html",
        {"municipality": municipality, "form": form, "draft": draft, "columns": COLUMNS},
    )


@login_required
def import_columns(request: HttpRequest, slug: str) -> HttpResponse:
    municipality, draft = _draft(request, slug)
    if draft is None:
        return _no_draft(request, municipality)
    sheets = [Sheet.from_json(sheet) for sheet in draft.sheets]
    plan = draft_plan(draft)
    initial = {"sheet": draft.sheet_index, "header_row": draft.header_row}
    form = ColumnsForm(request.POST or None, initial=initial, sheets=sheets, plan=plan)
    problems = []
    if request.method == "POST" and form.is_valid():
        sheet_index, header_row = form.cleaned_data["sheet"], form.cleaned_data["header_row"]
        changed = (sheet_index, header_row) != (draft.sheet_index, draft.header_row)
        if sheets[sheet_index].refused:
            form.add_error("sheet", sheets[sheet_index].refused)
        else:
            problems = choose_columns(
                draft=draft, sheet_index=sheet_index, header_row=header_row, columns=None if changed else form.columns()
            )
            if changed:
                messages.info(request, _("The columns were matched again for the sheet and row you chose."))
                return redirect("protocol:import_columns", slug=municipality.slug)
            if not problems:
                return redirect("protocol:import_values", slug=municipality.slug)
    sheet = sheets[draft.sheet_index]
    title_rows = [row for row in sheet.rows[: draft.header_row - 1] if row]
    return _render(
        request,
        "protocol/import_columns.html",
        municipality,
        "columns",
        draft=draft,
        form=form,
        problems=problems,
        title_rows=title_rows,
    )


@login_required
def import_values(request: HttpRequest, slug: str) -> HttpResponse:
    municipality, draft = _draft(request, slug)
    if draft is None:
        return _no_draft(request, municipality)
    preview = preview_draft(draft=draft)
    initial = {"sector_from_unit": draft.sector_from_unit, "sector_default": draft.sector_default}
    initial["new_systems"] = [name for name in preview.new_system_counts if not draft.values_confirmed] or [
        name for name in draft.new_systems if name in preview.new_system_counts
    ]
    form = ValuesForm(
        request.POST or None, initial=initial, unknowns=preview.unknowns, new_systems=preview.new_system_counts
    )
    if request.method == "POST" and form.is_valid():
        choose_values(
            draft=draft,
            values=form.values(),
            sector_default=form.cleaned_data["sector_default"],
            sector_from_unit=form.cleaned_data["sector_from_unit"],
            new_systems=form.cleaned_data.get("new_systems", []),
        )
        return redirect("protocol:import_preview", slug=municipality.slug)
    return _render(
        request, "protocol/import_values.html", municipality, "values", draft=draft, form=form, preview=preview
    )


@login_required
def import_preview(request: HttpRequest, slug: str) -> HttpResponse:
    municipality, draft = _draft(request, slug)
    if draft is None:
        return _no_draft(request, municipality)
    preview = preview_draft(draft=draft)
    return _render(request, "protocol/import_preview.html", municipality, "preview", draft=draft, preview=preview)


@login_required
@require_POST
def import_commit(request: HttpRequest, slug: str) -> HttpResponse:
    municipality, draft = _draft(request, slug)
    if draft is None:
        return _no_draft(request, municipality)
    result = commit_draft(draft=draft, actor=request.user)
    if not result.ok:
        return _render(request, "protocol/import_preview.html", municipality, "preview", draft=draft, preview=result)
    messages.success(
        request,
        _("Import finished: %(new)s new, %(updated)s updated, %(same)s unchanged.")
        % {"new": len(result.created), "updated": len(result.updated), "same": len(result.unchanged)},
    )
    return redirect("protocol:processing_list", slug=municipality.slug)


@login_required
@require_POST
def import_cancel(request: HttpRequest, slug: str) -> HttpResponse:
    municipality, draft = _draft(request, slug)
    if draft is not None:
        cancel_import(draft=draft)
        messages.info(request, _("The import was cancelled. Nothing was saved."))
    return redirect("protocol:import_upload", slug=municipality.slug)


@login_required
def processing_export_art30(request: HttpRequest, slug: str) -> HttpResponse:
    """The active protocol in the Art. 30(1) a–g layout; it imports back unchanged."""
    municipality = municipality_for(request.user, slug)
    activities = selectors.with_links(selectors.processing_activities(municipality=municipality)).order_by("name")
    response = HttpResponse(art30_workbook(municipality=municipality, activities=activities), content_type=XLSX)
    filename = f"behandlingsprotokoll-{municipality.slug}-{timezone.localdate():%Y-%m-%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def import_template(request: HttpRequest, slug: str) -> HttpResponse:
    municipality_for(request.user, slug, Action.EDIT)
    return file_response(template_workbook(), export_format="xlsx", filename="behandlingsprotokoll-mal.xlsx")


@login_required
def import_example(request: HttpRequest, slug: str) -> HttpResponse:
    """A protocol kept as municipalities keep theirs, to try the three steps with."""
    municipality = municipality_for(request.user, slug, Action.EDIT)
    return file_response(
        example_workbook(municipality.name), export_format="xlsx", filename="behandlingsprotokoll-eksempel.xlsx"
    )


urlpatterns = [
    path("m/<slug:slug>/processing/import/", import_upload, name="import_upload"),
    path("m/<slug:slug>/processing/import/columns/", import_columns, name="import_columns"),
    path("m/<slug:slug>/processing/import/values/", import_values, name="import_values"),
    path("m/<slug:slug>/processing/import/preview/", import_preview, name="import_preview"),
    path("m/<slug:slug>/processing/import/commit/", import_commit, name="import_commit"),
    path("m/<slug:slug>/processing/import/cancel/", import_cancel, name="import_cancel"),
    path("m/<slug:slug>/processing/import/template.xlsx", import_template, name="import_template"),
    path("m/<slug:slug>/processing/import/example.xlsx", import_example, name="import_example"),
    path("m/<slug:slug>/processing/export/art30.xlsx", processing_export_art30, name="processing_export_art30"),
]
