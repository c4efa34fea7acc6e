"""Sanitising of every piece of HTML that officers, clerks or importers write.

nh3 (Rust's ammonia) is a maintained allow-list sanitiser: anything not listed here, such as
scripts, event handlers, styles and javascript: URLs, is removed before it is stored.
"""

from __future__ import annotations

import nh3

ALLOWED_TAGS = {
    "h2", "h3", "h4", "p", "ul", "ol", "li", "table", "caption", "thead", "tbody", "tfoot",
    "tr", "th", "td", "a", "strong", "em", "b", "i", "u", "sup", "sub", "br", "blockquote",
    "section",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "type"},
}


def sanitise_html(html: str) -> str:
    """Return `html` with only the elements and attributes a paper may contain."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
