"""The two kinds of template this app adds to the library: the cooperation's årshjul (adopted by a
municipality for a year) and the kartlegging questionnaire (answered by a municipality for a date).
Versions, publishing and the diff are the library's; the kinds know the content and the records."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from isms.core.forms import DesignsystemetMixin
from isms.core.library.kinds import TemplateKind, norwegian_slug
from isms.protocol.models.choices import Sector

from .models import MATURITY_LEVELS, ActivityKind, AnnualCycle, Assessment

ACTIVITIES = "activities"
QUESTIONS = "questions"
KIND_BY_WORD = {
    **{code: code for code in ActivityKind.values},
    **{str(label).lower(): code for code, label in ActivityKind.choices},
}


def _months(text: str) -> list[int] | None:
    """ "3, 11" → [3, 11]; None when a month is not a number 1–12."""
    numbers = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or not 1 <= int(part) <= 12:
            return None
        numbers.append(int(part))
    return sorted(set(numbers)) or None


def activity_line(activity: dict[str, Any]) -> str:
    months = ",".join(str(month) for month in activity.get("months", []))
    return " | ".join([activity["title"], months, activity.get("kind", ""), activity.get("role", "")])


class ActivityLinesField(forms.CharField):
    """Activities one per line: "Activity | months (3,11) | what it concerns | responsible role"."""

    widget = forms.Textarea(attrs={"rows": 10})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(activity_line(activity) for activity in value)
        return value

    def to_python(self, value) -> list[dict[str, Any]]:
        if isinstance(value, list):
            value = self.prepare_value(value)
        activities, errors, keys = [], [], set()
        for number, line in enumerate((value or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")] + ["", "", ""]
            title, months_text, kind_word, role = parts[:4]
            months = _months(months_text)
            kind = KIND_BY_WORD.get(kind_word.lower() or "other")
            if not title or months is None:
                errors.append(
                    _("Line %(n)s: write “activity | months 1–12, e.g. 3,11 | what it concerns | responsible role”.")
                    % {"n": number}
                )
                continue
            if kind is None:
                errors.append(
                    _("Line %(n)s: “%(word)s” is not a kind of activity (%(kinds)s).")
                    % {"n": number, "word": kind_word, "kinds": ", ".join(ActivityKind.values)}
                )
                continue
            key = norwegian_slug(title)[:80]
            if key in keys:
                errors.append(_("Line %(n)s: the activity “%(title)s” appears twice.") % {"n": number, "title": title})
                continue
            keys.add(key)
            activities.append({"key": key, "title": title, "months": months, "kind": kind, "role": role})
        if errors:
            raise ValidationError(errors)
        return activities


class CycleContentForm(DesignsystemetMixin, forms.Form):
    scope = forms.CharField(label=_("Scope"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    activities = ActivityLinesField(
        label=_("Activities"),
        help_text=_(
            "One per line: activity | months (1–12, e.g. 3,11) | what it concerns (ros, protocol, agreements, dpia, "
            "course, internal_control, maturity, management_review, board, reporting, other) | responsible role."
        ),
    )

    def sections(self):
        return [(_("Activities of the year"), [self["scope"], self[ACTIVITIES]])]


class AnnualCycleKind(TemplateKind):
    code = "cycle"
    label = _("annual cycle")
    label_plural = _("annual cycles")
    model = AnnualCycle
    content_form_class = CycleContentForm
    title_field = "title"
    content_prefix = "content"

    def content_from_cleaned(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        return {"scope": str(cleaned.get("scope") or "").strip(), ACTIVITIES: cleaned.get(ACTIVITIES) or []}

    def display(self, name: str, value: Any) -> str:
        if name == ACTIVITIES:
            return "\n".join(activity_line(activity) for activity in value or []) or "—"
        return str(value) if value not in (None, "") else "—"

    def records(self):
        """This year's and later årshjul: a past year is history and takes in no newer template version."""
        return AnnualCycle.objects.filter(template__isnull=False, year__gte=timezone.localdate().year)

    def detail_queryset(self, municipality):
        return super().detail_queryset(municipality).prefetch_related("activities")

    def record_value(self, record: AnnualCycle, name: str) -> Any:
        if name == ACTIVITIES:
            return [
                {"key": a.template_key, "title": a.title, "months": a.month_numbers, "kind": a.kind,
                 "role": a.responsible_role}
                for a in sorted(record.activities.all(), key=lambda a: a.pk)
                if a.template_key
            ]  # fmt: skip
        return super().record_value(record, name)

    def unlinked_record_with_title(self, municipality, title: str):
        return None  # an own årshjul is never linked by title: the year decides

    def create_record(self, *, municipality, title, content, template_values, actor, reason) -> AnnualCycle:
        from .services import create_cycle

        return create_cycle(
            municipality=municipality,
            year=timezone.localdate().year,
            title=title,
            content=content,
            template_values=template_values,
            actor=actor,
            reason=reason,
        )

    def apply_content(self, record: AnnualCycle, values: dict[str, Any], *, actor, reason: str) -> None:
        from .services import write_template_activities

        activities = values.pop(ACTIVITIES, None)
        if "scope" in values:
            record.scope = values["scope"] or ""
        if activities is not None:
            write_template_activities(record, activities, actor=actor, reason=reason)

    def record_url(self, municipality, pk: int) -> str:
        year = AnnualCycle.objects.values_list("year", flat=True).get(pk=pk)
        return reverse("cycle:cycle_detail", args=[municipality.slug, year])

    def adopted_list_url(self, municipality) -> str:
        return reverse("cycle:cycle_index", args=[municipality.slug])


