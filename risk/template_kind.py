"""Joint ROS analyses as a kind of template: the cooperation analyses a shared service once (KOBO, say),
each participating municipality adopts it, adds its own scenarios and gets its own leader's sign-off.
A newer version of the joint analysis is offered to adopters as a diff, like any template update."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from isms.core.forms import DesignsystemetMixin
from isms.core.library.kinds import TemplateKind, norwegian_slug
from isms.core.models import Membership, MembershipRole
from isms.core.tracking import create_tracked, delete_tracked, save_new_version, save_state_change

from .models import AnalysisStatus, RiskAnalysis, RiskScenario, SubjectType

SCENARIOS = "scenarios"
# The letters users write (K, I, T in bokmål; C, I, A accepted too) → the stored values.
SECURITY_LETTERS = {"K": "C", "C": "C", "I": "I", "T": "A", "A": "A"}
SHOWN_LETTERS = {"C": "K", "I": "I", "A": "T"}


def scenario_line(scenario: dict[str, Any]) -> str:
    rating = [scenario.get(name) or "" for name in ("likelihood", "consequence")]
    residual = [scenario.get(name) or "" for name in ("residual_likelihood", "residual_consequence")]
    security = ",".join(SHOWN_LETTERS[value] for value in scenario.get("security", []))
    return " | ".join(
        str(part) for part in [scenario["title"], scenario.get("asset", ""), security, *rating, *residual]
    )


def _within(matrix, numbers: list[int | None]) -> bool:
    """Whether the ratings of a scenario line (likelihood, consequence, residual ones) are levels of the matrix."""
    highest = [matrix.likelihood_count, matrix.consequence_count] * 2
    return all(number is None or 1 <= number <= top for number, top in zip(numbers, highest, strict=True))


class ScenarioLinesField(forms.CharField):
    """Scenarios written one per line: "Hendelse | Verdi | K,I,T | S | K | rest-S | rest-K"."""

    widget = forms.Textarea(attrs={"rows": 8})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(scenario_line(scenario) for scenario in value)
        return value

    def to_python(self, value) -> list[dict[str, Any]]:
        from .services import current_matrix

        if isinstance(value, list):
            value = self.prepare_value(value)
        matrix = current_matrix()
        scenarios, errors = [], []
        for number, line in enumerate((value or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            parts += [""] * (7 - len(parts))
            title, asset, letters, *ratings = parts[:7]
            security = [SECURITY_LETTERS.get(letter.strip().upper()) for letter in letters.split(",") if letter.strip()]
            numbers = [int(part) if part.isdigit() else None for part in ratings]
            if not title or not asset or not security or None in security or not all(numbers[:2]):
                errors.append(
                    _("Line %(n)s: write “event | asset | K,I,T | likelihood | consequence” (residual optional).")
                    % {"n": number}
                )
                continue
            if matrix is not None and not _within(matrix, numbers):
                errors.append(
                    _("Line %(n)s: likelihood must be 1–%(l)s and consequence 1–%(c)s (the levels of the risk matrix).")
                    % {"n": number, "l": matrix.likelihood_count, "c": matrix.consequence_count}
                )
                continue
            scenarios.append({
                "key": norwegian_slug(title)[:80], "title": title, "asset": asset, "security": sorted(set(security)),
                "likelihood": numbers[0], "consequence": numbers[1],
                "residual_likelihood": numbers[2], "residual_consequence": numbers[3],
            })  # fmt: skip
        if errors:
            raise ValidationError(errors)
        return scenarios


class JointRiskContentForm(DesignsystemetMixin, forms.Form):
    service = forms.CharField(label=_("Shared service"), max_length=200)
    scope = forms.CharField(label=_("Scope"), widget=forms.Textarea(attrs={"rows": 3}))
    context = forms.CharField(label=_("Context"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    participants = forms.CharField(label=_("Participants"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    scenarios = ScenarioLinesField(
        label=_("Joint scenarios"),
        help_text=_(
            "One per line: unwanted event | asset | K,I,T | likelihood | consequence | residual likelihood | "
            "residual consequence. Levels of the cooperation's risk matrix."
        ),
    )

    def sections(self):
        """The fieldsets the template form shows (it renders only what `sections` names)."""
        return [
            (_("Scope and context"), [self[name] for name in ("service", "scope", "context", "participants")]),
            (_("Joint scenarios"), [self[SCENARIOS]]),
        ]


class JointRiskAnalysisKind(TemplateKind):
    code = "ros"
    label = _("joint ROS analysis")
    label_plural = _("joint ROS analyses")
    model = RiskAnalysis
    content_form_class = JointRiskContentForm
    title_field = "title"
    content_prefix = "content"  # its "participants"/"description" are also fields of the template

    def content_from_cleaned(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        content = super().content_from_cleaned({k: v for k, v in cleaned.items() if k != SCENARIOS})
        content[SCENARIOS] = cleaned.get(SCENARIOS) or []
        return content

    def display(self, name: str, value: Any) -> str:
        if name == SCENARIOS:
            return "\n".join(scenario_line(scenario) for scenario in value or []) or "—"
        return str(value) if value not in (None, "") else "—"

    def detail_queryset(self, municipality):
        return super().detail_queryset(municipality).prefetch_related("scenarios")

    def record_value(self, record: RiskAnalysis, name: str) -> Any:
        if name == SCENARIOS:
            return [
                {"key": s.template_key, "title": s.title, "asset": s.asset, "security": list(s.security),
                 "likelihood": s.likelihood, "consequence": s.consequence,
                 "residual_likelihood": s.residual_likelihood, "residual_consequence": s.residual_consequence}
                for s in sorted(record.scenarios.all(), key=lambda s: s.pk)
                if s.template_key
            ]  # fmt: skip
        return super().record_value(record, name)

    @staticmethod
    def _write_scenarios(record: RiskAnalysis, scenarios: list[dict], *, actor, reason: str) -> None:
        """Bring the scenarios that came from the joint analysis to `scenarios`; local ones stay as they are."""
        existing = {s.template_key: s for s in record.scenarios.all() if s.template_key}
        for item in scenarios:
            values = {name: item.get(name) for name in (
                "title", "asset", "security", "likelihood", "consequence", "residual_likelihood",
                "residual_consequence",
            )}  # fmt: skip
            current = existing.pop(item["key"], None)
            if current is None:
                create_tracked(
                    RiskScenario,
                    actor=actor,
                    reason=reason,
                    values={**values, "template_key": item["key"], "analysis": record,
                            "municipality_id": record.municipality_id},
                )  # fmt: skip
                continue
            changed = False
            for name, value in values.items():
                if getattr(current, name) != value:
                    setattr(current, name, value)
                    changed = True
            if changed:
                save_new_version(current, actor=actor, reason=reason)
        for gone in existing.values():
            for link in gone.measure_links.all():
                delete_tracked(link, actor=actor, reason=reason)
            delete_tracked(gone, actor=actor, reason=reason)

    def create_record(self, *, municipality, title, content, template_values, actor, reason) -> RiskAnalysis:
        from .services import current_matrix

        owner = (
            Membership.objects.filter(municipality=municipality, role=MembershipRole.LEADER)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if owner is None:
            raise ValidationError(_("The municipality has no leader to be the risk owner."))
        record = create_tracked(
            RiskAnalysis,
            actor=actor,
            reason=reason,
            values={
                "municipality": municipality, "title": title, "subject_type": SubjectType.SERVICE,
                "service": content.get("service", ""), "scope": content.get("scope", ""),
                "context": content.get("context", ""), "participants": content.get("participants", ""),
                "analysed_on": timezone.localdate(), "risk_owner": owner.user, "matrix": current_matrix(),
                **template_values,
            },
        )  # fmt: skip
        self._write_scenarios(record, content.get(SCENARIOS, []), actor=actor, reason=reason)
        save_state_change(record, actor=actor, reason=reason)  # version 1 includes its scenarios
        return record

    def apply_content(self, record: RiskAnalysis, values: dict[str, Any], *, actor, reason: str) -> None:
        scenarios = values.pop(SCENARIOS, None)
        if record.status in (AnalysisStatus.APPROVED, AnalysisStatus.REJECTED):
            record.status = AnalysisStatus.DRAFT  # a changed analysis needs a new decision
        for name, value in values.items():
            setattr(record, name, value or "")
        if scenarios is not None:
            self._write_scenarios(record, scenarios, actor=actor, reason=reason)

    def record_url(self, municipality, pk: int) -> str:
        return reverse("risk:analysis_detail", args=[municipality.slug, pk])

    def adopted_list_url(self, municipality) -> str:
        return reverse("risk:analysis_list", args=[municipality.slug])
