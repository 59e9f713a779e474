"""Import an existing behandlingsprotokoll: upload, preview every problem, then commit all or nothing."""

from __future__ import annotations

import uuid

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from isms.core.access import Action, municipality_for
from isms.core.forms import DesignsystemetMixin
from isms.core.tables_export import file_response
from isms.core.validators import validate_file_size

from ..importing import COLUMNS, commit_import, preview_import, template_workbook

SESSION_KEY = "protocol_import"


class ImportUploadForm(DesignsystemetMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File (XLSX or CSV)"),
        help_text=gettext_lazy("Excel (.xlsx) or CSV in UTF-8 or Windows-1252, separated by comma or semicolon."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_file_size(upload, settings.PROTOCOL_IMPORT_MAX_BYTES)
        return upload


def _stored(request: HttpRequest, municipality) -> tuple[bytes, str] | None:
    pending = request.session.get(SESSION_KEY)
    if not pending or pending.get("municipality") != municipality.pk or not default_storage.exists(pending["path"]):
        return None
    with default_storage.open(pending["path"], "rb") as handle:
        return handle.read(), pending["filename"]


@login_required
def import_upload(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request.user, slug, Action.EDIT)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        preview = preview_import(municipality=municipality, content=content, filename=upload.name)
        path_name = default_storage.save(f"imports/{uuid.uuid4().hex}", ContentFile(content))
        previous = request.session.get(SESSION_KEY)
        if previous and default_storage.exists(previous["path"]):
            default_storage.delete(previous["path"])
        request.session[SESSION_KEY] = {"municipality": municipality.pk, "path": path_name, "filename": upload.name}
    return render(
        request,
        "protocol/import.html",
        {"municipality": municipality, "form": form, "preview": preview, "columns": COLUMNS},
    )


@login_required
@require_POST
def import_commit(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request.user, slug, Action.EDIT)
    stored = _stored(request, municipality)
    if stored is None:
        messages.error(request, _("Upload the file again: the preview has expired."))
        return redirect("protocol:import_upload", slug=municipality.slug)
    content, filename = stored
    result = commit_import(municipality=municipality, actor=request.user, content=content, filename=filename)
    if not result.ok:
        return render(
            request,
            "protocol/import.html",
            {"municipality": municipality, "form": ImportUploadForm(), "preview": result, "columns": COLUMNS},
        )
    default_storage.delete(request.session.pop(SESSION_KEY)["path"])
    messages.success(
        request,
        _("Import finished: %(new)s new, %(updated)s updated, %(same)s unchanged.")
        % {"new": len(result.created), "updated": len(result.updated), "same": len(result.unchanged)},
    )
    return redirect("protocol:processing_list", slug=municipality.slug)


@login_required
def import_template(request: HttpRequest, slug: str) -> HttpResponse:
    municipality_for(request.user, slug, Action.EDIT)
    return file_response(template_workbook(), export_format="xlsx", filename="behandlingsprotokoll-mal.xlsx")


urlpatterns = [
    path("m/<slug:slug>/processing/import/", import_upload, name="import_upload"),
    path("m/<slug:slug>/processing/import/commit/", import_commit, name="import_commit"),
    path("m/<slug:slug>/processing/import/template.xlsx", import_template, name="import_template"),
]
