"""Pages of a municipality's årshjul: the years, adopting the cooperation's, the year view (12 columns or a
list, CSV/XLSX), its activities and their status, and the PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from isms.core.access import Action, can, get_for_user, municipality_for
from isms.core.editing import edit_response, run_part_edit
from isms.core.tables_export import EXPORT_FORMATS, export_response
from isms.core.tracking import StaleEditError

from . import selectors, services
from .forms import ActivityForm, ActivityStatusForm, AdoptCycleForm
from .models import ActivityKind, ActivityStatus, AnnualCycle, CycleActivity
from .pdf import render_cycle
from .tables import ActivityTable


def _cycle(request: HttpRequest, slug: str, year: int, action: Action = Action.VIEW):
    municipality = municipality_for(request.user, slug, action)
    cycle = get_for_user(AnnualCycle.objects.filter(municipality=municipality).select_related("template"),
                         request.user, year=year)  # fmt: skip
    return municipality, cycle


@login_required
def cycle_index(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request.user, slug)
    return render(
        request,
        "cycle/cycle_index.html",
        {
            "municipality": municipality,
            "cycles": selectors.cycles(municipality),
            "can_edit": can(request.user, Action.EDIT, municipality),
            "this_year": timezone.localdate().year,
        },
    )


@login_required
def cycle_adopt(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request.user, slug, Action.EDIT)
    form = AdoptCycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["template"] is not None:
                cycle = services.adopt_cycle(
                    template=data["template"], municipality=municipality, year=data["year"], actor=request.user
                )
            else:
                cycle = services.create_cycle(
                    municipality=municipality,
                    year=data["year"],
                    title=data["title"].strip() or _("Annual cycle"),
                    content={},
                    actor=request.user,
                    reason=_("Created"),
                )
        except services.CycleInputError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The annual cycle for %(year)s was created.") % {"year": cycle.year})
            return redirect("cycle:cycle_detail", slug=municipality.slug, year=cycle.year)
    return render(
        request,
        "cycle/cycle_adopt.html",
        {"municipality": municipality, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def cycle_detail(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    municipality, cycle = _cycle(request, slug, year)
    kind = request.GET.get("kind", "")
    kind = kind if kind in ActivityKind.values else ""
    status = request.GET.get("status", "")
    status = status if status in [*ActivityStatus.values, "overdue"] else ""
    view = selectors.year_view(cycle, kind=kind, status=status)
    export_format = request.GET.get("_export")
    if export_format in EXPORT_FORMATS:
        return export_response(
            ActivityTable(view.rows),
            export_format=export_format,
            filename=f"arshjul-{municipality.slug}-{cycle.year}.{export_format}",
            title=str(cycle),
        )
    can_edit = can(request.user, Action.EDIT, municipality)
    return render(
        request,
        "cycle/cycle_detail.html",
        {
            "municipality": municipality,
            "cycle": cycle,
            "view": view,
            "as_list": request.GET.get("view") == "list",
            "kind": kind,
            "status": status,
            "kinds": ActivityKind.choices,
            "statuses": [*ActivityStatus.choices, ("overdue", _("Overdue"))],
            "this_month": timezone.localdate().month if cycle.year == timezone.localdate().year else None,
            "can_edit": can_edit,
            "status_choices": ActivityStatus.choices,
            "query": request.GET.urlencode(),
        },
    )


@login_required
def cycle_pdf(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    municipality, cycle = _cycle(request, slug, year)
    content = render_cycle(view=selectors.year_view(cycle), municipality=municipality)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="arshjul-{municipality.slug}-{cycle.year}.pdf"'
    return response


@login_required
def activity_edit(request: HttpRequest, slug: str, year: int, pk: int | None = None) -> HttpResponse:
    municipality, cycle = _cycle(request, slug, year, Action.EDIT)
    activity = get_for_user(CycleActivity.objects.filter(cycle=cycle), request.user, pk=pk) if pk else None
    form = ActivityForm(request.POST or None, instance=activity, cycle=cycle)
    outcome = run_part_edit(
        request,
        form,
        save=lambda f: services.save_activity(
            cycle=cycle,
            actor=request.user,
            values=f.model_values(),
            reason=f.cleaned_data["change_reason"],
            expected_version=f.cleaned_data["expected_version"],
            activity=activity,
        ),
        input_errors=(services.CycleInputError,),
    )
    return edit_response(
        request,
        outcome,
        saved_name=lambda saved: saved[0].title,
        success_url=reverse("cycle:cycle_detail", args=[municipality.slug, cycle.year]),
        template_name="cycle/activity_form.html",
        context={"municipality": municipality, "cycle": cycle, "activity": activity},
    )


@login_required
@require_POST
def activity_status(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    _municipality, cycle = _cycle(request, slug, year, Action.EDIT)
    activity = get_for_user(CycleActivity.objects.filter(cycle=cycle), request.user, pk=pk)
    form = ActivityStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status."))
    else:
        try:
            services.set_activity_status(
                activity=activity,
                actor=request.user,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["expected_version"],
            )
        except StaleEditError as stale:
            messages.error(
                request,
                _("Someone changed “%(title)s” after you opened the page (now version %(v)s). Try again.")
                % {"title": activity.title, "v": stale.current.version},
            )
        except services.CycleInputError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("%(name)s was saved.") % {"name": activity.title})
    back = request.POST.get("back", "")
    url = f"{request.path.rsplit('/activities/', 1)[0]}/"
    return redirect(f"{url}?{back}" if back and "//" not in back else url)
