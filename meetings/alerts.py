"""Saved searches and their email alerts."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import OperationalError, connection, transaction
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import timezone
from psycopg.errors import QueryCanceled

from meetings.filters import SearchFilter
from meetings.models import Meeting, SavedSearch
from meetings.search import Hit, Results, search

SEEN_LIMIT = 1000
ALERT_SIZE = 20
NOTHING_TO_SAVE = "Type some words to search for before saving the search."


# A search that reads too many rows (a phrase of very common words) is stopped rather than
# left to hold a worker: the visitor is told how to narrow it.
SEARCH_TIMEOUT_MS = 5000
TOO_SLOW = (
    "This search took too long, usually because its words are in most papers. Add a less "
    "common word, choose a body or set dates, and try again."
)


def run_search(user, data: QueryDict, *, page: int = 1, newest_first: bool | None = None):
    """The search page's query string, applied for `user`: (filter set, results or None).
    A search stopped by the time limit gives no results and a `too_slow` message on the
    filter set."""
    filterset = SearchFilter(data, queryset=Meeting.objects.all())
    filterset.too_slow = ""
    if not filterset.is_valid() or not filterset.form.cleaned_data.get("q", "").strip():
        return filterset, None
    data = filterset.form.cleaned_data
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL statement_timeout = {int(SEARCH_TIMEOUT_MS)}")
            results = search(
                user,
                data["q"],
                kinds=data.get("kind") or None,
                meeting=filterset.meeting_lookups(),
                outcome=data.get("outcome") or "",
                newest_first=(data.get("sort") == "newest")
                if newest_first is None
                else newest_first,
                page=page,
            )
            cursor.execute("SET LOCAL statement_timeout TO DEFAULT")
    except OperationalError as error:
        if not isinstance(error.__cause__, QueryCanceled):
            raise
        filterset.too_slow = TOO_SLOW
        return filterset, None
    return filterset, results


def keys(results: Results) -> list[str]:
    return [f"{hit.kind}:{hit.url}" for hit in results.hits]


def saved_search_create(*, user, query: str, name: str, alerts: bool) -> SavedSearch:
    """Keep a search; what it finds today counts as seen, so alerts bring only news."""
    filterset, results = run_search(user, QueryDict(query), newest_first=True)
    if results is None:
        raise ValueError(filterset.too_slow or NOTHING_TO_SAVE)
    saved, _ = SavedSearch.objects.update_or_create(
        user=user,
        query=query,
        defaults={
            "name": name.strip() or filterset.form.cleaned_data["q"],
            "alerts": alerts,
            "seen": keys(results),
        },
    )
    return saved


def search_alerts_send() -> int:
    """Email each person the new results of their saved searches. Returns emails sent.

    Each search runs as its owner, through the same visibility rule as the search page, so
    an alert never names a paper its reader may not open."""
    sent = 0
    for saved in SavedSearch.objects.filter(alerts=True).select_related("user"):
        if not saved.user.is_active or not saved.user.email:
            continue
        _, results = run_search(saved.user, QueryDict(saved.query), newest_first=True)
        if results is None:
            continue
        seen = set(saved.seen)
        found = keys(results)
        new: list[Hit] = [
            hit for hit, key in zip(results.hits, found, strict=True) if key not in seen
        ]
        with transaction.atomic():
            saved.seen = (found + [key for key in saved.seen if key not in found])[:SEEN_LIMIT]
            saved.alerted_at = timezone.now()
            saved.save(update_fields=["seen", "alerted_at"])
        if not new:
            continue
        context = {"saved": saved, "hits": new[:ALERT_SIZE], "site_url": settings.SITE_URL}
        send_mail(
            subject=f"New results for your search “{saved.name}”",
            message=render_to_string("meetings/email/search_alert.txt", context),
            from_email=None,
            recipient_list=[saved.user.email],
        )
        sent += 1
    return sent
