"""The history of one object, as its history page reads it (isms/core/history.py): who, when, why and
which fields changed, with raw values (ISO dates, codes) beside the values as the page shows them."""

from __future__ import annotations

import itertools
from datetime import date, datetime

from django.utils import timezone
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response

from isms.core.access import get_for_user
from isms.core.history import cooperation_history, municipal_history
from isms.core.models import Municipality, display_name

from ..filtering import reject_unknown
from .base import ApiView

HISTORY = inline_serializer(
    "HistoryEntry",
    {
        "history_id": serializers.IntegerField(),
        "version": serializers.IntegerField(),
        "date": serializers.DateTimeField(),
        "user": serializers.IntegerField(allow_null=True),
        "user_name": serializers.CharField(),
        "reason": serializers.CharField(),
        "kind": serializers.ChoiceField(choices=["+", "~", "-"], help_text="+ created, ~ changed, - deleted"),
        "changes": inline_serializer(
            "FieldChange",
            {
                "field": serializers.CharField(),
                "label": serializers.CharField(),
                "old": serializers.JSONField(),
                "new": serializers.JSONField(),
                "old_display": serializers.CharField(),
                "new_display": serializers.CharField(),
            },
            many=True,
        ),
        "child_changes": serializers.ListField(child=serializers.CharField(), help_text="Parts added or removed."),
    },
    many=True,
)


def _raw(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str | list):
        return value
    return str(value)


def entries_data(model, entries, rows) -> list[dict]:
    by_id = {row.history_id: row for row in rows}
    ordered = sorted(rows, key=lambda row: (row.history_date, row.history_id))
    previous = {row.history_id: before for before, row in itertools.pairwise(ordered)}
    attnames = {field.name: field.attname for field in model._meta.concrete_fields}
    result = []
    for entry in entries:
        row, before = by_id[entry.history_id], previous.get(entry.history_id)
        result.append(
            {
                "history_id": entry.history_id,
                "version": entry.version,
                "date": timezone.localtime(entry.date),
                "user": entry.user.pk if entry.user is not None else None,
                "user_name": display_name(entry.user),
                "reason": entry.reason,
                "kind": entry.kind,
                "changes": [
                    {
                        "field": change.field,
                        "label": change.label,
                        "old": _raw(getattr(before, attnames[change.field], None)),
                        "new": _raw(getattr(row, attnames[change.field], None)),
                        "old_display": change.old,
                        "new_display": change.new,
                    }
                    for change in entry.changes
                ],
                "child_changes": entry.child_changes,
            }
        )
    return result


class MunicipalHistoryView(ApiView):
    @extend_schema(
        tags=["history"],
        responses=HISTORY,
        description="Every version of one object of a municipality, oldest first (`label` as on the history "
        "pages: processing, agreement, systemuse, riskanalysis, dpia, …). 404 outside your municipalities.",
    )
    def get(self, request, municipality_id: int, label: str, pk: int):
        reject_unknown(request, ())
        municipality = get_for_user(Municipality, request.user, pk=municipality_id)
        model, entries, rows = municipal_history(label, pk, municipality, request.user)
        return Response(entries_data(model, entries, rows))


class CooperationHistoryView(ApiView):
    @extend_schema(
        tags=["history"],
        responses=HISTORY,
        description="Every version of one cooperation-level object (system, vendor, …), oldest first.",
    )
    def get(self, request, label: str, pk: int):
        reject_unknown(request, ())
        model, entries, rows = cooperation_history(label, pk, request.user)
        return Response(entries_data(model, entries, rows))
