"""What the base layout needs on every page: the navigation the user may follow."""

from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from .access import Action, can, has_municipal_access
from .models import MembershipRole
from .notifications import unread_count


def _signs(user) -> bool:
    """Only leaders sign; their roles are already read (and cached) for the menu, so this costs no query."""
    from .access import _roles_by_municipality

    return MembershipRole.LEADER in _roles_by_municipality(user).values()


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = [("core:home", _("My page"))]
    if has_municipal_access(user):
        items.append(("core:municipality_list", _("Municipalities")))
        items.append(("protocol:catalogue", _("Catalogue")))
        items.append(("library:template_list", _("Templates")))
        items.append(("risk_cooperation:matrix_detail", _("Risk matrix")))
        items.append(("training:course_list", _("Courses")))
        items.append(("core:to_sign", _("To sign")))
    else:
        items.append(("training:my_registrations", _("My courses")))
    items.append(("incidents:report", _("Report an avvik")))
    items.append(("core:notification_list", _("Notifications")))
    if can(user, Action.MANAGE_COOPERATION):
        items.insert(1, ("oversight:status", _("Overview")))
        items.insert(3, ("risk_cooperation:overview", _("ROS overview")))
        items.insert(4, ("dpia:dpo_queue", _("DPIA queue")))
        items.insert(5, ("incidents:dpo_overview", _("Avvik (72 hours)")))
        items.insert(6, ("cycle:heat_map", _("Kartlegging")))
    return {
        "nav_items": items,
        "can_manage_cooperation": can(user, Action.MANAGE_COOPERATION),
        "can_manage_municipalities": can(user, Action.MANAGE_MUNICIPALITY),
        # The count on "Til signering" is fetched after the page (core:to_sign_count), so no page pays for it.
        "show_to_sign_count": has_municipal_access(user) and _signs(user),
        "unread_notifications": SimpleLazyObject(lambda: unread_count(user)),
        "can_search": has_municipal_access(user),
    }
