"""Rate limit per token (per user for a browser session), counted in the cache (`API_RATE_LIMIT`)."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class PerTokenThrottle(SimpleRateThrottle):
    scope = "api_token"

    def get_rate(self) -> str:
        # Read at request time, so a test or the bench can change the setting.
        return settings.API_RATE_LIMIT

    def get_cache_key(self, request, view) -> str | None:
        if request.auth is not None:
            return self.cache_format % {"scope": self.scope, "ident": f"token-{request.auth.pk}"}
        if request.user.is_authenticated:
            return self.cache_format % {"scope": self.scope, "ident": f"user-{request.user.pk}"}
        return None  # not authenticated: answered 401 before anything is read
