"""The coordinator's and the DPO's course pages (/courses/): courses, rounds, sessions with their
participants, attendance, certificates, registration links; and the pages inside a municipality."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from isms.core.access import Action, can, municipality_for, require_municipal_access
from isms.core.editing import report_saved, run_tracked_edit
from isms.core.models import Municipality
from isms.core.tables_export import ListExport, export_list, export_or_paginate

from . import selectors, services
from .forms import (
    CancelSessionForm,
    CourseForm,
    QuotaForm,
    RegistrationForm,
    RoundForm,
    SessionChoice,
    SessionForm,
    parse_attendance,
)
from .models import (
    Attendance,
    Course,
    Registration,
    RegistrationLink,
    RegistrationStatus,
    Round,
    SeatQuota,
    Session,
    SessionStatus,
)
from .pdf import render_certificates, render_participant_list
from .public_views import register_with_form
from .tables import SESSION_COLUMNS, ParticipantTable


def _require_manage(request: HttpRequest) -> None:
    if not can(request.user, Action.MANAGE_COOPERATION):
        raise PermissionDenied


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
    return response


@login_required
def course_list(request: HttpRequest) -> HttpResponse:
    require_municipal_access(request.user)
    sessions = list(selectors.sessions_with_counts().order_by("round__number", "starts_on", "pk"))
    export = export_list(request, ListExport(SESSION_COLUMNS, lambda: sessions, "kursdatoer", _("Courses")))
    if export is not None:
        return export
    rounds: dict[Round, list[Session]] = {}
    for session in sessions:
        rounds.setdefault(session.round, []).append(session)
    return render(
        request,
        "training/course_list.html",
        {
            "rounds": rounds,
            "empty_rounds": Round.objects.exclude(sessions__isnull=False).order_by("number"),
            "courses": Course.objects.order_by("title"),
            "can_manage": can(request.user, Action.MANAGE_COOPERATION),
        },
    )


def _save_course(request: HttpRequest, course: Course | None) -> HttpResponse:
    outcome = run_tracked_edit(
        request,
        CourseForm(request.POST or None, instance=course),
        save=lambda data: services.save_course(
            actor=request.user,
            values={name: data[name] for name in CourseForm.Meta.fields},
            reason=data["change_reason"],
            course=course,
            expected_version=data["expected_version"],
        ),
        rebuild=lambda data, current: CourseForm(data, instance=current),
    )
    if outcome.saved is not None:
        report_saved(request, outcome, outcome.saved.title)
        return redirect("training:course_list")
    return render(
        request,
        "training/form.html",
        {"form": outcome.form, "conflict": outcome.conflict, "title": course.title if course else _("New course")},
        status=outcome.status,
    )


@login_required
def course_create(request: HttpRequest) -> HttpResponse:
    _require_manage(request)
    return _save_course(request, None)


@login_required
def course_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manage(request)
    return _save_course(request, get_object_or_404(Course, pk=pk))


@login_required
def round_create(request: HttpRequest) -> HttpResponse:
    _require_manage(request)
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = services.save_round(actor=request.user, values=form.cleaned_data)
        messages.success(request, _("%(name)s was saved.") % {"name": saved.name})
        return redirect("training:course_list")
    return render(request, "training/form.html", {"form": form, "title": _("New round")})


def _save_session(request: HttpRequest, session: Session | None) -> HttpResponse:
    def save(data):
        try:
            return services.save_session(
                actor=request.user,
                values={name: data[name] for name in SessionForm.Meta.fields},
                reason=data["change_reason"],
                session=session,
                expected_version=data["expected_version"],
            )
        except services.RegistrationError as refused:
            form.add_error(None, str(refused))
            return None, False

    form = SessionForm(request.POST or None, instance=session)
    outcome = run_tracked_edit(
        request, form, save=save, rebuild=lambda data, current: SessionForm(data, instance=current)
    )
    if outcome.saved is not None:
        report_saved(request, outcome, str(outcome.saved))
        return redirect("training:session_detail", pk=outcome.saved.pk)
    return render(
        request,
        "training/form.html",
        {"form": outcome.form, "conflict": outcome.conflict, "title": str(session) if session else _("New session")},
        status=outcome.status,
    )


@login_required
def session_create(request: HttpRequest) -> HttpResponse:
    _require_manage(request)
    return _save_session(request, None)


@login_required
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manage(request)
    return _save_session(request, get_object_or_404(Session, pk=pk))


def _managed_session(request: HttpRequest, pk: int) -> Session:
    _require_manage(request)
    return get_object_or_404(selectors.sessions_with_counts(), pk=pk)


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = _managed_session(request, pk)
    registrations = selectors.participants(session)
    export = export_or_paginate(
        request,
        ParticipantTable(registrations),
        filename=f"deltakere-{session.pk}",
        title=_("Participants"),
    )
    if export is not None:
        return export
    return render(
        request,
        "training/session_detail.html",
        {
            "session": session,
            "registrations": registrations,
            "attendance_choices": Attendance.choices,
            "quotas": SeatQuota.objects.filter(session=session)
            .select_related("municipality")
            .order_by("municipality__name"),
            "quota_form": QuotaForm(),
            "cancel_form": CancelSessionForm(),
            "has_attended": any(r.attendance == Attendance.ATTENDED for r in registrations),
        },
    )


@login_required
@require_POST
def session_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    session = _managed_session(request, pk)
    seated = [r for r in selectors.participants(session) if r.status == RegistrationStatus.CONFIRMED]
    try:
        changed = services.mark_attendance(
            session=session, actor=request.user, attendance=parse_attendance(request.POST, seated)
        )
    except services.AttendanceError as refused:
        messages.error(request, str(refused))
        return redirect("training:session_detail", pk=session.pk)
    messages.success(request, _("Attendance saved (%(n)s changed).") % {"n": changed})
    return redirect("training:session_detail", pk=session.pk)


@login_required
@require_POST
def session_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    session = _managed_session(request, pk)
    form = CancelSessionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Explain why the session is cancelled."))
        return redirect("training:session_detail", pk=session.pk)
    told = services.cancel_session(session=session, actor=request.user, reason=form.cleaned_data["reason"])
    messages.success(
        request,
        ngettext(
            "The session is cancelled; %(n)s registrant is told by e-mail.",
            "The session is cancelled; %(n)s registrants are told by e-mail.",
            told,
        )
        % {"n": told},
    )
    return redirect("training:session_detail", pk=session.pk)


@login_required
@require_POST
def session_quota(request: HttpRequest, pk: int) -> HttpResponse:
    session = _managed_session(request, pk)
    form = QuotaForm(request.POST)
    if form.is_valid():
        services.set_quota(
            session=session,
            municipality=form.cleaned_data["municipality"],
            seats=form.cleaned_data["seats"],
            actor=request.user,
        )
        messages.success(request, _("The quota was saved."))
    else:
        messages.error(request, _("Choose a municipality and a number of seats."))
    return redirect("training:session_detail", pk=session.pk)


@login_required
@require_POST
def registration_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manage(request)
    registration = get_object_or_404(Registration, pk=pk)
    if services.cancel_registration(registration=registration, actor=request.user):
        messages.success(request, _("%(name)s is cancelled.") % {"name": registration.name})
    return redirect("training:session_detail", pk=registration.session_id)


@login_required
@require_POST
def certificates_issue(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the certificates of those who attended as issued (the date the PDFs show from then on)."""
    session = _managed_session(request, pk)
    try:
        issued = services.issue_certificates(session=session, actor=request.user)
    except services.AttendanceError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            ngettext("%(n)s certificate is recorded as issued.", "%(n)s certificates are recorded as issued.", issued)
            % {"n": issued},
        )
    return redirect("training:session_detail", pk=session.pk)


