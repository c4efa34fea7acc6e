"""Sitemap section for published and approved minutes."""

from __future__ import annotations

from meetings.models import Meeting
from meetings.sitemaps import PublicSitemap
from minutes.models import Minutes


class MinutesSitemap(PublicSitemap):
    def items(self):
        return (
            Minutes.objects.visible_to(self.reader)
            .filter(meeting__in=Meeting.objects.visible_to(self.reader))
            .select_related("meeting")
            .order_by("pk")
        )
