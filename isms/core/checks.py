"""Scheduled deadline checks: a small registry, one function per kind, registered by each app in its
`ready()` like the other `register_*` hooks. Celery beat runs them daily (`run_deadline_checks`).

A check yields `Notice`s (which object, which occasion — a deadline, a version, a month — who is told and
what). The runner claims each notice with a unique row (`DeadlineNotice`) in the same transaction as its
notifications, so a second run, or a second worker at the same moment, tells nobody twice. Each check
reads its candidates in a fixed number of queries; writes are one claim and one notification per
recipient of what is new.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from .models import (
    DeadlineNotice,
    Delivery,
    GlobalRole,
    Membership,
    MembershipRole,
    Municipality,
    NotificationPreference,
    User,
)
from .notifications import notify, register_kind

logger = logging.getLogger(__name__)


@dataclass
class Notice:
    key: str  # the object, e.g. "processingactivity:12"
    occasion: str  # what this notice is about for the object, e.g. "overdue:2026-12-01" or "v4"
    municipality_id: int | None
    subject: str
    body: str
    link: str
    recipients: list[User] = field(default_factory=list)


@dataclass
class CheckContext:
    """What every check needs, read once per run: the day and who has which role where."""

    today: datetime.date

    @cached_property
    def _members(self) -> dict[int, dict[str, list[User]]]:
        grouped: dict[int, dict[str, list[User]]] = defaultdict(lambda: defaultdict(list))
        for membership in (
            Membership.objects.filter(user__is_active=True).select_related("user").order_by("user__email")
        ):
            grouped[membership.municipality_id][membership.role].append(membership.user)
        return grouped

    def members(self, municipality_id: int, *roles: str) -> list[User]:
        by_role = self._members.get(municipality_id, {})
        return [user for role in roles for user in by_role.get(role, [])]

    def editors(self, municipality_id: int) -> list[User]:
        """Who keeps a municipality's records: its editors, or its leaders when it has no editor."""
        return self.members(municipality_id, MembershipRole.EDITOR) or self.members(
            municipality_id, MembershipRole.LEADER
        )

    def leaders(self, municipality_id: int) -> list[User]:
        return self.members(municipality_id, MembershipRole.LEADER)

    def member_named(self, municipality_id: int, name: str) -> User | None:
        """The member whose e-mail or full name is `name` (a measure's owner is free text)."""
        wanted = name.strip().lower()
        if not wanted:
            return None
        for users in self._members.get(municipality_id, {}).values():
            for user in users:
                if wanted in (user.email.lower(), user.get_full_name().strip().lower()):
                    return user
        return None

    def with_role(self, role: str) -> list[User]:
        return self._global.get(role, [])

    @cached_property
    def _global(self) -> dict[str, list[User]]:
        grouped: dict[str, list[User]] = defaultdict(list)
        for user in User.objects.filter(is_active=True).exclude(global_role="").order_by("email"):
            grouped[user.global_role].append(user)
        return grouped

    @cached_property
    def _municipalities(self) -> dict[int, Municipality]:
        return Municipality.objects.in_bulk()

    def municipality(self, municipality_id: int | None) -> Municipality | None:
        return self._municipalities.get(municipality_id) if municipality_id else None

    def dpos(self) -> list[User]:
        return self.with_role(GlobalRole.DPO)

    def coordinators(self) -> list[User]:
        return self.with_role(GlobalRole.COORDINATOR)


@dataclass(frozen=True)
class Check:
    kind: str
    function: Callable[[CheckContext], Iterable[Notice]]


CHECKS: dict[str, Check] = {}


def register_check(kind: str, label, function: Callable[[CheckContext], Iterable[Notice]], *,
                   default: str = Delivery.DIGEST, for_user=None) -> None:  # fmt: skip
    """Add a scheduled check of one kind (also a notification kind users choose a delivery for)."""
    register_kind(kind, label, default=default, for_user=for_user)
    CHECKS[kind] = Check(kind, function)


