"""A per-IP limit on the public course pages (settings.COURSE_PUBLIC_RATE_LIMIT requests a minute)."""

from __future__ import annotations

import functools
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render


def client_ip(request) -> str:
    # REMOTE_ADDR only: a forwarded-for header is the client's to invent. Behind a reverse proxy, the
    # application server must put the real client address there (gunicorn --forwarded-allow-ips).
    return request.META.get("REMOTE_ADDR", "")


def rate_limited(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        key = f"course-public:{client_ip(request)}:{int(time.time() // 60)}"
        cache.add(key, 0, timeout=70)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            count = 1
        if count > settings.COURSE_PUBLIC_RATE_LIMIT:
            response = render(request, "429.html", status=429)
            response["Retry-After"] = "60"
            return response
        return view(request, *args, **kwargs)

    return wrapper
