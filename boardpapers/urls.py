"""Root URLconf: the admin, and each app's pages."""

from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
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
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("", include("minutes.urls")),
    path("", include("reports.urls")),
    path("", include("meetings.urls")),
]
