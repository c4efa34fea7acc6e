"""Minutes and decisions in the portal's search (see meetings/search.py). A decision is
found by its opening words or any of its labelled parts, and can be narrowed by outcome."""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery
from django.db.models import F, QuerySet

from meetings.search import Hit, headline, on_meeting, rank, ranks_with_parts, snippet_html
from minutes.models import MinuteEntry, Resolution, ResolutionPart


def minutes_matching(user, query: SearchQuery, meeting: dict) -> list[QuerySet]:
    return [
        MinuteEntry.objects.visible_to(user)
        .filter(search=query, **on_meeting("minutes__meeting", meeting))
        .annotate(sort_date=F("minutes__meeting__date"))
    ]


def minute_ranks(ids: list[int], query: SearchQuery) -> dict[int, float]:
    return dict(
        MinuteEntry.objects.filter(pk__in=ids).annotate(r=rank(query)).values_list("pk", "r")
    )


def _minute_context(entry: MinuteEntry) -> str:
    meeting = entry.minutes.meeting
    status = "" if entry.minutes.status == "approved" else " (draft, subject to approval)"
    return f"Minute {entry.number}, {meeting.body.name}, {meeting.date:%-d %B %Y}{status}"


def minute_hits(ids: list[int], query: SearchQuery, user) -> dict[int, Hit]:
    rows = (
        MinuteEntry.objects.filter(pk__in=ids)
        .select_related("minutes__meeting__body")
        .annotate(snippet=headline("html", query), title_snippet=headline("title", query))
    )
    return {
        entry.pk: Hit(
            kind="minute",
            title=f"{entry.number}. {entry.title}",
            url=f"{entry.minutes.get_absolute_url()}#minute-{entry.number}",
            snippet=snippet_html(entry.snippet if entry.html else entry.title_snippet),
            context=_minute_context(entry),
            date=entry.minutes.meeting.date,
            exempt=entry.exempt,
        )
        for entry in rows
    }


def decisions_matching(user, query: SearchQuery, meeting: dict) -> list[QuerySet]:
    visible = (
        Resolution.objects.visible_to(user)
        .filter(**on_meeting("entry__minutes__meeting", meeting))
        .annotate(sort_date=F("entry__minutes__meeting__date"))
    )
    return [visible.filter(search=query), visible.filter(parts__search=query)]


def decision_ranks(ids: list[int], query: SearchQuery) -> dict[int, float]:
    return ranks_with_parts(Resolution, ResolutionPart, "resolution", ids, query)


def decisions_with_outcome(queryset: QuerySet, outcome: str) -> QuerySet:
    return queryset.filter(outcome=outcome)


def decision_hits(ids: list[int], query: SearchQuery, user) -> dict[int, Hit]:
    rows = (
        Resolution.objects.filter(pk__in=ids)
        .select_related("entry__minutes__meeting__body")
        .annotate(snippet=headline("preamble", query))
    )
    parts = {
        part.resolution_id: part
        for part in ResolutionPart.objects.filter(resolution__in=ids, search=query)
        .annotate(r=rank(query), snippet=headline("text", query))
        .order_by("resolution_id", "-r")
        .distinct("resolution_id")
    }
    hits = {}
    for resolution in rows:
        entry = resolution.entry
        part = parts.get(resolution.pk)
        snippet = snippet_html(resolution.snippet)
        if part:
            snippet = snippet_html(f"{resolution.preamble[:120]} … {part.label} {part.snippet}")
        hits[resolution.pk] = Hit(
            kind="decision",
            title=f"Decision: {entry.title}",
            url=f"{entry.minutes.get_absolute_url()}#minute-{entry.number}",
            snippet=snippet,
            context=_minute_context(entry),
            date=entry.minutes.meeting.date,
            exempt=entry.exempt,
            outcome=resolution.get_outcome_display(),
        )
    return hits
