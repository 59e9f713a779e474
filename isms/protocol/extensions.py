"""Links other apps add to a processing activity's page (the DPIA app adds its screening), so the
protocol does not import the apps built on it."""

from __future__ import annotations

from collections.abc import Callable

ActivityLinks = Callable[[object, object], list[tuple[str, str]]]
ACTIVITY_LINKS: list[ActivityLinks] = []


def register_activity_links(links: ActivityLinks) -> None:
    if links not in ACTIVITY_LINKS:
        ACTIVITY_LINKS.append(links)


def activity_links(activity, municipality) -> list[tuple[str, str]]:
    return [link for links in ACTIVITY_LINKS for link in links(activity, municipality)]
