"""Sitemap sections for bodies, meetings and people. Reports and minutes define theirs in
their own apps; boardpapers/urls.py puts them together."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.db.models import Model

from meetings.models import Body, Meeting, Person


class PublicSitemap(Sitemap):
    """A section listed as the public sees it: crawlers never sign in, and a page only a
    signed-in reader may open must not be announced to the world."""

    reader = AnonymousUser()

    def lastmod(self, obj: Model) -> datetime.datetime | None:
        return getattr(obj, "updated_at", None)


class BodySitemap(PublicSitemap):
    def items(self):
        return Body.objects.order_by("pk")


class MeetingSitemap(PublicSitemap):
    def items(self):
        return Meeting.objects.visible_to(self.reader).order_by("pk")


class PersonSitemap(PublicSitemap):
    def items(self):
        return Person.objects.order_by("pk")
