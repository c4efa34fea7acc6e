"""Writes that span several rows of minutes: numbering and approval."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from meetings.html import sanitise_html
from meetings.models import AgendaItem, Body, Meeting
from minutes.models import MinuteEntry, Minutes

ITEM_FROM_OTHER_MEETING = "A minute can only cover agenda items of its own meeting."
APPROVING_MEETING_NOT_LATER = "Minutes can only be approved at a later meeting of the same body."


@transaction.atomic
def minute_entry_create(
    *,
    minutes: Minutes,
    title: str,
    html: str = "",
    items: list[AgendaItem] | tuple[AgendaItem, ...] = (),
    number: int | None = None,
    **fields,
) -> MinuteEntry:
    """Add a minute, numbered next in the body's numbering period unless `number` is given
    (importing printed minutes keeps their numbers)."""
    meeting = minutes.meeting
    if any(item.meeting_id != meeting.pk for item in items):
        raise ValidationError(ITEM_FROM_OTHER_MEETING)
    # Locking the body serialises numbering, so two clerks never get the same number.
    body = Body.objects.select_for_update().get(pk=meeting.body_id)
    period = body.numbering_period(meeting.date)
    if number is None:
        last = MinuteEntry.objects.filter(body=body, period=period).aggregate(n=Max("number"))["n"]
        number = (last or 0) + 1
    order = fields.pop("order", None)
    if order is None:
        order = minutes.entries.count()
    entry = MinuteEntry(
        minutes=minutes,
        body=body,
        period=period,
        number=number,
        order=order,
        title=title,
        html=sanitise_html(html),
        **fields,
    )
    entry.full_clean()
    entry.save()
    entry.agenda_items.set(items)
    return entry


@transaction.atomic
def minutes_approve(*, minutes: Minutes, at_meeting: Meeting) -> Minutes:
    """Mark minutes approved as a correct record at a later meeting of the same body."""
    earlier = minutes.meeting
    if at_meeting.body_id != earlier.body_id or at_meeting.date <= earlier.date:
        raise ValidationError(APPROVING_MEETING_NOT_LATER)
    minutes.status = Minutes.Status.APPROVED
    minutes.approved_at = at_meeting
    minutes.save(update_fields=["status", "approved_at", "updated_at"])
    Meeting.objects.filter(pk=earlier.pk).update(status=Meeting.Status.MINUTES_APPROVED)
    return minutes