# The certificate PDFs only read: a download (or a link preview fetching it) records nothing.


@login_required
def certificates_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    session = _managed_session(request, pk)
    attended = [r for r in selectors.participants(session) if r.attendance == Attendance.ATTENDED]
    attended.sort(key=lambda r: r.name)
    return _pdf(
        render_certificates(session=session, registrations=attended),
        f"kursbevis-{slugify(session.course.title)[:40]}-{session.starts_on:%Y-%m-%d}",
    )


@login_required
def certificate_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manage(request)
    registration = get_object_or_404(
        Registration.objects.select_related("session__course", "session__round", "municipality"),
        pk=pk,
        attendance=Attendance.ATTENDED,
    )
    return _pdf(
        render_certificates(session=registration.session, registrations=[registration]),
        f"kursbevis-{slugify(registration.name)[:40]}",
    )


@login_required
def participants_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    session = _managed_session(request, pk)
    registrations = [r for r in selectors.participants(session) if r.is_active]
    return _pdf(
        render_participant_list(session=session, registrations=registrations),
        f"deltakerliste-{slugify(session.course.title)[:40]}-{session.starts_on:%Y-%m-%d}",
    )


@login_required
def round_links(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manage(request)
    round_ = get_object_or_404(Round, pk=pk)
    links = {
        link.municipality_id: link
        for link in RegistrationLink.objects.filter(round=round_, active=True).select_related("municipality")
    }
    rows = [
        (
            municipality,
            request.build_absolute_uri(links[municipality.pk].get_absolute_url()) if municipality.pk in links else "",
        )
        for municipality in Municipality.objects.order_by("name")
    ]
    return render(request, "training/round_links.html", {"round": round_, "rows": rows})


@login_required
@require_POST
def link_rotate(request: HttpRequest, pk: int, municipality: str) -> HttpResponse:
    _require_manage(request)
    round_ = get_object_or_404(Round, pk=pk)
    municipality = get_object_or_404(Municipality, slug=municipality)
    services.rotate_link(municipality=municipality, round=round_, actor=request.user)
    messages.success(request, _("%(name)s has a new link; the old one no longer works.") % {"name": municipality.name})
    return redirect("training:round_links", pk=round_.pk)


@login_required
def my_registrations(request: HttpRequest) -> HttpResponse:
    return render(
        request, "training/my_registrations.html", {"registrations": selectors.my_registrations(request.user)}
    )


# Inside a municipality: its participants, and editors registering colleagues.


@login_required
def municipality_courses(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request.user, slug)
    return render(
        request,
        "training/municipality_courses.html",
        {
            "municipality": municipality,
            "registrations": selectors.registrations_of(municipality),
            "can_edit": can(request.user, Action.EDIT, municipality),
        },
    )


@login_required
def municipality_register(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request.user, slug, Action.EDIT)
    today = timezone.localdate()
    choices = [
        SessionChoice(session)
        for session in selectors.sessions_with_counts(
            Session.objects.filter(status=SessionStatus.OPEN, registration_deadline__gte=today)
        ).order_by("starts_on", "pk")
    ]
    form = RegistrationForm(request.POST or None, choices=choices)
    registration = register_with_form(request, form, municipality=municipality, actor=request.user)
    if registration is not None:
        messages.success(
            request,
            _("%(name)s is registered (%(status)s).")
            % {"name": registration.name, "status": registration.get_status_display().lower()},
        )
        return redirect("training:municipality_courses", slug=municipality.slug)
    return render(
        request,
        "training/municipality_register.html",
        {"municipality": municipality, "form": form, "retention_months": settings.COURSE_RETENTION_MONTHS},
    )
