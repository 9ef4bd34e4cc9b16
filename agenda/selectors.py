"""Reads for the agenda: the dates of events, filtered the way residents look."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Min, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from core.models import Neighbourhood, Theme
from core.selectors import (
    ListingFilters,
    filter_by_taxonomy,
    listing_filters,
    live_pages_in_site,
    paginate,
)

from .models import EventOccurrence, EventPage
from .recurrence import default_horizon, describe_rule, local_zone, occurrence_starts

UPCOMING_DATES_ON_EVENT_PAGE = 5

TODAY = "vandaag"
WEEKEND = "weekend"
WEEK = "week"
PERIOD_CHOICES = [
    (TODAY, _("Vandaag")),
    (WEEKEND, _("Dit weekend")),
    (WEEK, _("De komende 7 dagen")),
]


@dataclass
class AgendaFilters(ListingFilters):
    """The shared wijk and theme filters plus when ('wanneer') and free ('gratis').

    ``query_string`` keeps all of them, so pagination links keep the filters.
    """

    when: str = ""
    free_only: bool = False
    when_choices: list[tuple[str, str]] = field(default_factory=list)

    @property
    def is_filtered(self) -> bool:
        return super().is_filtered or bool(self.when) or self.free_only

    def query_string(self, **overrides: str) -> str:
        params = {"wanneer": self.when, "gratis": "1" if self.free_only else ""}
        params.update(overrides)
        return super().query_string(**params)


@dataclass(frozen=True)
class Period:
    """A stretch of local time [start, end) an agenda is narrowed to."""

    start: datetime
    end: datetime


def period_for(*, when: str, now: datetime) -> Period | None:
    """'vandaag', 'weekend' or 'week' as a period in Europe/Amsterdam time.

    'Dit weekend' is the coming Saturday and Sunday, or this one if it is
    already weekend; 'week' is today and the six days after it.
    """
    today = timezone.localtime(now, local_zone()).date()
    if when == TODAY:
        first, days = today, 1
    elif when == WEEKEND:
        saturday = today + timedelta(days=(5 - today.weekday()) % 7)
        if today.weekday() == 6:
            saturday = today - timedelta(days=1)
        first, days = saturday, 2
    elif when == WEEK:
        first, days = today, 7
    else:
        return None
    return Period(
        start=_local_midnight(first), end=_local_midnight(first + timedelta(days))
    )


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=local_zone())


def not_over(*, now: datetime | None = None, prefix: str = "") -> Q:
    """The condition for a date that is not over: to come, going on, or all-day today.

    A date without an end is over when it starts, except an all-day one, which
    lasts the whole day. ``prefix`` applies it through a relation
    (``"occurrences__"`` from an EventPage).
    """
    now = now or timezone.now()
    start_of_today = _local_midnight(timezone.localtime(now, local_zone()).date())
    all_day = "event__all_day" if not prefix else "all_day"
    return (
        Q(**{f"{prefix}start__gte": now})
        | Q(**{f"{prefix}end__gte": now})
        | Q(**{all_day: True, f"{prefix}start__gte": start_of_today})
    )


def current_occurrences(*, now: datetime | None = None) -> QuerySet[EventOccurrence]:
    """Dates that are not over yet (see ``not_over``)."""
    return EventOccurrence.objects.filter(not_over(now=now))


def events_by_next_date(
    events: QuerySet[EventPage], *, now: datetime | None = None
) -> QuerySet[EventPage]:
    """Each event that still takes place, once, soonest first, with ``next_start``.

    For short lists (home page, wijk page), where a weekly event would otherwise
    fill the list with its own dates.
    """
    return (
        events.annotate(
            next_start=Min(
                "occurrences__start", filter=not_over(now=now, prefix="occurrences__")
            )
        )
        .filter(next_start__isnull=False)
        .select_related("location")
        .order_by("next_start", "title")
    )


def _overlapping(queryset: QuerySet[EventOccurrence], period: Period) -> QuerySet:
    return queryset.filter(start__lt=period.end).filter(
        Q(start__gte=period.start) | Q(end__gt=period.start)
    )


def upcoming_occurrences(
    *,
    site: Site | None,
    neighbourhood: Neighbourhood | None = None,
    theme: Theme | None = None,
    include_town_wide: bool = True,
    now: datetime | None = None,
) -> QuerySet[EventOccurrence]:
    """Every current date of a live, public event of ``site``, soonest first.

    Filtering on a wijk keeps town-wide events (no wijk) unless
    ``include_town_wide`` is False.
    """
    events = filter_by_taxonomy(
        live_pages_in_site(EventPage, site=site),
        neighbourhood=neighbourhood,
        theme=theme,
        include_town_wide=include_town_wide,
    )
    return _for_listing(
        current_occurrences(now=now).filter(event__in=events.values("pk"))
    )


def _for_listing(occurrences: QuerySet[EventOccurrence]) -> QuerySet[EventOccurrence]:
    return (
        occurrences.select_related("event", "event__image", "event__location")
        .prefetch_related("event__neighbourhoods", "event__themes")
        .order_by("start", "event__title", "pk")
    )


def upcoming_occurrences_under(*, page: Page, limit: int = 5) -> list[EventOccurrence]:
    """The next dates of the events that live under ``page`` (an organisation)."""
    events = EventPage.objects.live().public().descendant_of(page)
    occurrences = current_occurrences().filter(event__in=events.values("pk"))
    return list(_for_listing(occurrences)[:limit])


def event_upcoming_dates(
    *,
    event: EventPage,
    limit: int = UPCOMING_DATES_ON_EVENT_PAGE,
    now: datetime | None = None,
) -> list[EventOccurrence]:
    """The next dates of one event that are not over yet, soonest first.

    Worked out from the event in hand rather than the stored occurrences, so a
    preview of a draft shows the draft's dates. Unsaved EventOccurrence objects.
    """
    if event.start is None:
        return []
    now = now or timezone.now()
    start_of_today = _local_midnight(timezone.localtime(now, local_zone()).date())
    duration = (event.end - event.start) if event.end else None
    upcoming = []
    for start in occurrence_starts(
        start=event.start,
        repetition=event.repetition,
        week_of_month=event.week_of_month,
        until=event.repeat_until,
        skipped=[skipped.date for skipped in event.skipped_dates.all()],
        horizon=default_horizon(now),
    ):
        end = start + duration if duration else None
        if (
            start >= now
            or (end is not None and end >= now)
            or (event.all_day and start >= start_of_today)
        ):
            upcoming.append(EventOccurrence(event=event, start=start, end=end))
            if len(upcoming) == limit:
                break
    return upcoming


def event_page_context(*, page: EventPage, now: datetime | None = None) -> dict:
    """What the event page shows under 'Wanneer' besides the page's own fields."""
    today = timezone.localtime(now or timezone.now(), local_zone()).date()
    return {
        "upcoming_dates": event_upcoming_dates(event=page, now=now),
        "rule_description": describe_rule(
            start=page.start,
            repetition=page.repetition,
            week_of_month=page.week_of_month,
        )
        if page.start
        else "",
        "skipped_dates": [
            skipped.date
            for skipped in page.skipped_dates.all()
            if skipped.date >= today
        ],
    }


