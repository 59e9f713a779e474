"""The client's address behind a reverse proxy: REMOTE_ADDR is the proxy's, so the per-IP limits (the
course pages) would count every client as one. Only a peer within TRUSTED_PROXIES (addresses or networks)
may name the client, as the last address it appended to X-Forwarded-For."""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(trusted: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in trusted)


def is_trusted_proxy(address: str) -> bool:
    try:
        peer = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(peer in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


class TrustedProxyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded and is_trusted_proxy(request.META.get("REMOTE_ADDR", "")):
            # The proxy appends the address it saw; anything left of it is the client's to invent.
            request.META["REMOTE_ADDR"] = forwarded.split(",")[-1].strip()
        return self.get_response(request)
