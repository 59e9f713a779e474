"""Every write to the template library: drafts, publishing, adoption and taking in a newer version."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Model
from django.utils.translation import gettext as _

from ..models import Municipality, Template, TemplateParticipant, TemplateVersion, User
from ..tracking import ReasonRequiredError, create_tracked, delete_tracked, lock_for_edit, save_new_version
from .kinds import ContentChange, TemplateKind, get_kind, norwegian_slug, same_value


class TemplateError(Exception):
    """A refused library action; the message is for the user, in bokmål."""


class TemplateVersionChangedError(TemplateError):
    """A newer template version was published after the take-in form was opened."""


class ContentInvalidError(TemplateError):
    def __init__(self, message: str, errors: dict[str, list[str]]):
        super().__init__(message)
        self.errors = errors


def title_change(old: str, new: str) -> ContentChange:
    """The template's title shown as the first line of a diff."""
    return ContentChange("title", _("Title"), old, new)


def latest_version(template: Template) -> TemplateVersion | None:
    return template.versions.order_by("-number").first()


def nothing_to_publish(template: Template, latest: TemplateVersion | None) -> bool:
    """Whether the draft says exactly what its latest published version says."""
    return latest is not None and latest.content == template.content and latest.title == template.title


def _differs_from_published(template: Template) -> bool:
    return not nothing_to_publish(template, latest_version(template))


def _unique_key(kind: TemplateKind, title: str) -> str:
    base = norwegian_slug(title)[:70] or kind.code
    taken = set(Template.objects.filter(kind=kind.code, key__startswith=base).values_list("key", flat=True))
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def _sync_participants(template: Template, wanted: Iterable[Municipality], *, actor: User, reason: str) -> bool:
    wanted_ids = {municipality.pk for municipality in wanted}
    current = {p.municipality_id: p for p in TemplateParticipant.objects.filter(template=template)}
    for municipality_id in wanted_ids - set(current):
        create_tracked(
            TemplateParticipant,
            actor=actor,
            reason=reason,
            values={"template": template, "municipality_id": municipality_id},
        )
    for municipality_id in set(current) - wanted_ids:
        delete_tracked(current[municipality_id], actor=actor, reason=reason)
    return wanted_ids != set(current)


def save_template(
    *,
    kind: TemplateKind,
    actor: User | None,
    values: dict[str, Any],
    content: dict[str, Any],
    reason: str,
    participants: Iterable[Municipality] = (),
    template: Template | None = None,
    expected_version: int | None = None,
    key: str = "",
) -> tuple[Template, bool]:
    """Create a draft or change one. `content` is already cleaned by the kind's content form.

    Participants only matter for a joint assessment; a template that is not joint has none.
    """
    values = {**values, "content": content, "group": kind.group_of(content)}
    participants = list(participants) if values.get("is_joint") else []
    with transaction.atomic():
        if template is None:
            obj = create_tracked(
                Template,
                actor=actor,
                reason=reason or _("Created"),
                values={"kind": kind.code, "key": key or _unique_key(kind, values["title"]), **values},
            )
            _sync_participants(obj, participants, actor=actor, reason=reason)
            return obj, True
        current = lock_for_edit(Template, pk=template.pk, expected_version=expected_version)
        changed = False
        for name, value in values.items():
            if getattr(current, name) != value:
                setattr(current, name, value)
                changed = True
        changed |= _sync_participants(current, participants, actor=actor, reason=reason)
        if not changed:
            return current, False
        current.has_unpublished_changes = _differs_from_published(current)
        save_new_version(current, actor=actor, reason=reason)
        return current, True


