"""A user's own inbox: what waits for their signature, and their notifications."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .notifications import mark_read
from .signoff import waiting_for


@login_required
def to_sign(request: HttpRequest) -> HttpResponse:
    return render(request, "core/to_sign.html", {"items": waiting_for(request.user)})


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    notifications = list(request.user.notifications.select_related("municipality")[:100])
    return render(request, "core/notification_list.html", {"notifications": notifications})


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    mark_read(user=request.user)
    return redirect("core:notification_list")
