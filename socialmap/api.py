"""The sociale kaart on the API v3 (added in buurtplein/api.py at /sociale-kaart/).

The search is the page's own: the query parameters are read by
``selectors.parse_organisation_filters`` and answered by
``selectors.organisation_results``, so the words (with the platform's
synonyms), the facets and their counts, "nu open", the leefringen and the
postcode order are those of ``/sociale-kaart/``, written once. Only what the
page takes from the browser is left out: the resident's 'mijn wijk' cookie.
"""

import datetime
from dataclasses import dataclass
from http import HTTPStatus
from typing import Literal

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError
from wagtail.api.v3.errors import problem_response
from wagtail.models import Site
from wagtail.rich_text import expand_db_html

from core.api import Paging, SiteParam, api_link, api_site, page_url, problems
from core.selectors import live_pages_in_site

from .models import Location, OrganisationPage
from .selectors import (
    FREE_PARAM,
    OPEN_NOW_PARAM,
    POSTCODE_PARAM,
    QUERY_PARAM,
    SORT_PARAM,
    SUPPORT_LEVEL_PARAM,
    TARGET_GROUP_PARAM,
    FacetValue,
    OrganisationFilters,
    OrganisationResults,
    kilometres,
    lightest_help_first,
    location_hours,
    organisation_results,
    parse_organisation_filters,
    services_lightest_first,
)

router = Router(tags=["sociale kaart"])

# A page id fits a (signed 32-bit) integer column.
MAX_ID = 2**31 - 1

SupportLevelValue = Literal["self", "network", "general", "individual", ""]
SortValue = Literal["relevantie", "lichtste-hulp", "naam", "afstand"]

# What the API's parameters are called on the page (selectors reads those).
PAGE_PARAMS = {
    "q": QUERY_PARAM,
    "wijk": "wijk",
    "thema": "thema",
    "doelgroep": TARGET_GROUP_PARAM,
    "leefring": SUPPORT_LEVEL_PARAM,
    "postcode": POSTCODE_PARAM,
    "sorteer": SORT_PARAM,
}
INVALID_MESSAGES = {
    "wijk": "wijk: deze wijk kent dit platform niet (zie /api/v3/wijken/).",
    "thema": "thema: dit thema bestaat niet (zie /api/v3/themas/).",
    TARGET_GROUP_PARAM: "doelgroep: deze doelgroep bestaat niet "
    "(zie /api/v3/doelgroepen/).",
    SUPPORT_LEVEL_PARAM: "leefring: kies self, network, general of individual.",
    POSTCODE_PARAM: "postcode: dit is geen Nederlandse postcode (zoals 4201 AB).",
    SORT_PARAM: "sorteer: kies relevantie (alleen met q), lichtste-hulp, naam of "
    "afstand (alleen met postcode).",
}


class OrganisationQuery(Schema):
    q: str = Field(
        "",
        max_length=200,
        description="Zoekwoorden, zoals op de sociale kaart: ook woorden met "
        "dezelfde betekenis en kleine tikfouten vinden de hulp.",
    )
    wijk: str = Field(
        "", max_length=100, description="Slug van een wijk van deze site."
    )
    thema: str = Field("", max_length=100, description="Slug van een thema.")
    doelgroep: str = Field("", max_length=100, description="Slug van een doelgroep.")
    leefring: str = Field(
        "",
        max_length=20,
        description="Soort hulp (leefring): self, network, general of individual.",
    )
    gratis: bool = Field(False, description="Alleen organisaties met gratis hulp.")
    nu_open: bool = Field(False, description="Alleen organisaties die nu open zijn.")
    postcode: str = Field(
        "",
        max_length=10,
        description="Postcode van de bewoner (4201 AB): de eigen wijk eerst, en "
        "distance_km per organisatie.",
    )
    sorteer: str = Field(
        "",
        max_length=20,
        description="Volgorde: relevantie (standaard met q), lichtste-hulp "
        "(standaard zonder q), naam, of afstand (alleen met postcode: dichtstbij "
        "eerst).",
    )

    def page_params(self) -> dict[str, str]:
        """The same choices under the page's parameter names."""
        params = {PAGE_PARAMS[name]: getattr(self, name) for name in PAGE_PARAMS}
        params[FREE_PARAM] = "1" if self.gratis else ""
        params[OPEN_NOW_PARAM] = "1" if self.nu_open else ""
        return params


