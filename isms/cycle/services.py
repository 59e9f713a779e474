"""Every write of the cycle app. A write to an activity, answer or decision also writes its root's next
version with the same reason, so the root's version names the whole aggregate."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from isms.core.models import (
    Membership,
    MembershipRole,
    Municipality,
    SignOff,
    SignOffDecision,
    SignOffRole,
    Template,
    TemplateVersion,
    User,
)
from isms.core.signoff import record_signoff
from isms.core.tracking import (
    ReasonRequiredError,
    assign_changes,
    create_tracked,
    delete_tracked,
    lock_for_edit,
    save_new_version,
    save_state_change,
)

from .models import (
    MATURITY_LEVELS,
    ActivityKind,
    ActivityStatus,
    AnnualCycle,
    Assessment,
    AssessmentAnswer,
    AssessmentStatus,
    CycleActivity,
    DecisionStatus,
    ManagementReview,
    ReviewDecision,
    ReviewStatus,
)

ACTIVITY_FIELDS = ("title", "kind", "months", "responsible_role", "owner", "description")


class CycleInputError(ValueError):
    """Input refused with a message for the user, in bokmål."""


def _bump(model, root, *, actor: User, reason: str, expected_version: int | None = None):
    """Lock the root (at the version the user saw, when given) and write its next version."""
    if expected_version is None:
        current = model.objects.select_for_update().get(pk=root.pk)
    else:
        current = lock_for_edit(model, pk=root.pk, expected_version=expected_version)
    save_new_version(current, actor=actor, reason=reason)
    return current


# Årshjul ---------------------------------------------------------------------------------------------
def _check_year(municipality: Municipality, year: int) -> None:
    if not 2000 <= year <= 2100:
        raise CycleInputError(_("The year must be between 2000 and 2100."))
    if AnnualCycle.objects.filter(municipality=municipality, year=year).exists():
        raise CycleInputError(
            _("%(name)s already has an annual cycle for %(year)s.") % {"name": municipality.name, "year": year}
        )


def _check_months(months) -> list[str]:
    values = [str(month).strip() for month in months or []]
    if not values:
        raise CycleInputError(_("Choose at least one month."))
    if any(not value.isdigit() or not 1 <= int(value) <= 12 for value in values):
        raise CycleInputError(_("A month must be a number from 1 to 12."))
    return sorted(set(values), key=int)


def create_cycle(
    *,
    municipality: Municipality,
    year: int,
    title: str,
    content: dict[str, Any],
    actor: User | None,
    reason: str,
    template_values: dict[str, Any] | None = None,
) -> AnnualCycle:
    """A municipality's årshjul for a year, with the activities of the template content (if any)."""
    with transaction.atomic():
        Municipality.objects.select_for_update().get(pk=municipality.pk)
        _check_year(municipality, year)
        try:
            with transaction.atomic():
                cycle = create_tracked(
                    AnnualCycle,
                    actor=actor,
                    reason=reason,
                    values={"municipality": municipality, "year": year, "title": title,
                            "scope": content.get("scope", ""), **(template_values or {})},
                )  # fmt: skip
        except IntegrityError as exc:
            raise CycleInputError(
                _("%(name)s already has an annual cycle for %(year)s.") % {"name": municipality.name, "year": year}
            ) from exc
        activities = content.get("activities") or []
        if activities:
            write_template_activities(cycle, activities, actor=actor, reason=reason)
            save_state_change(cycle, actor=actor, reason=reason)  # version 1 includes its activities
        return cycle


def adopt_cycle(
    *, template: Template, municipality: Municipality, year: int, actor: User, reason: str = ""
) -> AnnualCycle:
    """Adopt the latest published version of the cooperation's årshjul for one year."""
    version = (
        TemplateVersion.objects.select_related("template")
        .filter(template=template, template__kind="cycle", number=F("template__published_version"))
        .first()
    )
    if version is None:
        raise CycleInputError(_("The annual cycle template is not published."))
    return create_cycle(
        municipality=municipality,
        year=year,
        title=version.title,
        content=version.content,
        template_values={"template": template, "template_version": version.number},
        actor=actor,
        reason=reason.strip()
        or _("Adopted from the template %(title)s, version %(n)s") % {"title": version.title, "n": version.number},
    )