def publish_template(
    *, template: Template, actor: User | None, change_note: str, expected_version: int
) -> TemplateVersion:
    """Publish the draft as the next version. Refused when nothing changed since the last one."""
    with transaction.atomic():
        current = lock_for_edit(Template, pk=template.pk, expected_version=expected_version)
        latest = latest_version(current)
        if nothing_to_publish(current, latest):
            raise TemplateError(
                _("The template has not changed since version %(n)s; there is nothing to publish.")
                % {"n": latest.number}
            )
        if latest is not None and not change_note.strip():
            raise ReasonRequiredError(_("Describe what changed, so the municipalities can decide."))
        kind = get_kind(current.kind)
        _content, errors = kind.clean_content(current.content)
        if errors:
            raise ContentInvalidError(_("The draft has errors; correct them before publishing."), errors)
        number = current.published_version + 1
        version = TemplateVersion.objects.create(
            template=current,
            number=number,
            title=current.title,
            content=current.content,
            change_note=change_note.strip(),
            published_by=actor,
        )
        current.published_version = number
        current.has_unpublished_changes = False
        note = change_note.strip() or _("First version")
        save_new_version(
            current, actor=actor, reason=_("Published as version %(n)s: %(note)s") % {"n": number, "note": note}
        )
    return version


@dataclass
class AdoptionResult:
    created: list[Model] = field(default_factory=list)
    linked: list[Model] = field(default_factory=list)


def adopt_templates(
    *, kind: TemplateKind, municipality: Municipality, templates: list[Template], actor: User, reason: str = ""
) -> AdoptionResult:
    """Make a record of the municipality from the latest version of each template, all or none.

    A record of the municipality with the template's title and no template of its own is linked to the
    template instead of duplicated (its text stays; later versions are offered as a diff).
    """
    result = AdoptionResult()
    with transaction.atomic():
        Municipality.objects.select_for_update().get(pk=municipality.pk)  # one adoption at a time per tenant
        ids = [template.pk for template in templates]
        versions = {
            version.template_id: version
            for version in TemplateVersion.objects.select_related("template").filter(
                template_id__in=ids, template__kind=kind.code, number=F("template__published_version")
            )
        }
        missing = [template.title for template in templates if template.pk not in versions]
        if missing:
            raise TemplateError(_("Not published and cannot be adopted: %s.") % ", ".join(missing))
        adopted = list(
            kind.records()
            .filter(municipality=municipality, template_id__in=ids)
            .values_list("template__title", flat=True)
        )
        if adopted:
            raise TemplateError(_("Already adopted by the municipality: %s.") % ", ".join(sorted(adopted)))
        joint_ids = [pk for pk, version in versions.items() if version.template.is_joint]
        participating = set(
            TemplateParticipant.objects.filter(template_id__in=joint_ids, municipality=municipality).values_list(
                "template_id", flat=True
            )
        )
        outsiders = [versions[pk].template.title for pk in joint_ids if pk not in participating]
        if outsiders:
            raise TemplateError(
                _("The municipality does not take part in these joint assessments: %s.") % ", ".join(outsiders)
            )
        for template in templates:
            version = versions[template.pk]
            template_values = {"template": version.template, "template_version": version.number}
            existing = kind.unlinked_record_with_title(municipality, version.title)
            if existing is not None:
                existing = lock_for_edit(kind.model, pk=existing.pk, expected_version=existing.version)
                for name, value in template_values.items():
                    setattr(existing, name, value)
                save_new_version(
                    existing,
                    actor=actor,
                    reason=_("Linked to the template %(title)s, version %(n)s")
                    % {"title": version.title, "n": version.number},
                )
                result.linked.append(existing)
                continue
            record_reason = reason.strip() or _("Adopted from the template %(title)s, version %(n)s") % {
                "title": version.title,
                "n": version.number,
            }
            try:
                with transaction.atomic():
                    record = kind.create_record(
                        municipality=municipality,
                        title=version.title,
                        content=version.content,
                        template_values=template_values,
                        actor=actor,
                        reason=record_reason,
                    )
            except IntegrityError as exc:
                raise TemplateError(_("Already adopted by the municipality: %s.") % version.title) from exc
            result.created.append(record)
    return result


