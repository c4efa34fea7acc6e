"""Subscriptions: the meeting calendar (iCal) and the new-papers feed (Atom).

Calendar apps and feed readers never sign in, and what one subscriber sees may be passed on
to anyone, so everything here is read as the public whoever sends the request: a clerk who
subscribes from a signed-in browser must not carry a draft meeting or an exempt item's title
into a calendar.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.views.decorators.http import require_GET
from icalendar import Calendar, Event

from meetings.models import AgendaItem, Body, Meeting, Publication
from meetings.templatetags.boardpapers import uk_time

PUBLIC = AnonymousUser()

# A calendar is for what is coming; a year of past meetings keeps recent ones findable
# without the file growing for ever.
CALENDAR_HISTORY = datetime.timedelta(days=365)
# Meetings rarely record an end time; two hours is the usual length of a board meeting.
MEETING_LENGTH = datetime.timedelta(hours=2)
FEED_SIZE = 30


def site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def site_url(path: str) -> str:
    """An absolute address on the portal's public name, for identifiers that must not change
    with the host a request happened to use."""
    return settings.SITE_URL.rstrip("/") + path


def meeting_heading(meeting: Meeting) -> str:
    """ "Health and Wellbeing Board, Wednesday 9 February 2022 (special meeting)"."""
    heading = f"{meeting.body.name}, {meeting.date:%A %-d %B %Y}"
    if meeting.kind != Meeting.Kind.ORDINARY:
        heading += f" ({meeting.get_kind_display().lower()} meeting)"
    return heading


def meeting_location(meeting: Meeting) -> str:
    """The venue as the meeting page shows it."""
    if meeting.virtual:
        return f"Virtual meeting ({meeting.venue})" if meeting.venue else "Virtual meeting"
    return meeting.venue


# iCalendar
# ------------------------------------------------------------------------------


def meeting_event(meeting: Meeting, *, items: Iterable[AgendaItem], url: str) -> Event:
    """One meeting as a VEVENT. `meeting.moves` is the number of times it was moved."""
    zone = timezone.get_default_timezone()
    if meeting.start_time:
        start = datetime.datetime.combine(meeting.date, meeting.start_time, tzinfo=zone)
        end = (
            datetime.datetime.combine(meeting.date, meeting.end_time, tzinfo=zone)
            if meeting.end_time
            else start + MEETING_LENGTH
        )
    else:
        # No time yet: the whole day, rather than an hour nobody announced.
        start, end = meeting.date, meeting.date + datetime.timedelta(days=1)
    summary = meeting.body.name
    if meeting.kind != Meeting.Kind.ORDINARY:
        summary += f" ({meeting.get_kind_display().lower()} meeting)"
    if meeting.cancelled:
        # Many calendar apps ignore STATUS in a subscribed calendar; the title still says it.
        summary = f"Cancelled: {summary}"

    lines = []
    if meeting.cancelled:
        lines.append(f"This meeting has been cancelled. {meeting.cancellation_reason}".strip())
    if meeting.moved_from:
        lines.append(
            f"This meeting has moved from {meeting.moved_from:%A %-d %B %Y}. "
            f"{meeting.change_reason}".strip()
        )
    # An untitled item (known only from the minutes) would read "3. Agenda Item 3": noise.
    agenda = [f"{item.display_number}. {item.title}" for item in items if item.title]
    if agenda:
        lines += ["", "Agenda:", *agenda]
    lines += ["", f"Agenda and papers: {url}"]

    # SEQUENCE counts the revisions that matter to an attendee (RFC 5546): each move and the
    # cancellation. A meeting marked moved with no logged move (imported data) counts once.
    moves = max(getattr(meeting, "moves", 0), 1 if meeting.moved_from else 0)
    stamp = meeting.updated_at.astimezone(datetime.UTC)
    return Event.new(
        uid=f"meeting-{meeting.pk}@{site_host()}",
        start=start,
        end=end,
        summary=summary,
        location=meeting_location(meeting) or None,
        url=url,
        description="\n".join(lines).strip(),
        status="CANCELLED" if meeting.cancelled else "CONFIRMED",
        sequence=moves + int(meeting.cancelled),
        stamp=stamp,
        last_modified=stamp,
    )


def meetings_calendar(
    request: HttpRequest, meetings: QuerySet[Meeting], *, name: str, uid: str
) -> Calendar:
    """The public's view of `meetings` from a year ago onwards, with their public agendas."""
    since = timezone.localdate() - CALENDAR_HISTORY
    meetings = list(
        meetings.filter(date__gte=since)
        .select_related("body")
        # agenda.meeting_move records each move in the change log.
        .annotate(moves=Count("changes", filter=Q(changes__action="moved")))
        .order_by("date", "start_time", "pk")
    )
    agendas: dict[int, list[AgendaItem]] = defaultdict(list)
    for item in (
        AgendaItem.objects.visible_to(PUBLIC)
        .filter(meeting__in=[meeting.pk for meeting in meetings], parent__isnull=True)
        .order_by("meeting", "order", "number")
    ):
        agendas[item.meeting_id].append(item)

    calendar = Calendar.new(
        prodid=f"-//{settings.SITE_NAME}//Meeting calendar//EN", name=name, uid=uid
    )
    for meeting in meetings:
        url = request.build_absolute_uri(meeting.get_absolute_url())
        calendar.add_component(meeting_event(meeting, items=agendas[meeting.pk], url=url))
    if meetings:
        # VTIMEZONE rules only for the years the calendar spans, not 1970 to 2038.
        calendar.add_missing_timezones(
            first_date=datetime.date(meetings[0].date.year - 1, 1, 1),
            last_date=datetime.date(meetings[-1].date.year + 2, 1, 1),
        )
    return calendar


