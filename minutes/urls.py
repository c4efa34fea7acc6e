from django.urls import path

from minutes import views

app_name = "minutes"
urlpatterns = [
    path("meetings/<slug:slug>/minutes/", views.minutes_detail, name="detail"),
    path("meetings/<slug:slug>/minutes.pdf", views.minutes_printed, name="printed"),
    path("decisions/", views.decisions, name="decisions"),
]
