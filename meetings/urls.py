from django.urls import path

from meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.home, name="home"),
    path("bodies/<slug:slug>/", views.body_detail, name="body"),
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
    path("people/<slug:slug>/", views.person_detail, name="person"),
]
