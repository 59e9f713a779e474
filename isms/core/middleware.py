"""Require TOTP for the global roles named in MFA_REQUIRED_GLOBAL_ROLES (allauth has no setting for it)."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse


class RequireMfaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        roles = settings.MFA_REQUIRED_GLOBAL_ROLES
        if roles and user is not None and user.is_authenticated and user.global_role in roles:
            allowed = (reverse("mfa_index"), "/accounts/", settings.STATIC_URL)
            if (
                not request.path.startswith(allowed)
                and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
            ):
                return redirect("mfa_activate_totp")
        return self.get_response(request)