@dataclass
class AgendaDay:
    day: date
    occurrences: list[EventOccurrence]


def group_by_day(occurrences, *, now: datetime | None = None) -> list[AgendaDay]:
    """Dates grouped per local day; a date that is going on counts for today."""
    today = timezone.localtime(now or timezone.now(), local_zone()).date()
    days: list[AgendaDay] = []
    for occurrence in occurrences:
        day = max(timezone.localtime(occurrence.start, local_zone()).date(), today)
        if days and days[-1].day == day:
            days[-1].occurrences.append(occurrence)
        else:
            days.append(AgendaDay(day=day, occurrences=[occurrence]))
    return days


def agenda_filters(*, request: HttpRequest, site: Site | None) -> AgendaFilters:
    shared = listing_filters(request=request, site=site)
    filters = AgendaFilters(**vars(shared), when_choices=PERIOD_CHOICES)
    when = request.GET.get("wanneer", "").strip()
    if when in dict(PERIOD_CHOICES):
        filters.when = when
    elif when:
        filters.invalid.append("wanneer")
    filters.free_only = request.GET.get("gratis", "") == "1"
    return filters


def agenda_listing(*, request: HttpRequest, index_page: Page) -> dict:
    """The agenda: every current date of every event of the site, soonest first.

    Query parameters: ``wijk``, ``thema`` (see core.selectors.listing_filters),
    ``wanneer`` = vandaag | weekend | week, ``gratis=1``, ``pagina``.
    """
    site = index_page.get_site()
    filters = agenda_filters(request=request, site=site)
    now = timezone.now()
    occurrences = upcoming_occurrences(
        site=site, neighbourhood=filters.neighbourhood, theme=filters.theme, now=now
    )
    period = period_for(when=filters.when, now=now)
    if period is not None:
        occurrences = _overlapping(occurrences, period)
    if filters.free_only:
        occurrences = occurrences.filter(event__is_free=True)

    page_obj = paginate(request=request, queryset=occurrences)
    items = list(page_obj.object_list)
    return {
        "filters": filters,
        "page_obj": page_obj,
        "items": items,
        "days": group_by_day(items, now=now),
        "period": period,
        "today": timezone.localtime(now, local_zone()).date(),
    }
