"""Kinds of template, registered by the apps that own the adopting records.

A kind knows the content's fields (through a form, so the YAML loader, the editing page and the diff
share one set of rules and labels), how to make a municipal record from a published version, and how
to bring a record's chosen fields up to a newer version.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.functional import Promise
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _

from ..tracking import display_value


@dataclass(frozen=True)
class ContentChange:
    """One field that differs between two contents, as the user reads it."""

    field: str
    label: str
    old: str
    new: str


def json_value(value: Any) -> Any:
    """A cleaned form value as stored in a template's JSON content."""
    if isinstance(value, list | tuple | set):
        return [str(item) for item in value]
    if isinstance(value, bool) or value is None:
        return value
    return str(value).replace("\r\n", "\n").strip()  # a browser sends CRLF from a textarea; YAML has LF


class TemplateKind:
    """Base of every kind. Subclasses set the class attributes and implement the record hooks."""

    code: ClassVar[str]
    label: ClassVar[str | Promise]
    label_plural: ClassVar[str | Promise]
    model: ClassVar[type[Model]]  # the municipal record a template of this kind becomes
    content_form_class: ClassVar[type[forms.Form]]
    group_field: ClassVar[str | None] = None  # the content field that groups templates (a sector, say)
    title_field: ClassVar[str] = "name"  # the record field that takes the template's title
    # Prefix of the content fields in the template form, for kinds whose content has a field named like one
    # of the template's own ("participants", "description"); both forms are bound to the same POST.
    content_prefix: ClassVar[str | None] = None

    # Content ----------------------------------------------------------------------------------------
    def content_form(self, data=None, **kwargs) -> forms.Form:
        return self.content_form_class(data, **kwargs)

    @property
    def field_names(self) -> list[str]:
        return list(self.content_form_class.base_fields)

    def field_label(self, name: str) -> str:
        return capfirst(str(self.content_form_class.base_fields[name].label))

    def clean_content(self, content: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
        """(normalised content, errors by field). Unknown keys are errors, missing ones take defaults."""
        errors: dict[str, list[str]] = {}
        unknown = sorted(set(content) - set(self.field_names))
        if unknown:
            errors["__all__"] = [_("Unknown fields: %s.") % ", ".join(unknown)]
        form = self.content_form(content)
        if not form.is_valid():
            for name, messages in form.errors.items():
                errors.setdefault(name, []).extend(messages)
            return {}, errors
        return self.content_from_cleaned(form.cleaned_data), errors

    def error_lines(self, errors: dict[str, list[str]]) -> list[str]:
        """Errors of `clean_content` as the user reads them: under the field's label, not its code name."""
        lines = []
        for name, messages in errors.items():
            text = " ".join(str(message) for message in messages)
            lines.append(f"{self.field_label(name)}: {text}" if name in self.content_form_class.base_fields else text)
        return lines

    def content_from_cleaned(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        return {name: json_value(cleaned.get(name)) for name in self.field_names}

    def display(self, name: str, value: Any) -> str:
        try:
            field = self.model._meta.get_field(name)
        except FieldDoesNotExist:  # a content field the record keeps elsewhere (its links, say)
            return ", ".join(value) if isinstance(value, list) else (str(value) if value not in (None, "") else "—")
        return display_value(field, field.to_python(value) if value is not None else None)

    def diff(self, old: dict[str, Any], new: dict[str, Any]) -> list[ContentChange]:
        return [
            ContentChange(
                name, self.field_label(name), self.display(name, old.get(name)), self.display(name, new.get(name))
            )
            for name in self.field_names
            if not same_value(old.get(name), new.get(name))
        ]

    def display_rows(self, content: dict[str, Any]) -> list[tuple[str, str]]:
        return [(self.field_label(name), self.display(name, content.get(name))) for name in self.field_names]

    def group_of(self, content: dict[str, Any]) -> str:
        return str(content.get(self.group_field) or "") if self.group_field else ""

    def group_label(self, code: str) -> str:
        if not self.group_field or not code:
            return ""
        return self.display(self.group_field, code)

    def group_sort_key(self, code: str) -> tuple[int, str]:
        """Groups come in the order of the group field's choices (a fixed sector order), not by their codes,
        whose English spelling would put "finance" before "health"; a group without a choice comes last."""
        order = {value: index for index, value in enumerate(self._group_codes())}
        return order.get(code, len(order)), self.group_label(code)

    def _group_codes(self) -> list[str]:
        try:
            field = self.model._meta.get_field(self.group_field) if self.group_field else None
        except FieldDoesNotExist:
            return []
        return [str(value) for value, _label in field.flatchoices] if field is not None else []

    # Records ----------------------------------------------------------------------------------------
    def records(self) -> QuerySet:
        """Every record adopted from a template of this kind (callers scope it to a tenant)."""
        return self.model._default_manager.filter(template__isnull=False)

    def detail_queryset(self, municipality) -> QuerySet:
        """The municipality's records with what `record_value` reads, loaded up front."""
        return self.model._default_manager.filter(municipality=municipality).select_related("template")

    def record_value(self, record: Model, name: str) -> Any:
        """A record's current value of a content field, in the content's JSON form."""
        return json_value(getattr(record, name))

    def unlinked_record_with_title(self, municipality, title: str) -> Model | None:
        """A record of the municipality with this title that no template owns (linked instead of duplicated)."""
        return (
            self.model._default_manager.filter(municipality=municipality, template__isnull=True)
            .filter(**{f"{self.title_field}__iexact": title})
            .first()
        )

    def create_record(self, *, municipality, title: str, content: dict[str, Any], actor, reason: str) -> Model:
        """Write a new record of `municipality` from a version's content (without template fields set)."""
        raise NotImplementedError

    def apply_content(self, record: Model, values: dict[str, Any], *, actor, reason: str) -> None:
        """Set the chosen content fields on the locked record (not saved); may write the record's children."""
        for name, value in values.items():
            field = self.model._meta.get_field(name)
            setattr(record, name, field.to_python(value))

    def record_url(self, municipality, pk: int) -> str:
        raise NotImplementedError

    def adopted_list_url(self, municipality) -> str:
        raise NotImplementedError


NORWEGIAN_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def norwegian_slug(value: str) -> str:
    """A slug that keeps æ, ø and å as ae, o and a (Django's slugify would drop them)."""
    return slugify(value.translate(NORWEGIAN_LETTERS))


def same_value(a: Any, b: Any) -> bool:
    """Whether two content values say the same (empty is empty; the order of a set does not count)."""

    def comparable(value: Any) -> Any:
        if value in (None, "", [], False):
            return None
        if isinstance(value, list):
            return sorted(value, key=lambda item: json.dumps(item, sort_keys=True, default=str))
        return value

    return comparable(a) == comparable(b)


KINDS: dict[str, TemplateKind] = {}


def register_kind(kind: TemplateKind) -> None:
    KINDS[kind.code] = kind


def get_kind(code: str) -> TemplateKind:
    try:
        return KINDS[code]
    except KeyError as exc:
        raise Http404 from exc
