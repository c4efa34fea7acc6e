"""What the minutes add to the portal's pages (registered with meetings.registry): members'
attendance on the person page, recent decisions on the home page and each agenda item's
decisions on the meeting page. Only published and approved minutes count, read through
`visible_to`, so a clerk's draft never shows up as a public record."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Count, F, Q

from meetings.models import AgendaItem, Body, Person
from meetings.registry import Decision, Section
from minutes.models import Apology, Attendance, Minutes, Resolution

# Sitting as any of these is attending; officers and others present are not members.
ATTENDING_CAPACITIES = (
    Attendance.Capacity.MEMBER,
    Attendance.Capacity.NON_VOTING,
    Attendance.Capacity.SUBSTITUTE,
)
RECENT_DECISIONS = 5


@dataclass(frozen=True)
class AttendanceRecord:
    """A person's attendance at one body's meetings, from its published minutes."""

    body: Body
    attended: int
    expected: int

    @property
    def percentage(self) -> int | None:
        """Rounded half up; None where the body does not publish percentages."""
        if not self.body.show_attendance_percentages or not self.expected:
            return None
        return (200 * self.attended + self.expected) // (2 * self.expected)


def attendance_by_body(person: Person, user) -> list[AttendanceRecord]:
    """Per body: meetings the person attended out of those they were expected at. Attending
    as a member, non-voting member or substitute counts as attended; an apology counts as
    expected but not attended. Two queries whatever the number of meetings."""
    attended = Attendance.objects.filter(person=person, capacity__in=ATTENDING_CAPACITIES).values(
        "minutes_id"
    )
    apologised = Apology.objects.filter(person=person).values("minutes_id")
    rows = list(
        Minutes.objects.visible_to(user)
        .filter(status__in=Minutes.PUBLIC_STATUSES)
        .filter(Q(pk__in=attended) | Q(pk__in=apologised))
        .values("meeting__body_id")
        .annotate(expected=Count("pk"), attended=Count("pk", filter=Q(pk__in=attended)))
        .order_by()
    )
    bodies = Body.objects.in_bulk([row["meeting__body_id"] for row in rows])
    records = [
        AttendanceRecord(
            body=bodies[row["meeting__body_id"]],
            attended=row["attended"],
            expected=row["expected"],
        )
        for row in rows
    ]
    return sorted(records, key=lambda record: record.body.name)


def person_sections(person: Person, user) -> Iterator[Section]:
    yield Section(
        key="attendance",
        heading="Attendance at meetings",
        template="minutes/_person_attendance.html",
        context={"records": attendance_by_body(person, user)},
        order=10,
    )


def recent_decisions(user, limit: int = RECENT_DECISIONS) -> list[Resolution]:
    return list(
        Resolution.objects.visible_to(user)
        .filter(entry__minutes__status__in=Minutes.PUBLIC_STATUSES)
        .select_related("entry__minutes__meeting__body")
        .order_by(
            "-entry__minutes__meeting__date",
            "entry__minutes__meeting_id",
            "entry__order",
            "entry__number",
            "order",
        )[:limit]
    )


def home_sections(user) -> Iterator[Section]:
    yield Section(
        key="decided",
        heading="Recently decided",
        template="minutes/_recent_decisions.html",
        context={"resolutions": recent_decisions(user)},
        order=10,
    )


def item_decisions(items: list[AgendaItem], user) -> Iterator[tuple[int, Decision]]:
    """The resolutions of the minutes that cover these items ("(AI n)"). Two queries."""
    resolutions = (
        Resolution.objects.visible_to(user)
        .filter(
            entry__minutes__status__in=Minutes.PUBLIC_STATUSES,
            entry__agenda_items__in=[item.pk for item in items],
        )
        # The filter's join to the items, so a minute covering two items is listed under each.
        .annotate(item_id=F("entry__agenda_items"))
        .select_related("entry__minutes__meeting")
        .prefetch_related("parts")
    )
    for resolution in resolutions:
        entry = resolution.entry
        minutes = entry.minutes
        note = "approved minutes"
        if minutes.status != Minutes.Status.APPROVED:
            note = "draft minutes, subject to approval"
        yield (
            resolution.item_id,
            Decision(
                preamble=resolution.preamble,
                url=f"{minutes.get_absolute_url()}#minute-{entry.number}",
                minute=f"Minute {entry.number}",
                parts=tuple((part.label, part.text) for part in resolution.parts.all()),
                outcome=""
                if resolution.outcome == Resolution.Outcome.NONE
                else resolution.get_outcome_display(),
                note=note,
                exempt=entry.exempt,
                order=(entry.order, entry.number, resolution.order, resolution.pk),
            ),
        )
