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
from django.db import connection
from django.db.models import F, FloatField, OuterRef, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Concat, Greatest
from django.utils.safestring import SafeString, mark_safe

from meetings.fulltext import CONFIG
from meetings.models import AgendaItem

PAGE_SIZE = 20
MAX_PAGE = 25
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

    matching(user, query, meeting): querysets of the rows the user may read that match, in
        meetings matching the lookups `meeting` ({"body": …, "date__gte": …}), each annotated
        with `sort_date` (the meeting's date); more than one when a paper matches through its
        own columns or through its parts (a report's sections), so each stays one index scan.
        A row may come more than once. The meeting lookups go on the same join as sort_date,
        so a date range starts the newest-first walk at its end instead of skipping to it.
    ranks(ids, query): the rank of each of those rows (float), by its best match.
    hits(ids, query, user): the shown rows as Hits, keyed by id; one query or a few.
    with_outcome(queryset, outcome): only decisions with that outcome; None for a source
        that has no outcomes, which the outcome filter then leaves out.
    visible(ids, user): for a source whose visibility rule is too costly to run on every
        match (a document is visible through any of its attachments), `matching` lists all
        matches and this keeps the ids the user may read, through the model's visible_to,
        before anything is counted, ranked or paged.
    """

    kind: str
    label: str
    matching: Callable[[object, SearchQuery, dict], list[QuerySet]]
    ranks: Callable[[list[int], SearchQuery], dict[int, float]]
    hits: Callable[[list[int], SearchQuery, object], dict[int, Hit]]
    with_outcome: Callable[[QuerySet, str], QuerySet] | None = None
    visible: Callable[[list[int], object], set[int]] | None = None


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
    # Kinds with more matches than CANDIDATES: their count shows as "100+", and the best
    # matches shown are the best of their newest 100.
    capped: set[str] = field(default_factory=set)

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

    @property
    def display_counts(self) -> dict[str, str]:
        return {
            kind: f"{count:,}+" if kind in self.capped else f"{count:,}"
            for kind, count in self.counts.items()
        }

    @property
    def display_total(self) -> str:
        return f"More than {self.total:,}" if self.capped else f"{self.total:,}"


def on_meeting(path: str, meeting: dict) -> dict:
    """Meeting lookups ({"date__gte": …}) through a relation path ("minutes__meeting")."""
    return {f"{path}__{lookup}": value for lookup, value in meeting.items()}


# How many matches of each kind are ranked. Ranking reads every candidate's tsvector, and in
# the 15-year benchmark archive a word like "health" is in 50,000 papers, which cannot be
# ranked within a page load. So each kind is walked newest first (an index on the meeting
# date) and only its newest CANDIDATES are ranked: below that many matches the ranking is
# exact; above it the page says "100+" and that the best matches come from the newest, and
# newest first stays exact. Five kinds of 100 fill the MAX_PAGE pages a visitor can reach.
CANDIDATES = 100
MAX_WINDOWS = 5


def _union_all(querysets: list[QuerySet]) -> list[tuple]:
    """The rows of several ordered, sliced querysets in one round trip. Django's union()
    refuses an ORDER BY on an annotation inside a part, so the parts are joined here."""
    if len(querysets) == 1:
        return list(querysets[0])
    sql, params = [], []
    for queryset in querysets:
        part_sql, part_params = queryset.query.sql_with_params()
        sql.append(f"({part_sql})")
        params.extend(part_params)
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(sql), params)
        return cursor.fetchall()


def _candidates(source: SearchSource, querysets: list[QuerySet], user) -> tuple[dict, bool]:
    """The newest CANDIDATES matching rows the user may read {pk: date}, and whether more
    match. Each queryset is walked newest first, a window at a time, all of them in one
    UNION ALL query. A source with `visible` keeps the rows its visibility rule allows, so
    that rule runs on a few hundred rows, not on every match."""
    ordered = [
        queryset.filter(sort_date__isnull=False)
        .annotate(branch=Value(n))
        .order_by("-sort_date", "-pk")
        .values_list("pk", "sort_date", "branch")
        .distinct()
        for n, queryset in enumerate(querysets)
    ]
    window = CANDIDATES + (max(CANDIDATES // 4, 25) if source.visible else 1)
    found: list[dict[int, datetime.date]] = [{} for _ in ordered]
    walking = list(range(len(ordered)))
    capped = False
    for start in range(0, MAX_WINDOWS * window, window):
        parts = [ordered[n][start : start + window] for n in walking]
        rows = _union_all(parts)
        allowed = source.visible([pk for pk, _, _ in rows], user) if source.visible else None
        fetched = dict.fromkeys(walking, 0)
        for pk, date, branch in rows:
            fetched[branch] += 1
            if allowed is None or pk in allowed:
                found[branch].setdefault(pk, date)
        # A walk is done when it ran out of matches or found more than it needs.
        walking = [n for n in walking if fetched[n] == window and len(found[n]) <= CANDIDATES]
        if not walking:
            break
    else:
        capped = True  # mostly matches the user may not read; stop looking
    newest: dict[int, datetime.date] = {}
    for rows in found:
        capped |= len(rows) > CANDIDATES
        for pk, date in rows.items():
            if pk not in newest or date > newest[pk]:
                newest[pk] = date
    capped |= len(newest) > CANDIDATES
    ordered_rows = sorted(newest.items(), key=lambda kv: (kv[1], kv[0]), reverse=True)
    return dict(ordered_rows[:CANDIDATES]), capped


def search(
    user,
    text: str,
    *,
    kinds: list[str] | None = None,
    meeting: dict | None = None,
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
    capped: set[str] = set()
    candidates: list[tuple] = []
    for source in sources():
        if outcome and source.with_outcome is None:
            continue
        querysets = source.matching(user, query, meeting or {})
        if outcome:
            querysets = [source.with_outcome(qs, outcome) for qs in querysets]
        newest, more = _candidates(source, querysets, user)
        counts[source.kind] = len(newest)
        if more:
            capped.add(source.kind)
        if (kinds and source.kind not in kinds) or not newest:
            continue
        ranks = {} if newest_first else source.ranks(list(newest), query)
        candidates.extend(
            (source.kind, pk, ranks.get(pk, 0.0), date) for pk, date in newest.items()
        )

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
    shown_kinds = [k for k in counts if not kinds or k in kinds]
    total = sum(counts[k] for k in shown_kinds)
    pages = min(MAX_PAGE, max(1, -(-total // page_size)))
    return Results(
        hits=hits,
        total=total,
        counts=counts,
        page=page,
        pages=pages,
        capped={k for k in capped if k in shown_kinds},
        page_size=page_size,
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


def ranks_with_parts(model, part_model, parent: str, ids: list[int], query: SearchQuery):
    """{pk: rank} for papers found by their own words or any part's, ranked by the best."""
    return dict(
        model.objects.filter(pk__in=ids)
        .annotate(r=Greatest(rank(query), best_rank(part_model, parent, query)))
        .values_list("pk", "r")
    )


# Agenda items ------------------------------------------------------------------------------


def _items_matching(user, query: SearchQuery, meeting: dict) -> list[QuerySet]:
    return [
        AgendaItem.objects.visible_to(user)
        .filter(search=query, **on_meeting("meeting", meeting))
        .annotate(sort_date=F("meeting__date"))
    ]


def _item_ranks(ids: list[int], query: SearchQuery) -> dict[int, float]:
    return dict(
        AgendaItem.objects.filter(pk__in=ids).annotate(r=rank(query)).values_list("pk", "r")
    )


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
        ranks=_item_ranks,
        hits=_item_hits,
    )
)
