"""The coordinator's nudge: a message by hand to the leaders of chosen municipalities, previewed, logged."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse

from .models import Membership, MembershipRole, Municipality, Nudge, User
from .notifications import notify


@dataclass(frozen=True)
class NudgePreview:
    subject: str
    body: str
    recipients: list[tuple[Municipality, list[User]]]  # per municipality, its leaders

    @property
    def without_leader(self) -> list[Municipality]:
        return [municipality for municipality, leaders in self.recipients if not leaders]

    @property
    def count(self) -> int:
        return sum(len(leaders) for _municipality, leaders in self.recipients)


def preview_nudge(*, municipalities: list[Municipality], subject: str, body: str) -> NudgePreview:
    leaders: dict[int, list[User]] = {municipality.pk: [] for municipality in municipalities}
    rows = Membership.objects.filter(
        municipality__in=municipalities, role=MembershipRole.LEADER, user__is_active=True
    ).select_related("user")
    for membership in rows.order_by("user__email"):
        leaders[membership.municipality_id].append(membership.user)
    ordered = sorted(municipalities, key=lambda municipality: municipality.name)
    return NudgePreview(subject.strip(), body.strip(), [(m, leaders[m.pk]) for m in ordered])


def send_nudge(*, sender: User, municipalities: list[Municipality], subject: str, body: str) -> Nudge:
    """Notify every leader of the chosen municipalities (kind "nudge") and log who sent what to whom."""
    preview = preview_nudge(municipalities=municipalities, subject=subject, body=body)
    with transaction.atomic():
        nudge = Nudge.objects.create(
            sent_by=sender, subject=preview.subject, body=preview.body, recipients=preview.count
        )
        nudge.municipalities.set(municipalities)
        for municipality, leaders in preview.recipients:
            for leader in leaders:
                notify(
                    user=leader,
                    municipality=municipality,
                    subject=preview.subject,
                    body=preview.body,
                    link=reverse("core:municipality_detail", args=[municipality.slug]),
                    kind="nudge",
                )
    return nudge
