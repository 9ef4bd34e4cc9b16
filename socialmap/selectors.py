"""Reads for the sociale kaart: the organisation listing and a profile page."""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Case, F, IntegerField, Prefetch, QuerySet, Value, When
from django.http import HttpRequest
from django.utils import timezone

from agenda.selectors import upcoming_occurrences_under
from core.models import TargetGroup
from core.selectors import (
    ListingFilters,
    filter_by_taxonomy,
    listing_filters,
    live_pages_in_site,
    paginate,
)
from vacancies.selectors import open_vacancies

from .models import (
    Location,
    OpeningHours,
    OpeningHoursException,
    OrganisationPage,
    Service,
    SocialMapPage,
    SupportLevel,
    Weekday,
)

TARGET_GROUP_PARAM = "doelgroep"
UPCOMING_EVENTS_LIMIT = 6
NEWS_LIMIT = 5
# Pages made outside the admin (imports, demo data) may have no publication date.
NEWEST_FIRST = F("first_published_at").desc(nulls_last=True)
# The 'leefringen': the lightest fitting help first; services without a level last.
SUPPORT_LEVEL_ORDER = [
    SupportLevel.SELF,
    SupportLevel.NETWORK,
    SupportLevel.GENERAL,
    SupportLevel.INDIVIDUAL,
]


def support_level_rank(level: str) -> int:
    """A service's place in the leefringen: 0 is the lightest, blank comes last."""
    try:
        return SUPPORT_LEVEL_ORDER.index(level)
    except ValueError:
        return len(SUPPORT_LEVEL_ORDER)


def lightest_help_first(services) -> list[Service]:
    """Services by support level; the editor's order within a level stays."""
    return sorted(
        services, key=lambda service: support_level_rank(service.support_level)
    )


def services_lightest_first() -> QuerySet:
    """The same order as :func:`lightest_help_first`, in SQL, for prefetching."""
    rank = Case(
        *(
            When(support_level=level, then=Value(index))
            for index, level in enumerate(SUPPORT_LEVEL_ORDER)
        ),
        default=Value(len(SUPPORT_LEVEL_ORDER)),
        output_field=IntegerField(),
    )
    return Service.objects.order_by(rank, "sort_order", "pk")


@dataclass
class OrganisationFilters(ListingFilters):
    """The wijk and theme filters plus the target group (``?doelgroep=<slug>``)."""

    target_group: TargetGroup | None = None
    target_groups: list[TargetGroup] = field(default_factory=list)

    @property
    def is_filtered(self) -> bool:
        return super().is_filtered or self.target_group is not None

    def query_string(self, **overrides: str) -> str:
        params = {}
        if self.target_group is not None:
            params[TARGET_GROUP_PARAM] = self.target_group.slug
        params.update(overrides)
        return super().query_string(**params)


def organisation_filters(*, request: HttpRequest, site) -> OrganisationFilters:
    base = listing_filters(request=request, site=site)
    filters = OrganisationFilters(
        **vars(base),
        target_groups=list(TargetGroup.objects.order_by("name")),
    )
    slug = request.GET.get(TARGET_GROUP_PARAM, "").strip()
    if slug:
        filters.target_group = next(
            (group for group in filters.target_groups if group.slug == slug), None
        )
        if filters.target_group is None:
            filters.invalid.append(TARGET_GROUP_PARAM)
    return filters


def organisation_listing(*, request: HttpRequest, index_page: SocialMapPage) -> dict:
    """Every live organisation of the site, filtered on wijk, theme and target group.

    Organisations without wijken serve the whole town, so they show in every wijk.
    """
    site = index_page.get_site()
    filters = organisation_filters(request=request, site=site)
    organisations = filter_by_taxonomy(
        live_pages_in_site(OrganisationPage, site=site),
        neighbourhood=filters.neighbourhood,
        theme=filters.theme,
    )
    if filters.target_group is not None:
        organisations = organisations.filter(
            pk__in=OrganisationPage.objects.filter(
                target_groups=filters.target_group
            ).values("pk")
        )
    organisations = (
        organisations.select_related("logo")
        .prefetch_related(
            "logo__renditions",
            Prefetch("services", queryset=services_lightest_first()),
            "locations",
            "neighbourhoods",
            "themes",
            "target_groups",
        )
        .order_by("title", "pk")
    )
    page_obj = paginate(request=request, queryset=organisations)
    return {
        "filters": filters,
        "page_obj": page_obj,
        "items": page_obj.object_list,
        "target_groups": filters.target_groups,
        "chosen_target_group": filters.target_group,
    }


