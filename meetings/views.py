"""Public pages for bodies, meetings and people. Every read goes through `visible_to`."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from meetings import papers
from meetings.models import AgendaItem, Body, Meeting, Membership, Person

HOME_LIST_SIZE = 10


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Bodies, and what is coming up and was recently held."""
    today = datetime.date.today()
    meetings = Meeting.objects.visible_to(request.user).select_related("body")
    bodies = Body.objects.filter(parent__isnull=True).prefetch_related("children")
    return render(
        request,
        "meetings/home.html",
        {
            "bodies": bodies,
            "upcoming": meetings.upcoming(today)[:HOME_LIST_SIZE],
            "recent": meetings.past(today)[:HOME_LIST_SIZE],
        },
    )


@require_GET
def body_detail(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_object_or_404(
        Body.objects.select_related("organisation", "parent").prefetch_related("children"),
        slug=slug,
    )
    today = datetime.date.today()
    meetings = Meeting.objects.visible_to(request.user).filter(body=body)
    members = body.memberships.current(today).select_related("person", "organisation")
    if not members.exists():
        # Between terms, show the membership as it was printed most recently.
        latest = meetings.filter(date__lte=today).first()
        members = latest.members() if latest else Membership.objects.none()
    return render(
        request,
        "meetings/body_detail.html",
        {
            "body": body,
            "members": members,
            "upcoming": meetings.upcoming(today),
            "past": meetings.past(today),
        },
    )


@require_GET
def meeting_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The agenda with each item's papers, and the minutes when they exist."""
    meeting = get_object_or_404(
        Meeting.objects.visible_to(request.user).select_related("body__organisation"), slug=slug
    )
    items = list(
        meeting.items.for_agenda(request.user)
        .filter(parent__isnull=True)
        .prefetch_related(
            Prefetch(
                "sub_items",
                queryset=AgendaItem.objects.for_agenda(request.user),
                to_attr="visible_sub_items",
            )
        )
        .order_by("order", "number")
    )
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "items": items,
            "papers": papers.papers_for_items(items, request.user),
            "links": papers.links_for_meeting(meeting, request.user),
            "members": meeting.members(),
        },
    )


@require_GET
def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(Person, slug=slug)
    memberships = person.memberships.select_related("body", "organisation").order_by("-start")
    return render(
        request, "meetings/person_detail.html", {"person": person, "memberships": memberships}
    )
