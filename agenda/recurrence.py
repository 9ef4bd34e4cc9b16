"""Repetition rules as RFC 5545 rules (dateutil's rrule), in Europe/Amsterdam time.

Rules are expanded in local wall-clock time, so a weekly 19:30 stays 19:30
across the change to and from summer time.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import MONTHLY, WEEKLY, rrule, rruleset, weekday
from django.conf import settings
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _

HORIZON_DAYS = 400
LAST_WEEK_OF_MONTH = -1


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def week_of_month_for(day: date) -> int:
    """1 for the first Tuesday of a month, 2 for the second, ...; -1 for a fifth.

    A fifth Tuesday does not exist in most months, so a first date on one means
    'the last Tuesday of the month'.
    """
    nth = (day.day - 1) // 7 + 1
    return LAST_WEEK_OF_MONTH if nth == 5 else nth


def build_rule(
    *,
    start: datetime,
    repetition: str,
    week_of_month: int | None = None,
    until: date | None = None,
    skipped: Iterable[date] = (),
    horizon: datetime | None = None,
) -> rruleset | None:
    """The event's dates as an rruleset of naive local datetimes; None if one-off.

    The first date (``start``) always counts, as DTSTART does in iCalendar, even
    when an editor picked a week of the month it does not fall in.
    """
    if not repetition:
        return None
    zone = local_zone()
    local_start = start.astimezone(zone).replace(tzinfo=None)
    last = datetime.combine(until, local_start.time()) if until else None
    if horizon is not None:
        horizon_local = horizon.astimezone(zone).replace(tzinfo=None)
        last = min(last, horizon_local) if last else horizon_local

    if repetition == "weekly":
        rule = rrule(WEEKLY, dtstart=local_start, until=last)
    elif repetition == "biweekly":
        rule = rrule(WEEKLY, interval=2, dtstart=local_start, until=last)
    elif repetition == "monthly":
        nth = week_of_month or week_of_month_for(local_start.date())
        rule = rrule(
            MONTHLY,
            dtstart=local_start,
            byweekday=weekday(local_start.weekday(), nth),
            until=last,
        )
    else:
        raise ValueError(f"unknown repetition {repetition!r}")

    dates = rruleset()
    dates.rrule(rule)
    if last is None or local_start <= last:
        dates.rdate(local_start)
    for skipped_day in skipped:
        dates.exdate(datetime.combine(skipped_day, local_start.time()))
    return dates


def occurrence_starts(
    *,
    start: datetime,
    repetition: str,
    week_of_month: int | None = None,
    until: date | None = None,
    skipped: Iterable[date] = (),
    horizon: datetime,
) -> list[datetime]:
    """Aware start datetimes of every occurrence up to ``horizon``."""
    skipped = list(skipped)
    rule = build_rule(
        start=start,
        repetition=repetition,
        week_of_month=week_of_month,
        until=until,
        skipped=skipped,
        horizon=horizon,
    )
    if rule is None:
        if start.astimezone(local_zone()).date() in skipped:
            return []
        return [start]
    zone = local_zone()
    return [naive.replace(tzinfo=zone) for naive in rule]


def default_horizon(now: datetime) -> datetime:
    return now + timedelta(days=HORIZON_DAYS)


def describe_rule(
    *, start: datetime, repetition: str, week_of_month: int | None = None
) -> str:
    """The repetition in plain Dutch: 'elke week op dinsdag', '' for a one-off."""
    if not repetition:
        return ""
    local_start = start.astimezone(local_zone())
    day_name = str(WEEKDAYS[local_start.weekday()])
    if repetition == "weekly":
        return _("elke week op %(weekday)s") % {"weekday": day_name}
    if repetition == "biweekly":
        return _("om de week op %(weekday)s") % {"weekday": day_name}
    if repetition == "monthly":
        nth = week_of_month or week_of_month_for(local_start.date())
        # One sentence per week, so each language can say its own ordinal.
        sentences = {
            1: _("elke eerste %(weekday)s van de maand"),
            2: _("elke tweede %(weekday)s van de maand"),
            3: _("elke derde %(weekday)s van de maand"),
            4: _("elke vierde %(weekday)s van de maand"),
            LAST_WEEK_OF_MONTH: _("elke laatste %(weekday)s van de maand"),
        }
        return sentences[nth] % {"weekday": day_name}
    raise ValueError(f"unknown repetition {repetition!r}")


@dataclass(frozen=True)
class DateChange:
    """One date of the rule (``original_date``) that takes place at another time."""

    original_date: date
    new_start: datetime
    new_end: datetime | None = None


@dataclass(frozen=True)
class ExpandedDate:
    """One date of an event; ``original_start`` is set when it was moved."""

    start: datetime
    end: datetime | None
    original_start: datetime | None = None


def rule_has_date(
    *,
    start: datetime,
    repetition: str,
    week_of_month: int | None = None,
    until: date | None = None,
    day: date,
) -> bool:
    """Whether the rule (before skipping) gives a date on the local ``day``."""
    zone = local_zone()
    if not repetition:
        return start.astimezone(zone).date() == day
    horizon = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
    starts = occurrence_starts(
        start=start,
        repetition=repetition,
        week_of_month=week_of_month,
        until=until,
        horizon=horizon,
    )
    return any(candidate.date() == day for candidate in starts)


def expand_dates(
    *,
    start: datetime,
    end: datetime | None,
    repetition: str,
    week_of_month: int | None = None,
    until: date | None = None,
    skipped: Iterable[date] = (),
    changes: Iterable[DateChange] = (),
    horizon: datetime,
) -> list[ExpandedDate]:
    """Every date of an event up to ``horizon``, moved dates in their new place.

    A change applies to a repeating event only, and only when its original date
    is a date of the rule that is not skipped (the same dates the iCalendar
    feed gives a RECURRENCE-ID). A moved date counts when its new start is
    within the horizon, wherever its original date lies. Soonest first.
    """
    zone = local_zone()
    duration = (end - start) if end else None
    by_day: dict[date, DateChange] = {}
    if repetition:
        for change in changes:
            by_day.setdefault(change.original_date, change)
    rule_horizon = horizon
    if by_day:
        latest = datetime.combine(
            max(by_day) + timedelta(days=1), time.min, tzinfo=zone
        )
        rule_horizon = max(horizon, latest)
    dates = []
    for rule_start in occurrence_starts(
        start=start,
        repetition=repetition,
        week_of_month=week_of_month,
        until=until,
        skipped=skipped,
        horizon=rule_horizon,
    ):
        change = by_day.get(rule_start.astimezone(zone).date())
        if change is None:
            if rule_start <= horizon or not repetition:
                end_here = rule_start + duration if duration is not None else None
                dates.append(ExpandedDate(start=rule_start, end=end_here))
        elif change.new_start <= horizon:
            new_end = change.new_end or (
                change.new_start + duration if duration is not None else None
            )
            dates.append(
                ExpandedDate(
                    start=change.new_start, end=new_end, original_start=rule_start
                )
            )
    dates.sort(key=lambda expanded: expanded.start)
    return dates