@dataclass(frozen=True)
class DayHours:
    """The opening periods of one weekday (none: closed that day)."""

    weekday: int
    name: str
    slots: list[OpeningHours]
    is_today: bool


@dataclass(frozen=True)
class TodayHours:
    """Today's hours: from an exception for today, or else from the weekday."""

    closed: bool
    slots: list[tuple[datetime.time, datetime.time]]
    reason: str = ""
    is_exception: bool = False


@dataclass(frozen=True)
class LocationHours:
    location: Location
    week: list[DayHours]
    exceptions: list[OpeningHoursException]
    today: TodayHours | None

    @property
    def has_hours(self) -> bool:
        return any(day.slots for day in self.week)


def today_hours(
    *,
    slots: list[OpeningHours],
    exceptions: list[OpeningHoursException],
    today: datetime.date,
) -> TodayHours | None:
    """Today's hours, or None when the location has no hours at all."""
    exception = next((item for item in exceptions if item.date == today), None)
    if exception is not None:
        if exception.closed or exception.opens is None or exception.closes is None:
            return TodayHours(
                closed=True, slots=[], reason=exception.reason, is_exception=True
            )
        return TodayHours(
            closed=False,
            slots=[(exception.opens, exception.closes)],
            reason=exception.reason,
            is_exception=True,
        )
    if not slots:
        return None
    todays = [
        (slot.opens, slot.closes) for slot in slots if slot.weekday == today.weekday()
    ]
    return TodayHours(closed=not todays, slots=todays)


def location_hours(*, location: Location, today: datetime.date) -> LocationHours:
    """A location's week (Monday to Sunday), its coming exceptions and today's hours."""
    # .all() rather than a filtered query, so an editor's preview shows unsaved rows.
    slots = sorted(
        location.opening_hours.all(), key=lambda slot: (slot.weekday, slot.opens)
    )
    exceptions = sorted(
        (item for item in location.hours_exceptions.all() if item.date >= today),
        key=lambda item: item.date,
    )
    week = [
        DayHours(
            weekday=weekday.value,
            name=weekday.label,
            slots=[slot for slot in slots if slot.weekday == weekday.value],
            is_today=weekday.value == today.weekday(),
        )
        for weekday in Weekday
    ]
    return LocationHours(
        location=location,
        week=week,
        exceptions=exceptions,
        today=today_hours(slots=slots, exceptions=exceptions, today=today),
    )


def _descendants(model_label: str, *, page: OrganisationPage) -> QuerySet:
    model = apps.get_model(model_label)
    if page.pk is None:
        return model.objects.none()
    return model.objects.live().public().descendant_of(page)


def organisation_open_vacancies(*, page: OrganisationPage) -> list:
    return list(
        open_vacancies(_descendants("vacancies.VacancyPage", page=page)).order_by(
            NEWEST_FIRST, "-pk"
        )
    )


def organisation_page_context(*, page: OrganisationPage) -> dict:
    """What an organisation's profile shows besides its own fields."""
    today = timezone.localdate()
    locations = page.locations.all()
    if isinstance(locations, QuerySet):
        # Saved rows: two queries for all the hours, not two per location. An
        # editor's preview holds its rows in memory and has nothing to fetch.
        locations = locations.prefetch_related("opening_hours", "hours_exceptions")
    return {
        "services": lightest_help_first(page.services.all()),
        "locations": [
            location_hours(location=location, today=today) for location in locations
        ],
        "today": today,
        "upcoming_occurrences": upcoming_occurrences_under(
            page=page, limit=UPCOMING_EVENTS_LIMIT
        ),
        "open_vacancies": organisation_open_vacancies(page=page),
        "news_items": list(
            _descendants("news.NewsPage", page=page).order_by(
                "-date", NEWEST_FIRST, "-pk"
            )[:NEWS_LIMIT]
        ),
    }
