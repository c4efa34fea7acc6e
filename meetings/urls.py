from django.urls import path

from meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.home, name="home"),
    path("bodies/<slug:slug>/", views.body_detail, name="body"),
    path("meetings/<slug:slug>/", views.meeting_detail, name="detail"),
    path("people/<slug:slug>/", views.person_detail, name="person"),
]
