"""Every write to municipalities, memberships and invitations, and the request of a background export."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .exports import EXPORTERS
from .files import unguessable_name
from .models import ExportJob, Invitation, Membership, Municipality, User, hash_token
from .tasks import queue_export, queue_invitation_email
from .tracking import create_tracked, delete_tracked, update_tracked
from .validators import PNG_SIGNATURE


def update_municipality(
    *,
    municipality: Municipality,
    actor: User,
    values: dict[str, Any],
    expected_version: int,
    reason: str,
    logo: UploadedFile | None = None,
) -> tuple[Municipality, bool]:
    """Save an edit made on a form opened at `expected_version`; raises StaleEditError if outdated."""
    with transaction.atomic():
        if logo is not None:
            values = {**values, "logo": _store_logo(municipality, logo)}
        return update_tracked(
            Municipality,
            pk=municipality.pk,
            actor=actor,
            reason=reason,
            expected_version=expected_version,
            values=values,
        )


def _store_logo(municipality: Municipality, logo: UploadedFile) -> str:
    """Store a validated PNG/JPEG under an unguessable name, its extension from the content, never the upload."""
    logo.seek(0)
    extension = ".png" if logo.read(8).startswith(PNG_SIGNATURE) else ".jpg"
    logo.seek(0)
    return Municipality.logo.field.storage.save(unguessable_name("logos", extension), logo)


def upsert_municipality(*, values: dict[str, Any], actor: User | None, reason: str) -> tuple[Municipality, str]:
    """Create or update a municipality by number (the template loader); returns (object, created|updated|same)."""
    with transaction.atomic():
        existing = Municipality.objects.select_for_update().filter(number=values["number"]).first()
        if existing is None:
            obj = Municipality(**values)
            obj.full_clean()
            obj._history_user = actor
            obj._change_reason = reason
            obj.save()
            return obj, "created"
        obj, changed = update_tracked(
            Municipality, pk=existing.pk, actor=actor, reason=reason, expected_version=existing.version, values=values
        )
        return obj, "updated" if changed else "same"


def invite_user(*, municipality: Municipality, email: str, role: str, invited_by: User) -> tuple[Invitation, str]:
    """Create an invitation and queue its e-mail; returns the invitation and the raw token for the link."""
    email = email.strip().lower()
    if Membership.objects.filter(municipality=municipality, user__email__iexact=email).exists():
        raise ValidationError(
            {
                "email": _("%(email)s already has a role in %(municipality)s.")
                % {"email": email, "municipality": municipality}
            }
        )
    token = Invitation.new_token()
    with transaction.atomic():
        # A new invitation replaces any pending one for the same person and municipality.
        for pending in Invitation.objects.pending().filter(municipality=municipality, email__iexact=email):
            pending.revoked_at = timezone.now()
            pending.save(update_fields=["revoked_at"])
        invitation = Invitation.objects.create(
            email=email,
            municipality=municipality,
            role=role,
            token_hash=hash_token(token),
            invited_by=invited_by,
            expires_at=Invitation.default_expiry(),
        )
        queue_invitation_email(invitation, token)
    return invitation, token


def find_invitation(token: str) -> Invitation | None:
    return Invitation.objects.select_related("municipality", "invited_by").filter(token_hash=hash_token(token)).first()


class InvitationUnusable(Exception):
    pass


def accept_invitation(
    *, invitation: Invitation, user: User | None, first_name: str = "", last_name: str = "", password: str = ""
) -> Membership:
    """Turn a usable invitation into a membership, creating the account when the person has none."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not locked.is_usable:
            raise InvitationUnusable
        if user is None:
            user = User.objects.create_user(
                email=locked.email, password=password, first_name=first_name, last_name=last_name
            )
        try:
            with transaction.atomic():
                membership = create_tracked(
                    Membership,
                    actor=user,
                    reason=_("Accepted invitation from %(inviter)s") % {"inviter": locked.invited_by},
                    values={"user": user, "municipality": locked.municipality, "role": locked.role},
                )
        except IntegrityError as exc:
            raise ValidationError(_("You already have a role in %(m)s.") % {"m": locked.municipality}) from exc
        locked.accepted_at = timezone.now()
        locked.accepted_by = user
        locked.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def change_membership_role(*, membership: Membership, actor: User, role: str, expected_version: int, reason: str):
    with transaction.atomic():
        return update_tracked(
            Membership,
            pk=membership.pk,
            actor=actor,
            reason=reason,
            expected_version=expected_version,
            values={"role": role},
        )


def end_membership(*, membership: Membership, actor: User, reason: str) -> None:
    """Remove a user's access to a municipality; the history keeps who had it and why it ended."""
    with transaction.atomic():
        delete_tracked(Membership.objects.select_for_update().get(pk=membership.pk), actor=actor, reason=reason)


def request_export(
    *, kind: str, user: User, params: dict | None = None, municipality: Municipality | None = None
) -> ExportJob:
    """Record the job and queue its task after commit (the task takes the job's id)."""
    exporter = EXPORTERS[kind]
    if not exporter.allowed(user):
        raise PermissionDenied
    job = ExportJob.objects.create(
        kind=kind, title=str(exporter.title), params=params or {}, requested_by=user, municipality=municipality
    )
    transaction.on_commit(lambda: queue_export(job.pk))
    return job
