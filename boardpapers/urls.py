"""Root URLconf: the admin, and each app's pages."""

from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path
from django.views.generic import TemplateView

from meetings.sitemaps import BodySitemap, MeetingSitemap, PersonSitemap
from minutes.sitemaps import MinutesSitemap
from reports.sitemaps import DocumentSitemap, ReportSitemap

SITEMAPS = {
    "bodies": BodySitemap,
    "meetings": MeetingSitemap,
    "people": PersonSitemap,
    "reports": ReportSitemap,
    "documents": DocumentSitemap,
    "minutes": MinutesSitemap,
}

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    # An index of sections, each paged (PublicSitemap.limit), so no file nears the protocol's
    # 50,000-URL limit: the 15-year archive has 80,000 public pages.
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemaps.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("", include("minutes.urls")),
    path("", include("reports.urls")),
    path("", include("meetings.urls")),
]
