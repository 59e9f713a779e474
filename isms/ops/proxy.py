"""The client's address behind a reverse proxy: REMOTE_ADDR is the proxy's, so the per-IP limits (the
course pages, django-axes) would count every client as one. Only a peer listed in TRUSTED_PROXIES may
name the client, as the last address it appended to X-Forwarded-For."""

from __future__ import annotations

from django.conf import settings


class TrustedProxyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        peer = request.META.get("REMOTE_ADDR", "")
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded and peer in settings.TRUSTED_PROXIES:
            # The proxy appends the address it saw; anything left of it is the client's to invent.
            request.META["REMOTE_ADDR"] = forwarded.split(",")[-1].strip()
        return self.get_response(request)
