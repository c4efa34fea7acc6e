"""Whole public pages cached for anonymous visitors, never stale and never anyone else's.

Keyed by the content version PostgreSQL keeps itself (meetings.ContentVersion: a trigger on
every table whose rows appear on public pages bumps it inside the writer's transaction), so
no write path can forget to invalidate, and a reader never sees a new version before the data
it stands for has committed. Entries of old versions are never read again and age out.

Only the public's view is cached: a GET or HEAD with no session or messages cookie from a
visitor who is not signed in. Members, clerks and officers always get a fresh render, so
their exempt papers and drafts never enter the cache. A response is stored only when it is a
plain 200 that sets no cookie and used no CSRF token (which would be this visitor's own).
"""

from __future__ import annotations

import datetime
import functools
import hashlib
from collections.abc import Callable

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

from meetings.models import ContentVersion

CACHE_ALIAS = "pages"
# Tells a benchmark (or a curious engineer) whether the page came from the cache.
HEADER = "X-Page-Cache"
# Set by the trigger for the rest of a transaction that wrote to a tracked table.
WRITER_SETTING = "boardpapers.content_version"

View = Callable[..., HttpResponse]


def content_version() -> str | None:
    """The version of the content this connection sees: the committed version, or, inside a
    transaction that has written public content itself, the number of its latest write
    statement (so a page rendered there is keyed by exactly what it saw, and never collides
    with a committed version). None when unknown: nothing is cached then."""
    table = ContentVersion._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT version FROM {table} WHERE id = 1), current_setting(%s, true)",
            [WRITER_SETTING],
        )
        committed, writing = cursor.fetchone()
    if writing:
        return f"w{writing}"
    return None if committed is None else f"v{committed}"


def is_anonymous_visitor(request: HttpRequest) -> bool:
    """A GET or HEAD from someone not signed in, carrying nothing that makes their page
    their own: no session (a signed-in user, or messages kept in the session) and no
    messages cookie."""
    if not settings.PAGE_CACHE or request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies:
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return not request.user.is_authenticated


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    """Only a plain 200 that is the same for every anonymous visitor."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    # The page used a CSRF token: it is this visitor's, and the middleware is about to set
    # its cookie.
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    if getattr(getattr(request, "_messages", None), "added_new", False):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if "private" in cache_control or "no-store" in cache_control:
        return False
    # A view that varies on something else (a language, an Accept header) is not keyed here.
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return vary <= {"cookie"}


def _key(request: HttpRequest, version: str) -> str:
    # The date is part of the key because pages split meetings into upcoming and past.
    page = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(page.encode()).hexdigest()
    return f"page:{version}:{datetime.date.today():%Y%m%d}:{digest}"


def public_page_cache(view: View) -> View:
    """Serve `view` from the page cache to anonymous visitors (see the module docstring).
    Every response it handles says `Vary: Cookie`, so no shared cache downstream serves a
    public page to a signed-in reader."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        version = content_version() if is_anonymous_visitor(request) else None
        if version is None:  # signed in, a session of their own, or the cache is off
            response = view(request, *args, **kwargs)
            patch_vary_headers(response, ("Cookie",))
            return response
        cache = caches[CACHE_ALIAS]
        key = _key(request, version)
        if (frozen := cache.get(key)) is not None:
            status, content, headers = frozen
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response[HEADER] = "hit"
            return response
        response = view(request, *args, **kwargs)
        patch_vary_headers(response, ("Cookie",))
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if _storable(request, response):
            cache.set(key, (response.status_code, response.content, list(response.items())))
            response[HEADER] = "miss"
        return response

    return wrapper
