"""Rows of a tracked model as they stood at an instant, read from its simple-history table.

`rows(Model, context)` gives the live table for today's figures and, for a past instant, the latest
historical row of every object written up to then (objects deleted by then left out). Historical rows
carry the same field names, so the areas filter and count both with the same lookups; their foreign
keys still join the live tables, which an area only uses for what does not change (e.g. the matrix
of an analysis). One subquery, no per-object query.
"""

from __future__ import annotations

import datetime

from django.db.models import Max, Model, OuterRef, QuerySet
from django.utils import timezone

from .registry import Context


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The first instant after `day` in Europe/Oslo: "as of the end of the day" means before it."""
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))


def as_of_rows(model: type[Model], instant: datetime.datetime) -> QuerySet:
    history = model.history.model
    latest = (
        history.objects.filter(history_date__lt=instant).order_by().values("id").annotate(last=Max("history_id"))
    ).values("last")
    return history.objects.filter(history_id__in=latest).exclude(history_type="-")


def rows(model: type[Model], context: Context) -> QuerySet:
    if context.as_of is None:
        return model._default_manager.all()
    return as_of_rows(model, context.as_of)


def field_of(model: type[Model], context: Context, id_ref: str, field: str) -> QuerySet:
    """One object's `field` as it stood, for a Subquery: the object's id is `OuterRef(id_ref)`. As of an
    instant it is the object's own latest historical row (an index lookup by id), not `rows()` filtered by
    id, whose "latest of every object" would be grouped again for each outer row."""
    if context.as_of is None:
        return model._default_manager.filter(id=OuterRef(id_ref)).values(field)[:1]
    history = model.history.model.objects.filter(id=OuterRef(id_ref), history_date__lt=context.as_of)
    return history.order_by("-history_date", "-history_id").values(field)[:1]