class TaxonomyOut(Schema):
    id: int
    name: str
    slug: str


class TimeRangeOut(Schema):
    opens: str = Field(description="Open vanaf (HH:MM, Nederlandse tijd).")
    closes: str = Field(
        description="Dicht om (HH:MM); niet later dan opens: na middernacht."
    )


class TodayHoursOut(Schema):
    date: datetime.date
    closed: bool = Field(description="Vandaag de hele dag dicht.")
    hours: list[TimeRangeOut]
    reason: str = Field(description="Waarom vandaag afwijkt (bij een uitzondering).")
    is_exception: bool = Field(description="Vandaag geldt een afwijkende dag.")


class LocationOut(Schema):
    id: int
    name: str
    address: str = Field(description="Straat en huisnummer.")
    postcode: str
    city: str
    latitude: float | None
    longitude: float | None
    open_now: bool
    closes_at: datetime.datetime | None = Field(
        description="Nu open: wanneer de locatie sluit (binnen zeven dagen)."
    )
    opens_next: datetime.datetime | None = Field(
        description="Nu dicht: wanneer de locatie weer opengaat (binnen zeven dagen)."
    )
    today: TodayHoursOut | None = Field(
        description="De openingstijden van vandaag; null zonder openingstijden."
    )
    distance_km: float | None = Field(
        description="Afstand tot de postcode (hemelsbreed); null zonder postcode "
        "of coördinaten."
    )


class ServiceOut(Schema):
    id: int
    name: str
    support_level: SupportLevelValue = Field(description="Leefring; leeg: onbekend.")
    is_free: bool


class OrganisationItem(Schema):
    id: int
    title: str
    summary: str
    url: str = Field(description="De pagina van de organisatie op de site.")
    api_url: str
    phone: str
    email: str
    website: str
    open_now: bool
    distance_km: float | None = Field(
        description="Afstand van de dichtstbijzijnde locatie tot de postcode."
    )
    themes: list[TaxonomyOut]
    target_groups: list[TaxonomyOut]
    wijken: list[TaxonomyOut] = Field(description="Leeg: de hele gemeente.")
    services: list[ServiceOut] = Field(description="Lichtste hulp eerst.")
    locations: list[LocationOut]


class FacetChoiceOut(Schema):
    slug: str
    name: str
    count: int = Field(
        ge=0,
        description="Hoeveel organisaties deze keuze (in plaats van de "
        "huidige keuze in dit filter) zou geven.",
    )
    chosen: bool


class OrganisationFacetsOut(Schema):
    wijk: list[FacetChoiceOut]
    thema: list[FacetChoiceOut]
    doelgroep: list[FacetChoiceOut]
    leefring: list[FacetChoiceOut]
    gratis: int = Field(ge=0, description="Hoeveel organisaties gratis hulp geven.")
    nu_open: int = Field(ge=0, description="Hoeveel organisaties nu open zijn.")


class OrganisationListOut(Schema):
    count: int = Field(ge=0)
    sort: SortValue = Field(description="De volgorde van items.")
    postcode_wijk: TaxonomyOut | None = Field(
        description="De wijk van de postcode (die komt eerst); null zonder."
    )
    items: list[OrganisationItem]
    facets: OrganisationFacetsOut


class ServiceDetailOut(ServiceOut):
    description: str
    for_whom: str
    cost: str
    how_to_apply: str


class DayHoursOut(Schema):
    weekday: int = Field(ge=0, le=6, description="0 is maandag.")
    name: str
    hours: list[TimeRangeOut]


class HoursExceptionOut(Schema):
    date: datetime.date
    closed: bool
    hours: list[TimeRangeOut]
    reason: str


class LocationDetailOut(LocationOut):
    accessibility_notes: str
    week: list[DayHoursOut]
    exceptions: list[HoursExceptionOut] = Field(
        description="Afwijkende dagen vanaf vandaag."
    )


class OrganisationDetailOut(OrganisationItem):
    description: str = Field(description="Beschrijving (HTML).")
    services: list[ServiceDetailOut]
    locations: list[LocationDetailOut]


