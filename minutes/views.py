"""The minutes page."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from meetings.models import AgendaItem
from minutes.models import MinuteEntry, Minutes


@require_GET
def minutes_detail(request: HttpRequest, slug: str) -> HttpResponse:
    minutes = get_object_or_404(
        Minutes.objects.visible_to(request.user).select_related(
            "meeting__body", "approved_at__body"
        ),
        meeting__slug=slug,
    )
    entries = (
        MinuteEntry.objects.visible_to(request.user)
        .filter(minutes=minutes)
        .prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("number")),
            "resolutions__parts",
        )
    )
    attendance = minutes.attendance.select_related("person", "organisation", "substitute_for")
    return render(
        request,
        "minutes/minutes_detail.html",
        {
            "minutes": minutes,
            "meeting": minutes.meeting,
            "entries": entries,
            "present": [a for a in attendance if a.capacity != a.Capacity.OFFICER],
            "officers": [a for a in attendance if a.capacity == a.Capacity.OFFICER],
            "apologies": minutes.apologies.select_related("person", "substitute"),
            "declarations": minutes.declarations.select_related("person", "agenda_item"),
        },
    )
