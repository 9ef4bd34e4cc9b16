"""The agenda on the API v3 (added in buurtplein/api.py at /agenda/).

The dates are the agenda page's own: the query parameters are read by
``selectors.parse_agenda_filters`` and answered by
``selectors.agenda_occurrences``, so the filters, the count and the rule "an
event without wijken concerns the whole town" are those of the agenda page,
written once. Only what the page takes from the browser is left out: the
resident's 'mijn wijk' cookie.

Each item is one date of an event as stored by agenda.services (the rule
expanded in Europe/Amsterdam time): a skipped date is not there at all (the
page does not show it either), a moved date is at its new time with
``moved_from`` set to the time the rule gave it.
"""

import datetime
from decimal import Decimal
from http import HTTPStatus

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from wagtail.api.v3.errors import problem_response
from wagtail.models import Page, Site

from core.api import Paging, absolute_url, api_site, local_iso, problems

from .models import EventOccurrence, EventPage
from .recurrence import local_zone
from .selectors import (
    DATE_FROM,
    DATE_UNTIL,
    FIRST_READABLE_DAY,
    FREE,
    LAST_READABLE_DAY,
    ORGANISATION,
    TARGET_GROUP,
    AgendaFilters,
    agenda_occurrences,
    parse_agenda_filters,
)

router = Router(tags=["agenda"])

#: Days after ``from`` that ``to`` is when it is not given.
DEFAULT_DAYS = 14
#: The longest range one request may ask for, ``from`` and ``to`` included.
MAX_DAYS = 366
# A page id fits a (signed 32-bit) integer column.
MAX_ID = 2**31 - 1

INVALID_MESSAGES = {
    "wijk": "wijk: deze wijk kent dit platform niet (zie /api/v3/wijken/).",
    "thema": "thema: dit thema bestaat niet (zie /api/v3/themas/).",
    TARGET_GROUP: "doelgroep: deze doelgroep bestaat niet (zie /api/v3/doelgroepen/).",
    ORGANISATION: "organisatie: geen gepubliceerde organisatie van dit platform "
    "met dit id.",
}


class OccurrenceQuery(Schema):
    site: str | None = Field(
        None,
        max_length=255,
        description="De site (hostnaam, eventueel met :poort); zonder: de host "
        "van het verzoek.",
    )
    date_from: datetime.date | None = Field(
        None,
        alias="from",
        description="Eerste dag (JJJJ-MM-DD, Nederlandse tijd); standaard vandaag.",
    )
    date_to: datetime.date | None = Field(
        None,
        alias="to",
        description=f"Laatste dag, die telt mee (JJJJ-MM-DD); standaard {DEFAULT_DAYS}"
        f" dagen na 'from'. Hoogstens {MAX_DAYS} dagen van 'from' tot en met 'to'.",
    )
    wijk: str = Field(
        "",
        max_length=100,
        description="Slug van een wijk van deze site. Activiteiten zonder wijk "
        "(voor de hele gemeente) tellen in elke wijk mee.",
    )
    thema: str = Field("", max_length=100, description="Slug van een thema.")
    doelgroep: str = Field("", max_length=100, description="Slug van een doelgroep.")
    gratis: bool = Field(False, description="true: alleen gratis activiteiten.")
    organisatie: int | None = Field(
        None,
        ge=1,
        le=MAX_ID,
        description="Id van een organisatiepagina: alleen haar activiteiten "
        "(die onder die pagina staan).",
    )


class TaxonomyOut(Schema):
    id: int
    name: str
    slug: str


class PlaceOut(Schema):
    name: str = Field(
        description="Naam van de locatie, of het adres zoals de redactie het "
        "schreef als het geen bekende locatie is."
    )
    street_address: str | None = Field(
        description="Straat en huisnummer; null als er alleen vrije tekst is."
    )
    postcode: str | None
    city: str | None
    latitude: float | None = Field(ge=-90, le=90)
    longitude: float | None = Field(ge=-180, le=180)


class OrganisationRefOut(Schema):
    id: int
    title: str
    api_url: str = Field(description="De organisatiepagina in de pagina-API.")


