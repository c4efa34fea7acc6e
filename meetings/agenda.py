"""The clerk's work on meetings and agendas: scheduling, the agenda builder and publication.

Every function here is a service: keyword-only, atomic, recorded in the audit trail, and
the only way views, commands and tests change these things.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone

from meetings import clock, papers
from meetings.access import BodyReader
from meetings.models import AgendaItem, Body, BodyRole, Change, Meeting, Publication
from meetings.utils import unique_slug

logger = logging.getLogger(__name__)

MEETING_EXISTS = "{body} already has a meeting on {date:%-d %B %Y}."
MEETING_IN_PAST = "A new meeting cannot be on a date that has passed ({date:%-d %B %Y})."
NO_DATES = "Enter at least one date."
REASON_NEEDED = "Give the reason; it is shown to the public."
ALREADY_CANCELLED = "This meeting is already cancelled."
EDIT_CONFLICT = (
    "Someone else saved this item after you opened it. Your text is still in the form below: "
    "check their changes on the agenda, then save again."
)
PUBLISHED_ITEM_DELETE = (
    "The agenda is published, so its items cannot be deleted. Mark the item withdrawn in its "
    "text instead, or publish a supplement."
)
CANNOT_PUBLISH_CANCELLED = "A cancelled meeting's agenda cannot be published."
ALREADY_PUBLISHED = "The agenda is already published; later papers go out as supplements."
AGENDA_EMPTY = "The agenda has no items yet."
MISSING_PAPERS = "Item {number} ({title}) expects papers but has none and is not marked to follow."
NOT_READY = "Item {number}: the report “{title}” is {status}; accept it or mark it to follow."
EXEMPT_WITHOUT_REASON = "Item {number} is exempt but has no public reason for exclusion."
URGENCY_NEEDED = (
    "The agenda is being published with {days} clear working days before the meeting; the law "
    "asks for five (the deadline was {deadline:%A %-d %B %Y}). Give the reason for urgency."
)


def change_record(
    *, user, obj, action: str, meeting: Meeting | None = None, details: dict | None = None
) -> Change:
    return Change.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        meeting=meeting,
        object_type=obj._meta.verbose_name,
        object_id=str(obj.pk or ""),
        object_repr=str(obj)[:300],
        action=action,
        details=details or {},
    )


def _slug_for(body: Body, date: datetime.date) -> str:
    return unique_slug(Meeting, f"{date:%Y-%m-%d}-{body.slug}")


@transaction.atomic
def meeting_create(
    *,
    body: Body,
    date: datetime.date,
    by,
    start_time: datetime.time | None = None,
    kind: str = Meeting.Kind.ORDINARY,
    today: datetime.date | None = None,
    **fields,
) -> Meeting:
    """A new meeting with the body's defaults (time, venue, contact) unless given."""
    today = today or datetime.date.today()
    if date < today:
        raise ValidationError({"date": MEETING_IN_PAST.format(date=date)})
    if kind == Meeting.Kind.ORDINARY and body.meetings.filter(date=date, cancelled=False).exists():
        raise ValidationError({"date": MEETING_EXISTS.format(body=body.name, date=date)})
    meeting = Meeting(
        slug=_slug_for(body, date),
        body=body,
        date=date,
        start_time=start_time or body.default_start_time,
        kind=kind,
        venue=fields.pop("venue", "") or body.default_venue,
        contact_name=fields.pop("contact_name", "") or body.contact_name,
        contact_phone=fields.pop("contact_phone", "") or body.contact_phone,
        contact_email=fields.pop("contact_email", "") or body.contact_email,
        status=Meeting.Status.SCHEDULED,
        **fields,
    )
    meeting.full_clean()
    meeting.save()
    change_record(user=by, obj=meeting, action="created", meeting=meeting)
    # Every agenda starts with the standing items; the clerk can still remove them.
    agenda_standing_items_add(meeting=meeting, by=by)
    return meeting


