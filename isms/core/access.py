"""Tenancy: the only way to reach municipal data.

Outside a user's tenant an object answers 404 (its existence is not revealed); inside it, an action
the user's role does not allow answers 403. Views call `municipality_for` and `get_for_user` first.
"""

from __future__ import annotations

from enum import StrEnum

from django.db.models import Model, QuerySet
from django.http import Http404

from .models import Membership, MembershipRole, Municipality, User


class Action(StrEnum):
    VIEW = "view"  # read a municipality's records
    EDIT = "edit"  # change a municipality's records
    SIGN = "sign"  # sign off on behalf of the municipality
    MANAGE_MUNICIPALITY = "manage_municipality"  # master data, logo, invitations
    VIEW_MEMBERS = "view_members"
    MANAGE_COOPERATION = "manage_cooperation"  # cooperation-level objects: templates, catalogue, courses


# What each municipal role may do inside its own municipality.
MEMBERSHIP_ACTIONS: dict[str, frozenset[Action]] = {
    MembershipRole.VIEWER: frozenset({Action.VIEW}),
    MembershipRole.EDITOR: frozenset({Action.VIEW, Action.EDIT}),
    MembershipRole.LEADER: frozenset({Action.VIEW, Action.EDIT, Action.SIGN, Action.VIEW_MEMBERS}),
}
DPO_ACTIONS = frozenset({Action.VIEW, Action.VIEW_MEMBERS, Action.MANAGE_COOPERATION})
COORDINATOR_ACTIONS = frozenset(
    {Action.VIEW, Action.VIEW_MEMBERS, Action.MANAGE_MUNICIPALITY, Action.MANAGE_COOPERATION}
)


def _roles_by_municipality(user: User) -> dict[int, str]:
    """The user's municipal roles, cached on the user object for the length of the request."""
    cached = getattr(user, "_roles_by_municipality", None)
    if cached is None:
        cached = dict(Membership.objects.filter(user=user).values_list("municipality_id", "role"))
        user._roles_by_municipality = cached
    return cached


def visible_municipalities(user: User) -> QuerySet[Municipality]:
    if not user.is_authenticated or not user.is_active:
        return Municipality.objects.none()
    if user.sees_all_municipalities:
        return Municipality.objects.all()
    return Municipality.objects.filter(pk__in=list(_roles_by_municipality(user)))


def scoped(queryset: QuerySet, user: User) -> QuerySet:
    """Restrict a queryset of municipal rows (or of municipalities) to the user's tenants."""
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.sees_all_municipalities:
        return queryset
    ids = list(_roles_by_municipality(user))
    if queryset.model is Municipality:
        return queryset.filter(pk__in=ids)
    return queryset.filter(municipality_id__in=ids)


def get_for_user(model_or_queryset: type[Model] | QuerySet, user: User, **lookup) -> Model:
    """One object inside the user's tenants, or 404."""
    queryset = (
        model_or_queryset if isinstance(model_or_queryset, QuerySet) else model_or_queryset._default_manager.all()
    )
    try:
        return scoped(queryset, user).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def municipality_of(obj: Model) -> Municipality | None:
    if isinstance(obj, Municipality):
        return obj
    return getattr(obj, "municipality", None)


def actions_for(user: User, municipality: Municipality | None) -> frozenset[Action]:
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return frozenset(Action)
    if user.is_coordinator:
        return COORDINATOR_ACTIONS
    if user.is_dpo:
        return DPO_ACTIONS
    if municipality is None:
        return frozenset()
    role = _roles_by_municipality(user).get(municipality.pk)
    return MEMBERSHIP_ACTIONS.get(role, frozenset())


def can(user: User, action: Action | str, obj: Model | None = None) -> bool:
    """May `user` do `action` on `obj` (a municipal object, a municipality, or None for the cooperation)?"""
    return Action(action) in actions_for(user, municipality_of(obj) if obj is not None else None)


def role_in(user: User, municipality: Municipality) -> str | None:
    """The user's municipal role there, if any (global roles are not municipal roles)."""
    return role_in_id(user, municipality.pk)


def has_municipal_access(user: User) -> bool:
    """Staff (no membership, no global role) have no municipal pages, only their own course places."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.sees_all_municipalities or bool(_roles_by_municipality(user))


def municipality_for(user: User, slug: str, action: Action = Action.VIEW) -> Municipality:
    """The municipality named in a tenant URL: 404 outside the user's tenants, 403 without the right."""
    from django.core.exceptions import PermissionDenied

    municipality = get_for_user(Municipality, user, slug=slug)
    if not can(user, action, municipality):
        raise PermissionDenied
    return municipality


def require_municipal_access(user: User) -> None:
    """Cooperation-wide pages that only people working with municipal records may open (403 for staff)."""
    from django.core.exceptions import PermissionDenied

    if not has_municipal_access(user):
        raise PermissionDenied


def can_change_catalogue_entry(user: User, *, created_in_id: int | None, used_by: set[int]) -> bool:
    """The coordinator and the DPO curate the shared catalogue; an editor may change an entry their
    municipality added as long as no other municipality uses it."""
    if can(user, Action.MANAGE_COOPERATION):
        return True
    if created_in_id is None or role_in_id(user, created_in_id) not in {MembershipRole.EDITOR, MembershipRole.LEADER}:
        return False
    return used_by <= {created_in_id}


def role_in_id(user: User, municipality_id: int) -> str | None:
    if not user.is_authenticated:
        return None
    return _roles_by_municipality(user).get(municipality_id)
