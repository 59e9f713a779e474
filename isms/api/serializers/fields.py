"""Serializer fields shared by the endpoints."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.functional import cached_property
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject

from isms.core.models import SignOffState


class ChoiceSet(serializers.ListField):
    """A `ChoiceSetField` (Art. 6 bases, Art. 9 categories): a list of choice codes."""

    def __init__(self, choices, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(child=serializers.ChoiceField(choices=choices), **kwargs)


class SignOffStateSerializer(serializers.Serializer):
    """`SignOffState` of the current version: the one reading of approved / changed after approval."""

    state = serializers.ChoiceField(
        choices=["approved", "rejected", "changed_after_approval", "not_signed"],
        help_text="approved / rejected: the latest decision covers this version; changed_after_approval: "
        "approved on an older version and edited since; not_signed: no decision covers this version.",
    )
    label = serializers.CharField(help_text="The state as the pages show it, in bokmål.")
    version = serializers.IntegerField()
    decided_version = serializers.IntegerField(allow_null=True)
    decision = serializers.CharField(help_text="The latest decision: approved, rejected or empty.")

    def to_representation(self, instance: SignOffState) -> dict:
        if instance.is_approved:
            state = "approved"
        elif instance.is_rejected:
            state = "rejected"
        elif instance.changed_after_approval:
            state = "changed_after_approval"
        else:
            state = "not_signed"
        return {
            "state": state,
            "label": instance.label(),
            "version": instance.version,
            "decided_version": instance.decided_version,
            "decision": instance.decision,
        }


class ManyRows:
    """Mixin for a model serializer listed many rows at a time (issue 13). DRF reads every field of every row
    through `Field.get_attribute`, a walk over `source_attrs` with its own exception handling, which for a page
    of 500 activities × 40 fields was most of the request. A field that shows one column of the row (its
    `source` is a concrete model field or its attname) is read here with one `getattr` and handed to the
    field's own `to_representation`, as DRF would; every other field (nested rows, methods, properties,
    dotted sources) goes DRF's way. The readers are built once per serializer, that is once per page for a
    list's child. `tests/api/test_many_rows.py` holds the output to DRF's, field by field."""

    @cached_property
    def _readers(self) -> list[tuple[str, Callable[[Any], Any]]]:
        columns = {}
        for model_field in self.Meta.model._meta.concrete_fields:
            columns[model_field.name] = columns[model_field.attname] = model_field
        return [
            (field.field_name, column_reader(field, columns) or field_reader(field))
            for field in self.fields.values()
            if not field.write_only
        ]

    def to_representation(self, instance) -> dict:
        row = {}
        for name, read in self._readers:
            try:
                row[name] = read(instance)
            except SkipField:
                continue
        return row


def column_reader(field: serializers.Field, columns: dict) -> Callable[[Any], Any] | None:
    """One column of the row, as `Serializer.to_representation` would show it; None if `field` is not one."""
    source = field.source_attrs[0] if len(field.source_attrs) == 1 else None
    if source not in columns:
        return None
    represent = field.to_representation
    if isinstance(field, serializers.RelatedField):
        # DRF's primary-key shortcut: the key column, wrapped as `RelatedField.get_attribute` wraps it.
        attname = columns[source].attname
        return lambda row: None if (pk := getattr(row, attname)) is None else represent(PKOnlyObject(pk=pk))
    return lambda row: None if (value := getattr(row, source)) is None else represent(value)


def field_reader(field: serializers.Field) -> Callable[[Any], Any]:
    """Any field, exactly as `Serializer.to_representation` reads it (raises `SkipField` where DRF skips)."""

    def read(row):
        attribute = field.get_attribute(row)
        present = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
        return None if present is None else field.to_representation(attribute)

    return read
