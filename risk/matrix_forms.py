"""The form the coordinator or DPO keeps the risk matrix with: labels and descriptions of every level,
consequence described per area, the colour bands and the acceptance criteria."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from isms.core.forms import REASON_LABEL, DesignsystemetMixin

from .models import ConsequenceArea, RiskMatrix


class RiskMatrixForm(DesignsystemetMixin, forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name"), max_length=200)
    acceptable_max = forms.IntegerField(
        label=_("Highest score that is green (acceptable)"),
        min_value=1,
        help_text=_("Score = likelihood × consequence."),
    )
    tolerable_max = forms.IntegerField(
        label=_("Highest score that is yellow (acceptable with measures considered)"),
        min_value=2,
        help_text=_("Scores above this are red: not acceptable, measures required."),
    )
    acceptance_criteria = forms.CharField(label=_("Acceptance criteria"), widget=forms.Textarea(attrs={"rows": 3}))
    change_reason = forms.CharField(
        label=REASON_LABEL,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Explain why you make this change.")},
    )

    def __init__(self, *args, matrix: RiskMatrix, **kwargs):
        super().__init__(*args, **kwargs)
        self.matrix = matrix
        if not self.is_bound:
            self.initial.update(
                expected_version=matrix.version, name=matrix.name, acceptable_max=matrix.acceptable_max,
                tolerable_max=matrix.tolerable_max, acceptance_criteria=matrix.acceptance_criteria,
            )  # fmt: skip
        for n, level in enumerate(matrix.likelihood_levels, start=1):
            self._add(f"likelihood_{n}_label", _("Label"), level.get("label", ""), 100)
            self._add(f"likelihood_{n}_description", _("Description"), level.get("description", ""), 300)
        for n, level in enumerate(matrix.consequence_levels, start=1):
            self._add(f"consequence_{n}_label", _("Label"), level.get("label", ""), 100)
            for area in ConsequenceArea:
                self._add(f"consequence_{n}_{area.value}", area.label, level.get("areas", {}).get(area.value, ""), 300)

    def _add(self, name: str, label, initial: str, max_length: int) -> None:
        self.fields[name] = forms.CharField(
            label=label, max_length=max_length, required=name.endswith("_label"),
            widget=forms.TextInput(attrs={"class": "ds-input"}),
        )  # fmt: skip
        if not self.is_bound:
            self.initial[name] = initial

    def likelihood_rows(self):
        return [
            (n, self[f"likelihood_{n}_label"], self[f"likelihood_{n}_description"])
            for n in range(1, self.matrix.likelihood_count + 1)
        ]

    def consequence_rows(self):
        return [
            (n, self[f"consequence_{n}_label"], [self[f"consequence_{n}_{area.value}"] for area in ConsequenceArea])
            for n in range(1, self.matrix.consequence_count + 1)
        ]

    def clean(self):
        cleaned = super().clean()
        green, yellow = cleaned.get("acceptable_max"), cleaned.get("tolerable_max")
        highest = self.matrix.likelihood_count * self.matrix.consequence_count
        if green and yellow and not green < yellow:
            self.add_error("tolerable_max", _("The yellow band must end above the green band."))
        if yellow and yellow >= highest:
            self.add_error("tolerable_max", _("Leave some scores red: the highest score is %(n)s.") % {"n": highest})
        return cleaned

    def matrix_values(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "acceptable_max": data["acceptable_max"],
            "tolerable_max": data["tolerable_max"],
            "acceptance_criteria": data["acceptance_criteria"],
            "likelihood_levels": [
                {"label": data[f"likelihood_{n}_label"], "description": data[f"likelihood_{n}_description"]}
                for n in range(1, self.matrix.likelihood_count + 1)
            ],
            "consequence_levels": [
                {
                    "label": data[f"consequence_{n}_label"],
                    "areas": {area.value: data[f"consequence_{n}_{area.value}"] for area in ConsequenceArea},
                }
                for n in range(1, self.matrix.consequence_count + 1)
            ],
        }
