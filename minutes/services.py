"""Writes that span several rows of minutes: numbering and approval."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from meetings.html import sanitise_html
from meetings.models import AgendaItem, Body, Meeting
from minutes.models import MinuteEntry, Minutes

ITEM_FROM_OTHER_MEETING = "A minute can only cover agenda items of its own meeting."
MINUTE_NUMBERS_FIXED = (
    "These minutes are published, so their numbers are fixed: edit the minute instead."
)
MINUTE_NUMBERS_TAKEN = (
    "Minute {number} already belongs to the minutes of {meeting}, so the numbers cannot close "
    "up: edit this minute instead."
)
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


LABEL_RE = r"^\s*(\(?[0-9]{1,2}[.)]|\(?[ivx]{1,5}[.)]|\(?[a-h][.)]|[•▪\-–])\s+(.*)$"
SUBSTITUTE_WITHOUT_APOLOGY = (
    "{substitute} can only be recorded as a substitute for a member who sent apologies; "
    "record {member}'s apologies first."
)
MINUTES_EXIST = "The minutes of this meeting have already been started."


def resolution_from_recommendation(text: str) -> tuple[str, list[tuple[str, str]]]:
    """ "RECOMMENDED that the Board: (i) … (ii) …" → ("RESOLVED that the Board:", parts with
    their labels as printed)."""
    import re

    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return "", []
    preamble = re.sub(r"^\s*RECOMMENDED\b", "RESOLVED", lines[0])
    parts: list[tuple[str, str]] = []
    for line in lines[1:]:
        match = re.match(LABEL_RE, line, re.IGNORECASE)
        if match:
            parts.append((match.group(1), match.group(2)))
        elif parts:
            parts[-1] = (parts[-1][0], f"{parts[-1][1]} {line}")
        else:
            preamble = f"{preamble} {line}"
    return preamble, parts


def minutes_header(meeting: Meeting) -> str:
    from meetings.templatetags.boardpapers import uk_time

    held = "held virtually on" if meeting.virtual else "held on"
    text = f"MINUTES OF THE MEETING of the {meeting.body.name} {held} {meeting.date:%A, %-d %B %Y}"
    if meeting.start_time:
        text += f" at {uk_time(meeting.start_time)}"
    if meeting.venue and not meeting.virtual:
        text += f" in {meeting.venue}"
    return text + "."


@transaction.atomic
def minutes_start(*, meeting: Meeting, by) -> Minutes:
    """Draft minutes from the agenda: the header, one numbered minute per item, resolutions
    pre-filled from each item's "RECOMMENDED that…" (as "RESOLVED that…", parts keeping their
    labels), information items noted, and the reason for urgency offered when the agenda
    went out late."""
    from meetings.agenda import change_record
    from minutes.models import Resolution, ResolutionPart

    if Minutes.objects.filter(meeting=meeting).exists():
        raise ValidationError(MINUTES_EXIST)
    minutes = Minutes.objects.create(
        meeting=meeting, status=Minutes.Status.DRAFT, header=minutes_header(meeting)
    )
    for item in meeting.items.filter(parent__isnull=True).order_by("order", "number"):
        html = ""
        if item.kind == AgendaItem.Kind.DECLARATIONS:
            html = "<p>There were no declarations of interest.</p>"
        if meeting.urgency_reason and item.kind == AgendaItem.Kind.APOLOGIES:
            html += (
                "<p>The agenda was published with fewer than five clear working days' notice. "
                f"The Chair agreed it be considered as a matter of urgency because "
                f"{meeting.urgency_reason.rstrip('.')}.</p>"
            )
        entry = minute_entry_create(
            minutes=minutes,
            title=item.display_title,
            html=html,
            items=[item],
            tag=item.title_suffix,
            exempt=item.exempt,
        )
        preamble, parts = resolution_from_recommendation(item.recommendation)
        outcome = Resolution.Outcome.AGREED
        if not preamble and item.information_only:
            preamble = f"RESOLVED that the {meeting.body.name} note the report."
            outcome = Resolution.Outcome.NOTED
        if preamble:
            resolution = Resolution.objects.create(entry=entry, preamble=preamble, outcome=outcome)
            ResolutionPart.objects.bulk_create(
                ResolutionPart(resolution=resolution, order=n, label=label, text=text)
                for n, (label, text) in enumerate(parts)
            )
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.MINUTES_DRAFT)
    change_record(user=by, obj=minutes, action="started the minutes", meeting=meeting)
    return minutes


@transaction.atomic
def attendance_record(
    *,
    minutes: Minutes,
    rows: list[dict],
    by,
    officers: list[str] | None = None,
    others: list[str] | None = None,
) -> None:
    """Record who was present, who sent apologies and who stood in for whom. Each row:
    person, status ("present" | "apologies" | "absent"), in_the_chair, arrived_late,
    left_early, substitute (a person standing in for an apologising member) and printed.
    Members whose seat is non-voting are recorded as such. `officers` and `others` ("also in
    attendance") are lines "Name, post"; None leaves those already recorded alone."""
    from meetings.agenda import change_record
    from meetings.models import Membership
    from minutes.models import Apology, Attendance

    apologising = {row["person"].pk for row in rows if row["status"] == "apologies"}
    for row in rows:
        substitute = row.get("substitute")
        if substitute and row["person"].pk not in apologising:
            raise ValidationError(
                SUBSTITUTE_WITHOUT_APOLOGY.format(
                    substitute=substitute.full_name, member=row["person"].full_name
                )
            )
    non_voting = set(
        minutes.meeting.members()
        .filter(role=Membership.Role.NON_VOTING)
        .values_list("person_id", flat=True)
    )
    seats = [Attendance.Capacity.MEMBER, Attendance.Capacity.SUBSTITUTE]
    seats.append(Attendance.Capacity.NON_VOTING)
    minutes.attendance.filter(capacity__in=seats).delete()
    minutes.apologies.all().delete()
    for order, row in enumerate(rows):
        person, status = row["person"], row["status"]
        if status == "present":
            capacity = Attendance.Capacity.MEMBER
            if person.pk in non_voting:
                capacity = Attendance.Capacity.NON_VOTING
            Attendance.objects.create(
                minutes=minutes,
                person=person,
                capacity=row.get("capacity") or capacity,
                in_the_chair=row.get("in_the_chair", False),
                arrived_late=row.get("arrived_late", False),
                left_early=row.get("left_early", False),
                printed=row.get("printed", ""),
                order=order,
            )
        elif status == "apologies":
            substitute = row.get("substitute")
            Apology.objects.create(
                minutes=minutes, person=person, substitute=substitute, order=order
            )
            if substitute:
                Attendance.objects.create(
                    minutes=minutes,
                    person=substitute,
                    capacity=Attendance.Capacity.SUBSTITUTE,
                    substitute_for=person,
                    order=order,
                )
    start = len(rows)
    for capacity, lines in [
        (Attendance.Capacity.OFFICER, officers),
        (Attendance.Capacity.OTHER, others),
    ]:
        if lines is not None:
            start = _attendance_by_name(minutes, capacity, lines, start)
    change_record(user=by, obj=minutes, action="recorded attendance", meeting=minutes.meeting)


def _attendance_by_name(minutes: Minutes, capacity: str, lines: list[str], start: int) -> int:
    """Officers and others present, one "Name, post" line each, matched to people already
    known by name or spelling variant so their attendance is counted on their page."""
    from django.db.models import Q

    from meetings.models import Person
    from meetings.utils import unique_slug
    from minutes.models import Attendance

    minutes.attendance.filter(capacity=capacity).delete()
    for line in lines:
        name, _, post = (part.strip() for part in line.partition(","))
        if not name:
            continue
        person = Person.objects.filter(Q(name__iexact=name) | Q(aliases__contains=[name])).first()
        if person is None:
            person = Person.objects.create(
                slug=unique_slug(Person, name, fallback="person"), name=name
            )
        _, created = Attendance.objects.get_or_create(
            minutes=minutes,
            person=person,
            capacity=capacity,
            defaults={"post": post, "printed": name, "order": start},
        )
        start += created
    return start


@transaction.atomic
def minutes_publish_draft(*, minutes: Minutes, by) -> Minutes:
    """Publish the draft minutes, marked "subject to approval", and approve the earlier
    minutes this meeting agreed as a correct record."""
    from meetings.agenda import change_record
    from minutes.models import Resolution

    minutes.status = Minutes.Status.PUBLISHED
    minutes.save(update_fields=["status", "updated_at"])
    Meeting.objects.filter(pk=minutes.meeting_id).update(status=Meeting.Status.MINUTES_PUBLISHED)
    agreed = Resolution.objects.filter(
        entry__minutes=minutes,
        outcome__in=[Resolution.Outcome.AGREED, Resolution.Outcome.AGREED_AS_AMENDED],
    ).values("entry")
    earlier = Minutes.objects.filter(
        meeting__approving_items__minute_entries__in=agreed,
        status__in=[Minutes.Status.DRAFT, Minutes.Status.PUBLISHED],
    ).distinct()
    for record in earlier:
        minutes_approve(minutes=record, at_meeting=minutes.meeting)
    change_record(
        user=by, obj=minutes, action="published the draft minutes", meeting=minutes.meeting
    )
    return minutes


@transaction.atomic
def minute_entry_save(
    *, entry: MinuteEntry, by, fields: dict, preamble: str, parts: list, outcome: str
) -> MinuteEntry:
    """Save a minute's text and its (single) resolution as the clerk wrote them."""
    from meetings.agenda import change_record
    from minutes.models import Resolution, ResolutionPart

    fields = dict(fields)
    items = fields.pop("agenda_items", None)
    if items is not None and any(item.meeting_id != entry.minutes.meeting_id for item in items):
        raise ValidationError(ITEM_FROM_OTHER_MEETING)
    for key, value in fields.items():
        setattr(entry, key, value)
    entry.html = sanitise_html(entry.html)
    entry.full_clean()
    entry.save()
    if items is not None:
        entry.agenda_items.set(items)
    entry.resolutions.all().delete()
    if preamble.strip():
        resolution = Resolution.objects.create(
            entry=entry, preamble=preamble.strip(), outcome=outcome
        )
        ResolutionPart.objects.bulk_create(
            ResolutionPart(resolution=resolution, order=n, label=label, text=text)
            for n, (label, text) in enumerate(parts)
        )
    change_record(user=by, obj=entry, action="edited", meeting=entry.minutes.meeting)
    return entry


@transaction.atomic
def minute_entry_delete(*, entry: MinuteEntry, by) -> None:
    """Delete a minute from draft minutes (say one folded into another covering both items)
    and close the gap, so the printed numbers still run without a hole."""
    from meetings.agenda import change_record

    minutes = entry.minutes
    if minutes.status != Minutes.Status.DRAFT:
        raise ValidationError(MINUTE_NUMBERS_FIXED)
    Body.objects.select_for_update().get(pk=entry.body_id)
    later_elsewhere = (
        MinuteEntry.objects.filter(body=entry.body_id, period=entry.period, number__gt=entry.number)
        .exclude(minutes=minutes)
        .order_by("number")
        .first()
    )
    if later_elsewhere:
        raise ValidationError(
            MINUTE_NUMBERS_TAKEN.format(
                number=later_elsewhere.number, meeting=later_elsewhere.minutes.meeting
            )
        )
    number = entry.number
    change_record(user=by, obj=minutes, action=f"deleted minute {number}", meeting=minutes.meeting)
    entry.delete()
    # Ascending, so each number moves into the one just freed.
    for later in minutes.entries.filter(number__gt=number).order_by("number"):
        later.number -= 1
        later.save(update_fields=["number"])


def future_dates_text(meeting: Meeting) -> str:
    """ "Dates of future meetings: 22 June, 21 September and 23 November 2022 (all at 10.00 am)"."""
    from meetings.templatetags.boardpapers import uk_time

    upcoming = list(
        Meeting.objects.filter(body=meeting.body, date__gt=meeting.date, cancelled=False)
        .order_by("date")
        .values_list("date", "start_time")[:6]
    )
    if not upcoming:
        return ""
    dates = [f"{date:%A} {date:%-d %B %Y}" for date, _ in upcoming]
    joined = dates[0] if len(dates) == 1 else f"{', '.join(dates[:-1])} and {dates[-1]}"
    times = {time for _, time in upcoming if time}
    at = f" (all at {uk_time(times.pop())})" if len(times) == 1 else ""
    return f"Dates of future meetings: {joined}{at}."


@transaction.atomic
def minutes_close(*, minutes: Minutes, by, fields: dict) -> Minutes:
    """Record the close of the meeting: time, signature and future dates."""
    from meetings.agenda import change_record

    for key, value in fields.items():
        setattr(minutes, key, value)
    minutes.save()
    change_record(user=by, obj=minutes, action="recorded the close", meeting=minutes.meeting)
    return minutes
