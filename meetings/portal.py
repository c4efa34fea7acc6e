"""Read-side helpers of the public pages: the tree of bodies, a membership grouped by role and
the month calendar. They arrange rows the views have already fetched (or fetch in one query),
so each page's query count stays fixed however many bodies, members or meetings there are."""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from meetings.models import Body, Meeting, Membership, Organisation

Role = Membership.Role

# Headings of the body page's membership, in the order a front sheet lists seats.
ROLE_HEADINGS: dict[str, tuple[str, str]] = {
    Role.CHAIR: ("Chair", "Chairs"),
    Role.JOINT_CHAIR: ("Joint Chair", "Joint Chairs"),
    Role.VICE_CHAIR: ("Vice-Chair", "Vice-Chairs"),
    Role.MEMBER: ("Member", "Members"),
    Role.NON_VOTING: ("Non-voting member", "Non-voting members"),
    Role.STANDING_DEPUTY: ("Standing deputy", "Standing deputies"),
    Role.ALTERNATE: ("Alternate", "Alternates"),
}


@dataclass
class OrganisationBodies:
    organisation: Organisation
    bodies: list[Body] = field(default_factory=list)


def body_tree() -> list[OrganisationBodies]:
    """Every body, grouped by organisation, each carrying its sub-bodies as `sub_bodies`
    (nested to any depth). A sub-body is listed under its parent even when the parent
    belongs to another organisation. One query."""
    bodies = list(
        Body.objects.select_related("organisation").order_by("organisation__name", "name")
    )
    known = {body.pk for body in bodies}
    children: dict[int | None, list[Body]] = defaultdict(list)
    for body in bodies:
        children[body.parent_id if body.parent_id in known else None].append(body)
    placed: set[int] = set()

    def place(body: Body) -> None:
        placed.add(body.pk)
        body.sub_bodies = [child for child in children[body.pk] if child.pk not in placed]
        for child in body.sub_bodies:
            # Named beside a sub-body only when it is not its parent's organisation's.
            child.other_organisation = child.organisation_id != body.organisation_id
            place(child)

    roots = list(children[None])
    for root in roots:
        place(root)
    # Bodies caught in a cycle of parents (only "own parent" is a constraint) would vanish
    # from the tree; list them at the top of their organisation instead.
    for body in bodies:
        if body.pk not in placed:
            roots.append(body)
            place(body)
    groups: dict[int, OrganisationBodies] = {}
    for root in roots:
        groups.setdefault(root.organisation_id, OrganisationBodies(root.organisation))
        groups[root.organisation_id].bodies.append(root)
    return sorted(groups.values(), key=lambda group: group.organisation.name)


@dataclass
class RoleGroup:
    heading: str
    memberships: list[Membership]


def members_by_role(memberships: Iterable[Membership]) -> list[RoleGroup]:
    """Seats grouped under "Chair", "Vice-Chair", "Members"…, in front-sheet order."""
    by_role: dict[str, list[Membership]] = defaultdict(list)
    for membership in memberships:
        by_role[membership.role].append(membership)
    groups = []
    for role, (singular, plural) in ROLE_HEADINGS.items():
        if seats := by_role.pop(role, None):
            groups.append(RoleGroup(singular if len(seats) == 1 else plural, seats))
    for role, seats in by_role.items():  # a role added to the model but not above
        groups.append(RoleGroup(Role(role).label if role in Role.values else role, seats))
    return groups


# Months outside this range are not found: the calendar module cannot draw the weeks at the
# ends of the date range, and no body met before 1900.
CALENDAR_YEARS = range(1900, 2201)


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    meetings: list[Meeting]
    today: bool


@dataclass
class MonthCalendar:
    """A month as weeks of days from Monday, as UK calendars print them."""

    first: datetime.date
    weeks: list[list[Day]]
    count: int
    previous: datetime.date | None
    next: datetime.date | None


def month_calendar(
    year: int, month: int, meetings: Iterable[Meeting], today: datetime.date
) -> MonthCalendar:
    """`meetings` are those of the month, in the order a day lists them."""
    first = datetime.date(year, month, 1)
    by_date: dict[datetime.date, list[Meeting]] = defaultdict(list)
    for meeting in meetings:
        by_date[meeting.date].append(meeting)
    weeks = [
        [
            Day(date=day, in_month=day.month == month, meetings=by_date[day], today=day == today)
            for day in week
        ]
        for week in calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)
    ]
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=31)).replace(day=1)
    return MonthCalendar(
        first=first,
        weeks=weeks,
        count=sum(len(day_meetings) for day_meetings in by_date.values()),
        previous=previous if previous.year in CALENDAR_YEARS else None,
        next=following if following.year in CALENDAR_YEARS else None,
    )
