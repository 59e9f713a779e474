"""Joint DPIAs as a kind of template: the cooperation assesses a shared service once (KOBO, the shared
Altinn forms), each participating municipality adopts it for its own processing activity, adapts it,
asks the DPO and decides locally. A newer joint version is offered as a diff, like any template."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from isms.core.forms import DesignsystemetMixin
from isms.core.library.kinds import TemplateKind, norwegian_slug
from isms.core.models import Membership, MembershipRole
from isms.core.tracking import create_tracked, delete_tracked, save_new_version, save_state_change
from isms.protocol.models import ProcessingActivity

from .models import Dpia, DpiaPrinciple, DpiaRisk, DpiaStatus, Principle, RiskKind

RISKS = "risks"
TEXT_FIELDS = (
    "description",
    "purposes",
    "data_subjects",
    "data_categories",
    "recipients",
    "systems",
    "retention",
    "data_subject_views",
)
KIND_WORDS = {
    "tilgang": RiskKind.ILLEGITIMATE_ACCESS,
    "endring": RiskKind.UNWANTED_MODIFICATION,
    "tap": RiskKind.DISAPPEARANCE,
    "annet": RiskKind.OTHER,
}
WORD_OF_KIND = {kind: word for word, kind in KIND_WORDS.items()}
RATINGS = ("severity", "likelihood", "residual_severity", "residual_likelihood")


def risk_line(risk: dict[str, Any]) -> str:
    ratings = [str(risk.get(name) or "") for name in RATINGS]
    return " | ".join([risk["title"], WORD_OF_KIND.get(risk["kind"], "annet"), *ratings]).rstrip(" |")


class RiskLinesField(forms.CharField):
    """Risks written one per line: "Risiko | tilgang/endring/tap/annet | alvorlighet | sannsynlighet | …"."""

    widget = forms.Textarea(attrs={"rows": 6})

    def prepare_value(self, value):
        return "\n".join(risk_line(risk) for risk in value) if isinstance(value, list) else value

    def to_python(self, value) -> list[dict[str, Any]]:
        if isinstance(value, list):
            value = self.prepare_value(value)
        risks, errors = [], []
        for number, line in enumerate((value or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")] + [""] * 6
            title, word, *levels = parts[:6]
            numbers = [int(level) if level in {"1", "2", "3", "4"} else None for level in levels]
            if not title or word.lower() not in KIND_WORDS or not all(numbers[:2]):
                errors.append(
                    _(
                        "Line %(n)s: write “risk | tilgang, endring, tap or annet | severity 1–4 | likelihood 1–4” "
                        "(after measures optional)."
                    )
                    % {"n": number}
                )
                continue
            risks.append(
                {
                    "key": norwegian_slug(title)[:80],
                    "title": title,
                    "kind": KIND_WORDS[word.lower()],
                    **dict(zip(RATINGS, numbers, strict=True)),
                }
            )
        if errors:
            raise ValidationError(errors)
        return risks


def _principle_field(principle: Principle) -> forms.CharField:
    return forms.CharField(label=principle.label, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class JointDpiaContentForm(DesignsystemetMixin, forms.Form):
    processing_name = forms.CharField(
        label=_("Processing activity"),
        max_length=200,
        required=False,
        help_text=_("The name of the processing activity in the municipalities' protocols; it is linked when found."),
    )
    description = forms.CharField(label=_("Systematic description"), widget=forms.Textarea(attrs={"rows": 3}))
    purposes = forms.CharField(label=_("Purposes"), widget=forms.Textarea(attrs={"rows": 2}))
    data_subjects = forms.CharField(label=_("Data subjects"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    data_categories = forms.CharField(
        label=_("Personal data"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    recipients = forms.CharField(label=_("Recipients"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    systems = forms.CharField(label=_("Systems"), required=False, widget=forms.Textarea(attrs={"rows": 1}))
    retention = forms.CharField(label=_("Retention"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    data_subject_views = forms.CharField(
        label=_("Views of the data subjects"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    risks = RiskLinesField(
        label=_("Joint risks to the data subjects"),
        help_text=_(
            "One per line: risk | tilgang, endring, tap or annet | severity | likelihood | severity after "
            "measures | likelihood after measures (1 ubetydelig … 4 maksimal)."
        ),
    )

    def sections(self):
        """The fieldsets the template form shows (it renders only what `sections` names)."""
        context = ("processing_name", "description", "purposes", "data_subjects", "data_categories", "recipients",
                   "systems", "retention")  # fmt: skip
        return [
            (_("Context and description"), [self[name] for name in context]),
            (_("Necessity and proportionality"), [self[f"principle_{principle.value}"] for principle in Principle]),
            (_("Risks to the data subjects"), [self["risks"]]),
            (_("Views of the data subjects"), [self["data_subject_views"]]),
        ]


for _principle in Principle:
    JointDpiaContentForm.base_fields[f"principle_{_principle.value}"] = _principle_field(_principle)


class JointDpiaKind(TemplateKind):
    code = "dpia"
    label = _("joint DPIA")
    label_plural = _("joint DPIAs")
    model = Dpia
    content_form_class = JointDpiaContentForm
    title_field = "title"
    content_prefix = "content"  # its "participants"/"description" are also fields of the template

    def content_from_cleaned(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        content = super().content_from_cleaned({k: v for k, v in cleaned.items() if k != RISKS})
        content[RISKS] = cleaned.get(RISKS) or []
        return content

    def display(self, name: str, value: Any) -> str:
        if name == RISKS:
            return "\n".join(risk_line(risk) for risk in value or []) or "—"
        return str(value) if value not in (None, "") else "—"

    def detail_queryset(self, municipality):
        return (
            super()
            .detail_queryset(municipality)
            .select_related("processing_activity")
            .prefetch_related("principles", "risks")
        )

    def record_value(self, record: Dpia, name: str) -> Any:
        if name == RISKS:
            return [
                {"key": r.template_key, "title": r.title, "kind": r.kind, **{n: getattr(r, n) for n in RATINGS}}
                for r in sorted(record.risks.all(), key=lambda r: r.pk)
                if r.template_key
            ]
        if name.startswith("principle_"):
            code = name.removeprefix("principle_")
            return next((p.assessment for p in record.principles.all() if p.principle == code), "")
        if name == "processing_name":
            return record.processing_activity.name if record.processing_activity_id else ""
        return super().record_value(record, name)

    @staticmethod
    def _write_parts(record: Dpia, content: dict[str, Any], *, actor, reason: str) -> None:
        principles = {p.principle: p for p in record.principles.all()}
        for principle in Principle:
            name = f"principle_{principle.value}"
            if name not in content:
                continue
            row = principles.get(principle.value)
            if row is None:
                create_tracked(
                    DpiaPrinciple,
                    actor=actor,
                    reason=reason,
                    values={
                        "municipality_id": record.municipality_id,
                        "dpia": record,
                        "principle": principle,
                        "assessment": content[name] or "",
                    },
                )
            elif row.assessment != (content[name] or ""):
                row.assessment = content[name] or ""
                save_new_version(row, actor=actor, reason=reason)
        if RISKS not in content:
            return
        existing = {r.template_key: r for r in record.risks.all() if r.template_key}
        for item in content[RISKS]:
            values = {"title": item["title"], "kind": item["kind"], **{n: item.get(n) for n in RATINGS}}
            current = existing.pop(item["key"], None)
            if current is None:
                create_tracked(
                    DpiaRisk,
                    actor=actor,
                    reason=reason,
                    values={
                        **values,
                        "template_key": item["key"],
                        "dpia": record,
                        "municipality_id": record.municipality_id,
                    },
                )
                continue
            if any(getattr(current, n) != v for n, v in values.items()):
                for n, v in values.items():
                    setattr(current, n, v)
                save_new_version(current, actor=actor, reason=reason)
        for gone in existing.values():
            delete_tracked(gone, actor=actor, reason=reason)

    def create_record(self, *, municipality, title, content, template_values, actor, reason) -> Dpia:
        activity = ProcessingActivity.objects.filter(
            municipality=municipality, name__iexact=content.get("processing_name", "")
        ).first()
        leader = Membership.objects.filter(municipality=municipality, role=MembershipRole.LEADER).order_by("pk").first()
        record = create_tracked(
            Dpia,
            actor=actor,
            reason=reason,
            values={
                "municipality": municipality,
                "title": title,
                "processing_activity": activity,
                "based_on_activity_version": activity.version if activity else None,
                "decision_maker": leader.user if leader else None,
                **{name: content.get(name) or "" for name in TEXT_FIELDS},
                **template_values,
            },
        )
        self._write_parts(record, content, actor=actor, reason=reason)
        save_state_change(record, actor=actor, reason=reason)  # version 1 includes its parts
        return record

    def apply_content(self, record: Dpia, values: dict[str, Any], *, actor, reason: str) -> None:
        if record.status == DpiaStatus.ARCHIVED:
            raise ValidationError(_("An archived DPIA cannot be changed."))
        if record.status in (DpiaStatus.APPROVED, DpiaStatus.REJECTED):
            record.status = DpiaStatus.ADVISED  # a changed DPIA needs a new decision
        for name in TEXT_FIELDS:
            if name in values:
                setattr(record, name, values[name] or "")
        self._write_parts(record, values, actor=actor, reason=reason)

    def record_url(self, municipality, pk: int) -> str:
        return reverse("dpia:detail", args=[municipality.slug, pk])

    def adopted_list_url(self, municipality) -> str:
        return reverse("dpia:list", args=[municipality.slug])
