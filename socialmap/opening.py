"""'Nu open' and 'gesloten': opening hours and their exceptions at a given moment.

The rules, in the words an editor would use:

- Opening hours are wall-clock times in the platform's time zone
  (``settings.TIME_ZONE``, Europe/Amsterdam), whatever the time zone of the
  moment asked about.
- A period opens on its weekday at ``opens`` and closes at ``closes``; it is
  open from the opening minute up to, not including, the closing minute
  (closes 17:00: open at 16:59, closed at 17:00).
- When ``closes`` is not later than ``opens`` the period runs past midnight
  into the next day: 22:00–02:00 closes at 02:00 the next morning, 09:00–00:00
  closes at midnight, and 00:00–00:00 is open the whole day.
- A period belongs to the day it opens on. An exception (afwijkende dag) for a
  date replaces the periods that open on that date: closed all day, or its own
  special hours (which may run past midnight too). A period from the previous
  evening that runs past midnight into the exception's date still runs until
  its closing time: closing Koningsdag does not cut short the night from 26
  April, while an exception on 26 April does. This is how the hours read on a
  door sign ("vrijdag 22:00–02:00") and how schema.org and the big map
  services treat them.
- Several exceptions on one date: if any of them says closed (or lacks a
  time), the date is closed; otherwise their special hours together apply.
  Saying "open" when an editor said "closed" is the worse mistake.
- Daylight saving time: the last Sunday of March the clock jumps from 02:00
  to 03:00, so a time in between does not exist; it counts as the moment of
  the jump (a period 01:00–04:00 is open at 03:30 summer time, a period
  02:00–02:30 does not open at all). The last Sunday of October the hour from
  02:00 to 03:00 happens twice; a time in it means its first occurrence, so
  a period 01:00–04:00 is open for both passes of the repeated hour, and one
  closing at 02:30 stays closed during the second pass.

:func:`is_open_at` and :func:`open_status` work on rows already in memory
(model instances, or any objects with the same attributes).
:func:`open_location_ids` and :func:`open_organisation_page_ids` answer for
thousands of locations with two queries, for the "nu open" facet.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from django.db.models import QuerySet
from django.utils import timezone

from .models import OpeningHours, OpeningHoursException

UTC = datetime.UTC
ONE_DAY = datetime.timedelta(days=1)
ONE_MINUTE = datetime.timedelta(minutes=1)
# How far ahead open_status looks for the closing time or the next opening.
LOOK_AHEAD = datetime.timedelta(days=7)


class OpeningSlot(Protocol):
    """A regular opening period: an ``OpeningHours`` row or the like."""

    weekday: int
    opens: datetime.time
    closes: datetime.time


class HoursException(Protocol):
    """A date with other hours: an ``OpeningHoursException`` row or the like."""

    date: datetime.date
    closed: bool
    opens: datetime.time | None
    closes: datetime.time | None


@dataclass(frozen=True)
class OpenStatus:
    """Whether a location is open, and until when or from when.

    ``closes_at`` is set when open and the location closes within seven days;
    ``opens_next`` is set when closed and it opens within seven days. Both are
    aware datetimes in the platform's time zone, ready for "Nu open tot 17:00"
    or "Gesloten, open morgen om 9:00".
    """

    is_open: bool
    closes_at: datetime.datetime | None = None
    opens_next: datetime.datetime | None = None


class _Slot(NamedTuple):
    weekday: int
    opens: datetime.time
    closes: datetime.time


class _Exception(NamedTuple):
    date: datetime.date
    closed: bool
    opens: datetime.time | None
    closes: datetime.time | None


# An opening period as two instants in UTC: [start, end).
Period = tuple[datetime.datetime, datetime.datetime]


def is_open_at(
    *,
    slots: Iterable[OpeningSlot],
    exceptions: Iterable[HoursException],
    at: datetime.datetime,
) -> bool:
    """Whether the location with these hours is open at the aware moment ``at``."""
    return _Hours(slots=slots, exceptions=exceptions).is_open_at(_as_utc(at))


def open_status(
    *,
    slots: Iterable[OpeningSlot],
    exceptions: Iterable[HoursException],
    at: datetime.datetime,
) -> OpenStatus:
    """Open or closed at ``at``, with the closing time or the next opening."""
    hours = _Hours(slots=slots, exceptions=exceptions)
    moment = _as_utc(at)
    first_day = _local_date(moment) - ONE_DAY
    horizon = moment + LOOK_AHEAD
    local_zone = timezone.get_default_timezone()
    periods = []
    # Periods opening the day before up to seven days ahead: one opening after
    # the horizon's date cannot start before the horizon, so none is missed.
    for offset in range(LOOK_AHEAD.days + 2):
        periods.extend(hours.periods_on(first_day + offset * ONE_DAY))
    for start, end in _merged(periods):
        if end <= moment:
            continue
        if start <= moment:
            closes_at = end.astimezone(local_zone) if end <= horizon else None
            return OpenStatus(is_open=True, closes_at=closes_at)
        opens_next = start.astimezone(local_zone) if start <= horizon else None
        return OpenStatus(is_open=False, opens_next=opens_next)
    return OpenStatus(is_open=False)


def open_location_ids(
    *, at: datetime.datetime, locations: QuerySet | None = None
) -> set[int]:
    """The ids of the locations open at ``at``, out of ``locations`` (default all).

    Two queries whatever the number of locations: the regular hours of the
    weekdays of ``at`` and the day before, and the exceptions on those dates.
    """
    hours = OpeningHours.objects.all()
    exceptions = OpeningHoursException.objects.all()
    if locations is not None:
        hours = hours.filter(location_id__in=locations.values("pk"))
        exceptions = exceptions.filter(location_id__in=locations.values("pk"))
    return _open_keys(at=at, hours=hours, exceptions=exceptions, key="location_id")


def open_organisation_page_ids(
    *, at: datetime.datetime, pages: QuerySet | None = None
) -> set[int]:
    """The ids of the organisation pages with a location open at ``at``.

    ``pages`` narrows the answer (for example to the live pages of one site);
    without it any organisation page with an open location counts, draft or
    not. Two queries, like :func:`open_location_ids`.
    """
    hours = OpeningHours.objects.all()
    exceptions = OpeningHoursException.objects.all()
    if pages is not None:
        hours = hours.filter(location__page_id__in=pages.values("pk"))
        exceptions = exceptions.filter(location__page_id__in=pages.values("pk"))
    return _open_keys(
        at=at, hours=hours, exceptions=exceptions, key="location__page_id"
    )


def _open_keys(
    *,
    at: datetime.datetime,
    hours: QuerySet,
    exceptions: QuerySet,
    key: str,
) -> set[int]:
    moment = _as_utc(at)
    today = _local_date(moment)
    yesterday = today - ONE_DAY
    # Only periods opening yesterday or today can be running now.
    slots_by_location: dict[int, list[_Slot]] = defaultdict(list)
    owner_by_location: dict[int, int] = {}
    for location_id, owner, weekday, opens, closes in (
        hours.filter(weekday__in={today.weekday(), yesterday.weekday()})
        .order_by()
        .values_list("location_id", key, "weekday", "opens", "closes")
    ):
        slots_by_location[location_id].append(_Slot(weekday, opens, closes))
        owner_by_location[location_id] = owner
    exceptions_by_location: dict[int, list[_Exception]] = defaultdict(list)
    for location_id, owner, date, closed, opens, closes in (
        exceptions.filter(date__in=[yesterday, today])
        .order_by()
        .values_list("location_id", key, "date", "closed", "opens", "closes")
    ):
        exceptions_by_location[location_id].append(
            _Exception(date, closed, opens, closes)
        )
        owner_by_location[location_id] = owner
    # Many locations share times like 09:00; convert each one to an instant once.
    instants: dict[datetime.datetime, datetime.datetime] = {}
    return {
        owner_by_location[location_id]
        for location_id in owner_by_location
        if _Hours(
            slots=slots_by_location.get(location_id, ()),
            exceptions=exceptions_by_location.get(location_id, ()),
            instants=instants,
        ).is_open_at(moment)
    }


class _Hours:
    """One location's regular hours and exceptions, as periods in time."""

    def __init__(
        self,
        *,
        slots: Iterable[OpeningSlot],
        exceptions: Iterable[HoursException],
        instants: dict[datetime.datetime, datetime.datetime] | None = None,
    ) -> None:
        self.slots_by_weekday: dict[int, list[OpeningSlot]] = defaultdict(list)
        for slot in slots:
            self.slots_by_weekday[slot.weekday].append(slot)
        self.exceptions_by_date: dict[datetime.date, list[HoursException]] = (
            defaultdict(list)
        )
        for exception in exceptions:
            self.exceptions_by_date[exception.date].append(exception)
        self.instants = {} if instants is None else instants

    def wall_times_on(
        self, day: datetime.date
    ) -> list[tuple[datetime.time, datetime.time]]:
        """The (opens, closes) of the periods that open on ``day``."""
        exceptions = self.exceptions_by_date.get(day)
        if exceptions:
            if any(
                item.closed or item.opens is None or item.closes is None
                for item in exceptions
            ):
                return []
            return [(item.opens, item.closes) for item in exceptions]
        return [
            (slot.opens, slot.closes) for slot in self.slots_by_weekday[day.weekday()]
        ]

    def periods_on(self, day: datetime.date) -> list[Period]:
        periods = []
        for opens, closes in self.wall_times_on(day):
            closing_day = day + ONE_DAY if closes <= opens else day
            start = self.instant(datetime.datetime.combine(day, opens))
            end = self.instant(datetime.datetime.combine(closing_day, closes))
            # Both ends inside the spring-forward gap: the period never happens.
            if start < end:
                periods.append((start, end))
        return periods

    def is_open_at(self, moment: datetime.datetime) -> bool:
        today = _local_date(moment)
        return any(
            start <= moment < end
            for day in (today - ONE_DAY, today)
            for start, end in self.periods_on(day)
        )

    def instant(self, wall: datetime.datetime) -> datetime.datetime:
        if wall not in self.instants:
            self.instants[wall] = _wall_to_utc(wall)
        return self.instants[wall]


