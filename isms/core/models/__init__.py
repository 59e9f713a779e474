"""Core's models, one module per concept; importing them here registers them with the app."""

from .exports import ExportJob, ExportStatus
from .invitations import Invitation, InvitationQuerySet, hash_token
from .municipalities import Membership, MembershipRole, Municipality
from .notifications import DeadlineNotice, Delivery, Notification, NotificationPreference, NotificationSettings, Nudge
from .outbox import OutboxEmail, OutboxStatus
from .signoffs import (
    AppendOnly,
    AppendOnlyError,
    DecidedByLeader,
    SignedRoot,
    SignOff,
    SignOffDecision,
    SignOffRole,
    SignOffState,
)
from .templates import AdoptedFromTemplate, Template, TemplateParticipant, TemplateVersion
from .users import GlobalRole, User, UserManager, display_name

__all__ = [
    "AdoptedFromTemplate",
    "AppendOnly",
    "AppendOnlyError",
    "DeadlineNotice",
    "DecidedByLeader",
    "Delivery",
    "ExportJob",
    "ExportStatus",
    "GlobalRole",
    "Invitation",
    "InvitationQuerySet",
    "Membership",
    "MembershipRole",
    "Municipality",
    "Notification",
    "NotificationPreference",
    "NotificationSettings",
    "Nudge",
    "OutboxEmail",
    "OutboxStatus",
    "SignOff",
    "SignOffDecision",
    "SignOffRole",
    "SignOffState",
    "SignedRoot",
    "Template",
    "TemplateParticipant",
    "TemplateVersion",
    "User",
    "UserManager",
    "display_name",
    "hash_token",
]
