"""Minutes and decisions in the portal's search (see meetings/search.py). A decision is
found by its opening words or any of its labelled parts, and can be narrowed by outcome."""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery
from django.db.models import Exists, F, OuterRef, QuerySet
from django.db.models.functions import Greatest

from meetings.search import Hit, best_rank, headline, rank, snippet_html
from minutes.models import MinuteEntry, Resolution, ResolutionPart


def minutes_matching(user, query: SearchQuery) -> QuerySet:
    return (
        MinuteEntry.objects.visible_to(user)
        .filter(search=query)
        .annotate(rank=rank(query), sort_date=F("minutes__meeting__date"))
    )


def minutes_in_meetings(queryset: QuerySet, meetings: QuerySet) -> QuerySet:
    return queryset.filter(minutes__meeting__in=meetings)


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


def decisions_matching(user, query: SearchQuery) -> QuerySet:
    parts = ResolutionPart.objects.filter(resolution=OuterRef("pk"), search=query)
    return (
        Resolution.objects.visible_to(user)
        .filter(Exists(Resolution.objects.filter(pk=OuterRef("pk"), search=query)) | Exists(parts))
        .annotate(
            rank=Greatest(rank(query), best_rank(ResolutionPart, "resolution", query)),
            sort_date=F("entry__minutes__meeting__date"),
        )
    )


def decisions_in_meetings(queryset: QuerySet, meetings: QuerySet) -> QuerySet:
    return queryset.filter(entry__minutes__meeting__in=meetings)


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
