"""Global search: every app registers what it can be searched for, read only through the access helpers.

One query per kind of object whatever the data (PostgreSQL full-text with the Norwegian dictionary, plus
a substring match so a name's beginning finds it; `icontains` alone on SQLite).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Model, Q, QuerySet

from .models import User

MIN_LENGTH = 2
HITS_PER_KIND = 20


@dataclass(frozen=True)
class SearchSource:
    """What one kind of object contributes: the rows `user` may see (built with isms/core/access.py), the
    fields searched, and how a hit is named and linked."""

    key: str
    title: Any  # the group's heading, plural
    visible: Callable[[User], QuerySet]
    fields: Sequence[str]
    label: Callable[[Model], str]
    url: Callable[[Model], str]
    where: Callable[[Model], str] = lambda obj: ""  # e.g. the municipality
    order: int = 100


SOURCES: dict[str, SearchSource] = {}


def register_search(source: SearchSource) -> None:
    SOURCES[source.key] = source


@dataclass(frozen=True)
class Hit:
    label: str
    url: str
    where: str


@dataclass
class HitGroup:
    key: str
    title: str
    hits: list[Hit] = field(default_factory=list)
    more: bool = False  # more than HITS_PER_KIND matched


def _matching(queryset: QuerySet, fields: Sequence[str], query: str) -> QuerySet:
    contains = Q()
    for name in fields:
        contains |= Q(**{f"{name}__icontains": query})
    if connection.vendor != "postgresql":
        return queryset.filter(contains).order_by(*fields, "pk")
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    vector = SearchVector(*fields, config="norwegian")
    terms = SearchQuery(query, config="norwegian", search_type="websearch")
    return (
        queryset.annotate(search_vector=vector, search_rank=SearchRank(vector, terms))
        .filter(Q(search_vector=terms) | contains)
        .order_by("-search_rank", *fields, "pk")
    )


def search(*, user: User, query: str) -> list[HitGroup]:
    """The groups with at least one hit, in the sources' order; empty for a query under MIN_LENGTH."""
    query = query.strip()
    if len(query) < MIN_LENGTH:
        return []
    groups = []
    for source in sorted(SOURCES.values(), key=lambda source: (source.order, source.key)):
        rows = list(_matching(source.visible(user), source.fields, query)[: HITS_PER_KIND + 1])
        if not rows:
            continue
        groups.append(
            HitGroup(
                key=source.key,
                title=str(source.title),
                hits=[Hit(source.label(row), source.url(row), source.where(row)) for row in rows[:HITS_PER_KIND]],
                more=len(rows) > HITS_PER_KIND,
            )
        )
    return groups


def in_tenants(queryset: Callable[[], QuerySet]) -> Callable[[User], QuerySet]:
    """Municipal rows: only those of the user's municipalities."""
    from .access import scoped

    return lambda user: scoped(queryset(), user)


def for_municipal_work(queryset: Callable[[], QuerySet]) -> Callable[[User], QuerySet]:
    """Cooperation-level rows (catalogue, courses): anyone who works with municipal records."""
    from .access import has_municipal_access

    return lambda user: queryset() if has_municipal_access(user) else queryset().none()


def visible_templates(user: User) -> QuerySet:
    """The library as the template list shows it: the DPO and the coordinator see drafts too."""
    from .access import Action, can, has_municipal_access
    from .models import Template

    if can(user, Action.MANAGE_COOPERATION):
        return Template.objects.all()
    if has_municipal_access(user):
        return Template.objects.filter(published_version__gt=0)
    return Template.objects.none()