def _calendar_response(calendar: Calendar) -> HttpResponse:
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")


@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    """Every body's meetings, for one subscription."""
    return _calendar_response(
        meetings_calendar(
            request,
            Meeting.objects.visible_to(PUBLIC),
            name=f"{settings.SITE_NAME}: meetings",
            uid=f"meetings@{site_host()}",
        )
    )


@require_GET
def body_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_object_or_404(Body, slug=slug)
    return _calendar_response(
        meetings_calendar(
            request,
            Meeting.objects.visible_to(PUBLIC).filter(body=body),
            name=f"{body.name}: meetings",
            uid=f"meetings-{body.slug}@{site_host()}",
        )
    )


# Atom
# ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedEntry:
    """One entry of an Atom feed.

    `link`: a path on this site or an absolute URL. `summary`: plain text. `guid`: an absolute
    URL identifying the entry for good, when the link alone does not (several entries may link
    to one meeting); left empty, the entry is identified by its link and date.
    """

    title: str
    link: str
    updated: datetime.datetime
    summary: str = ""
    guid: str = ""


class EntriesFeed(Feed):
    """An Atom feed of `FeedEntry` rows, newest first. A subclass gives `entries(obj)` and the
    feed's `title`, `link` and `subtitle`; a feed of search results needs nothing more."""

    feed_type = Atom1Feed
    size = FEED_SIZE

    def entries(self, obj) -> Iterable[FeedEntry]:
        raise NotImplementedError

    def items(self, obj) -> list[FeedEntry]:
        entries = sorted(self.entries(obj), key=lambda entry: entry.updated, reverse=True)
        return entries[: self.size]

    def author_name(self) -> str:
        # Atom requires an author for the feed or for every entry: the portal speaks for all.
        return settings.SITE_NAME

    def item_title(self, entry: FeedEntry) -> str:
        return entry.title

    def item_link(self, entry: FeedEntry) -> str:
        return entry.link

    def item_description(self, entry: FeedEntry) -> str | None:
        # Atom1Feed writes the description as <summary type="html">.
        return escape(entry.summary) if entry.summary else None

    def item_pubdate(self, entry: FeedEntry) -> datetime.datetime:
        return entry.updated

    def item_updateddate(self, entry: FeedEntry) -> datetime.datetime:
        return entry.updated

    def item_guid(self, entry: FeedEntry) -> str | None:
        return entry.guid or None


# body (None for every body), the reader, at most how many → the newest entries.
EntryProvider = Callable[[Body | None, Any, int], Iterable[FeedEntry]]
_entry_providers: list[EntryProvider] = []


def register_entries(provider: EntryProvider) -> None:
    """How minutes (which meetings never imports) add their publications to the feed. A
    provider must read through its models' `visible_to(reader)`."""
    if provider not in _entry_providers:
        _entry_providers.append(provider)


def publication_entries(body: Body | None, reader, limit: int) -> list[FeedEntry]:
    """The agenda and each supplement, as they went out."""
    publications = (
        Publication.objects.visible_to(reader)
        .filter(meeting__in=Meeting.objects.visible_to(reader))
        .select_related("meeting__body")
        .order_by("-published_at", "-pk")
    )
    if body is not None:
        publications = publications.filter(meeting__body=body)
    entries = []
    for publication in publications[:limit]:
        meeting = publication.meeting
        when = f"{meeting.date:%A %-d %B %Y}"
        if meeting.start_time:
            when += f" at {uk_time(meeting.start_time)}"
        if location := meeting_location(meeting):
            when += f", {location}"
        if publication.number == 1:
            title = f"Agenda published: {meeting_heading(meeting)}"
            summary = f"The agenda and papers for the meeting on {when}."
        else:
            title = f"Supplement {publication.number - 1} published: {meeting_heading(meeting)}"
            summary = f"Papers published after the agenda for the meeting on {when}."
        url = meeting.get_absolute_url()
        entries.append(
            FeedEntry(
                title=title,
                link=url,
                updated=publication.published_at,
                summary=summary,
                guid=site_url(f"{url}#publication-{publication.number}"),
            )
        )
    return entries


register_entries(publication_entries)


class PapersFeed(EntriesFeed):
    """New papers of one body (`slug`) or of every body: agendas, supplements and whatever
    other apps register (the minutes)."""

    def get_object(self, request: HttpRequest, slug: str | None = None) -> Body | None:
        return get_object_or_404(Body, slug=slug) if slug else None

    def title(self, body: Body | None) -> str:
        return f"New papers: {body.name if body else settings.SITE_NAME}"

    def subtitle(self, body: Body | None) -> str:
        of = f"the {body.name}" if body else "every board and committee"
        return f"Agendas, supplements and minutes of {of}, as they are published."

    def link(self, body: Body | None) -> str:
        return body.get_absolute_url() if body else reverse("meetings:home")

    def feed_guid(self, body: Body | None) -> str:
        if body:
            return site_url(reverse("meetings:body_feed", kwargs={"slug": body.slug}))
        return site_url(reverse("meetings:feed"))

    def entries(self, body: Body | None) -> list[FeedEntry]:
        return [
            entry for provider in _entry_providers for entry in provider(body, PUBLIC, self.size)
        ]
