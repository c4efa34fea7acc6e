"""Formatting as the councils print it: "10.00 am", "Pages 5 - 12"."""

from __future__ import annotations

import datetime

from django import template

register = template.Library()


@register.filter
def uk_time(value: datetime.time | None) -> str:
    """10:00 → "10.00 am"; 12:00 → "12.00 pm", as on the notices and in the minutes."""
    if not value:
        return ""
    hour = value.hour % 12 or 12
    return f"{hour}.{value.minute:02d} {'am' if value.hour < 12 else 'pm'}"


@register.filter
def get_item(mapping: dict, key):
    """`{{ papers|get_item:item.pk }}`: look a key up in a dict from the view."""
    return mapping.get(key, ())
