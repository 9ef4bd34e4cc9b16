"""iCalendar (RFC 5545) feeds of the agenda, built with the icalendar library.

A repeating event is one VEVENT with its rule (RRULE), the skipped dates as
EXDATE and each moved date as a second VEVENT with the same UID and a
RECURRENCE-ID, so calendar apps expand exactly the dates the agenda lists.
Times are local wall-clock times with TZID=Europe/Amsterdam and a VTIMEZONE;
all-day events are dates (VALUE=DATE). UIDs (``event-<page id>@<hostname>``)
stay the same across edits and re-expansion, so a subscribed calendar updates
an event instead of adding it twice.
"""

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from html import unescape

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event, Timezone
from wagtail.models import Site

from .models import EventPage
from .recurrence import local_zone, rule_has_date, week_of_month_for

PRODID = "-//Buurtplein//Agenda//NL"
#: How often a subscribed calendar app should fetch the feed again.
REFRESH_INTERVAL = timedelta(hours=6)
_WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
#: The VTIMEZONE lists the summer-time changes this many years ahead.
_TIMEZONE_YEARS_AHEAD = 10


def event_uid(*, event: EventPage, site: Site) -> str:
    """The event's iCalendar UID: its page id, which no edit or re-expansion changes."""
    return f"event-{event.pk}@{site.hostname}"


def event_calendar(
    *,
    events: Iterable[EventPage],
    name: str,
    site: Site,
    request: HttpRequest | None = None,
    now: datetime | None = None,
) -> Calendar:
    """A VCALENDAR named ``name`` with every date of ``events``.

    Expects the events with their location, skipped and moved dates and themes
    loaded (see the ``feed_*`` selectors), so it makes no queries per event
    apart from the page URL, which Wagtail caches on the request.
    """
    now = now or timezone.now()
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")

    components: list[Event] = []
    years = [now.year]
    for event in events:
        if event.start is None:
            continue
        years.append(timezone.localtime(event.start, local_zone()).year)
        if event.repeat_until:
            years.append(event.repeat_until.year)
        components.extend(_event_components(event, site=site, request=request, now=now))
    calendar.add_component(
        Timezone.from_tzid(
            settings.TIME_ZONE,
            first_date=date(min(years), 1, 1),
            last_date=date(max(max(years) + 1, now.year + _TIMEZONE_YEARS_AHEAD), 1, 1),
        )
    )
    for component in components:
        calendar.add_component(component)
    return calendar


def _event_components(
    event: EventPage, *, site: Site, request: HttpRequest | None, now: datetime
) -> list[Event]:
    """The master VEVENT of an event plus one VEVENT per moved date."""
    zone = local_zone()
    local_start = event.start.astimezone(zone)
    skipped = sorted({skipped.date for skipped in event.skipped_dates.all()})
    if not event.repetition and local_start.date() in skipped:
        return []  # its only date is cancelled

    master = _base_event(event, site=site, request=request, now=now)
    _set_times(
        master,
        start=event.start,
        end=event.end,
        all_day=event.all_day,
    )
    if not event.repetition:
        return [master]

    master.add("rrule", _rule(event, local_start=local_start))
    if not _start_follows_rule(event, local_start=local_start):
        # RFC 5545 leaves a DTSTART outside its rule undefined; the agenda
        # counts it, so say so explicitly (duplicates are ignored by clients).
        master.add("rdate", [_on(local_start.date(), event, local_start)])
    if skipped:
        master.add("exdate", [_on(day, event, local_start) for day in skipped])

    components = [master]
    duration = (event.end - event.start) if event.end else None
    seen: set[date] = set()
    for change in event.changed_dates.all():
        day = change.original_date
        if day in seen or day in skipped:
            continue
        seen.add(day)
        if not rule_has_date(
            start=event.start,
            repetition=event.repetition,
            week_of_month=event.week_of_month,
            until=event.repeat_until,
            day=day,
        ):
            continue
        moved = _base_event(event, site=site, request=request, now=now)
        moved.add("recurrence-id", _on(day, event, local_start))
        new_end = change.new_end or (
            change.new_start + duration if duration is not None else None
        )
        _set_times(moved, start=change.new_start, end=new_end, all_day=event.all_day)
        components.append(moved)
    return components


