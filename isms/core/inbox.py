"""A user's own inbox: what waits for their signature, their notifications and how they want them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .access import visible_municipalities
from .models import Delivery, Notification, NotificationPreference
from .notification_forms import NotificationSettingsForm
from .notifications import digest_hour, kinds_for, mark_read, save_preferences
from .signoff import waiting_for


@login_required
def to_sign(request: HttpRequest) -> HttpResponse:
    return render(request, "core/to_sign.html", {"items": waiting_for(request.user)})


def _visible_notifications(user):
    """A user's notifications, without those about a municipality the user no longer sees (never a leak)."""
    return Notification.objects.filter(user=user).filter(
        Q(municipality__isnull=True) | Q(municipality__in=visible_municipalities(user))
    )


@login_required
def to_sign_count(request: HttpRequest) -> HttpResponse:
    """The number on "Til signering" in the menu, loaded after the page so no page pays for its queries."""
    return render(request, "core/_to_sign_count.html", {"count": len(waiting_for(request.user))})


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    rows = _visible_notifications(request.user).select_related("municipality")
    unread_only = request.GET.get("unread") == "1"
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    notifications = list(rows[:100])
    return render(
        request,
        "core/notification_list.html",
        {
            "notifications": notifications,
            "unread_only": unread_only,
            "any_unread": any(not row.read_at for row in notifications),
        },
    )


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    mark_read(user=request.user)
    return redirect("core:notification_list")


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = _visible_notifications(request.user).filter(pk=pk).first()
    if notification is None:
        raise Http404
    mark_read(user=request.user, notification_ids=[notification.pk])
    return redirect("core:notification_list")


@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark read and go to the object. The object's own page decides again whether the user may see it
    (404 outside the tenant, 403 without the right): a notice never opens what the user cannot open."""
    notification = _visible_notifications(request.user).filter(pk=pk).first()
    if notification is None:
        raise Http404
    mark_read(user=request.user, notification_ids=[notification.pk])
    if notification.link and url_has_allowed_host_and_scheme(notification.link, allowed_hosts=None):
        return redirect(notification.link)
    return redirect("core:notification_list")


@login_required
def notification_settings(request: HttpRequest) -> HttpResponse:
    user = request.user
    kinds = kinds_for(user)
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    initial = {"digest_hour": digest_hour(user)}
    initial.update({f"kind_{kind.key}": chosen.get(kind.key, kind.default) for kind in kinds})
    form = NotificationSettingsForm(request.POST or None, initial=initial, kinds=kinds)
    if request.method == "POST" and form.is_valid():
        save_preferences(user=user, digest_hour=form.cleaned_data["digest_hour"], deliveries=form.deliveries())
        messages.success(request, _("Your notification settings are saved."))
        return redirect("core:notification_settings")
    return render(request, "core/notification_settings.html", {"form": form, "no_email": not user.email,
                                                                "digest": Delivery.DIGEST})  # fmt: skip
