"""Writes of the kartlegging: answers, completion, and an activity or ROS measure proposed from a weak area."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from isms.core.models import (
    Municipality,
    Template,
    TemplateVersion,
    User,
)
from isms.core.tracking import (
    ReasonRequiredError,
    assign_changes,
    create_tracked,
    lock_for_edit,
    save_new_version,
    save_state_change,
)

from ..models import (
    MATURITY_LEVELS,
    ActivityKind,
    AnnualCycle,
    Assessment,
    AssessmentAnswer,
    AssessmentStatus,
    CycleActivity,
)
from .annual import save_activity
from .errors import CycleInputError


def start_assessment_record(*, municipality, title, assessed_on, template_values, actor, reason) -> Assessment:
    return create_tracked(
        Assessment,
        actor=actor,
        reason=reason,
        values={"municipality": municipality, "title": title, "assessed_on": assessed_on, **template_values},
    )


def start_assessment(
    *, municipality: Municipality, template: Template, assessed_on, actor: User, participants: str = ""
) -> Assessment:
    """A new kartlegging of the municipality, pinned to the questionnaire's latest published version."""
    if template.kind != "maturity" or not template.is_published:
        raise CycleInputError(_("Choose a published questionnaire."))
    if assessed_on > timezone.localdate():
        raise CycleInputError(_("The date of a kartlegging cannot be in the future."))
    with transaction.atomic():
        assessment = start_assessment_record(
            municipality=municipality,
            title=template.title,
            assessed_on=assessed_on,
            template_values={"template": template, "template_version": template.published_version},
            actor=actor,
            reason=_("Started with version %(n)s of the questionnaire") % {"n": template.published_version},
        )
        if participants.strip():
            assessment.participants = participants.strip()
            save_state_change(assessment, actor=actor, reason=_("Participants"))
        return assessment


def questions_of(assessment: Assessment) -> list[dict]:
    """The questions of the version the kartlegging answers (never a later one)."""
    version = TemplateVersion.objects.get(template_id=assessment.template_id, number=assessment.template_version)
    return version.content.get("questions", [])


def save_answers(
    *,
    assessment: Assessment,
    actor: User,
    answers: dict[str, dict[str, Any]],
    questionnaire_version: int,
    expected_version: int,
    reason: str = "",
) -> Assessment:
    """Write the answers (question key → level, comment, evidence link) against the version answered.

    A newer version of the questionnaire published meanwhile changes nothing: the answers belong to the
    version the form showed, which the kartlegging is pinned to."""
    if questionnaire_version != assessment.template_version:
        raise CycleInputError(
            _("These answers are to version %(a)s of the questionnaire; this kartlegging answers version %(b)s.")
            % {"a": questionnaire_version, "b": assessment.template_version}
        )
    questions = {question["key"]: question for question in questions_of(assessment)}
    unknown = set(answers) - set(questions)
    if unknown:
        raise CycleInputError(_("Unknown questions: %s.") % ", ".join(sorted(unknown)))
    for key, answer in answers.items():
        level = answer.get("level")
        if level is not None and level not in MATURITY_LEVELS:
            raise CycleInputError(_("“%(q)s”: the level must be 0–4.") % {"q": questions[key]["text"]})
    with transaction.atomic():
        root = lock_for_edit(Assessment, pk=assessment.pk, expected_version=expected_version)
        if root.change_reason_required and not reason.strip():
            raise ReasonRequiredError("A reason is required for this change.")
        existing = {row.question_key: row for row in AssessmentAnswer.objects.filter(assessment=root)}
        changed = False
        for key, answer in answers.items():
            values = {
                "level": answer.get("level"),
                "comment": (answer.get("comment") or "").strip(),
                "evidence_url": (answer.get("evidence_url") or "").strip(),
                "area": questions[key]["area"],
            }
            row = existing.get(key)
            if row is None:
                if values["level"] is None and not values["comment"] and not values["evidence_url"]:
                    continue
                create_tracked(
                    AssessmentAnswer,
                    actor=actor,
                    reason=reason,
                    values={**values, "assessment": root, "question_key": key, "municipality_id": root.municipality_id},
                )
                changed = True
            elif assign_changes(row, values):
                save_new_version(row, actor=actor, reason=reason or _("Answer"))
                changed = True
        if changed:
            save_new_version(root, actor=actor, reason=reason or _("Answers saved"))
        return root


