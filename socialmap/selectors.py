"""Reads for the sociale kaart: the organisation listing and a profile page."""

import datetime
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from django.apps import apps
from django.db.models import (
    Avg,
    Case,
    Count,
    F,
    IntegerField,
    Min,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.http import HttpRequest
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from agenda.selectors import upcoming_occurrences_under
from core.models import Neighbourhood, TargetGroup
from core.models.taxonomies import normalise_postcode
from core.search import clean_search_query
from core.selectors import (
    ListingFilters,
    chosen_neighbourhood_id,
    filter_by_taxonomy,
    live_pages_in_site,
    neighbourhood_for_postcode,
    paginate,
    parse_listing_filters,
)
from vacancies.selectors import open_vacancies

from .geocoding import geocode_address
from .maps import location_marker, organisation_markers
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
from .opening import OpenStatus, open_organisation_page_ids, open_status
from .search import SearchOutcome, organisation_search
from .suggestions import organisation_suggestions

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


SUPPORT_LEVEL_PARAM = "leefring"
FREE_PARAM = "gratis"
OPEN_NOW_PARAM = "open"
QUERY_PARAM = "q"
SORT_PARAM = "sorteer"
SORT_RELEVANCE = "relevantie"
SORT_NAME = "naam"
SORT_LIGHTEST = "lichtste-hulp"
SORT_DISTANCE = "afstand"
POSTCODE_PARAM = "postcode"


@dataclass
class OrganisationFilters(ListingFilters):
    """The wijk and theme filters plus what only the sociale kaart has: words
    (``?q=``), target group, leefring, free services, "nu open" and the order."""

    target_group: TargetGroup | None = None
    target_groups: list[TargetGroup] = field(default_factory=list)
    query: str = ""
    support_level: str = ""
    free: bool = False
    open_now: bool = False
    sort: str = ""
    postcode: str = ""
    postcode_neighbourhood: Neighbourhood | None = None

    @property
    def is_filtered(self) -> bool:
        return (
            super().is_filtered
            or self.target_group is not None
            or bool(self.query or self.support_level or self.free or self.open_now)
        )

    @property
    def sort_options(self) -> list[tuple[str, str]]:
        options = [(SORT_LIGHTEST, _("Lichtste hulp eerst")), (SORT_NAME, _("Naam"))]
        if self.postcode:
            options.append((SORT_DISTANCE, _("Dichtbij mijn postcode")))
        if self.query:
            options.insert(0, (SORT_RELEVANCE, _("Best passend")))
        return options

    def query_string(self, **overrides: str) -> str:
        params = {}
        if self.query:
            params[QUERY_PARAM] = self.query
        if self.target_group is not None:
            params[TARGET_GROUP_PARAM] = self.target_group.slug
        if self.support_level:
            params[SUPPORT_LEVEL_PARAM] = self.support_level
        if self.free:
            params[FREE_PARAM] = "1"
        if self.open_now:
            params[OPEN_NOW_PARAM] = "1"
        if self.sort:
            params[SORT_PARAM] = self.sort
        if self.postcode:
            params[POSTCODE_PARAM] = self.postcode
        params.update(overrides)
        return super().query_string(**{k: v for k, v in params.items() if v != ""})


def organisation_filters(*, request: HttpRequest, site) -> OrganisationFilters:
    """The filters of the sociale kaart page: its query parameters and, without
    ``wijk``, the resident's own wijk (the 'mijn wijk' cookie)."""
    return parse_organisation_filters(
        params=request.GET,
        site=site,
        chosen_neighbourhood_id=chosen_neighbourhood_id(request=request),
    )


def parse_organisation_filters(
    *,
    params: Mapping[str, str],
    site,
    chosen_neighbourhood_id: int | None = None,
) -> OrganisationFilters:
    """The sociale kaart's filters from plain values, named as on the page
    (``q``, ``wijk``, ``thema``, ``doelgroep``, ``leefring``, ``gratis``,
    ``open``, ``postcode``, ``sorteer``), for the page and the API alike.

    Unknown values are listed in ``invalid`` (the page shows a notice, the API
    answers 422); ``chosen_neighbourhood_id`` is the page's 'mijn wijk'.
    """
    base = parse_listing_filters(
        params=params, site=site, chosen_neighbourhood_id=chosen_neighbourhood_id
    )
    filters = OrganisationFilters(
        **vars(base),
        target_groups=list(TargetGroup.objects.order_by("name")),
    )
    slug = (params.get(TARGET_GROUP_PARAM) or "").strip()
    if slug:
        filters.target_group = next(
            (group for group in filters.target_groups if group.slug == slug), None
        )
        if filters.target_group is None:
            filters.invalid.append(TARGET_GROUP_PARAM)
    filters.query = clean_search_query(params.get(QUERY_PARAM) or "")
    level = (params.get(SUPPORT_LEVEL_PARAM) or "").strip()
    if level in SupportLevel.values:
        filters.support_level = level
    elif level:
        filters.invalid.append(SUPPORT_LEVEL_PARAM)
    filters.free = params.get(FREE_PARAM) == "1"
    filters.open_now = params.get(OPEN_NOW_PARAM) == "1"
    postcode = (params.get(POSTCODE_PARAM) or "").strip()
    if postcode and site is not None and normalise_postcode(postcode):
        digits_letters = normalise_postcode(postcode)
        filters.postcode = f"{digits_letters[:4]} {digits_letters[4:]}"
        filters.postcode_neighbourhood = neighbourhood_for_postcode(
            site=site, postcode=postcode
        )
    elif postcode:
        filters.invalid.append(POSTCODE_PARAM)
    sort = (params.get(SORT_PARAM) or "").strip()
    valid_sorts = {key for key, _label in filters.sort_options}
    if sort in valid_sorts:
        filters.sort = sort
    elif sort:
        filters.invalid.append(SORT_PARAM)
    return filters


@dataclass(frozen=True)
class FacetValue:
    """One choice in a facet, with how many organisations it would show."""

    value: str
    label: str
    count: int
    chosen: bool


@dataclass(frozen=True)
class Facets:
    neighbourhoods: list[FacetValue]
    themes: list[FacetValue]
    target_groups: list[FacetValue]
    support_levels: list[FacetValue]
    free: int
    open_now: int


def _narrowed(
    organisations: QuerySet,
    filters: OrganisationFilters,
    *,
    open_ids: set[int] | None,
    leave_out: str = "",
) -> QuerySet:
    """``organisations`` with every chosen filter but ``leave_out`` applied."""
    queryset = filter_by_taxonomy(
        organisations,
        neighbourhood=None if leave_out == "wijk" else filters.neighbourhood,
        theme=None if leave_out == "thema" else filters.theme,
    )
    if filters.target_group is not None and leave_out != TARGET_GROUP_PARAM:
        queryset = queryset.filter(
            pk__in=OrganisationPage.objects.filter(
                target_groups=filters.target_group
            ).values("pk")
        )
    if filters.support_level and leave_out != SUPPORT_LEVEL_PARAM:
        queryset = queryset.filter(
            pk__in=Service.objects.filter(support_level=filters.support_level).values(
                "page_id"
            )
        )
    if filters.free and leave_out != FREE_PARAM:
        queryset = queryset.filter(
            pk__in=Service.objects.filter(is_free=True).values("page_id")
        )
    if filters.open_now and leave_out != OPEN_NOW_PARAM:
        queryset = queryset.filter(pk__in=open_ids or [])
    return queryset


def _through_counts(through, owner_field: str, value_field: str, pages) -> dict:
    rows = (
        through.objects.filter(**{f"{owner_field}__in": pages.values("pk")})
        .values(value_field)
        .annotate(count=Count(owner_field, distinct=True))
        .values_list(value_field, "count")
    )
    return dict(rows)


def organisation_facets(
    *, organisations: QuerySet, filters: OrganisationFilters, open_ids: set[int]
) -> Facets:
    """Counts per choice, each as if that facet were not chosen yet (so a
    resident sees what another choice would give), in a fixed number of queries.
    """
    through_neighbourhoods = OrganisationPage.neighbourhoods.through
    through_themes = OrganisationPage.themes.through
    through_groups = OrganisationPage.target_groups.through

    pages = _narrowed(organisations, filters, open_ids=open_ids, leave_out="wijk")
    per_wijk = _through_counts(
        through_neighbourhoods, "organisationpage", "neighbourhood", pages
    )
    town_wide = pages.filter(neighbourhoods__isnull=True).count()
    neighbourhoods = [
        FacetValue(
            value=wijk.slug,
            label=wijk.name,
            count=per_wijk.get(wijk.pk, 0) + town_wide,
            chosen=filters.neighbourhood is not None
            and filters.neighbourhood.pk == wijk.pk,
        )
        for wijk in filters.neighbourhoods
    ]

    pages = _narrowed(organisations, filters, open_ids=open_ids, leave_out="thema")
    per_theme = _through_counts(through_themes, "organisationpage", "theme", pages)
    themes = [
        FacetValue(
            value=theme.slug,
            label=theme.name,
            count=per_theme.get(theme.pk, 0),
            chosen=filters.theme is not None and filters.theme.pk == theme.pk,
        )
        for theme in filters.themes
    ]

    pages = _narrowed(
        organisations, filters, open_ids=open_ids, leave_out=TARGET_GROUP_PARAM
    )
    per_group = _through_counts(
        through_groups, "organisationpage", "targetgroup", pages
    )
    target_groups = [
        FacetValue(
            value=group.slug,
            label=group.name,
            count=per_group.get(group.pk, 0),
            chosen=filters.target_group is not None
            and filters.target_group.pk == group.pk,
        )
        for group in filters.target_groups
    ]

    pages = _narrowed(
        organisations, filters, open_ids=open_ids, leave_out=SUPPORT_LEVEL_PARAM
    )
    per_level = dict(
        Service.objects.filter(page__in=pages.values("pk"))
        .values("support_level")
        .annotate(count=Count("page", distinct=True))
        .values_list("support_level", "count")
    )
    support_levels = [
        FacetValue(
            value=level.value,
            label=level.label,
            count=per_level.get(level.value, 0),
            chosen=filters.support_level == level.value,
        )
        for level in SUPPORT_LEVEL_ORDER
    ]

    pages = _narrowed(organisations, filters, open_ids=open_ids, leave_out=FREE_PARAM)
    free = (
        Service.objects.filter(page__in=pages.values("pk"), is_free=True)
        .values("page")
        .distinct()
        .count()
    )
    pages = _narrowed(
        organisations, filters, open_ids=open_ids, leave_out=OPEN_NOW_PARAM
    )
    open_now = pages.filter(pk__in=open_ids or []).count()
    return Facets(
        neighbourhoods=neighbourhoods,
        themes=themes,
        target_groups=target_groups,
        support_levels=support_levels,
        free=free,
        open_now=open_now,
    )


def lightest_level_rank() -> Min:
    """Per organisation: the rank of its lightest service (no services: last)."""
    rank = Case(
        *(
            When(services__support_level=level, then=Value(index))
            for index, level in enumerate(SUPPORT_LEVEL_ORDER)
        ),
        default=Value(len(SUPPORT_LEVEL_ORDER)),
        output_field=IntegerField(),
    )
    return Min(rank)


def postcode_point(*, postcode: str) -> tuple[float, float] | None:
    """Where a postcode lies: from the geocoder (cached), or else the middle of
    the locations we know in the same four-digit area."""
    if not postcode:
        return None
    found = geocode_address(address=postcode)
    if found is not None:
        return float(found.latitude), float(found.longitude)
    middle = Location.objects.filter(
        postcode__startswith=postcode[:4],
        latitude__isnull=False,
        longitude__isnull=False,
    ).aggregate(latitude=Avg("latitude"), longitude=Avg("longitude"))
    if middle["latitude"] is None:
        return None
    return float(middle["latitude"]), float(middle["longitude"])


def kilometres(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def organisations_by_distance(
    *, pages: QuerySet, origin: tuple[float, float] | None
) -> list[int]:
    """Ids of ``pages`` with a known location, nearest location first (one query).

    Organisations without coordinates are left out: they come after these.
    """
    if origin is None:
        return []
    nearest: dict[int, float] = {}
    rows = Location.objects.filter(
        page__in=pages.values("pk"), latitude__isnull=False, longitude__isnull=False
    ).values_list("page_id", "latitude", "longitude")
    for page_id, latitude, longitude in rows:
        distance = kilometres(origin, (float(latitude), float(longitude)))
        if distance < nearest.get(page_id, math.inf):
            nearest[page_id] = distance
    return sorted(nearest, key=lambda page_id: (nearest[page_id], page_id))


def _listed_organisations(queryset: QuerySet) -> QuerySet:
    """What an organisation card shows, in a fixed number of queries."""
    return queryset.select_related("logo").prefetch_related(
        "logo__renditions",
        Prefetch("services", queryset=services_lightest_first()),
        "locations",
        "neighbourhoods",
        "themes",
        "target_groups",
    )


@dataclass(frozen=True)
class NoResultsHelp:
    """Where a resident can still turn when the sociale kaart found nothing: the
    loket's phone, the gids and the help board."""

    phone: str
    guide: Page | None
    help_board: Page | None
    help_board_submit_url: str

    @property
    def phone_href(self) -> str:
        return "tel:" + re.sub(r"[^\d+]", "", self.phone)


def no_results_help(
    *, site, filters: OrganisationFilters, request: HttpRequest, index_page
) -> NoResultsHelp:
    """Three queries at most, and only when nothing was found."""
    from core.models import PlatformSettings

    phone = PlatformSettings.for_request(request).contact_phone if site else ""
    guide = help_board = None
    if site is not None:
        content_page = apps.get_model("home", "ContentPage")
        guides = content_page.objects.live().public().descendant_of(site.root_page)
        if filters.theme is not None:
            guide = guides.filter(themes=filters.theme).order_by("path").first()
        if guide is None:
            # The gids: the first page of the guide with chapters of its own.
            guide = (
                guides.child_of(site.root_page)
                .filter(numchild__gt=0)
                .order_by("path")
                .first()
            )
        help_board = (
            apps.get_model("helpboard", "HelpBoardPage")
            .objects.live()
            .public()
            .descendant_of(site.root_page)
            .order_by("path")
            .first()
        )
    submit_url = ""
    if help_board is not None:
        submit_url = help_board.get_url(request=request) + help_board.reverse_subpage(
            "submit"
        )
    return NoResultsHelp(
        phone=phone,
        guide=guide,
        help_board=help_board,
        help_board_submit_url=submit_url,
    )


@dataclass
class OrganisationResults:
    """What the sociale kaart finds for a set of filters: the organisations in
    their order, the facet counts and which organisations are open now.

    The order is either SQL's (``queryset``, for the lightest help or the name)
    or computed in Python (``ordered_ids``, for search scores and distances);
    :meth:`window` loads one page of either in a fixed number of queries.
    """

    filters: OrganisationFilters
    sort: str
    facets: Facets
    open_ids: set[int]
    queryset: QuerySet | None = None
    ordered_ids: list[int] | None = None

    @property
    def ordered(self) -> QuerySet | list[int]:
        """The results in order: pages, or the pages' ids (see :meth:`shown`)."""
        return self.ordered_ids if self.queryset is None else self.queryset

    @property
    def count(self) -> int:
        if self.queryset is None:
            return len(self.ordered_ids)
        return self.queryset.count()

    @cached_property
    def origin(self) -> tuple[float, float] | None:
        """Where the resident's postcode lies (None without one, or unknown)."""
        return postcode_point(postcode=self.filters.postcode)

    def shown(self, window: Sequence, *, listed=None) -> list[OrganisationPage]:
        """The pages of ``window``, a slice of :attr:`ordered`: of the queryset
        (with ``listed`` applied before slicing), or of the ids, loaded here with
        what ``listed`` prefetches (default: what an organisation card shows)."""
        if self.queryset is not None:
            return list(window)  # already loaded with the listing's prefetches
        listed = listed or _listed_organisations
        loaded = listed(OrganisationPage.objects.filter(pk__in=window)).in_bulk()
        return [loaded[pk] for pk in window]

    def window(self, *, offset: int, limit: int, listed=None) -> list:
        """Results ``offset`` up to ``offset + limit``, loaded."""
        if self.queryset is not None:
            return self.shown(
                (listed or _listed_organisations)(self.queryset)[
                    offset : offset + limit
                ]
            )
        return self.shown(self.ordered_ids[offset : offset + limit], listed=listed)


def organisation_results(
    *, filters: OrganisationFilters, site, at: datetime.datetime | None = None
) -> OrganisationResults:
    """The sociale kaart's search, for the page and the API alike: every live
    organisation of ``site``, found by words and narrowed by wijk, theme,
    target group, leefring, free and "nu open" (at ``at``, default now), with
    counts per choice. Without words, the lightest help comes first; with a
    postcode, the resident's own wijk first (or, sorted by distance, the
    nearest first).

    Organisations without wijken serve the whole town, so they show in every wijk.
    """
    sort = filters.sort or (SORT_RELEVANCE if filters.query else SORT_LIGHTEST)
    organisations = live_pages_in_site(OrganisationPage, site=site)
    matching = (
        organisation_search(organisations=organisations, site=site, query=filters.query)
        if filters.query
        else None
    )
    if matching is not None:
        organisations = organisations.filter(pk__in=matching.ids)
    open_ids = open_organisation_page_ids(at=at or timezone.now(), pages=organisations)
    facets = organisation_facets(
        organisations=organisations, filters=filters, open_ids=open_ids
    )
    found = OrganisationResults(
        filters=filters, sort=sort, facets=facets, open_ids=open_ids
    )
    results = _nearness_annotated(
        _narrowed(organisations, filters, open_ids=open_ids), filters, sort=sort
    )
    if sort in (SORT_RELEVANCE, SORT_DISTANCE):
        found.ordered_ids = _computed_order(
            results, sort=sort, matching=matching, origin=lambda: found.origin
        )
    elif sort == SORT_LIGHTEST:
        found.queryset = results.annotate(lightest=lightest_level_rank()).order_by(
            "nearness", "lightest", "title", "pk"
        )
    else:
        found.queryset = results.order_by("nearness", "title", "pk")
    return found


def _nearness_annotated(
    results: QuerySet, filters: OrganisationFilters, *, sort: str
) -> QuerySet:
    """``nearness``: with a postcode (unless sorted by distance), the resident's
    own wijk first (0), then the whole town (1), then the rest (2)."""
    if filters.postcode_neighbourhood is None or sort == SORT_DISTANCE:
        return results.annotate(nearness=Value(0, output_field=IntegerField()))
    own = OrganisationPage.objects.filter(
        neighbourhoods=filters.postcode_neighbourhood
    ).values("pk")
    town_wide = OrganisationPage.objects.filter(neighbourhoods__isnull=True).values(
        "pk"
    )
    return results.annotate(
        nearness=Case(
            When(pk__in=own, then=Value(0)),
            When(pk__in=town_wide, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    )


def _computed_order(
    results: QuerySet, *, sort: str, matching: SearchOutcome | None, origin
) -> list[int]:
    """The ids of ``results`` in an order computed outside SQL (search scores,
    distances): sorted here, so only the pages shown are loaded, instead of a
    CASE with a branch per result. ``origin`` gives the postcode's point."""
    rows = list(results.values_list("pk", "nearness", "title"))
    if sort == SORT_DISTANCE:
        nearest = organisations_by_distance(pages=results, origin=origin())
        rank = {pk: index for index, pk in enumerate(nearest)}
        rows.sort(key=lambda row: (rank.get(row[0], len(rank)), row[2], row[0]))
    else:
        rank = {pk: index for index, pk in enumerate(matching.ids)}
        rows.sort(key=lambda row: (row[1], rank.get(row[0], len(rank)), row[0]))
    return [row[0] for row in rows]


def organisation_listing(*, request: HttpRequest, index_page: SocialMapPage) -> dict:
    """The sociale kaart page: :func:`organisation_results` for the page's
    query parameters, one page of them, and what helps when nothing was found.
    """
    site = index_page.get_site()
    filters = organisation_filters(request=request, site=site)
    found = organisation_results(filters=filters, site=site)
    page_obj = paginate(
        request=request,
        queryset=found.ordered
        if found.queryset is None
        else _listed_organisations(found.queryset),
    )
    page_obj.object_list = found.shown(page_obj.object_list)
    nothing_found = bool(filters.query) and not page_obj.paginator.count
    return {
        "no_results": no_results_help(
            site=site, filters=filters, request=request, index_page=index_page
        )
        if not page_obj.paginator.count
        else None,
        # Nothing found for these words: perhaps a name was misspelt.
        "suggestions": organisation_suggestions(
            query=filters.query, site=site, request=request
        )
        if nothing_found
        else [],
        "markers": organisation_markers(
            organisations=page_obj.object_list, request=request
        ),
        "filters": filters,
        "facets": found.facets,
        "sort": found.sort,
        "page_obj": page_obj,
        "items": page_obj.object_list,
        "open_ids": found.open_ids,
        "target_groups": filters.target_groups,
        "chosen_target_group": filters.target_group,
    }


@dataclass(frozen=True)
class SocialMapMatches:
    """What the sociale kaart finds for the site search's words."""

    url: str
    count: int


def social_map_matches(*, site, query: str, request: HttpRequest):
    """How many organisations the sociale kaart finds for ``query``, with the
    link to them: the site search points there (its own search knows no
    synonyms or typing errors). None without a sociale kaart or words."""
    if site is None or not query:
        return None
    index_page = live_pages_in_site(SocialMapPage, site=site).order_by("path").first()
    if index_page is None:
        return None
    found = organisation_search(
        organisations=live_pages_in_site(OrganisationPage, site=site),
        site=site,
        query=query,
    )
    url = f"{index_page.get_url(request=request)}?{urlencode({QUERY_PARAM: query})}"
    return SocialMapMatches(url=url, count=len(found.ids))


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
    status: OpenStatus | None = None

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


def location_hours(
    *, location: Location, today: datetime.date, now: datetime.datetime | None = None
) -> LocationHours:
    """A location's week (Monday to Sunday), its coming exceptions, today's hours
    and, at ``now``, whether it is open (with when it closes or opens next)."""
    # .all() rather than a filtered query, so an editor's preview shows unsaved rows.
    slots = sorted(
        location.opening_hours.all(), key=lambda slot: (slot.weekday, slot.opens)
    )
    all_exceptions = list(location.hours_exceptions.all())
    exceptions = sorted(
        (item for item in all_exceptions if item.date >= today),
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
        status=open_status(slots=slots, exceptions=all_exceptions, at=now)
        if now is not None and slots
        else None,
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
    now = timezone.now()
    today = timezone.localdate(now)
    locations = page.locations.all()
    if isinstance(locations, QuerySet):
        # Saved rows: two queries for all the hours, not two per location. An
        # editor's preview holds its rows in memory and has nothing to fetch.
        locations = locations.prefetch_related("opening_hours", "hours_exceptions")
    locations = list(locations)
    markers = (
        location_marker(location=location, title=page.title, url="")
        for location in locations
    )
    return {
        "services": lightest_help_first(page.services.all()),
        "locations": [
            location_hours(location=location, today=today, now=now)
            for location in locations
        ],
        "markers": [marker for marker in markers if marker is not None],
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


NOT_CHECKED_AFTER_DAYS = 365


def organisations_not_checked(*, sites, today: datetime.date) -> QuerySet:
    """Live organisations of ``sites`` nobody checked for more than a year (or
    never), the longest unchecked first, so the buurtverbinders know whom to call.
    """
    cutoff = today - datetime.timedelta(days=NOT_CHECKED_AFTER_DAYS)
    roots = [site.root_page for site in sites]
    if not roots:
        return OrganisationPage.objects.none()
    in_sites = OrganisationPage.objects.none()
    for root in roots:
        in_sites |= OrganisationPage.objects.descendant_of(root)
    return (
        in_sites.live()
        .filter(Q(last_checked__isnull=True) | Q(last_checked__lt=cutoff))
        .order_by(F("last_checked").asc(nulls_first=True), "title", "pk")
    )
