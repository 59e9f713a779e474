"""`{% for flag in activity|attention_flags %}`: the list's "Needs attention" tags from the one presenter."""

from django import template

from ..attention import Flag, record_flags

register = template.Library()


@register.filter
def attention_flags(activity) -> list[Flag]:
    return record_flags(activity)
