"""Sitemap sections for bodies, meetings and people. Reports and minutes define theirs in
their own apps; boardpapers/urls.py puts them together."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Model

from meetings.models import Body, Meeting, Person


class PublicSitemap(Sitemap):
    """A section listed as the public sees it: crawlers never sign in, and a page only a
    signed-in reader may open must not be announced to the world."""

    reader = AnonymousUser()
    limit = 5000

    def lastmod(self, obj: Model) -> datetime.datetime | None:
        return getattr(obj, "updated_at", None)

    def get_latest_lastmod(self) -> datetime.datetime | None:
        # Django's default calls lastmod() on every item for the index: 80,000 rows read
        # to print one date per section. One MAX() query does it.
        items = self.items()
        if not any(f.name == "updated_at" for f in items.model._meta.get_fields()):
            return None
        return items.order_by().aggregate(latest=Max("updated_at"))["latest"]


class BodySitemap(PublicSitemap):
    def items(self):
        return Body.objects.order_by("pk")


class MeetingSitemap(PublicSitemap):
    def items(self):
        return Meeting.objects.visible_to(self.reader).order_by("pk")


class PersonSitemap(PublicSitemap):
    def items(self):
        return Person.objects.order_by("pk")
