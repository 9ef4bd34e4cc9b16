"""'Dit weekend' (``?wanneer=weekend``): the coming Saturday and Sunday in
Europe/Amsterdam, or this weekend's when it is Saturday or Sunday already.

Unit tests of agenda.selectors.period_for at the edges: around midnight in
Amsterdam (another day in UTC) and on the weekends summer time starts and ends.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest

from agenda.selectors import period_for

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UTC = datetime.UTC


def local(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=AMSTERDAM)


@pytest.mark.parametrize(
    ("now", "saturday"),
    [
        (local(2030, 5, 13, 0, 0), datetime.date(2030, 5, 18)),  # Monday, midnight
        (local(2030, 5, 17, 23, 59), datetime.date(2030, 5, 18)),  # Friday night
        (local(2030, 5, 18, 0, 0), datetime.date(2030, 5, 18)),  # Saturday, midnight
        (local(2030, 5, 19, 23, 59), datetime.date(2030, 5, 18)),  # Sunday night
        (local(2030, 5, 20, 0, 0), datetime.date(2030, 5, 25)),  # Monday again
        # Saturday 00:30 in Amsterdam is still Friday in UTC.
        (
            datetime.datetime(2030, 5, 17, 22, 30, tzinfo=UTC),
            datetime.date(2030, 5, 18),
        ),
        # Monday 00:30 in Amsterdam is still Sunday in UTC: next weekend.
        (
            datetime.datetime(2030, 5, 19, 22, 30, tzinfo=UTC),
            datetime.date(2030, 5, 25),
        ),
    ],
)
def test_this_weekend_runs_from_saturday_to_monday_midnight(now, saturday):
    period = period_for(when="weekend", now=now)

    monday = saturday + datetime.timedelta(days=2)
    assert period.start == local(saturday.year, saturday.month, saturday.day)
    assert period.end == local(monday.year, monday.month, monday.day)


@pytest.mark.parametrize(
    ("now", "hours"),
    [
        (local(2030, 3, 27, 12, 0), 47),  # summer time starts on Sunday 31 March
        (local(2030, 10, 23, 12, 0), 49),  # and ends on Sunday 27 October
    ],
)
def test_this_weekend_follows_summer_time(now, hours):
    period = period_for(when="weekend", now=now)

    start, end = period.start.astimezone(UTC), period.end.astimezone(UTC)
    assert end - start == datetime.timedelta(hours=hours)
    assert period.start.astimezone(AMSTERDAM).hour == 0
    assert period.end.astimezone(AMSTERDAM).hour == 0
    assert period.end.astimezone(AMSTERDAM).weekday() == 0  # Monday
