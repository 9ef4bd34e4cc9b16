"""Reads for the agenda: the dates of events, filtered the way residents look."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.db.models import Min, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from core.models import Neighbourhood, TargetGroup, Theme
from core.selectors import (
    ListingFilters,
    filter_by_taxonomy,
    live_pages_in_site,
    parse_listing_filters,
)

from .models import EventDateChange, EventOccurrence, EventPage
from .recurrence import (
    DateChange,
    default_horizon,
    describe_rule,
    expand_dates,
    local_zone,
)

UPCOMING_DATES_ON_EVENT_PAGE = 5

TODAY = "vandaag"
WEEKEND = "weekend"
WEEK = "week"
PERIOD_CHOICES = [
    (TODAY, _("Vandaag")),
    (WEEKEND, _("Dit weekend")),
    (WEEK, _("Deze week")),
]
WHEN = "wanneer"
DATE_FROM = "van"
DATE_UNTIL = "tot"
TARGET_GROUP = "doelgroep"
FREE = "gratis"
ORGANISATION = "organisatie"
# Multi-event feeds leave out events whose last date ended this long ago.
FEED_PAST_DAYS = 90


@dataclass
class AgendaFilters(ListingFilters):
    """The shared wijk and theme filters plus when ('wanneer'), a date range
    ('van', 'tot'), target group ('doelgroep'), free ('gratis') and the
    organisation the events live under ('organisatie').

    ``query_string`` keeps all of them, so pagination links keep the filters.
    ``date_from_input`` and ``date_until_input`` are what the resident typed,
    shown again in the form; ``date_errors`` say in Dutch what was wrong.
    """

    when: str = ""
    free_only: bool = False
    when_choices: list[tuple[str, str]] = field(default_factory=list)
    date_from: date | None = None
    date_until: date | None = None
    date_from_input: str = ""
    date_until_input: str = ""
    date_errors: list[str] = field(default_factory=list)
    target_group: TargetGroup | None = None
    target_groups: list[TargetGroup] = field(default_factory=list)
    organisation: Page | None = None

    @property
    def is_filtered(self) -> bool:
        return (
            super().is_filtered
            or bool(self.when)
            or self.free_only
            or self.date_from is not None
            or self.date_until is not None
            or self.target_group is not None
            or self.organisation is not None
        )

    def query_string(self, **overrides: str) -> str:
        params = {
            WHEN: self.when,
            DATE_FROM: self.date_from.isoformat() if self.date_from else "",
            DATE_UNTIL: self.date_until.isoformat() if self.date_until else "",
            TARGET_GROUP: self.target_group.slug if self.target_group else "",
            FREE: "1" if self.free_only else "",
            ORGANISATION: str(self.organisation.pk) if self.organisation else "",
        }
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
    already weekend; 'week' ('deze week') is today up to and including Sunday,
    as Dutch weeks start on Monday.
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
        first, days = today, 7 - today.weekday()
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


def _within_days(
    queryset: QuerySet[EventOccurrence], *, first: date | None, last: date | None
) -> QuerySet[EventOccurrence]:
    """Dates on the local days ``first`` through ``last`` (inclusive; either open)."""
    if last is not None:
        queryset = queryset.filter(start__lt=_local_midnight(last + timedelta(days=1)))
    if first is not None:
        from_midnight = _local_midnight(first)
        queryset = queryset.filter(
            Q(start__gte=from_midnight) | Q(end__gt=from_midnight)
        )
    return queryset


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


def _date_changes(event: EventPage) -> list[DateChange]:
    return [
        DateChange(
            original_date=change.original_date,
            new_start=change.new_start,
            new_end=change.new_end,
        )
        for change in event.changed_dates.all()
    ]


def _current_dates(*, event: EventPage, now: datetime) -> list[EventOccurrence]:
    """Every date of one event that is not over, soonest first, moved ones moved."""
    if event.start is None:
        return []
    start_of_today = _local_midnight(timezone.localtime(now, local_zone()).date())
    current = []
    for expanded in expand_dates(
        start=event.start,
        end=event.end,
        repetition=event.repetition,
        week_of_month=event.week_of_month,
        until=event.repeat_until,
        skipped=[skipped.date for skipped in event.skipped_dates.all()],
        changes=_date_changes(event),
        horizon=default_horizon(now),
    ):
        start, end = expanded.start, expanded.end
        if (
            start >= now
            or (end is not None and end >= now)
            or (event.all_day and start >= start_of_today)
        ):
            current.append(
                EventOccurrence(
                    event=event,
                    start=start,
                    end=end,
                    original_start=expanded.original_start,
                )
            )
    return current


def event_upcoming_dates(
    *,
    event: EventPage,
    limit: int = UPCOMING_DATES_ON_EVENT_PAGE,
    now: datetime | None = None,
) -> list[EventOccurrence]:
    """The next dates of one event that are not over yet, soonest first.

    Worked out from the event in hand rather than the stored occurrences, so a
    preview of a draft shows the draft's dates. Skipped dates are left out, a
    moved date is at its new time with ``original_start`` set. Unsaved
    EventOccurrence objects.
    """
    return _current_dates(event=event, now=now or timezone.now())[:limit]


def event_page_context(*, page: EventPage, now: datetime | None = None) -> dict:
    """What the event page shows under 'Wanneer' besides the page's own fields."""
    now = now or timezone.now()
    today = timezone.localtime(now, local_zone()).date()
    current = _current_dates(event=page, now=now)
    return {
        "upcoming_dates": current[:UPCOMING_DATES_ON_EVENT_PAGE],
        "moved_dates": [date for date in current if date.original_start is not None],
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


# Days an agenda can be asked about; beyond them date arithmetic and the
# conversion to UTC overflow (9999-12-31 + one day).
FIRST_READABLE_DAY = date(1900, 1, 1)
LAST_READABLE_DAY = date(2999, 12, 31)


def _parse_day(value: str) -> date | None:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return day if FIRST_READABLE_DAY <= day <= LAST_READABLE_DAY else None


def _read_date_range(filters: AgendaFilters, params: Mapping[str, str]) -> None:
    """'van' and 'tot' as local days (YYYY-MM-DD, as <input type="date"> sends).

    A date that cannot be read, or a 'tot' before 'van', is not applied and
    gets a Dutch explanation; the typed text is kept for the form.
    """
    raw_from = (params.get(DATE_FROM) or "").strip()[:30]
    raw_until = (params.get(DATE_UNTIL) or "").strip()[:30]
    filters.date_from_input, filters.date_until_input = raw_from, raw_until
    date_from = _parse_day(raw_from) if raw_from else None
    date_until = _parse_day(raw_until) if raw_until else None
    if raw_from and date_from is None:
        filters.date_errors.append(
            _("We kunnen de datum bij 'van' niet lezen. Schrijf hem als 2030-05-31.")
        )
    if raw_until and date_until is None:
        filters.date_errors.append(
            _(
                "We kunnen de datum bij 'tot en met' niet lezen. "
                "Schrijf hem als 2030-05-31."
            )
        )
    if date_from and date_until and date_until < date_from:
        filters.date_errors.append(
            _("De datum bij 'tot en met' ligt vóór de datum bij 'van'.")
        )
        return
    filters.date_from, filters.date_until = date_from, date_until


def _read_organisation(
    filters: AgendaFilters, params: Mapping[str, str], site: Site | None
) -> None:
    """'organisatie': the id of a live, public organisation page of ``site``."""
    raw = (params.get(ORGANISATION) or "").strip()
    if not raw:
        return
    organisation = None
    if raw.isascii() and raw.isdigit() and len(raw) <= 10 and site is not None:
        organisation = organisation_page_in_site(site=site, page_id=int(raw))
    if organisation is None:
        filters.invalid.append(ORGANISATION)
    filters.organisation = organisation


def parse_agenda_filters(
    *,
    params: Mapping[str, str],
    site: Site | None,
    chosen_neighbourhood_id: int | None = None,
) -> AgendaFilters:
    """The agenda's filters from plain values, for the agenda page and the API.

    ``wijk`` and ``thema`` as in core.selectors.parse_listing_filters,
    ``wanneer`` = vandaag | weekend | week, ``van`` and ``tot`` (YYYY-MM-DD,
    inclusive), ``doelgroep=<slug>``, ``gratis=1`` and ``organisatie=<page id>``.
    An unknown value is not applied: its name is listed in ``invalid`` (dates:
    explained in ``date_errors``), so the page can say so and the API refuse it.
    """
    shared = parse_listing_filters(
        params=params, site=site, chosen_neighbourhood_id=chosen_neighbourhood_id
    )
    filters = AgendaFilters(
        **vars(shared),
        when_choices=PERIOD_CHOICES,
        target_groups=list(TargetGroup.objects.order_by("name")),
    )
    when = (params.get(WHEN) or "").strip()
    if when in dict(PERIOD_CHOICES):
        filters.when = when
    elif when:
        filters.invalid.append(WHEN)
    _read_date_range(filters, params)
    group = (params.get(TARGET_GROUP) or "").strip()
    if group:
        filters.target_group = next(
            (g for g in filters.target_groups if g.slug == group), None
        )
        if filters.target_group is None:
            filters.invalid.append(TARGET_GROUP)
    filters.free_only = params.get(FREE) == "1"
    _read_organisation(filters, params, site)
    return filters


def agenda_occurrences(
    *, filters: AgendaFilters, site: Site | None, now: datetime | None = None
) -> QuerySet[EventOccurrence]:
    """The agenda: every date of a live, public event of ``site`` that is not
    over at ``now`` and passes ``filters``, soonest first.

    The one query behind the agenda page and the API's occurrences, so both
    list, count and filter alike. An event without wijken concerns the whole
    town: it stays in when filtering on a wijk. Skipped dates are not stored
    (agenda.services), so they never appear; a moved date is at its new time
    with ``original_start`` set.
    """
    now = now or timezone.now()
    occurrences = upcoming_occurrences(
        site=site, neighbourhood=filters.neighbourhood, theme=filters.theme, now=now
    )
    period = period_for(when=filters.when, now=now)
    if period is not None:
        occurrences = _overlapping(occurrences, period)
    occurrences = _within_days(
        occurrences, first=filters.date_from, last=filters.date_until
    )
    if filters.target_group is not None:
        occurrences = occurrences.filter(
            event__in=EventPage.objects.filter(
                target_groups=filters.target_group
            ).values("pk")
        )
    if filters.free_only:
        occurrences = occurrences.filter(event__is_free=True)
    if filters.organisation is not None:
        occurrences = occurrences.filter(
            event__in=EventPage.objects.descendant_of(filters.organisation).values("pk")
        )
    return occurrences


# iCalendar feeds ------------------------------------------------------------------


def _for_feed(events: QuerySet[EventPage], *, now: datetime) -> QuerySet[EventPage]:
    """Events with a date that ended less than FEED_PAST_DAYS ago, or to come,
    with everything a feed writes loaded in a fixed number of queries.
    """
    cutoff = now - timedelta(days=FEED_PAST_DAYS)
    recent = EventOccurrence.objects.filter(Q(start__gte=cutoff) | Q(end__gte=cutoff))
    return _with_feed_data(events.filter(pk__in=recent.values("event_id")))


def _with_feed_data(events: QuerySet[EventPage]) -> QuerySet[EventPage]:
    return (
        events.select_related("location")
        .prefetch_related(
            "skipped_dates",
            Prefetch(
                "changed_dates",
                queryset=EventDateChange.objects.order_by("original_date", "pk"),
            ),
            "themes",
        )
        .order_by("start", "pk")
    )


def feed_events_for_site(
    *, site: Site, now: datetime | None = None
) -> QuerySet[EventPage]:
    """The whole agenda of ``site`` as a feed: every live, public event of it."""
    return _for_feed(
        live_pages_in_site(EventPage, site=site), now=now or timezone.now()
    )


def feed_events_for_neighbourhood(
    *, site: Site, neighbourhood: Neighbourhood, now: datetime | None = None
) -> QuerySet[EventPage]:
    """A wijk's events as its page lists them: living under the wijk's page, or
    tagged with the wijk. Town-wide events (no wijk) are left to the agenda feed,
    so a wijk calendar next to the town's one shows nothing twice.
    """
    neighbourhood_page = apps.get_model("neighbourhoods", "NeighbourhoodPage")
    wijk_pages = (
        neighbourhood_page.objects.filter(neighbourhood=neighbourhood)
        .descendant_of(site.root_page)
        .values_list("path", "depth")
    )
    under_wijk_page = Q(pk__in=[])
    for path, depth in wijk_pages:
        under_wijk_page |= Q(path__startswith=path, depth__gt=depth)
    tagged = EventPage.objects.filter(neighbourhoods=neighbourhood).values("pk")
    events = live_pages_in_site(EventPage, site=site).filter(
        under_wijk_page | Q(pk__in=tagged)
    )
    return _for_feed(events, now=now or timezone.now())


def feed_events_under(
    *, page: Page, now: datetime | None = None
) -> QuerySet[EventPage]:
    """The events that live under ``page`` (an organisation), as a feed."""
    events = EventPage.objects.live().public().descendant_of(page)
    return _for_feed(events, now=now or timezone.now())


def feed_event(*, site: Site, page_id: int) -> EventPage | None:
    """One live, public event of ``site`` for its own feed, however long ago."""
    return (
        _with_feed_data(live_pages_in_site(EventPage, site=site))
        .filter(pk=page_id)
        .first()
    )


def organisation_page_in_site(*, site: Site, page_id: int) -> Page | None:
    """The live, public organisation page ``page_id`` of ``site``, if it is one."""
    organisation_page = apps.get_model("socialmap", "OrganisationPage")
    return live_pages_in_site(organisation_page, site=site).filter(pk=page_id).first()


def neighbourhood_in_site(*, site: Site, slug: str) -> Neighbourhood | None:
    return Neighbourhood.objects.filter(site=site, slug=slug).first()
