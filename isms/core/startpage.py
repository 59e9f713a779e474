"""The start page ("/"): an app may register the page each role starts on; core's generic page is the fallback."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

START_PAGES: list[Callable[[HttpRequest], HttpResponse | None]] = []


def register_start_page(page: Callable[[HttpRequest], HttpResponse | None]) -> None:
    """`page(request)` answers the start page, or None to leave it to the next (or to core's page)."""
    if page not in START_PAGES:
        START_PAGES.append(page)


def start_page_for(request: HttpRequest) -> HttpResponse | None:
    for page in START_PAGES:
        response = page(request)
        if response is not None:
            return response
    return None
