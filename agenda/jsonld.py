"""schema.org JSON-LD for an event page: one ``Event``.

Its ``startDate``/``endDate`` are the next date that is not over yet (a past
event keeps its first date), in ISO 8601 with the Dutch UTC offset, or plain
dates for an all-day event. A repeating event also gets an ``eventSchedule``
(schema.org ``Schedule``: how often, on which weekday and week of the month,
from and until when, in which time zone, and the dates it skips or moves) and
its next few dates as ``subEvent``s.

schema.org's ``byMonthWeek`` only counts weeks 1 to 5 from the start of the
month, so "the last Thursday" has no number: that schedule leaves
``byMonthWeek`` out and says it in words (``description``), and its dates are
in the ``subEvent``s.

The location of an organisation (``page.location``) is read by its attributes,
so the agenda does not import the sociale kaart.
"""

import datetime
import re

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from wagtail.images.models import SourceImageIOError
from wagtail.models import Site

from core.jsonld import SCHEMA_ORG, absolute_url, compact, plain_text

from .models import EventPage, Repetition, WeekOfMonth
from .recurrence import describe_rule, local_zone, week_of_month_for
from .selectors import event_upcoming_dates

IMAGE_SPEC = "fill-1200x675"
SUB_EVENTS = 5
REPEAT_FREQUENCY = {
    Repetition.WEEKLY: "P1W",
    Repetition.BIWEEKLY: "P2W",
    Repetition.MONTHLY: "P1M",
}
DAY_OF_WEEK = [
    f"{SCHEMA_ORG}/{day}"
    for day in (
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    )
]


def _local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value, local_zone()).replace(microsecond=0)


def _dates(
    *, start: datetime.datetime, end: datetime.datetime | None, all_day: bool
) -> dict:
    """startDate and endDate: dates for an all-day event, else local date-times."""
    if all_day:
        first = _local(start).date()
        last = _local(end).date() if end else first
        return {"startDate": first.isoformat(), "endDate": last.isoformat()}
    return {
        "startDate": _local(start).isoformat(),
        "endDate": _local(end).isoformat() if end else None,
    }


def location_jsonld(page: EventPage) -> dict | None:
    """A Place: an organisation's location with its address and pin, or the text."""
    location = page.location if page.location_id else None
    if location is not None:
        street = getattr(location, "street_address", "")
        address = compact(
            {
                "@type": "PostalAddress",
                "streetAddress": street,
                "postalCode": getattr(location, "postcode", ""),
                "addressLocality": getattr(location, "city", ""),
                "addressCountry": "NL",
            }
        )
        latitude = getattr(location, "latitude", None)
        longitude = getattr(location, "longitude", None)
        geo = None
        if latitude is not None and longitude is not None:
            geo = {
                "@type": "GeoCoordinates",
                "latitude": float(latitude),
                "longitude": float(longitude),
            }
        return compact(
            {
                "@type": "Place",
                "name": getattr(location, "name", "") or street,
                "address": address,
                "geo": geo,
            }
        )
    if page.location_text:
        # Free text is all there is; schema.org takes an address as text too.
        return {
            "@type": "Place",
            "name": page.location_text,
            "address": page.location_text,
        }
    return None


def schedule_jsonld(page: EventPage) -> dict | None:
    """The repetition as a schema.org Schedule; None for a one-off event."""
    frequency = REPEAT_FREQUENCY.get(page.repetition)
    if frequency is None or page.start is None:
        return None
    start = _local(page.start)
    end = _local(page.end) if page.end else None
    week_of_month = None
    if page.repetition == Repetition.MONTHLY:
        week_of_month = page.week_of_month or week_of_month_for(start.date())
    excepted = {skipped.date for skipped in page.skipped_dates.all()}
    # A moved date does not happen at its usual time; its new time is a subEvent.
    excepted |= {change.original_date for change in page.changed_dates.all()}
    return compact(
        {
            "@type": "Schedule",
            "description": describe_rule(
                start=page.start,
                repetition=page.repetition,
                week_of_month=page.week_of_month,
            ),
            "repeatFrequency": frequency,
            "byDay": DAY_OF_WEEK[start.weekday()],
            "byMonthWeek": week_of_month
            if week_of_month and week_of_month != WeekOfMonth.LAST
            else None,
            "startDate": start.date().isoformat(),
            "endDate": page.repeat_until.isoformat() if page.repeat_until else None,
            "startTime": None if page.all_day else start.time().isoformat(),
            "endTime": None if page.all_day or end is None else end.time().isoformat(),
            "scheduleTimezone": settings.TIME_ZONE,
            "exceptDate": [day.isoformat() for day in sorted(excepted)],
        }
    )


