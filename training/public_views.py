"""The public course pages under /p/courses/: registering from a municipality's link, and the
participant's own page to see or cancel. No login; rate-limited per IP; no other participant's data."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import RegistrationForm
from .models import Registration, RegistrationStatus
from .ratelimit import rate_limited

DUPLICATE_ANSWER = _lazy(
    "If the address already has a place on this course in this round, it gets an e-mail with the link to "
    "the registration."
)


def _initial_for(request: HttpRequest) -> dict:
    user = request.user
    if not user.is_authenticated:
        return {}
    return {"name": user.get_full_name(), "email": user.email}


def _account_for(request: HttpRequest, email: str):
    """A logged-in person registering their own address gets the place on their account."""
    user = request.user
    return user if user.is_authenticated and user.email.lower() == email.strip().lower() else None


def register_with_form(
    request: HttpRequest, form: RegistrationForm, *, municipality, actor=None, raise_duplicate: bool = False
):
    """Validate and register; a refusal becomes a form error (what was typed is kept). With
    `raise_duplicate`, an address already registered raises AlreadyRegistered for the caller to answer."""
    if request.method != "POST" or not form.is_valid():
        return None
    chosen = form.chosen
    try:
        return services.register_participant(
            session=chosen.session,
            municipality=municipality,
            values=form.person(),
            actor=actor,
            user=_account_for(request, form.cleaned_data["email"]) if actor is None else None,
            waitlist=chosen.waitlist_only,
        )
    except services.AlreadyRegistered as refused:
        if raise_duplicate:
            raise
        form.add_error("email", str(refused))
    except services.RegistrationError as refused:
        form.add_error("session", str(refused))
    return None


@rate_limited
def public_register(request: HttpRequest, token: str) -> HttpResponse:
    link = selectors.active_link(token)
    if link is None:
        raise Http404
    offer = selectors.public_offer(link)
    form = RegistrationForm(request.POST or None, choices=offer.choices, initial=_initial_for(request))
    try:
        registration = register_with_form(request, form, municipality=link.municipality, raise_duplicate=True)
    except services.AlreadyRegistered as duplicate:
        # Whoever holds the link must not learn where, or whether, a colleague is registered: the
        # answer is the same for every address, and the address itself gets its link.
        services.send_registration_link(registration=duplicate.existing)
        messages.info(request, DUPLICATE_ANSWER)
        return redirect("training:public_register", token=link.token)
    if registration is not None:
        if registration.status == RegistrationStatus.CONFIRMED:
            messages.success(request, _("You are registered. A confirmation is on its way to your e-mail."))
        else:
            messages.info(request, _("You are on the waitlist. We e-mail you if you get a seat."))
        return redirect("training:public_registration", token=registration.token)
    return render(
        request,
        "training/public_register.html",
        {
            "link": link,
            "offer": offer,
            "form": form,
            "retention_months": settings.COURSE_RETENTION_MONTHS,
        },
    )


def _own_registration(token: str) -> Registration:
    registration = (
        Registration.objects.filter(token=token, anonymised_at__isnull=True)
        .select_related("session__course", "session__round", "municipality")
        .first()
        if token
        else None
    )
    if registration is None:
        raise Http404
    return registration


@rate_limited
def public_registration(request: HttpRequest, token: str) -> HttpResponse:
    registration = _own_registration(token)
    return render(
        request,
        "training/public_registration.html",
        {"registration": registration, "session": registration.session},
    )


@rate_limited
@require_POST
def public_cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration = _own_registration(token)
    if services.cancel_registration(registration=registration):
        messages.success(request, _("Your registration is cancelled."))
    else:
        messages.info(request, _("This registration was already cancelled."))
    return redirect("training:public_registration", token=registration.token)
