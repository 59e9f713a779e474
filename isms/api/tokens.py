"""Writes of API tokens (create, revoke, mark used) and the reading of a presented secret.

A token reads `sk_<prefix>_<secret>`: the prefix finds the row (and is shown in lists and logs), the secret
is compared by its SHA-256 in constant time. Nothing but the hash is stored.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from isms.core.models import User

from .models import ApiToken

TOKEN_PATTERN = re.compile(r"^sk_(?P<prefix>[A-Za-z0-9]{10})_(?P<secret>[A-Za-z0-9_-]{40,64})$")
# A use is written at most once a minute per token: "last used" needs no finer grain than that.
LAST_USED_GRAIN = datetime.timedelta(minutes=1)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    plaintext: str  # shown to the user once, never stored


def create_token(*, user: User, name: str, expires_on: datetime.date) -> NewToken:
    prefix = "".join(secrets.choice("abcdefghijkmnpqrstuvwxyz23456789") for _ in range(10))
    secret = secrets.token_urlsafe(36)
    token = ApiToken.objects.create(
        user=user, name=name.strip(), prefix=prefix, secret_sha256=_hash(secret), expires_on=expires_on
    )
    return NewToken(token=token, plaintext=f"sk_{prefix}_{secret}")


def revoke_token(*, token: ApiToken, actor: User, reason: str = "") -> ApiToken:
    """Revoke once; revoking a revoked token changes nothing (the first who and why stay)."""
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.revoked_by = actor
            locked.revoke_reason = reason.strip()
            locked.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    return locked


def find_token(presented: str) -> ApiToken | None:
    """The row the presented text names, if its secret matches (whatever its state); None otherwise."""
    match = TOKEN_PATTERN.match(presented)
    if match is None:
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=match["prefix"]).first()
    if token is None or not hmac.compare_digest(token.secret_sha256, _hash(match["secret"])):
        return None
    return token


def mark_used(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_GRAIN:
        token.last_used_at = now
        token.save(update_fields=["last_used_at"])
