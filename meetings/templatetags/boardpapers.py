"""Formatting as the councils print it: "10.00 am", "Pages 5 - 12"."""

from __future__ import annotations

import datetime
from pathlib import Path

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


@register.simple_tag
def pack_stylesheet() -> str:
    """The print stylesheet as a file URL: WeasyPrint reads it (and its fonts) from disk,
    never over HTTP from our own site."""
    from django.contrib.staticfiles import finders

    return Path(finders.find("css/pack.css")).as_uri()


@register.filter
def ordinal_day(value: datetime.date | None) -> str:
    """9 → "9th"."""
    if not value:
        return ""
    day = value.day
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


@register.filter
def ordinal_date(value: datetime.date | None) -> str:
    """9 February 2022 → "9th February 2022", as Portsmouth cover sheets print it."""
    return f"{ordinal_day(value)} {value:%B %Y}" if value else ""


@register.simple_tag(takes_context=True)
def page_url(context, number: int, anchor: str = "") -> str:
    """`?…&page=N`: a page of a paginated list, keeping the visitor's filters."""
    query = context["request"].GET.copy()
    query["page"] = number
    return f"?{query.urlencode()}{f'#{anchor}' if anchor else ''}"


@register.simple_tag
def page_numbers(page) -> list:
    """The page numbers a pagination bar shows: the first, the last and two either side of
    the current page, with `page.paginator.ELLIPSIS` for the gaps."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))


@register.filter
def without_number(label: str) -> str:
    """ "3. Information relating to…" → "Information relating to…", where the sentence
    around it already names the paragraph."""
    number, _, text = str(label).partition(". ")
    return text if number.isdigit() else str(label)
