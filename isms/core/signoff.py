"""Sign-off of aggregates: the canonical content and its SHA-256, recording a decision, and whether the
latest decision still holds (the root has not moved past the version it was made on).

Apps register how to read an aggregate's canonical content; the DPIA uses the same mechanism as ROS.
What a decision says about a version is `SignOffState` (in core's models, beside `SignedRoot`).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Model, Q

from .models import SignOff, SignOffDecision, User

# model → function(root) giving the aggregate's whole content as JSON-able data (sorted, no bookkeeping).
CANONICAL_CONTENT: dict[type[Model], Callable[[Model], Any]] = {}


def register_aggregate(model: type[Model], canonical: Callable[[Model], Any]) -> None:
    CANONICAL_CONTENT[model] = canonical


def digest(content: Any) -> str:
    """SHA-256 of content in one canonical JSON form (sorted keys, dates as ISO text)."""
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def content_digest(root: Model) -> str:
    return digest(CANONICAL_CONTENT[type(root)](root))


def record_signoff(
    *, root: Model, signer: User, role: str, decision: str, comment: str, high_risk_confirmed: bool = False
) -> SignOff:
    """Append a decision on the root's current version. The caller holds the root's row lock and has
    checked that the signer read this version."""
    return SignOff.objects.create(
        content_type=ContentType.objects.get_for_model(type(root)),
        object_id=root.pk,
        municipality_id=getattr(root, "municipality_id", None),
        root_version=root.version,
        content_sha256=content_digest(root),
        signer=signer,
        role=role,
        decision=decision,
        comment=comment.strip(),
        high_risk_confirmed=high_risk_confirmed,
    )


def signoffs_of(model: type[Model], pks: Iterable[int]) -> dict[int, list[SignOff]]:
    """Every sign-off of these roots, oldest first, in one query."""
    rows = SignOff.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=list(pks)
    ).select_related("signer")
    grouped: dict[int, list[SignOff]] = defaultdict(list)
    for row in rows:
        grouped[row.object_id].append(row)
    return grouped


@dataclass(frozen=True)
class SigningItem:
    """Something waiting for the user's decision, on the "Til signering" page."""

    kind: str
    title: str
    municipality: str
    url: str
    version: int
    sent_at: Any
    has_high_risk: bool = False


# Apps add a function(user) → items waiting for that user (ROS analyses now, DPIAs next).
SIGNING_QUEUES: list[Callable[[User], list[SigningItem]]] = []


def register_signing_queue(queue: Callable[[User], list[SigningItem]]) -> None:
    if queue not in SIGNING_QUEUES:
        SIGNING_QUEUES.append(queue)


def waiting_for(user: User) -> list[SigningItem]:
    items = [item for queue in SIGNING_QUEUES for item in queue(user)]
    return sorted(items, key=lambda item: item.sent_at)


def changed_after_approval_q() -> Q:
    """SignOffState.changed_after_approval (ADR 6) as a database condition on a SignedRoot's stored fields
    (the reminders ask it of every ROS analysis and DPIA at once)."""
    return Q(
        last_decision=SignOffDecision.APPROVED, last_signed_version__isnull=False, last_signed_version__lt=F("version")
    )


def verify_current_signoffs() -> dict[int, bool]:
    """For every sign-off whose root is still at the signed version: does the root's content today still
    give the SHA-256 that was signed? (A restored backup must answer yes wherever the original did.)"""
    by_model: dict[type[Model], list[SignOff]] = defaultdict(list)
    for signoff in SignOff.objects.select_related("content_type").order_by("pk"):
        model = signoff.content_type.model_class()
        if model in CANONICAL_CONTENT:
            by_model[model].append(signoff)
    verified: dict[int, bool] = {}
    for model, signoffs in by_model.items():
        roots = model._base_manager.in_bulk({signoff.object_id for signoff in signoffs})
        for signoff in signoffs:
            root = roots.get(signoff.object_id)
            if root is not None and root.version == signoff.root_version:
                verified[signoff.pk] = content_digest(root) == signoff.content_sha256
    return verified
