"""One search box over every kind of paper, on PostgreSQL full-text search.

Each kind of paper is a `SearchSource`. Agenda items live here; reports, documents, minutes
and resolutions register their sources from their own apps (minutes → meetings ← reports, so
this module never imports them). A source's queryset starts from its model's
`visible_to(user)`, so what a visitor may not read is excluded inside the SQL, before ranking
and paging, never filtered afterwards.

A page of results costs a fixed number of queries: per source one count and one ranked,
limited list of ids, then one query per kind for the rows shown, with their highlighted
snippets.
"""

from __future__ import annotations

import datetime
import html
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import F, FloatField, OuterRef, Q, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.utils.safestring import SafeString, mark_safe

from meetings.fulltext import CONFIG
from meetings.models import AgendaItem, Meeting

PAGE_SIZE = 20
MAX_PAGE = 50
# Markers ts_headline puts around matched words. The text between them is escaped before
# the markers become <mark>, so a paper can never inject markup into the results page.
START, STOP = "\u27e6", "\u27e7"


def search_query(text: str) -> SearchQuery:
    """The visitor's words as a web search engine reads them: "phrases", -not, or."""
    return SearchQuery(text, search_type="websearch", config=CONFIG)


def headline(expression, query: SearchQuery) -> SearchHeadline:
    return SearchHeadline(
        expression,
        query,
        config=CONFIG,
        start_sel=START,
        stop_sel=STOP,
        max_words=35,
        min_words=15,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


def snippet_html(raw: str | None) -> SafeString:
    """ts_headline's output as safe HTML with the matched words in <mark>."""
    text = html.escape(html.unescape(" ".join((raw or "").split())))
    return mark_safe(text.replace(START, "<mark>").replace(STOP, "</mark>"))


@dataclass
class Hit:
    """One result as the results page shows it."""

    kind: str
    title: str
    url: str
    snippet: SafeString = SafeString("")
    context: str = ""
    date: datetime.date | None = None
    exempt: bool = False
    outcome: str = ""
    # For an uploaded PDF: the pages the words are on, with a link to each.
    pages: list[tuple[int, str]] = field(default_factory=list)
    # The same pages as printed in the agenda pack: (page of the paper, pack page, link).
    pack_pages: list[tuple[int, int, str]] = field(default_factory=list)
    rank: float = 0.0


@dataclass(frozen=True)
class SearchSource:
    """How one kind of paper is searched.

    matching(user, query): the rows the user may read that match, annotated with `rank`
        (float) and `sort_date` (the meeting's date).
    in_meetings(queryset, meetings): the rows belonging to those meetings (body, dates).
    hits(ids, query, user): the shown rows as Hits, keyed by id; one query or a few.
    with_outcome(queryset, outcome): only decisions with that outcome; None for a source
        that has no outcomes, which the outcome filter then leaves out.
    """

    kind: str
    label: str
    matching: Callable[[object, SearchQuery], QuerySet]
    in_meetings: Callable[[QuerySet, QuerySet], QuerySet]
    hits: Callable[[list[int], SearchQuery, object], dict[int, Hit]]
    with_outcome: Callable[[QuerySet, str], QuerySet] | None = None


_SOURCES: dict[str, SearchSource] = {}


def register_source(source: SearchSource) -> None:
    _SOURCES[source.kind] = source


def sources() -> list[SearchSource]:
    order = ["item", "report", "document", "minute", "decision"]
    return sorted(_SOURCES.values(), key=lambda s: order.index(s.kind) if s.kind in order else 99)


@dataclass
class Results:
    hits: list[Hit]
    total: int
    counts: dict[str, int]
    page: int
    pages: int

    page_size: int = PAGE_SIZE

    @property
    def start(self) -> int:
        return (self.page - 1) * self.page_size + 1

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def meetings_filter(
    *, body=None, start: datetime.date | None = None, end: datetime.date | None = None
) -> QuerySet | None:
    """The meetings a search is narrowed to, or None when it is not narrowed."""
    q = Q()
    if body is not None:
        q &= Q(body=body)
    if start:
        q &= Q(date__gte=start)
    if end:
        q &= Q(date__lte=end)
    return Meeting.objects.filter(q).values("pk") if q else None


def search(
    user,
    text: str,
    *,
    kinds: list[str] | None = None,
    meetings: QuerySet | None = None,
    outcome: str = "",
    newest_first: bool = False,
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> Results:
    """Ranked results (or newest first) for the user's words, a page at a time."""
    query = search_query(text)
    page = max(1, min(page, MAX_PAGE))
    wanted = page * page_size
    counts: dict[str, int] = {}
    candidates: list[tuple] = []
    for source in sources():
        if outcome and source.with_outcome is None:
            continue
        queryset = source.matching(user, query)
        if meetings is not None:
            queryset = source.in_meetings(queryset, meetings)
        if outcome:
            queryset = source.with_outcome(queryset, outcome)
        counts[source.kind] = queryset.count()
        if (kinds and source.kind not in kinds) or not counts[source.kind]:
            continue
        order = ["-sort_date", "-rank", "-pk"] if newest_first else ["-rank", "-sort_date", "-pk"]
        rows = queryset.order_by(*order).values_list("pk", "rank", "sort_date")[:wanted]
        candidates.extend((source.kind, pk, rank or 0.0, date) for pk, rank, date in rows)

    def key(row):
        _, pk, rank, date = row
        day = date.toordinal() if date else 0
        return (day, rank, pk) if newest_first else (rank, day, pk)

    candidates.sort(key=key, reverse=True)
    shown = candidates[(page - 1) * page_size : wanted]
    by_kind: dict[str, list[int]] = {}
    for kind, pk, _, _ in shown:
        by_kind.setdefault(kind, []).append(pk)
    hydrated = {kind: _SOURCES[kind].hits(pks, query, user) for kind, pks in by_kind.items()}
    hits = []
    for kind, pk, rank, _ in shown:
        hit = hydrated[kind].get(pk)
        if hit is not None:
            hit.rank = rank
            hits.append(hit)
    total = sum(counts[k] for k in counts if not kinds or k in kinds)
    pages = min(MAX_PAGE, max(1, -(-total // page_size)))
    return Results(
        hits=hits, total=total, counts=counts, page=page, pages=pages, page_size=page_size
    )


def rank(query: SearchQuery):
    return SearchRank(F("search"), query)


def best_rank(model, parent: str, query: SearchQuery) -> Subquery:
    """The rank of the best matching child row (a report's section, a document's page, a
    resolution's part), so a paper ranks by its best match; 0 when none matches."""
    rows = (
        model.objects.filter(**{parent: OuterRef("pk")}, search=query)
        .annotate(r=rank(query))
        .order_by("-r")
        .values("r")[:1]
    )
    return Coalesce(Subquery(rows, output_field=FloatField()), Value(0.0))


# Agenda items ------------------------------------------------------------------------------


def _items_matching(user, query: SearchQuery) -> QuerySet:
    return (
        AgendaItem.objects.visible_to(user)
        .filter(search=query)
        .annotate(rank=rank(query), sort_date=F("meeting__date"))
    )


def _items_in_meetings(queryset: QuerySet, meetings: QuerySet) -> QuerySet:
    return queryset.filter(meeting__in=meetings)


def _item_hits(ids: list[int], query: SearchQuery, user) -> dict[int, Hit]:
    rows = (
        AgendaItem.objects.filter(pk__in=ids)
        .select_related("meeting__body", "parent")
        .annotate(
            snippet=headline(
                Concat(
                    "title",
                    Value(". "),
                    "purpose",
                    Value(" "),
                    "recommendation",
                    Value(" "),
                    "body_html",
                    output_field=TextField(),
                ),
                query,
            )
        )
    )
    hits = {}
    for item in rows:
        meeting = item.meeting
        hits[item.pk] = Hit(
            kind="item",
            title=item.display_title,
            url=f"{meeting.get_absolute_url()}#item-{item.display_number}",
            snippet=snippet_html(item.snippet),
            context=f"Agenda item {item.display_number}, {meeting.body.name}, "
            f"{meeting.date:%-d %B %Y}",
            date=meeting.date,
            exempt=item.exempt,
        )
    return hits


register_source(
    SearchSource(
        kind="item",
        label="Agenda items",
        matching=_items_matching,
        in_meetings=_items_in_meetings,
        hits=_item_hits,
    )
)
