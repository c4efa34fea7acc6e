"""Minutes as agenda papers and meeting links (registered with meetings.papers)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from django.db.models import Prefetch
from django.template.loader import render_to_string

from meetings.models import AgendaItem, Meeting
from meetings.papers import MeetingLink, PackSource, Paper
from minutes.models import MinuteEntry, Minutes


def minutes_context(minutes: Minutes, user, *, public_record: bool = False) -> dict:
    """Everything the minutes page and the printed minutes show, read through visible_to.
    `public_record`: the printed minutes, which leave exempt minutes out whoever prints them."""
    entries = MinuteEntry.objects.visible_to(user)
    if public_record:
        entries = MinuteEntry.objects.filter(exempt=False)
    entries = entries.filter(minutes=minutes).prefetch_related(
        Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("number")),
        "resolutions__parts",
    )
    attendance = minutes.attendance.select_related("person", "organisation", "substitute_for")
    return {
        "minutes": minutes,
        "meeting": minutes.meeting,
        "entries": entries,
        "present": [
            a for a in attendance if a.capacity not in (a.Capacity.OFFICER, a.Capacity.OTHER)
        ],
        "officers": [a for a in attendance if a.capacity == a.Capacity.OFFICER],
        "others": [a for a in attendance if a.capacity == a.Capacity.OTHER],
        "apologies": minutes.apologies.select_related("person", "substitute"),
        "declarations": minutes.declarations.select_related("person", "agenda_item"),
    }


def minutes_source(minutes: Minutes, user, *, public_record: bool = False) -> PackSource:
    context = minutes_context(minutes, user, public_record=public_record)
    return PackSource(html=render_to_string("minutes/pdf/minutes.html", context))


def minutes_title(meeting: Meeting) -> str:
    title = f"Minutes of the meeting held on {meeting.date:%-d %B %Y}"
    if meeting.kind != Meeting.Kind.ORDINARY:
        title += f" ({meeting.get_kind_display()})"
    return title


def item_papers(items: list[AgendaItem], user) -> Iterator[tuple[int, Paper]]:
    """The minutes an item approves are that item's papers (e.g. "Minutes of previous")."""
    through = AgendaItem.approves_minutes.through
    pairs = list(
        through.objects.filter(agendaitem_id__in=[item.pk for item in items]).values_list(
            "agendaitem_id", "meeting_id"
        )
    )
    minutes = {
        m.meeting_id: m
        for m in Minutes.objects.visible_to(user)
        .filter(meeting_id__in=[meeting_id for _, meeting_id in pairs])
        .select_related("meeting__body")
    }
    for item_id, meeting_id in pairs:
        if record := minutes.get(meeting_id):
            yield (
                item_id,
                Paper(
                    kind="minutes",
                    title=minutes_title(record.meeting),
                    url=record.get_absolute_url(),
                    order=(0, record.meeting.date.toordinal()),
                    obj=record,
                    key=f"minutes:{record.meeting.slug}",
                    source=partial(minutes_source, record, user),
                ),
            )


def meeting_links(meeting: Meeting, user) -> Iterator[MeetingLink]:
    record = Minutes.objects.visible_to(user).filter(meeting=meeting).first()
    if record:
        note = record.get_status_display()
        if record.approved_at_id:
            note = f"Approved at the meeting on {record.approved_at.date:%-d %B %Y}"
        yield MeetingLink(title="Minutes", url=record.get_absolute_url(), note=note)
