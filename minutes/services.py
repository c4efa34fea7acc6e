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


def minutes_print(*, minutes: Minutes, force: bool = False) -> Minutes:
    """Build the printed minutes PDF (the pack pipeline's render, numbering and stamping) and
    keep it on the minutes; unchanged minutes are not printed again unless `force`."""
    from django.contrib.auth.models import AnonymousUser
    from django.core.files.base import ContentFile

    from meetings.pack.render import cache_key
    from meetings.pack.single import build_numbered_pdf
    from minutes.papers import minutes_source, minutes_title

    # The printed minutes are the public record: exempt minutes are left out, as on the page.
    html = minutes_source(minutes, AnonymousUser(), public_record=True).html
    fingerprint = cache_key(html)
    if not force and minutes.printed and minutes.printed_fingerprint == fingerprint:
        return minutes
    meeting = minutes.meeting
    pdf, pages = build_numbered_pdf(
        html,
        title=f"{meeting.body.name} – minutes of {meeting.date:%-d %B %Y}",
        outline_title=minutes_title(meeting),
    )
    old = minutes.printed.name if minutes.printed else ""
    minutes.printed.save(f"{meeting.slug}-minutes.pdf", ContentFile(pdf), save=False)
    minutes.printed_pages = pages
    minutes.printed_fingerprint = fingerprint
    # update_fields: printing is not an edit of the minutes, so it must not queue itself again.
    Minutes.objects.filter(pk=minutes.pk).update(
        printed=minutes.printed.name, printed_pages=pages, printed_fingerprint=fingerprint
    )
    if old and old != minutes.printed.name:
        minutes.printed.storage.delete(old)
    return minutes
