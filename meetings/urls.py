from django.urls import path
from django.views.generic import TemplateView

from meetings import clerk, feeds, views
from meetings.search_feed import SearchFeed

app_name = "meetings"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_page, name="search"),
    path("search/save/", views.search_save, name="search_save"),
    path("search/saved/", views.saved_searches, name="saved_searches"),
    path("search/feed/", SearchFeed(), name="search_feed"),
    path("bodies/", views.body_list, name="bodies"),
    path("bodies/<slug:slug>/", views.body_detail, name="body"),
    path("meetings/", views.meeting_list, name="list"),
    # Before meetings/<slug>/, which "calendar" would otherwise match.
    path("meetings/calendar/", views.calendar_today, name="calendar_today"),
    path("meetings/calendar/<int:year>/<int:month>/", views.calendar_month, name="calendar"),
    path("meetings/<slug:slug>/", views.meeting_detail, name="detail"),
    path(
        "meetings/<slug:slug>/packs/<str:variant>/<int:edition>.pdf",
        views.pack_download,
        name="pack",
    ),
    path("meetings/<slug:slug>/packs/<str:variant>.pdf", views.pack_download, name="pack_latest"),
    path(
        "meetings/<slug:slug>/supplements/<str:variant>/<int:edition>.pdf",
        views.pack_download,
        {"kind": "supplement"},
        name="supplement",
    ),
    path("meetings/<slug:slug>/packs/build/", views.pack_build, name="pack_build"),
    path("meetings/<slug:slug>/packs/status.json", views.pack_status, name="pack_status"),
    path("people/", views.person_list, name="people"),
    path("people/<slug:slug>/", views.person_detail, name="person"),
    # Subscriptions: always the public's view, whoever asks
    path("meetings.ics", feeds.calendar, name="calendar"),
    path("bodies/<slug:slug>/meetings.ics", feeds.body_calendar, name="body_calendar"),
    path("feed/", feeds.PapersFeed(), name="feed"),
    path("bodies/<slug:slug>/feed/", feeds.PapersFeed(), name="body_feed"),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="meetings/accessibility.html"),
        name="accessibility",
    ),
    # The clerk's pages
    path("bodies/<slug:slug>/meetings/new/", clerk.meeting_create, name="meeting_create"),
    path("bodies/<slug:slug>/meetings/schedule/", clerk.meetings_schedule, name="schedule"),
    path("meetings/<slug:slug>/cancel/", clerk.meeting_cancel, name="cancel"),
    path("meetings/<slug:slug>/move/", clerk.meeting_move, name="move"),
    path("meetings/<slug:slug>/agenda/", clerk.agenda_builder, name="agenda"),
    path("meetings/<slug:slug>/agenda/standing/", clerk.agenda_standing_items, name="standing"),
    path("meetings/<slug:slug>/agenda/<int:pk>/edit/", clerk.agenda_item_edit, name="item_edit"),
    path(
        "meetings/<slug:slug>/agenda/<int:pk>/delete/", clerk.agenda_item_delete, name="item_delete"
    ),
    path("meetings/<slug:slug>/agenda/<int:pk>/move/", clerk.agenda_item_move, name="item_move"),
    path("meetings/<slug:slug>/publish/", clerk.agenda_publish, name="publish"),
    path("meetings/<slug:slug>/changes/", clerk.meeting_changes, name="changes"),
]