def _claim(kind: str, notice: Notice) -> bool:
    try:
        with transaction.atomic():
            DeadlineNotice.objects.create(
                kind=kind, key=notice.key[:100], occasion=notice.occasion[:40], municipality_id=notice.municipality_id
            )
    except IntegrityError:
        return False
    return True


def already_told(kind: str) -> set[tuple[str, str]]:
    return set(DeadlineNotice.objects.filter(kind=kind).values_list("key", "occasion"))


def run_check(check: Check, context: CheckContext) -> int:
    """Notify what is new for one check; returns how many notices were sent."""
    told = already_told(check.kind)  # one query, so a second run writes nothing
    deliveries = dict(NotificationPreference.objects.filter(kind=check.kind).values_list("user_id", "delivery"))
    sent = 0
    for notice in check.function(context):
        if (notice.key[:100], notice.occasion[:40]) in told:
            continue
        recipients = {user.pk: user for user in notice.recipients if user.is_active}
        with transaction.atomic():
            if not _claim(check.kind, notice):  # another run claimed it a moment ago
                continue
            for user in recipients.values():
                notify(
                    user=user,
                    subject=notice.subject,
                    body=notice.body,
                    link=notice.link,
                    municipality=context.municipality(notice.municipality_id),
                    kind=check.kind,
                    delivery=deliveries.get(user.pk),
                )
        sent += 1
    return sent


def run_checks(today: datetime.date | None = None, kinds: Iterable[str] | None = None) -> dict[str, int]:
    context = CheckContext(today=today or timezone.localdate())
    results = {}
    for kind in kinds or list(CHECKS):
        try:
            results[kind] = run_check(CHECKS[kind], context)
        except Exception:  # one broken check must not stop the others; the log and Celery show it
            logger.exception("Deadline check %s failed", kind)
            results[kind] = -1
    return results


# --- Rules whose home is elsewhere. Helper "h" folds them into one queryset method / state object;
# the checks call them only through these two functions, so the switch is one edit each. ---


def agreements_in_force_on(queryset: QuerySet, day: datetime.date) -> QuerySet:
    """Data processing agreements in force on `day` (signed, not past their end)."""
    return queryset.filter(status="signed").filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))


def changed_after_approval(queryset: QuerySet, *, decided_version_field: str) -> QuerySet:
    """Approved roots edited since the approved version ("Endret etter godkjenning")."""
    return queryset.filter(
        last_decision="approved",
        **{f"{decided_version_field}__isnull": False, f"{decided_version_field}__lt": F("version")},
    )


def template_update_notices(
    context: CheckContext, queryset: QuerySet, *, subject: str, body: str, link: Callable
) -> Iterable[Notice]:
    """Records adopted from a joint template that has been published in a newer version since."""
    rows = queryset.filter(
        template__is_joint=True, template__published_version__gt=F("template_version")
    ).select_related("template", "municipality")
    for row in rows:
        yield Notice(
            key=f"{row._meta.model_name}:{row.pk}",
            occasion=f"v{row.template.published_version}",
            municipality_id=row.municipality_id,
            subject=subject % {"title": row.title, "municipality": row.municipality.name},
            body=body % {"title": row.title, "template": row.template.title, "version": row.template.published_version},
            link=link(row),
            recipients=context.editors(row.municipality_id),
        )


def kins_membership(context: CheckContext) -> Iterable[Notice]:
    """A member of the cooperation that is not a KINS member: its leaders, at most once a month."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    for municipality in Municipality.objects.filter(kins_member=False).order_by("name"):
        if not municipality.is_member_on(context.today):
            continue
        yield Notice(
            key=f"municipality:{municipality.pk}",
            occasion=f"{context.today:%Y-%m}",
            municipality_id=municipality.pk,
            subject=_("%(name)s is not a member of KINS") % {"name": municipality.name},
            body=_(
                "Datatilsynet recommends municipalities to adopt KINS's management system for information "
                "security, which is open to members. Consider membership for %(name)s."
            )
            % {"name": municipality.name},
            link=reverse("core:municipality_detail", args=[municipality.slug]),
            recipients=context.leaders(municipality.pk),
        )
