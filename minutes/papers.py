"""Minutes as agenda papers and meeting links (registered with meetings.papers)."""

from __future__ import annotations

from collections.abc import Iterator

from meetings.models import AgendaItem, Meeting
from meetings.papers import MeetingLink, Paper
from minutes.models import Minutes


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
            meeting = record.meeting
            title = f"Minutes of the meeting held on {meeting.date:%-d %B %Y}"
            if meeting.kind != Meeting.Kind.ORDINARY:
                title += f" ({meeting.get_kind_display()})"
            yield (
                item_id,
                Paper(
                    kind="minutes",
                    title=title,
                    url=record.get_absolute_url(),
                    order=(0, meeting.date.toordinal()),
                    obj=record,
                ),
            )


def meeting_links(meeting: Meeting, user) -> Iterator[MeetingLink]:
    record = Minutes.objects.visible_to(user).filter(meeting=meeting).first()
    if record:
        note = record.get_status_display()
        if record.approved_at_id:
            note = f"Approved at the meeting on {record.approved_at.date:%-d %B %Y}"
        yield MeetingLink(title="Minutes", url=record.get_absolute_url(), note=note)
