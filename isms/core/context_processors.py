"""What the base layout needs on every page: the navigation the user may follow."""

from django.utils.translation import gettext_lazy as _

from .access import Action, can, has_municipal_access


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
    items.append(("core:notification_list", _("Notifications")))
    if can(user, Action.MANAGE_COOPERATION):
        items.insert(2, ("risk_cooperation:overview", _("ROS overview")))
        items.insert(3, ("dpia:dpo_queue", _("DPIA queue")))
        items.insert(4, ("cycle:heat_map", _("Kartlegging")))
    return {"nav_items": items, "can_manage_cooperation": can(user, Action.MANAGE_COOPERATION)}
