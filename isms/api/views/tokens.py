"""The token pages: each user's own tokens (a tab of the profile page) and the coordinator's list of all."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from isms.core.access import Action, can, require_municipal_access

from ..forms import NewTokenForm, RevokeForm
from ..models import ApiToken
from ..tokens import create_token, revoke_token

# The new secret waits in the session for the page after the redirect, and is removed when shown.
NEW_SECRET_SESSION_KEY = "api_new_token"  # noqa: S105  # nosec B105 (a session key, not a secret)
DEFAULT_VALIDITY = datetime.timedelta(days=90)


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    require_municipal_access(request.user)
    form = NewTokenForm(request.POST or None, initial={"expires_on": timezone.localdate() + DEFAULT_VALIDITY})
    if request.method == "POST" and form.is_valid():
        new = create_token(user=request.user, **form.cleaned_data)
        request.session[NEW_SECRET_SESSION_KEY] = {"id": new.token.pk, "secret": new.plaintext}
        return redirect("api:token_list")
    shown = request.session.pop(NEW_SECRET_SESSION_KEY, None)
    tokens = list(ApiToken.objects.filter(user=request.user))
    today = timezone.localdate()
    return render(
        request,
        "api/token_list.html",
        {"form": form, "tokens": tokens, "new_secret": shown, "today": today},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """A user revokes one of their own tokens (anyone else's is not there: 404)."""
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    revoke_token(token=token, actor=request.user, reason=_("Revoked by its owner"))
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("api:token_list")


def _require_coordinator(user) -> None:
    if not can(user, Action.MANAGE_MUNICIPALITY):
        raise PermissionDenied


@login_required
def token_admin(request: HttpRequest) -> HttpResponse:
    _require_coordinator(request.user)
    tokens = list(ApiToken.objects.select_related("user", "revoked_by").order_by("-created_at")[:500])
    return render(
        request, "api/token_admin.html", {"tokens": tokens, "today": timezone.localdate(), "form": RevokeForm()}
    )


@login_required
@require_POST
def token_admin_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    _require_coordinator(request.user)
    token = get_object_or_404(ApiToken, pk=pk)
    form = RevokeForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    revoke_token(token=token, actor=request.user, reason=reason or _("Revoked by the coordinator"))
    messages.success(
        request, _("The token “%(name)s” of %(user)s is revoked.") % {"name": token.name, "user": token.user}
    )
    return redirect("api:token_admin")