def question_line(question: dict[str, Any]) -> str:
    return " | ".join([question["area"], question["text"], *question.get("levels", [])])


class QuestionLinesField(forms.CharField):
    """Questions one per line: "Area | Question | level 0 | level 1 | level 2 | level 3 | level 4"."""

    widget = forms.Textarea(attrs={"rows": 12})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(question_line(question) for question in value)
        return value

    def to_python(self, value) -> list[dict[str, Any]]:
        if isinstance(value, list):
            value = self.prepare_value(value)
        questions, errors, keys = [], [], set()
        for number, line in enumerate((value or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            if len(parts) != 2 + len(MATURITY_LEVELS) or not all(parts):
                errors.append(
                    _("Line %(n)s: write “area | question | level 0 | level 1 | level 2 | level 3 | level 4”.")
                    % {"n": number}
                )
                continue
            area, text, *levels = parts
            key = norwegian_slug(f"{area}-{text}")[:80]
            if key in keys:
                errors.append(_("Line %(n)s: the question appears twice.") % {"n": number})
                continue
            keys.add(key)
            questions.append({"key": key, "area": area, "text": text, "levels": levels})
        if errors:
            raise ValidationError(errors)
        return questions


SECTOR_CHOICES = [("", _("The whole municipality")), *Sector.choices]


class QuestionnaireContentForm(DesignsystemetMixin, forms.Form):
    sector = forms.ChoiceField(label=_("Sector"), choices=SECTOR_CHOICES, required=False)
    introduction = forms.CharField(label=_("Introduction"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    questions = QuestionLinesField(
        label=_("Questions"),
        help_text=_(
            "One per line: area | question | what level 0 means | level 1 | level 2 | level 3 | level 4 "
            "(0 = not in place, 4 = in place, followed up and improved)."
        ),
    )

    def sections(self):
        return [(_("Questionnaire"), [self["sector"], self["introduction"], self[QUESTIONS]])]


class QuestionnaireKind(TemplateKind):
    code = "maturity"
    label = _("kartlegging questionnaire")
    label_plural = _("kartlegging questionnaires")
    model = Assessment
    content_form_class = QuestionnaireContentForm
    group_field = "sector"
    title_field = "title"
    content_prefix = "content"

    def content_from_cleaned(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        return {
            "sector": str(cleaned.get("sector") or ""),
            "introduction": str(cleaned.get("introduction") or "").replace("\r\n", "\n").strip(),
            QUESTIONS: cleaned.get(QUESTIONS) or [],
        }

    def display(self, name: str, value: Any) -> str:
        if name == QUESTIONS:
            return "\n".join(question_line(question) for question in value or []) or "—"
        if name == "sector":
            return str(dict(SECTOR_CHOICES).get(value or "", value))
        return str(value) if value not in (None, "") else "—"

    def group_label(self, code: str) -> str:
        return str(dict(SECTOR_CHOICES).get(code or "", code))

    def group_sort_key(self, code: str) -> tuple[int, str]:
        order = [value for value, _label in SECTOR_CHOICES]
        return (order.index(code) if code in order else len(order), self.group_label(code))

    def records(self):
        """None: a municipality answers a questionnaire again and again, and a kartlegging keeps the version it
        answered, so the library neither refuses a second one nor offers it a newer version to take in."""
        return Assessment.objects.none()

    def record_value(self, record: Assessment, name: str) -> Any:
        return None  # a kartlegging keeps the version it answered; it never takes in a newer one

    def unlinked_record_with_title(self, municipality, title: str):
        return None

    def create_record(self, *, municipality, title, content, template_values, actor, reason) -> Assessment:
        from .services import start_assessment_record

        return start_assessment_record(
            municipality=municipality,
            title=title,
            assessed_on=timezone.localdate(),
            template_values=template_values,
            actor=actor,
            reason=reason,
        )

    def record_url(self, municipality, pk: int) -> str:
        return reverse("cycle:assessment_detail", args=[municipality.slug, pk])

    def adopted_list_url(self, municipality) -> str:
        return reverse("cycle:assessment_list", args=[municipality.slug])