def _invalid_choice(filters: OrganisationFilters) -> HttpResponse:
    """422 naming every parameter with a value this site does not know."""
    names = {value: key for key, value in PAGE_PARAMS.items()}
    errors = [
        {
            "type": "unknown_value",
            "loc": ["query", names.get(param, param)],
            "msg": INVALID_MESSAGES.get(param, f"{param}: onbekende waarde."),
        }
        for param in filters.invalid
    ]
    return problem_response(
        status=HTTPStatus.UNPROCESSABLE_ENTITY,
        detail=" ".join(error["msg"] for error in errors),
        errors=errors,
    )


def _taxonomies(items) -> list[dict]:
    return [{"id": item.pk, "name": item.name, "slug": item.slug} for item in items]


def _hhmm(value: datetime.time) -> str:
    return value.strftime("%H:%M")


def _ranges(pairs) -> list[dict]:
    return [{"opens": _hhmm(opens), "closes": _hhmm(closes)} for opens, closes in pairs]


def _coordinates(location: Location) -> tuple[float, float] | None:
    if location.latitude is None or location.longitude is None:
        return None
    return float(location.latitude), float(location.longitude)


def _location(
    location: Location,
    *,
    now: datetime.datetime,
    origin: tuple[float, float] | None,
    detail: bool = False,
) -> dict:
    hours = location_hours(location=location, today=timezone.localdate(now), now=now)
    point = _coordinates(location)
    today = hours.today
    data = {
        "id": location.pk,
        "name": location.name,
        "address": location.street_address,
        "postcode": location.postcode,
        "city": location.city,
        "latitude": point[0] if point else None,
        "longitude": point[1] if point else None,
        "open_now": bool(hours.status and hours.status.is_open),
        "closes_at": hours.status.closes_at if hours.status else None,
        "opens_next": hours.status.opens_next if hours.status else None,
        "today": None
        if today is None
        else {
            "date": timezone.localdate(now),
            "closed": today.closed,
            "hours": _ranges(today.slots),
            "reason": today.reason,
            "is_exception": today.is_exception,
        },
        "distance_km": round(kilometres(origin, point), 2)
        if origin and point
        else None,
    }
    if detail:
        data["accessibility_notes"] = location.accessibility_notes
        data["week"] = [
            {
                "weekday": day.weekday,
                "name": str(day.name),
                "hours": _ranges((slot.opens, slot.closes) for slot in day.slots),
            }
            for day in hours.week
        ]
        data["exceptions"] = [
            {
                "date": item.date,
                "closed": item.closed or item.opens is None or item.closes is None,
                "hours": []
                if item.closed or item.opens is None or item.closes is None
                else _ranges([(item.opens, item.closes)]),
                "reason": item.reason,
            }
            for item in hours.exceptions
        ]
    return data


@dataclass(frozen=True)
class Links:
    """The site asked about, and the ``site`` parameter to keep in API links."""

    site: Site
    site_param: str | None


def _organisation(
    request: HttpRequest,
    page: OrganisationPage,
    *,
    links: Links,
    now: datetime.datetime,
    open_ids: set[int] | None,
    origin: tuple[float, float] | None,
    detail: bool = False,
) -> dict:
    locations = [
        _location(location, now=now, origin=origin, detail=detail)
        for location in page.locations.all()
    ]
    distances = [
        item["distance_km"] for item in locations if item["distance_km"] is not None
    ]
    services = lightest_help_first(page.services.all())
    data = {
        "id": page.pk,
        "title": page.title,
        "summary": page.introduction,
        # A live page of the site always has a URL there.
        "url": page_url(request, page, site=links.site, site_param=links.site_param)
        or "",
        "api_url": api_link(
            request,
            reverse("wagtailapi_v3:socialmap_organisation", args=[page.pk]),
            site=links.site_param,
        ),
        "phone": page.phone,
        "email": page.email,
        "website": page.website,
        "open_now": page.pk in open_ids
        if open_ids is not None
        else any(item["open_now"] for item in locations),
        "distance_km": min(distances) if distances else None,
        "themes": _taxonomies(page.themes.all()),
        "target_groups": _taxonomies(page.target_groups.all()),
        "wijken": _taxonomies(page.neighbourhoods.all()),
        "services": [_service(service, detail=detail) for service in services],
        "locations": locations,
    }
    if detail:
        data["description"] = expand_db_html(page.description)
    return data


def _service(service, *, detail: bool) -> dict:
    data = {
        "id": service.pk,
        "name": service.name,
        "support_level": service.support_level,
        "is_free": service.is_free,
    }
    if detail:
        data.update(
            description=service.description,
            for_whom=service.for_whom,
            cost=service.cost,
            how_to_apply=service.how_to_apply,
        )
    return data