def _base_event(
    event: EventPage, *, site: Site, request: HttpRequest | None, now: datetime
) -> Event:
    """What every VEVENT of the event says besides its times."""
    component = Event()
    component.add("uid", event_uid(event=event, site=site))
    changed = event.last_published_at or now
    component.add("dtstamp", changed.astimezone(UTC))
    component.add("last-modified", changed.astimezone(UTC))
    component.add("summary", event.title)
    description = _plain_text(event)
    if description:
        component.add("description", description)
    if event.place:
        component.add("location", event.place)
    url = event.get_full_url(request)
    if url:
        component.add("url", url)
    themes = [theme.name for theme in event.themes.all()]
    if themes:
        component.add("categories", themes)
    return component


def _set_times(
    component: Event, *, start: datetime, end: datetime | None, all_day: bool
) -> None:
    """DTSTART/DTEND in local time, or as dates for an all-day event.

    An all-day event ends after its last day (DTEND is exclusive); a timed
    event without an end has no DTEND, which RFC 5545 reads as ending when it
    starts.
    """
    zone = local_zone()
    local_start = start.astimezone(zone)
    if all_day:
        first_day = local_start.date()
        last_day = end.astimezone(zone).date() if end else first_day
        component.add("dtstart", first_day)
        component.add("dtend", max(last_day, first_day) + timedelta(days=1))
        return
    component.add("dtstart", local_start)
    if end is not None:
        component.add("dtend", end.astimezone(zone))


def _on(day: date, event: EventPage, local_start: datetime) -> date | datetime:
    """The rule's date on ``day``: a date, or the local start time on that day."""
    if event.all_day:
        return day
    return datetime.combine(day, local_start.time(), tzinfo=local_zone())


def _rule(event: EventPage, *, local_start: datetime) -> dict:
    """The RRULE of the event, as recurrence.build_rule expands it."""
    if event.repetition == "weekly":
        rule: dict = {"freq": "weekly"}
    elif event.repetition == "biweekly":
        rule = {"freq": "weekly", "interval": 2}
    elif event.repetition == "monthly":
        nth = event.week_of_month or week_of_month_for(local_start.date())
        rule = {
            "freq": "monthly",
            "byday": f"{nth}{_WEEKDAY_CODES[local_start.weekday()]}",
        }
    else:
        raise ValueError(f"unknown repetition {event.repetition!r}")
    if event.repeat_until:
        if event.all_day:
            rule["until"] = event.repeat_until
        else:
            # With a TZID on DTSTART, RFC 5545 wants UNTIL in UTC.
            last = datetime.combine(
                event.repeat_until, local_start.time(), tzinfo=local_zone()
            )
            rule["until"] = last.astimezone(UTC)
    return rule


def _start_follows_rule(event: EventPage, *, local_start: datetime) -> bool:
    """Whether the first date is itself a date of the rule (always, but for a
    monthly event whose chosen week is not the first date's)."""
    if event.repetition != "monthly":
        return True
    day = local_start.date()
    nth = event.week_of_month or week_of_month_for(day)
    if nth == -1:
        return (day + timedelta(days=7)).month != day.month
    return (day.day - 1) // 7 + 1 == nth


def _plain_text(event: EventPage) -> str:
    """The introduction and the description, without HTML."""
    body = event.body or ""
    for tag in ("</p>", "<br>", "<br/>", "</li>"):
        body = body.replace(tag, tag + "\n")
    parts = [event.introduction.strip(), unescape(strip_tags(body)).strip()]
    return "\n\n".join(part for part in parts if part)
