"""Model fields shared by the apps."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.text import capfirst


class ChoiceSetField(models.CharField):
    """A set of choice codes stored as ",a,c," so that `__contains=",c,"` filters it on every database.

    Used for Art. 6(1) bases and Art. 9 categories: few options, many filters, no join table, and the
    value lives in the row so simple-history records it with the rest of the record.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if value is None or value == "":
            return []
        if isinstance(value, list | tuple | set):
            return [str(item) for item in value]
        return [item for item in str(value).split(",") if item]

    def get_prep_value(self, value):
        items = self.to_python(value)
        order = [code for code, _label in self.choices] if self.choices else sorted(items)
        items = sorted(set(items), key=lambda code: order.index(code) if code in order else len(order))
        return f",{','.join(items)}," if items else ""

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        allowed = {code for code, _label in self.choices}
        unknown = [item for item in value if item not in allowed]
        if unknown:
            raise forms.ValidationError(self.error_messages["invalid_choice"], params={"value": unknown[0]})
        if not self.blank and not value:
            raise forms.ValidationError(self.error_messages["blank"])

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.choices,
            required=not self.blank,
            label=capfirst(self.verbose_name),
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
            **{k: v for k, v in kwargs.items() if k in {"label", "help_text", "required", "widget"}},
        )

    def labels(self, value) -> list[str]:
        names = dict(self.choices)
        return [str(names.get(code, code)) for code in self.to_python(value)]

    @staticmethod
    def lookup(code: str) -> str:
        """The `__contains` argument that matches one code exactly."""
        return f",{code},"
