"""The forms of the import's steps: the upload, the columns (step 1) and the values not understood (step 2)."""

from __future__ import annotations

import hashlib

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from isms.core.forms import DesignsystemetMixin
from isms.core.validators import validate_file_size

from ..models import Sector
from .columns import COLUMNS
from .preview import Plan, Unknown
from .reading import MAX_TITLE_ROWS, Sheet, column_letter
from .values import REVIEW, mapping_options


class ImportUploadForm(DesignsystemetMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File (XLSX or CSV)"),
        help_text=gettext_lazy(
            "Excel (.xlsx) or CSV in UTF-8 or Windows-1252, separated by semicolon, comma or tab. Title rows above "
            "the headings and several sheets are fine."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_file_size(upload, settings.PROTOCOL_IMPORT_MAX_BYTES)
        return upload


def field_choices() -> list[tuple[str, str]]:
    return [("", _("— Ignore this column —"))] + [(column.field, column.heading) for column in COLUMNS]


class ColumnsForm(DesignsystemetMixin, forms.Form):
    """Step 1: the sheet, the row with the headings, and the field of each column."""

    sheet = forms.TypedChoiceField(label=gettext_lazy("Sheet"), coerce=int)
    header_row = forms.IntegerField(
        label=gettext_lazy("Row with the headings"),
        min_value=1,
        max_value=MAX_TITLE_ROWS + 1,
        help_text=gettext_lazy("Found by itself; rows above it (titles) are skipped."),
    )

    def __init__(self, *args, sheets: list[Sheet], plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["sheet"].choices = [
            (index, f"{sheet.name} – {sheet.refused}" if sheet.refused else sheet.name)
            for index, sheet in enumerate(sheets)
        ]
        self.column_fields = []
        for index, heading in enumerate(plan.headings):
            name = f"column_{index}"
            self.fields[name] = forms.ChoiceField(
                label=_("Column %(letter)s “%(heading)s”") % {"letter": column_letter(index), "heading": heading},
                choices=field_choices(),
                required=False,
                initial=plan.columns[index],
            )
            self.column_fields.append(name)

    def columns(self) -> list[str]:
        return [self.cleaned_data.get(name, "") for name in self.column_fields]

    def rows(self):
        """(bound field, heading, examples) per column, for the mapping table."""
        data_rows = [row for row in self.plan.sheet.rows[self.plan.header_row : self.plan.header_row + 40] if row]
        for index, name in enumerate(self.column_fields):
            examples = [row[index] for row in data_rows if index < len(row) and row[index]][:2]
            yield self[name], column_letter(index), self.plan.headings[index], examples


def _option_key(unknown: Unknown) -> str:
    digest = hashlib.sha1(unknown.key.encode(), usedforsecurity=False).hexdigest()[:12]
    return f"value__{unknown.field}__{digest}"


class ValuesForm(DesignsystemetMixin, forms.Form):
    """Step 2: one choice per text not understood (listed once, with its rows), the sector, new systems."""

    sector_from_unit = forms.BooleanField(
        label=gettext_lazy("Infer the sector from the unit's name (e.g. “Barnehagene” → Oppvekst)"),
        required=False,
    )
    sector_default = forms.ChoiceField(
        label=gettext_lazy("Sector for rows whose sector is missing or cannot be inferred"),
        required=False,
    )
    new_systems = forms.MultipleChoiceField(
        label=gettext_lazy("Add these systems to the catalogue and link them"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, unknowns: list[Unknown], new_systems: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector_default"].choices = [("", _("— None —")), *Sector.choices]
        self.fields["new_systems"].choices = [
            (name, _("%(name)s (%(count)s rows)") % {"name": name, "count": count})
            for name, count in new_systems.items()
        ]
        if not new_systems:
            del self.fields["new_systems"]
        self.unknown_fields = []
        for unknown in unknowns:
            name = _option_key(unknown)
            self.fields[name] = forms.ChoiceField(
                label=unknown.text,
                choices=[
                    ("", _("— Choose —")),
                    *mapping_options(unknown.field),
                    (REVIEW, _("Leave for review (imported with “Needs follow-up”)")),
                ],
                required=False,
                initial=unknown.choice,
            )
            self.unknown_fields.append((name, unknown))

    def groups(self):
        """(heading, [(bound field, unknown)]) per column, in the column order."""
        grouped: dict[str, list] = {}
        for name, unknown in self.unknown_fields:
            grouped.setdefault(unknown.heading, []).append((self[name], unknown))
        return list(grouped.items())

    def values(self) -> dict[str, dict[str, str]]:
        chosen: dict[str, dict[str, str]] = {}
        for name, unknown in self.unknown_fields:
            choice = self.cleaned_data.get(name) or ""
            if choice:
                chosen.setdefault(unknown.field, {})[unknown.key] = choice
        return chosen
