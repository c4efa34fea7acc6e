"""The statutory clock: an agenda must be open to inspection at least five clear working days
before the meeting (Local Government Act 1972, s.100B(3)).

"Clear" days exclude the day of publication and the day of the meeting; working days exclude
weekends and the bank holidays of England and Wales, taken from the maintained `holidays`
package rather than a list we would have to keep up to date.
"""

from __future__ import annotations

import datetime
from functools import cache

import holidays

REQUIRED_CLEAR_DAYS = 5


@cache
def _bank_holidays(year: int) -> holidays.HolidayBase:
    # Wales shares England's bank holidays; Scotland and Northern Ireland differ.
    return holidays.country_holidays("GB", subdiv="ENG", years=year)


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def clear_working_days(published: datetime.date, meeting: datetime.date) -> int:
    """Working days strictly between the day of publication and the day of the meeting."""
    count, day = 0, published + datetime.timedelta(days=1)
    while day < meeting:
        count += is_working_day(day)
        day += datetime.timedelta(days=1)
    return count


def publish_by(meeting: datetime.date, required: int = REQUIRED_CLEAR_DAYS) -> datetime.date:
    """The last day on which publishing still leaves `required` clear working days."""
    day, found = meeting, 0
    while found < required:
        day -= datetime.timedelta(days=1)
        found += is_working_day(day)
    return day - datetime.timedelta(days=1)


def is_late(published: datetime.date, meeting: datetime.date) -> bool:
    return clear_working_days(published, meeting) < REQUIRED_CLEAR_DAYS
