"""Who is asking: a personal token (`Authorization: Bearer sk_…`), or the logged-in browser session.

Both end in the same user, whose rights access.py reads afresh on every request (memberships are not
cached between requests), so a membership that ended stops the token for that municipality at once.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .tokens import find_token, mark_used


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        keyword, _space, presented = header.partition(" ")
        if keyword.lower() != self.keyword.lower() or not presented.strip():
            raise exceptions.AuthenticationFailed(_("Malformed Authorization header: use “Bearer <token>”."))
        token = find_token(presented.strip())
        if token is None:
            raise exceptions.AuthenticationFailed(_("Unknown or malformed API token."))
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("This API token has been revoked."))
        if not token.usable_on(timezone.localdate()):
            raise exceptions.AuthenticationFailed(_("This API token has expired."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("The user of this API token is deactivated."))
        mark_used(token)
        return token.user, token

    def authenticate_header(self, request) -> str:
        return self.keyword


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = BearerTokenAuthentication
    name = "bearerToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": str(_("A personal API token from your profile page (shown once when created).")),
        }
