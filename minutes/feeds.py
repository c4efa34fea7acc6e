"""Minutes in the new-papers feed (registered with meetings.feeds, which never imports
minutes)."""

from __future__ import annotations

from meetings.feeds import FeedEntry, meeting_heading, site_url
from meetings.models import Body, Meeting
from minutes.models import Minutes


def minutes_entries(body: Body | None, reader, limit: int) -> list[FeedEntry]:
    """Minutes once published, and again once approved as a correct record."""
    minutes = (
        Minutes.objects.visible_to(reader)
        .filter(meeting__in=Meeting.objects.visible_to(reader))
        .select_related("meeting__body", "approved_at")
        .order_by("-updated_at", "-pk")
    )
    if body is not None:
        minutes = minutes.filter(meeting__body=body)
    entries = []
    for record in minutes[:limit]:
        heading = meeting_heading(record.meeting)
        if record.status == Minutes.Status.APPROVED:
            title = f"Minutes approved: {heading}"
            summary = (
                "Approved as a correct record at the meeting on "
                f"{record.approved_at.date:%-d %B %Y}."
            )
        else:
            title = f"Minutes published: {heading}"
            summary = "Draft minutes, subject to approval at the next meeting."
        url = record.get_absolute_url()
        entries.append(
            FeedEntry(
                title=title,
                link=url,
                # Minutes keep no publication time; publishing and approving both save them
                # (a later correction moves the date on too, which a subscriber should see).
                updated=record.updated_at,
                summary=summary,
                # Approval is news of its own: a new entry, not an edit of the published one.
                guid=site_url(f"{url}#{record.status}"),
            )
        )
    return entries