class EventOut(Schema):
    id: int
    title: str
    url: str = Field(description="De pagina van de activiteit op de site.")
    api_url: str = Field(description="De pagina in de pagina-API (/api/v3/pages/).")
    introduction: str = Field(description="Eén of twee zinnen: waar gaat het over?")
    place: PlaceOut | None = Field(description="Waar; null als het niet bekend is.")
    accessibility: str
    organisation: OrganisationRefOut | None = Field(
        description="De organisatie waaronder de activiteit staat, als die er is."
    )
    organiser: str = Field(
        description="Wie het organiseert, in woorden: zoals op de pagina."
    )
    neighbourhoods: list[TaxonomyOut] = Field(
        description="Wijken; leeg: voor de hele gemeente."
    )
    themes: list[TaxonomyOut]
    target_groups: list[TaxonomyOut]
    is_free: bool
    cost: str | None = Field(description="Kosten in woorden; null als niet ingevuld.")
    registration_url: str | None
    registration_contact: str | None


class OccurrenceOut(Schema):
    start: datetime.datetime = Field(
        description="Begin, ISO 8601 met de Nederlandse tijdzone (+01:00 of +02:00)."
    )
    end: datetime.datetime | None = Field(description="Einde; null als onbekend.")
    all_day: bool = Field(
        description="De hele dag (of van dag tot dag): toon alleen de datums."
    )
    moved_from: datetime.datetime | None = Field(
        description="Verplaatste datum: wanneer hij volgens de herhaling zou zijn. "
        "null als hij niet verplaatst is."
    )
    event: EventOut


class OccurrenceListOut(Schema):
    count: int = Field(ge=0, description="Hoeveel datums in totaal.")
    date_from: datetime.date = Field(alias="from", description="Eerste dag.")
    date_to: datetime.date = Field(alias="to", description="Laatste dag (telt mee).")
    items: list[OccurrenceOut]


def _refused(errors: list[dict]) -> HttpResponse:
    return problem_response(
        status=HTTPStatus.UNPROCESSABLE_ENTITY,
        detail=" ".join(error["msg"] for error in errors),
        errors=errors,
    )


def _error(param: str, message: str, kind: str = "value_error") -> dict:
    return {"type": kind, "loc": ["query", param], "msg": message}


def _date_range(
    query: OccurrenceQuery, *, today: datetime.date
) -> tuple[datetime.date, datetime.date] | list[dict]:
    """``from`` and ``to`` with their defaults, or the errors that refuse them."""
    first = query.date_from or today
    last = query.date_to or first + datetime.timedelta(days=DEFAULT_DAYS)
    errors = []
    for param, day in (("from", first), ("to", last)):
        if not FIRST_READABLE_DAY <= day <= LAST_READABLE_DAY:
            errors.append(
                _error(
                    param,
                    f"{param}: kies een datum tussen {FIRST_READABLE_DAY} en "
                    f"{LAST_READABLE_DAY}.",
                )
            )
    if errors:
        return errors
    if last < first:
        return [
            _error("to", "to: deze datum ligt vóór 'from' (zonder 'from': vandaag).")
        ]
    if (last - first).days + 1 > MAX_DAYS:
        return [
            _error(
                "to",
                f"to: vraag hoogstens {MAX_DAYS} dagen tegelijk op (van 'from' tot "
                "en met 'to').",
            )
        ]
    return first, last


def occurrence_filters(
    query: OccurrenceQuery, *, site: Site, first: datetime.date, last: datetime.date
) -> AgendaFilters:
    """The API's choices as the agenda page's filters (its parameter names)."""
    return parse_agenda_filters(
        params={
            "wijk": query.wijk,
            "thema": query.thema,
            TARGET_GROUP: query.doelgroep,
            FREE: "1" if query.gratis else "",
            ORGANISATION: str(query.organisatie or ""),
            DATE_FROM: first.isoformat(),
            DATE_UNTIL: last.isoformat(),
        },
        site=site,
    )


def _listed(occurrences: QuerySet[EventOccurrence]) -> QuerySet[EventOccurrence]:
    """In a fixed order for paging (start, then event), with what an item shows."""
    return (
        occurrences.select_related("event__location")
        .prefetch_related(
            "event__neighbourhoods", "event__themes", "event__target_groups"
        )
        .order_by("start", "event_id", "pk")
    )


def _parents(events: list[EventPage]) -> dict[str, Page]:
    """The parent page of each event, by path, in one query."""
    paths = {event.path[: -EventPage.steplen] for event in events}
    parents = Page.objects.filter(path__in=paths).select_related("content_type")
    return {parent.path: parent for parent in parents}


def _is_organisation(page: Page | None) -> bool:
    content_type = page.content_type if page is not None else None
    return (
        content_type is not None
        and content_type.app_label == "socialmap"
        and content_type.model == "organisationpage"
    )