def _with_everything_shown(queryset: QuerySet) -> QuerySet:
    """What an API item shows, in a fixed number of queries."""
    return queryset.prefetch_related(
        Prefetch("services", queryset=services_lightest_first()),
        Prefetch(
            "locations",
            queryset=Location.objects.order_by("sort_order", "pk").prefetch_related(
                "opening_hours", "hours_exceptions"
            ),
        ),
        "neighbourhoods",
        "themes",
        "target_groups",
    )


def _facet(values: list[FacetValue]) -> list[dict]:
    return [
        {
            "slug": value.value,
            "name": str(value.label),
            "count": value.count,
            "chosen": value.chosen,
        }
        for value in values
    ]


def _facets(found: OrganisationResults) -> dict:
    facets = found.facets
    return {
        "wijk": _facet(facets.neighbourhoods),
        "thema": _facet(facets.themes),
        "doelgroep": _facet(facets.target_groups),
        "leefring": _facet(facets.support_levels),
        "gratis": facets.free,
        "nu_open": facets.open_now,
    }


@router.get(
    "/organisaties/",
    response={200: OrganisationListOut, **problems(400, 404, 422)},
    url_name="socialmap_organisations",
    operation_id="sociale_kaart_organisaties",
    summary="Zoeken op de sociale kaart",
    description=(
        "De organisaties van een site, gevonden en gefilterd zoals op de pagina "
        "/sociale-kaart/: op woorden (met synoniemen), wijk (een organisatie "
        "zonder wijken is er voor de hele gemeente en telt in elke wijk mee), "
        "thema, doelgroep, leefring, gratis en 'nu open', met de aantallen per "
        "keuze (facets: elk filter geteld alsof het zelf nog niet gekozen is). "
        "Met een postcode komt de eigen wijk eerst, met sorteer=afstand de "
        "dichtstbijzijnde organisatie eerst. Een onbekende waarde is een 422 "
        "die de parameter noemt."
    ),
)
def organisation_list(
    request: HttpRequest,
    filters: Query[OrganisationQuery],
    paging: Query[Paging],
    site: SiteParam = None,
):
    found_site: Site = api_site(request, site)
    chosen = parse_organisation_filters(params=filters.page_params(), site=found_site)
    if chosen.invalid:
        return _invalid_choice(chosen)
    now = timezone.now()
    found = organisation_results(filters=chosen, site=found_site, at=now)
    links = Links(site=found_site, site_param=site)
    count = found.count
    pages = found.window(
        offset=paging.offset, limit=paging.limit, listed=_with_everything_shown
    )
    origin = found.origin if chosen.postcode else None
    neighbourhood = chosen.postcode_neighbourhood
    return {
        "count": count,
        "sort": found.sort,
        "postcode_wijk": None
        if neighbourhood is None
        else _taxonomies([neighbourhood])[0],
        "items": [
            _organisation(
                request,
                page,
                links=links,
                now=now,
                open_ids=found.open_ids,
                origin=origin,
            )
            for page in pages
        ],
        "facets": _facets(found),
    }


@router.get(
    "/organisaties/{organisation_id}/",
    response={200: OrganisationDetailOut, **problems(400, 404, 422)},
    url_name="socialmap_organisation",
    operation_id="sociale_kaart_organisatie",
    summary="Een organisatie van de sociale kaart",
    description=(
        "Het profiel van een gepubliceerde organisatie van de site: diensten "
        "(lichtste hulp eerst), locaties met openingstijden per weekdag, "
        "afwijkende dagen en of ze nu open zijn."
    ),
)
def organisation_detail(
    request: HttpRequest,
    organisation_id: int = Path(..., ge=1, le=MAX_ID),
    site: SiteParam = None,
):
    found_site = api_site(request, site)
    page = (
        _with_everything_shown(live_pages_in_site(OrganisationPage, site=found_site))
        .filter(pk=organisation_id)
        .first()
    )
    if page is None:
        raise HttpError(
            HTTPStatus.NOT_FOUND,
            "Geen gepubliceerde organisatie met dit id op de sociale kaart van "
            "deze site.",
        )
    return _organisation(
        request,
        page,
        links=Links(site=found_site, site_param=site),
        now=timezone.now(),
        open_ids=None,
        origin=None,
        detail=True,
    )