def write_template_activities(cycle: AnnualCycle, activities: list[dict], *, actor, reason: str) -> None:
    """Bring the activities that came from the template to `activities`; the municipality's own stay. An
    activity already done or skipped keeps its status."""
    existing = {a.template_key: a for a in CycleActivity.objects.filter(cycle=cycle).exclude(template_key="")}
    for item in activities:
        values = {
            "title": item["title"],
            "months": [str(month) for month in item.get("months", [])],
            "due_month": max(item.get("months") or [12]),
            "kind": item.get("kind") or ActivityKind.OTHER,
            "responsible_role": item.get("role", ""),
        }
        current = existing.pop(item["key"], None)
        if current is None:
            create_tracked(
                CycleActivity,
                actor=actor,
                reason=reason,
                values={
                    **values,
                    "template_key": item["key"],
                    "cycle": cycle,
                    "municipality_id": cycle.municipality_id,
                },
            )
        elif assign_changes(current, values):
            save_new_version(current, actor=actor, reason=reason or "—")
    for gone in existing.values():
        if gone.status in (ActivityStatus.DONE, ActivityStatus.SKIPPED):
            continue  # what was done that year stays in the year
        delete_tracked(gone, actor=actor, reason=reason)


def save_activity(
    *,
    cycle: AnnualCycle,
    actor: User,
    values: dict[str, Any],
    reason: str,
    expected_version: int,
    activity: CycleActivity | None = None,
) -> tuple[CycleActivity, bool]:
    """Add an own activity or change one; `expected_version` is the activity's (or, for a new one, the
    årshjul's) version when the form was opened."""
    values = {name: values[name] for name in ACTIVITY_FIELDS if name in values}
    values["months"] = _check_months(values.get("months"))
    values["due_month"] = int(values["months"][-1])
    if not str(values.get("title", "")).strip():
        raise CycleInputError(_("Name the activity."))
    with transaction.atomic():
        if activity is None:
            root = _bump(AnnualCycle, cycle, actor=actor, reason=reason or _("Activity: %s") % values["title"],
                         expected_version=expected_version)  # fmt: skip
            obj = create_tracked(
                CycleActivity,
                actor=actor,
                reason=reason,
                values={**values, "cycle": root, "municipality_id": root.municipality_id},
            )
            return obj, True
        current = lock_for_edit(CycleActivity, pk=activity.pk, expected_version=expected_version)
        if not assign_changes(current, values):
            return current, False
        save_new_version(current, actor=actor, reason=reason or _("Changed"))
        _bump(AnnualCycle, cycle, actor=actor, reason=reason or _("Activity: %s") % current.title)
        return current, True


def set_activity_status(
    *,
    activity: CycleActivity,
    actor: User,
    status: str,
    reason: str,
    expected_version: int,
    done_on: datetime.date | None = None,
) -> CycleActivity:
    """Planned, in progress, done (today, or the day given) or skipped (with the reason). Activities the
    records complete (a ROS signed, the protocol reviewed) are not marked by hand."""
    if status not in ActivityStatus.values:
        raise CycleInputError(_("Choose a status."))
    if done_on is not None and done_on > timezone.localdate():
        raise CycleInputError(_("An activity cannot be done on a day in the future."))
    with transaction.atomic():
        current = lock_for_edit(CycleActivity, pk=activity.pk, expected_version=expected_version)
        if current.done_by_system and status in (ActivityStatus.DONE, ActivityStatus.IN_PROGRESS):
            raise CycleInputError(
                _("“%(title)s” is marked done from the records (%(kind)s), not by hand.")
                % {"title": current.title, "kind": current.get_kind_display()}
            )
        if status == ActivityStatus.SKIPPED and not reason.strip():
            raise CycleInputError(_("Say why the activity is skipped."))
        current.status = status
        current.skip_reason = reason.strip() if status == ActivityStatus.SKIPPED else ""
        current.done_on = (done_on or timezone.localdate()) if status == ActivityStatus.DONE else None
        label = ActivityStatus(status).label
        why = f"{label}: {reason.strip()}" if reason.strip() else str(label)
        save_new_version(current, actor=actor, reason=why)
        _bump(AnnualCycle, current.cycle, actor=actor, reason=f"{current.title}: {why}")
        return current


# Kartlegging -----------------------------------------------------------------------------------------
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


# Ledelsens gjennomgang ---------------------------------------------------------------------------------
REVIEW_FIELDS = (
    "held_on", "participants", "assessment_records", "assessment_incidents", "assessment_maturity",
    "assessment_previous", "conclusion",
)  # fmt: skip
DECISION_FIELDS = ("kind", "title", "description", "owner", "due_on", "status")


def _reopen_if_signed(root: ManagementReview) -> None:
    if root.status == ReviewStatus.APPROVED:
        root.status = ReviewStatus.DRAFT  # a changed review needs a new signature ("Endret etter godkjenning")