def _coordinate(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def _place(event: EventPage) -> dict | None:
    location = event.location
    if location is not None:
        return {
            "name": location.name or location.street_address,
            "street_address": location.street_address,
            "postcode": location.postcode or None,
            "city": location.city,
            "latitude": _coordinate(location.latitude),
            "longitude": _coordinate(location.longitude),
        }
    if event.location_text:
        return {
            "name": event.location_text,
            "street_address": None,
            "postcode": None,
            "city": None,
            "latitude": None,
            "longitude": None,
        }
    return None


def _taxonomies(items) -> list[dict]:
    return [{"id": item.pk, "name": item.name, "slug": item.slug} for item in items]


def _event(request: HttpRequest, event: EventPage, parent: Page | None) -> dict:
    url = event.get_url(request=request) or ""
    if url.startswith("/"):
        url = absolute_url(request, url)
    organisation = None
    if _is_organisation(parent) and parent.live:
        organisation = {
            "id": parent.pk,
            "title": parent.title,
            "api_url": absolute_url(
                request, reverse("wagtailapi_v3:detail_page", args=[parent.pk])
            ),
        }
    # As EventPage.organiser_name, from the parent loaded with the others.
    organiser = event.organiser
    if (
        not organiser
        and parent is not None
        and parent.content_type.model != ("agendapage")
    ):
        organiser = parent.title
    return {
        "id": event.pk,
        "title": event.title,
        "url": url,
        "api_url": absolute_url(
            request, reverse("wagtailapi_v3:detail_page", args=[event.pk])
        ),
        "introduction": event.introduction,
        "place": _place(event),
        "accessibility": event.accessibility,
        "organisation": organisation,
        "organiser": organiser,
        "neighbourhoods": _taxonomies(event.neighbourhoods.all()),
        "themes": _taxonomies(event.themes.all()),
        "target_groups": _taxonomies(event.target_groups.all()),
        "is_free": event.is_free,
        "cost": event.cost or None,
        "registration_url": event.registration_url or None,
        "registration_contact": event.registration_contact or None,
    }


def _occurrence(
    request: HttpRequest, occurrence: EventOccurrence, parents: dict[str, Page]
) -> dict:
    event = occurrence.event
    parent = parents.get(event.path[: -EventPage.steplen])
    return {
        "start": local_iso(occurrence.start),
        "end": local_iso(occurrence.end),
        "all_day": event.all_day,
        "moved_from": local_iso(occurrence.original_start),
        "event": _event(request, event, parent),
    }


@router.get(
    "/occurrences/",
    response={200: OccurrenceListOut, **problems(400, 404, 422)},
    url_name="agenda_occurrences",
    operation_id="agenda_occurrences",
    summary="Datums in de agenda",
    description=(
        "De datums van de activiteiten van een site, zoals de agendapagina ze "
        "toont: elke datum van een herhalende activiteit apart, berekend in "
        "Nederlandse tijd (ook over de zomertijd heen), eerst op begintijd en "
        "dan op activiteit. Alleen datums die nog niet voorbij zijn. Een "
        "overgeslagen datum staat er niet in; een verplaatste datum staat op "
        "zijn nieuwe tijd, met moved_from. Filters: from/to (standaard vandaag "
        f"en {DEFAULT_DAYS} dagen verder, hoogstens {MAX_DAYS} dagen), wijk (een "
        "activiteit zonder wijken is voor de hele gemeente en telt in elke wijk "
        "mee), thema, doelgroep, gratis en organisatie. Een onbekende waarde is "
        "een 422 die de parameter noemt. Herhalende activiteiten zonder einddatum "
        "staan ongeveer 400 dagen vooruit in de agenda."
    ),
    by_alias=True,
)
def occurrence_list(
    request: HttpRequest, query: Query[OccurrenceQuery], paging: Query[Paging]
):
    site: Site = api_site(request, query.site)
    now = timezone.now()
    today = timezone.localtime(now, local_zone()).date()
    date_range = _date_range(query, today=today)
    if isinstance(date_range, list):
        return _refused(date_range)
    first, last = date_range
    filters = occurrence_filters(query, site=site, first=first, last=last)
    if filters.invalid:
        return _refused(
            [
                _error(param, INVALID_MESSAGES[param], "unknown_value")
                for param in filters.invalid
            ]
        )
    occurrences = agenda_occurrences(filters=filters, site=site, now=now)
    count = occurrences.count()
    window = list(_listed(occurrences)[paging.offset : paging.offset + paging.limit])
    parents = _parents([occurrence.event for occurrence in window])
    return {
        "count": count,
        "from": first,
        "to": last,
        "items": [_occurrence(request, item, parents) for item in window],
    }
