"""Serializer fields shared by the endpoints."""

from __future__ import annotations

from django.utils.functional import cached_property
from rest_framework import serializers

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


class ReadFieldsOnce:
    """Mixin for a serializer used for many rows: DRF walks `fields` anew for every row (a generator over
    a `BindingDict`); the readable fields are the same for each row, so list them once (issue 13)."""

    @cached_property
    def _readable_fields(self):
        return [field for field in self.fields.values() if not field.write_only]