@transaction.atomic
def meetings_schedule(
    *,
    body: Body,
    dates: list[datetime.date],
    by,
    start_time: datetime.time | None = None,
    venue: str = "",
    today: datetime.date | None = None,
) -> list[Meeting]:
    """A year of meetings at once; nothing is saved if any date is refused."""
    if not dates:
        raise ValidationError({"dates": NO_DATES})
    problems, created = [], []
    for date in sorted(set(dates)):
        try:
            created.append(
                meeting_create(
                    body=body, date=date, by=by, start_time=start_time, venue=venue, today=today
                )
            )
        except ValidationError as error:
            problems.extend(error.messages)
    if problems:
        raise ValidationError({"dates": problems})
    return created


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, reason: str, by) -> Meeting:
    if not reason.strip():
        raise ValidationError({"reason": REASON_NEEDED})
    if meeting.cancelled:
        raise ValidationError(ALREADY_CANCELLED)
    meeting.cancelled = True
    meeting.cancellation_reason = reason.strip()
    meeting.save(update_fields=["cancelled", "cancellation_reason", "updated_at"])
    change_record(
        user=by, obj=meeting, action="cancelled", meeting=meeting, details={"reason": reason}
    )
    return meeting


@transaction.atomic
def meeting_move(
    *,
    meeting: Meeting,
    date: datetime.date,
    start_time: datetime.time | None,
    reason: str,
    by,
    today: datetime.date | None = None,
) -> Meeting:
    """Move a meeting; its address stays the same so links already shared keep working."""
    if not reason.strip():
        raise ValidationError({"reason": REASON_NEEDED})
    if date < (today or datetime.date.today()):
        raise ValidationError({"date": MEETING_IN_PAST.format(date=date)})
    old = {"date": str(meeting.date), "time": str(meeting.start_time or "")}
    meeting.moved_from = meeting.moved_from or meeting.date
    meeting.date = date
    meeting.start_time = start_time or meeting.start_time
    meeting.change_reason = reason.strip()
    meeting.save()
    change_record(
        user=by,
        obj=meeting,
        action="moved",
        meeting=meeting,
        details={
            "from": old,
            "to": {"date": str(date), "time": str(meeting.start_time or "")},
            "reason": reason,
        },
    )
    return meeting


ITEM_FIELDS = [
    "title", "title_suffix", "kind", "purpose", "recommendation", "presenter", "item_for",
    "information_only", "has_papers", "to_follow_note", "exempt", "exempt_paragraph",
    "exempt_reason",
]  # fmt: skip


def _renumber(meeting: Meeting) -> None:
    """Numbers follow the order, 1..N, as on a printed agenda."""
    items = list(meeting.items.filter(parent__isnull=True).order_by("order", "number", "pk"))
    # Two passes so the unique (meeting, number) constraint never sees a duplicate.
    for offset, item in enumerate(items):
        AgendaItem.objects.filter(pk=item.pk).update(number=1000 + offset)
    for position, item in enumerate(items, start=1):
        AgendaItem.objects.filter(pk=item.pk).update(number=position, order=position)


