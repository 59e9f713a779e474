"""`{{ measure|label:"status" }}`: a choice field's label, as get_status_display gives it, but cheap in long lists."""

from django import template

from ..display import choice_label

register = template.Library()


@register.filter
def label(obj, field_name: str) -> str:
    return choice_label(obj, field_name)
