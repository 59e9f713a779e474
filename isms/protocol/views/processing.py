"""The municipality's processing activities: list, detail, create, edit, archive."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from isms.core.access import Action, can, get_for_user, municipality_for
from isms.core.editing import report_saved, run_tracked_edit
from isms.core.tables_export import export_or_paginate
from isms.core.tracking import StaleEditError

from .. import selectors, services
from ..extensions import activity_links
from ..filters import ProcessingActivityFilter
from ..forms import ArchiveForm, ProcessingActivityForm, ProtocolDateForm
from ..models import ProcessingActivity, RecordStatus
from ..tables import ProcessingActivityExportTable, ProcessingActivityTable


@login_required
def processing_list(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request.user, slug)
    queryset = selectors.processing_activities(municipality=municipality, include_archived=True)
    activity_filter = ProcessingActivityFilter(request.GET, queryset=queryset)
    table = ProcessingActivityTable(activity_filter.qs)
    export = export_or_paginate(
        request,
        table,
        filename=f"behandlingsprotokoll-{municipality.slug}",
        title=_("Record of processing"),
        export_table=ProcessingActivityExportTable(selectors.with_links(activity_filter.qs)),
    )
    if export is not None:
        return export
    return render(
        request,
        "protocol/processing_list.html",
        {
            "municipality": municipality,
            "filter": activity_filter,
            "table": table,
            "can_edit": can(request.user, Action.EDIT, municipality),
            "query_string": request.GET.urlencode(),
            "detail_base": reverse("protocol:processing_list", args=[municipality.slug]),
            "template_updates": selectors.template_updates_count(municipality),
            # Bound when the PDF view sent the user back with a date it could not read.
            "date_form": ProtocolDateForm(request.GET) if "as_of" in request.GET else ProtocolDateForm(),
        },
    )


@login_required
def processing_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality = municipality_for(request.user, slug)
    activity = get_for_user(
        selectors.with_links(
            selectors.processing_activities(municipality=municipality, include_archived=True)
        ).select_related("template"),
        request.user,
        pk=pk,
    )
    return render(
        request,
        "protocol/processing_detail.html",
        {
            "municipality": municipality,
            "activity": activity,
            "can_edit": can(request.user, Action.EDIT, municipality),
            "archive_form": ArchiveForm(initial={"expected_version": activity.version}),
            "extra_links": activity_links(activity, municipality),
        },
    )


def _save(request: HttpRequest, municipality, activity: ProcessingActivity | None) -> HttpResponse:
    outcome = run_tracked_edit(
        request,
        ProcessingActivityForm(request.POST or None, instance=activity, municipality=municipality),
        save=lambda data: services.save_processing_activity(
            municipality=municipality,
            actor=request.user,
            values={name: data[name] for name in (*ProcessingActivityForm.Meta.fields, "follow_up")},
            system_use_ids=[use.pk for use in data["system_uses"]],
            processor_ids=[vendor.pk for vendor in data["processors"]],
            reason=data["change_reason"],
            activity=activity,
            expected_version=data["expected_version"],
        ),
        rebuild=lambda data, current: ProcessingActivityForm(data, instance=current, municipality=municipality),
    )
    if outcome.saved is not None:
        report_saved(request, outcome, outcome.saved.name)
        return redirect("protocol:processing_detail", slug=municipality.slug, pk=outcome.saved.pk)
    return render(
        request,
        "protocol/processing_form.html",
        {"municipality": municipality, "activity": activity, "form": outcome.form, "conflict": outcome.conflict},
        status=outcome.status,
    )


@login_required
def processing_create(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request.user, slug, Action.EDIT)
    return _save(request, municipality, None)


@login_required
def processing_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality = municipality_for(request.user, slug, Action.EDIT)
    activity = get_for_user(
        ProcessingActivity.objects.filter(municipality=municipality).prefetch_related(
            "system_links", "processor_links"
        ),
        request.user,
        pk=pk,
    )
    return _save(request, municipality, activity)


@login_required
@require_POST
def processing_archive(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality = municipality_for(request.user, slug, Action.EDIT)
    activity = get_for_user(ProcessingActivity.objects.filter(municipality=municipality), request.user, pk=pk)
    form = ArchiveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Explain why you make this change."))
        return redirect("protocol:processing_detail", slug=municipality.slug, pk=activity.pk)
    try:
        services.set_processing_status(
            activity=activity,
            status=RecordStatus.ACTIVE if activity.status == RecordStatus.ARCHIVED else RecordStatus.ARCHIVED,
            actor=request.user,
            expected_version=form.cleaned_data["expected_version"],
            reason=form.cleaned_data["change_reason"],
        )
    except StaleEditError:
        messages.error(request, _("Someone else saved changes while you were editing. Look at the record again."))
    else:
        messages.success(request, _("%(name)s was saved.") % {"name": activity.name})
    return redirect("protocol:processing_detail", slug=municipality.slug, pk=activity.pk)


urlpatterns = [
    path("m/<slug:slug>/processing/", processing_list, name="processing_list"),
    path("m/<slug:slug>/processing/new/", processing_create, name="processing_create"),
    path("m/<slug:slug>/processing/<int:pk>/", processing_detail, name="processing_detail"),
    path("m/<slug:slug>/processing/<int:pk>/edit/", processing_edit, name="processing_edit"),
    path("m/<slug:slug>/processing/<int:pk>/archive/", processing_archive, name="processing_archive"),
]
