"""An Atom feed of a search's newest results, for feed readers (which never sign in, so it
always reads as the public)."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.html import strip_tags

from meetings.alerts import run_search
from meetings.feeds import EntriesFeed, FeedEntry


class SearchFeed(EntriesFeed):
    def get_object(self, request):
        return request.GET.copy()

    def title(self, query):
        return f"Boardpapers search: {query.get('q', '').strip() or 'everything'}"

    def link(self, query):
        return f"{reverse('meetings:search')}?{query.urlencode()}"

    def subtitle(self, query):
        return "The newest public papers matching this search."

    def entries(self, query):
        _, results = run_search(AnonymousUser(), query, newest_first=True)
        for hit in results.hits if results else []:
            day = hit.date or datetime.date(2000, 1, 1)
            yield FeedEntry(
                title=hit.title,
                link=hit.url,
                updated=datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC),
                summary=f"{hit.context}. {strip_tags(hit.snippet)}",
            )