@dataclass(frozen=True)
class PendingUpdate:
    """What a record would take in from a newer template version, field by field."""

    record: Model
    template: Template
    adopted: TemplateVersion
    latest: TemplateVersion
    changes: list  # ContentChange, with the record's own value beside it
    local: dict[str, str]  # field → the record's current value as displayed
    adapted: set[str]  # fields the municipality had changed from the version it adopted
    between: list  # every version after the adopted one up to the latest, oldest first (their change notes)


def pending_update(kind: TemplateKind, record: Model) -> PendingUpdate | None:
    """The diff between the version the record adopted and the latest one (None when up to date)."""
    if record.template_id is None:
        return None
    versions = {
        version.number: version
        for version in TemplateVersion.objects.select_related("template").filter(
            number__gte=record.template_version or 0,
            number__lte=F("template__published_version"),
            template_id=record.template_id,
        )
    }
    if not versions:
        return None
    latest = versions[max(versions)]
    adopted = versions.get(record.template_version or 0)
    if adopted is None or latest.number <= adopted.number:
        return None
    changes = kind.diff(adopted.content, latest.content)
    local = {change.field: kind.display(change.field, kind.record_value(record, change.field)) for change in changes}
    adapted = {
        change.field
        for change in changes
        if not same_value(kind.record_value(record, change.field), adopted.content.get(change.field))
    }
    between = [versions[number] for number in sorted(versions) if number > adopted.number]
    return PendingUpdate(record, latest.template, adopted, latest, changes, local, adapted, between)


def take_in_template_version(
    *,
    kind: TemplateKind,
    record: Model,
    fields: Iterable[str],
    actor: User,
    reason: str,
    expected_version: int,
    expected_template_version: int | None = None,
) -> Model:
    """Move the record to the template's latest version, taking in the chosen changed fields.

    Fields not chosen keep the municipality's own text; the history row names both, with the reason.
    `expected_template_version` is the version whose diff the editor chose from: when a newer one has
    been published since, nothing is written (the editor must see its changes before choosing).
    """
    fields = set(fields)
    if not reason.strip():
        raise ReasonRequiredError(_("Explain why you make this change."))
    with transaction.atomic():
        current = lock_for_edit(kind.model, pk=record.pk, expected_version=expected_version)
        update = pending_update(kind, current)
        if update is None:
            raise TemplateError(_("The record already follows the latest version of the template."))
        if expected_template_version is not None and update.latest.number != expected_template_version:
            raise TemplateVersionChangedError(
                _(
                    "Version %(n)s of the template was published while you were choosing. Nothing was saved: "
                    "read the changes again and make your choice."
                )
                % {"n": update.latest.number}
            )
        changed = {change.field: change for change in update.changes}
        unknown = fields - set(changed)
        if unknown:
            raise TemplateError(_("These fields did not change in the template: %s.") % ", ".join(sorted(unknown)))
        kind.apply_content(
            current, {name: update.latest.content.get(name) for name in fields}, actor=actor, reason=reason
        )
        merged = {name: kind.record_value(current, name) for name in kind.field_names}
        _content, errors = kind.clean_content(merged)
        if errors:
            raise ContentInvalidError(
                _("Taking in only these fields would leave the record inconsistent; choose the related fields too."),
                errors,
            )
        current.template_version = update.latest.number
        taken = [changed[name].label for name in changed if name in fields]
        kept = [changed[name].label for name in changed if name not in fields]
        summary = _("Template version %(old)s → %(new)s.") % {"old": update.adopted.number, "new": update.latest.number}
        if taken:
            summary += " " + _("Taken in: %s.") % ", ".join(taken)
        if kept:
            summary += " " + _("Kept locally: %s.") % ", ".join(kept)
        save_new_version(current, actor=actor, reason=f"{reason.strip()} ({summary})")
    return current
