"""Sitemap sections for published reports and documents."""

from __future__ import annotations

from meetings.sitemaps import PublicSitemap
from reports.models import Document, Report


class ReportSitemap(PublicSitemap):
    def items(self):
        return Report.objects.visible_to(self.reader).order_by("pk")


class DocumentSitemap(PublicSitemap):
    def items(self):
        return Document.objects.visible_to(self.reader).order_by("pk")