def complete_assessment(*, assessment: Assessment, actor: User, expected_version: int) -> Assessment:
    with transaction.atomic():
        root = lock_for_edit(Assessment, pk=assessment.pk, expected_version=expected_version)
        if root.status == AssessmentStatus.COMPLETED:
            raise CycleInputError(_("The kartlegging is already completed."))
        keys = {question["key"] for question in questions_of(root)}
        answered = set(
            AssessmentAnswer.objects.filter(assessment=root, level__isnull=False).values_list("question_key", flat=True)
        )
        missing = len(keys - answered)
        if missing:
            raise CycleInputError(
                _("Answer every question before you complete the kartlegging (%(n)s without a level).") % {"n": missing}
            )
        root.status = AssessmentStatus.COMPLETED
        root.completed_on = timezone.localdate()
        save_state_change(root, actor=actor, reason=_("Completed"))
        return root


def activity_from_area(*, assessment: Assessment, area: str, average: float, actor: User) -> CycleActivity:
    """A weak area of a kartlegging turned into an internal-control activity in this year's årshjul."""
    today = timezone.localdate()
    cycle = AnnualCycle.objects.filter(municipality_id=assessment.municipality_id, year=today.year).first()
    if cycle is None:
        raise CycleInputError(
            _("%(name)s has no annual cycle for %(year)s. Adopt or create it first.")
            % {"name": assessment.municipality.name, "year": today.year}
        )
    title = _("Improve: %(area)s") % {"area": area}
    if CycleActivity.objects.filter(cycle=cycle, title=title).exists():
        raise CycleInputError(
            _("“%(title)s” is already in the annual cycle for %(year)s.") % {"title": title, "year": today.year}
        )
    month = min(today.month + 1, 12)
    activity, _changed = save_activity(
        cycle=cycle,
        actor=actor,
        values={
            "title": title,
            "kind": ActivityKind.INTERNAL_CONTROL,
            "months": [str(month)],
            "description": _("From the kartlegging %(title)s: average maturity %(avg)s of 4.")
            % {"title": assessment, "avg": f"{average:.1f}".replace(".", ",")},
        },
        reason=_("From the kartlegging of %(date)s") % {"date": assessment.assessed_on.strftime("%d.%m.%Y")},
        expected_version=cycle.version,
    )
    return activity


def measure_from_area(*, assessment: Assessment, area: str, average: float, analysis, actor: User):
    """A weak area of a kartlegging turned into a planned measure of one of the municipality's ROS analyses
    (through the risk app's service: the analysis moves to its next version)."""
    from risk.models import AnalysisStatus
    from risk.services import RiskInputError, save_measure

    if analysis.municipality_id != assessment.municipality_id or analysis.status == AnalysisStatus.ARCHIVED:
        raise CycleInputError(_("Choose one of the municipality's ROS analyses in use."))
    title = _("Improve: %(area)s") % {"area": area}
    if analysis.measures.filter(title=title).exists():
        raise CycleInputError(
            _("“%(title)s” is already a measure of %(analysis)s.") % {"title": title, "analysis": analysis}
        )
    try:
        return save_measure(
            analysis=analysis,
            actor=actor,
            values={
                "title": title,
                "description": _("From the kartlegging %(title)s: average maturity %(avg)s of 4.")
                % {"title": assessment, "avg": f"{average:.1f}".replace(".", ",")},
                "owner": "",
            },
            scenario_ids=[],
            reason=_("From the kartlegging of %(date)s") % {"date": assessment.assessed_on.strftime("%d.%m.%Y")},
            expected_version=analysis.version,
        )
    except RiskInputError as error:
        raise CycleInputError(str(error)) from error
