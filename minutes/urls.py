from django.urls import path

from minutes import clerk, views

app_name = "minutes"
urlpatterns = [
    path("meetings/<slug:slug>/minutes/", views.minutes_detail, name="detail"),
    path("meetings/<slug:slug>/minutes.pdf", views.minutes_printed, name="printed"),
    path("decisions/", views.decisions, name="decisions"),
    path("meetings/<slug:slug>/minutes/write/", clerk.minutes_write, name="write"),
    path("meetings/<slug:slug>/minutes/write/add/", clerk.minute_add, name="minute_add"),
    path("meetings/<slug:slug>/minutes/write/<int:pk>/", clerk.minute_edit, name="minute_edit"),
    path(
        "meetings/<slug:slug>/minutes/write/<int:pk>/delete/",
        clerk.minute_delete,
        name="minute_delete",
    ),
    path("meetings/<slug:slug>/minutes/write/publish/", clerk.minutes_publish, name="publish"),
    path("meetings/<slug:slug>/minutes/write/closing/", clerk.minutes_closing, name="closing"),
    path(
        "meetings/<slug:slug>/minutes/write/declarations/",
        clerk.declaration_add,
        name="declaration_add",
    ),
]