@transaction.atomic
def agenda_item_add(*, meeting: Meeting, by, **fields) -> AgendaItem:
    last = meeting.items.filter(parent__isnull=True).aggregate(n=Max("number"), o=Max("order"))
    item = AgendaItem(
        meeting=meeting,
        number=(last["n"] or 0) + 1,
        order=(last["o"] or 0) + 1,
        **{key: value for key, value in fields.items() if key in ITEM_FIELDS},
    )
    item.full_clean()
    item.save()
    change_record(user=by, obj=item, action="added", meeting=meeting)
    return item


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, by, version: int, **fields) -> AgendaItem:
    """Save an edit unless someone else saved the item since `version` was read."""
    locked = AgendaItem.objects.select_for_update().get(pk=item.pk)
    if locked.version != version:
        raise ValidationError(EDIT_CONFLICT, code="conflict")
    changed = {}
    for key in ITEM_FIELDS:
        if key in fields and getattr(locked, key) != fields[key]:
            changed[key] = [str(getattr(locked, key)), str(fields[key])]
            setattr(locked, key, fields[key])
    locked.version = F("version") + 1
    locked.full_clean(exclude=["version"])
    locked.save()
    locked.refresh_from_db()
    if changed:
        change_record(
            user=by, obj=locked, action="changed", meeting=locked.meeting, details=changed
        )
    return locked


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem, by) -> None:
    meeting = item.meeting
    if meeting.agenda_is_public:
        raise ValidationError(PUBLISHED_ITEM_DELETE)
    if item.reports.exists():
        item.reports.update(agenda_item=None)  # the officer's report is kept, unassigned
    change_record(user=by, obj=item, action="deleted", meeting=meeting)
    item.delete()
    _renumber(meeting)


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, direction: str, by) -> None:
    """Swap an item with its neighbour above or below; numbers follow."""
    meeting = item.meeting
    items = list(meeting.items.filter(parent__isnull=True).order_by("order", "number", "pk"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(items):
        return
    items[index], items[target] = items[target], items[index]
    for position, other in enumerate(items, start=1):
        AgendaItem.objects.filter(pk=other.pk).update(order=position)
    _renumber(meeting)
    change_record(
        user=by, obj=item, action=f"moved {direction}", meeting=meeting, details={"to": target + 1}
    )


STANDING_ITEMS = [
    ("Apologies for absence", AgendaItem.Kind.APOLOGIES),
    ("Declarations of interest", AgendaItem.Kind.DECLARATIONS),
]


@transaction.atomic
def agenda_standing_items_add(*, meeting: Meeting, by) -> list[AgendaItem]:
    """Put the standing items at the top: apologies, declarations and, when the body's last
    meeting has minutes, their approval, linked to those minutes."""
    existing = set(meeting.items.values_list("kind", flat=True))
    added = []
    wanted = [(title, kind, {}) for title, kind in STANDING_ITEMS if kind not in existing]
    previous = (
        Meeting.objects.filter(body=meeting.body, date__lt=meeting.date, cancelled=False)
        .exclude(minutes__isnull=True)
        .order_by("-date")
        .first()
    )
    if previous and AgendaItem.Kind.MINUTES not in existing:
        wanted.append(
            (
                f"Minutes of the previous meeting held on {previous.date:%-d %B %Y}",
                AgendaItem.Kind.MINUTES,
                {
                    "has_papers": True,
                    "recommendation": "RECOMMENDED that the minutes of the meeting held on "
                    f"{previous.date:%-d %B %Y} be approved as a correct record.",
                    "approves": previous,
                },
            )
        )
    # Make room at the top, then number everything again.
    meeting.items.filter(parent__isnull=True).update(order=F("order") + len(wanted))
    for position, (title, kind, extra) in enumerate(wanted, start=1):
        approves = extra.pop("approves", None)
        item = AgendaItem.objects.create(
            meeting=meeting, number=1000 + position, order=position, title=title, kind=kind, **extra
        )
        if approves:
            item.approves_minutes.add(approves)
        added.append(item)
        change_record(user=by, obj=item, action="added (standing item)", meeting=meeting)
    _renumber(meeting)
    return added


def publication_problems(meeting: Meeting) -> list[str]:
    """What stops the agenda going out, in the clerk's words."""
    problems = []
    if meeting.cancelled:
        problems.append(CANNOT_PUBLISH_CANCELLED)
    items = list(meeting.items.filter(parent__isnull=True).order_by("order", "number"))
    if not items:
        problems.append(AGENDA_EMPTY)
    found = papers.papers_for_items(items, BodyReader(meeting.body_id, "clerk"))
    for item in items:
        listed = [p for paper in found.get(item.pk, ()) for p in paper.flattened()]
        ready = [p for p in listed if p.ready and p.kind != "to_follow"]
        following = item.to_follow_note or any(p.kind == "to_follow" for p in listed)
        for paper in listed:
            if not paper.ready:
                problems.append(
                    NOT_READY.format(
                        number=item.display_number, title=paper.title, status=paper.status
                    )
                )
        if item.has_papers and not ready and not following:
            problems.append(
                MISSING_PAPERS.format(number=item.display_number, title=item.display_title)
            )
        if item.exempt and not item.exempt_reason.strip():
            problems.append(EXEMPT_WITHOUT_REASON.format(number=item.display_number))
    return problems


def _snapshot(meeting: Meeting) -> list[dict]:
    """Every item and the content hash of every paper, as a member reads them now."""
    from meetings.pack.build import _sources
    from meetings.pack.contents import Variant, collect

    contents = collect(meeting, Variant.MEMBERS)
    _, identities = _sources(contents)
    hashes = iter(identities)
    return [
        {
            "number": item.number,
            "title": item.title,
            "exempt": item.exempt,
            "papers": [
                {"key": doc.key, "title": doc.outline_title, "hash": next(hashes)}
                for doc in item.documents
            ],
            "to_follow": list(item.to_follow),
        }
        for item in contents.items
    ]


@transaction.atomic
def agenda_publish(
    *, meeting: Meeting, by, urgency_reason: str = "", today: datetime.date | None = None
) -> Publication:
    """Publish the agenda: checks, the statutory clock, an immutable publication record,
    reports marked published, the packs queued and the members told."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.agenda_is_public:
        raise ValidationError(ALREADY_PUBLISHED)
    problems = publication_problems(meeting)
    if problems:
        raise ValidationError(problems)
    today = today or timezone.localdate()
    days = clock.clear_working_days(today, meeting.date)
    late = days < clock.REQUIRED_CLEAR_DAYS
    if late and not urgency_reason.strip():
        raise ValidationError(
            {
                "urgency_reason": URGENCY_NEEDED.format(
                    days=days, deadline=clock.publish_by(meeting.date)
                )
            }
        )

    papers.run_publish_hooks(meeting)  # e.g. accepted reports become published
    meeting.status = Meeting.Status.AGENDA_PUBLISHED
    meeting.published_on = today
    meeting.urgency_reason = urgency_reason.strip() if late else ""
    meeting.save(update_fields=["status", "published_on", "urgency_reason", "updated_at"])
    contents = _snapshot(meeting)
    publication = Publication.objects.create(
        meeting=meeting,
        number=1,
        published_at=timezone.now(),
        published_by=by,
        clear_days=days,
        late=late,
        urgency_reason=meeting.urgency_reason,
        contents=contents,
        content_hash=hashlib.sha256(json.dumps(contents, sort_keys=True).encode()).hexdigest(),
    )
    change_record(
        user=by,
        obj=meeting,
        action="published the agenda" + (" late" if late else ""),
        meeting=meeting,
        details={"clear_days": days, "urgency_reason": meeting.urgency_reason},
    )
    transaction.on_commit(lambda: _tell_members(meeting))
    return publication


def _tell_members(meeting: Meeting) -> None:
    url = settings.SITE_URL.rstrip("/") + reverse("meetings:detail", kwargs={"slug": meeting.slug})
    recipients = sorted(
        {
            email
            for email in BodyRole.objects.filter(
                body=meeting.body, role=BodyRole.Role.MEMBER
            ).values_list("user__email", flat=True)
            if email
        }
    )
    subject = f"Agenda published: {meeting.body.name}, {meeting.date:%-d %B %Y}"
    body = (
        f"The agenda for the {meeting.body.name} meeting on {meeting.date:%A %-d %B %Y} is "
        f"published, with its papers and agenda pack:\n\n{url}\n"
    )
    try:
        send_mass_mail(
            [(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in recipients]
        )
    except Exception:
        # The agenda is published whatever the mail server does; the failure is logged.
        logger.exception("Could not email members about %s", meeting.slug)