def _wall_to_utc(wall: datetime.datetime) -> datetime.datetime:
    """The UTC instant at which the local clock shows the naive ``wall`` time.

    A time repeated when the clocks go back means its first occurrence (fold 0);
    a time skipped when they go forward means the moment of the jump, the
    first instant at which the clock has passed it.
    """
    zone = timezone.get_default_timezone()
    candidate = wall
    # Only inside the spring-forward gap does this take more than one step;
    # clocks jump by whole minutes (an hour in Europe/Amsterdam).
    for _ in range(24 * 60):
        instant = candidate.replace(tzinfo=zone).astimezone(UTC)
        if instant.astimezone(zone).replace(tzinfo=None) == candidate:
            return instant
        candidate = candidate.replace(second=0, microsecond=0) + ONE_MINUTE
    raise ValueError(f"No such local time: {wall}")  # pragma: no cover


def _merged(periods: list[Period]) -> list[Period]:
    """Overlapping or touching periods as one: 22:00–00:00 and 00:00–02:00."""
    merged: list[Period] = []
    for start, end in sorted(periods):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _as_utc(at: datetime.datetime) -> datetime.datetime:
    # Aware datetimes sharing a tzinfo compare by wall time, ignoring fold, so
    # everything is compared in UTC.
    if timezone.is_naive(at):
        raise ValueError("Pass an aware datetime, for example timezone.now().")
    return at.astimezone(UTC)


def _local_date(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(timezone.get_default_timezone()).date()