def _offers(page: EventPage, *, url: str | None) -> dict | None:
    if page.is_free:
        return compact(
            {
                "@type": "Offer",
                "price": "0",
                "priceCurrency": "EUR",
                "url": page.registration_url or url,
            }
        )
    if page.cost:
        amounts = re.findall(r"\d+(?:[.,]\d{1,2})?", page.cost)
        # One amount ("€ 2,50") is the price; otherwise only the words say it.
        price = amounts[0].replace(",", ".") if len(amounts) == 1 else None
        return compact(
            {
                "@type": "Offer",
                "description": page.cost,
                "price": price,
                "priceCurrency": "EUR" if price else None,
                "url": page.registration_url or url,
            }
        )
    return None


def _image(page: EventPage, *, site: Site | None, request: HttpRequest | None):
    if page.image is None:
        return None
    try:
        url = page.image.get_rendition(IMAGE_SPEC).url
    except SourceImageIOError:
        # The file is gone: no image, rather than a broken event page.
        return None
    return absolute_url(url, site=site, request=request)


def event_jsonld(
    *,
    page: EventPage,
    request: HttpRequest | None,
    now: datetime.datetime | None = None,
) -> dict:
    """The event as one schema.org Event, ready for ``json.dumps``."""
    site = page.get_site() if page.pk else None
    url = page.get_full_url(request) if site is not None else None
    upcoming = event_upcoming_dates(event=page, limit=SUB_EVENTS, now=now)
    if upcoming:
        when = _dates(
            start=upcoming[0].start, end=upcoming[0].end, all_day=page.all_day
        )
    elif page.start is not None:
        # Over: its first date, so the page still says when it was.
        when = _dates(start=page.start, end=page.end, all_day=page.all_day)
    else:
        when = {}
    location = location_jsonld(page)
    organiser = page.organiser_name
    sub_events = []
    if page.repetition:
        sub_events = [
            compact(
                {
                    "@type": "Event",
                    "name": page.title,
                    "url": url,
                    **_dates(
                        start=occurrence.start,
                        end=occurrence.end,
                        all_day=page.all_day,
                    ),
                    # A moved date is 'rescheduled', with the date it replaces.
                    "eventStatus": f"{SCHEMA_ORG}/EventRescheduled"
                    if occurrence.original_start
                    else f"{SCHEMA_ORG}/EventScheduled",
                    "previousStartDate": _dates(
                        start=occurrence.original_start, end=None, all_day=page.all_day
                    )["startDate"]
                    if occurrence.original_start
                    else None,
                    "eventAttendanceMode": f"{SCHEMA_ORG}/OfflineEventAttendanceMode",
                    "location": location,
                }
            )
            for occurrence in upcoming
        ]
    return compact(
        {
            "@context": SCHEMA_ORG,
            "@type": "Event",
            "@id": f"{url}#activiteit" if url else None,
            "name": page.title,
            "description": page.introduction or plain_text(page.body),
            "url": url,
            **when,
            "eventStatus": f"{SCHEMA_ORG}/EventScheduled",
            "eventAttendanceMode": f"{SCHEMA_ORG}/OfflineEventAttendanceMode",
            "eventSchedule": schedule_jsonld(page),
            "subEvent": sub_events,
            "location": location,
            "organizer": {"@type": "Organization", "name": organiser}
            if organiser
            else None,
            "isAccessibleForFree": page.is_free,
            "offers": _offers(page, url=url),
            "image": _image(page, site=site, request=request),
            "inLanguage": "nl",
            "keywords": [theme.name for theme in page.themes.all()],
        }
    )
