"""An Atom feed of a search's newest results, for feed readers (which never sign in, so it
always reads as the public)."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags

from meetings.alerts import run_search


class SearchFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request):
        return request.GET.copy()

    def title(self, query):
        return f"Boardpapers search: {query.get('q', '').strip() or 'everything'}"

    def link(self, query):
        return f"{reverse('meetings:search')}?{query.urlencode()}"

    def subtitle(self, query):
        return "The newest public papers matching this search."

    def items(self, query):
        _, results = run_search(AnonymousUser(), query, newest_first=True)
        return results.hits if results else []

    def item_title(self, hit):
        return hit.title

    def item_description(self, hit):
        return f"{hit.context}. {strip_tags(hit.snippet)}"

    def item_link(self, hit):
        return hit.url

    def item_guid(self, hit):
        return f"{hit.kind}:{hit.url}"

    def item_updateddate(self, hit):
        if hit.date:
            return datetime.datetime.combine(hit.date, datetime.time(), tzinfo=datetime.UTC)
        return None