def start_review(*, municipality: Municipality, year: int, actor: User) -> ManagementReview:
    """The year's review, with the inputs gathered and last year's open decisions carried over."""
    from .selectors import review_inputs

    if not 2000 <= year <= 2100:
        raise CycleInputError(_("The year must be between 2000 and 2100."))
    with transaction.atomic():
        Municipality.objects.select_for_update().get(pk=municipality.pk)
        if ManagementReview.objects.filter(municipality=municipality, year=year).exists():
            raise CycleInputError(
                _("%(name)s already has a management review for %(year)s.") % {"name": municipality.name, "year": year}
            )
        previous = ManagementReview.objects.filter(municipality=municipality, year__lt=year).order_by("-year").first()
        reason = _("Started")
        review = create_tracked(
            ManagementReview,
            actor=actor,
            reason=reason,
            values={"municipality": municipality, "year": year, "previous": previous,
                    "inputs": review_inputs(municipality, year), "inputs_gathered_at": timezone.now()},
        )  # fmt: skip
        if previous is not None:
            for decision in previous.decisions.filter(status=DecisionStatus.OPEN):
                create_tracked(
                    ReviewDecision,
                    actor=actor,
                    reason=_("Carried over from %(year)s") % {"year": previous.year},
                    values={
                        **{
                            name: getattr(decision, name)
                            for name in ("kind", "title", "description", "owner", "due_on")
                        },
                        "review": review,
                        "municipality_id": municipality.pk,
                        "carried_from": decision,
                    },
                )
            save_state_change(review, actor=actor, reason=reason)
        return review


def refresh_inputs(*, review: ManagementReview, actor: User, expected_version: int) -> ManagementReview:
    from .selectors import review_inputs

    with transaction.atomic():
        root = lock_for_edit(ManagementReview, pk=review.pk, expected_version=expected_version)
        root.inputs = review_inputs(root.municipality, root.year)
        root.inputs_gathered_at = timezone.now()
        _reopen_if_signed(root)
        save_new_version(root, actor=actor, reason=_("Inputs gathered again from the records"))
        return root


def save_review(
    *, review: ManagementReview, actor: User, values: dict[str, Any], reason: str, expected_version: int
) -> tuple[ManagementReview, bool]:
    with transaction.atomic():
        root = lock_for_edit(ManagementReview, pk=review.pk, expected_version=expected_version)
        if not assign_changes(root, {name: values[name] for name in REVIEW_FIELDS if name in values}):
            return root, False
        _reopen_if_signed(root)
        save_new_version(root, actor=actor, reason=reason)
        return root, True


def save_decision(
    *,
    review: ManagementReview,
    actor: User,
    values: dict[str, Any],
    reason: str,
    expected_version: int,
    decision: ReviewDecision | None = None,
) -> ReviewDecision:
    """Add or change a decision; the review moves to its next version (a signed one must be signed again)."""
    values = {name: values[name] for name in DECISION_FIELDS if name in values}
    if not str(values.get("title", "")).strip():
        raise CycleInputError(_("Write the decision."))
    with transaction.atomic():
        root = lock_for_edit(ManagementReview, pk=review.pk, expected_version=expected_version)
        if root.change_reason_required and not reason.strip():
            raise ReasonRequiredError("A reason is required for this change.")
        if decision is None:
            obj = create_tracked(
                ReviewDecision,
                actor=actor,
                reason=reason,
                values={**values, "review": root, "municipality_id": root.municipality_id},
            )
        else:
            obj = ReviewDecision.objects.select_for_update().get(pk=decision.pk, review=root)
            if not assign_changes(obj, values):
                return obj
            save_new_version(obj, actor=actor, reason=reason or _("Changed"))
        _reopen_if_signed(root)
        save_new_version(root, actor=actor, reason=reason.strip() or _("Decision: %s") % obj.title)
        return obj


def is_leader_of(user: User, municipality: Municipality) -> bool:
    return Membership.objects.filter(user=user, municipality=municipality, role=MembershipRole.LEADER).exists()


def sign_review(*, review: ManagementReview, signer: User, comment: str, expected_version: int) -> SignOff:
    """The leader signs exactly the version they read; a review without decisions cannot be signed."""
    with transaction.atomic():
        root = lock_for_edit(ManagementReview, pk=review.pk, expected_version=expected_version)
        if not is_leader_of(signer, root.municipality):
            raise CycleInputError(_("Only a leader of the municipality can sign the management review."))
        if root.signoff_state.is_current:
            raise CycleInputError(_("This version has already been signed."))
        if not root.decisions.exists():
            raise CycleInputError(
                _("Record the management's decisions and actions before you sign; a review without decisions "
                  "cannot be signed.")
            )  # fmt: skip
        signoff = record_signoff(
            root=root, signer=signer, role=SignOffRole.LEADER, decision=SignOffDecision.APPROVED, comment=comment
        )
        root.status = ReviewStatus.APPROVED
        root.record_decision(signoff)
        save_state_change(root, actor=signer, reason=f"{_('Signed')}: {comment.strip()}".strip(": "))
        return signoff
