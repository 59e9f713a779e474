"""Template helpers for Designsystemet markup of forms we do not own (allauth's)."""

from django import template

register = template.Library()


@register.filter
def ds_widget(field):
    """Render a bound field's widget with Designsystemet's `ds-input` class (keeps Django's aria attributes)."""
    attrs = {} if "class" in field.field.widget.attrs else {"class": "ds-input"}
    return field.as_widget(attrs=attrs)
