"""The HSDS 3.0 API of the sociale kaart, under ``/api/hsds/``.

Plain Django views: the shapes are the official HSDS JSON schemas (the tests
validate every endpoint against them), and the OpenAPI description is HSDS's
own (``schema/openapi.json``) with this platform's details filled in.

Lists are pages: ``?page=`` (from 1) and ``?per_page=`` (1 to 200, default
50), answered as HSDS pages (``total_items``, ``total_pages``, ``page_number``,
``size``, ``first_page``, ``last_page``, ``empty``, ``contents``). A bad
parameter is a 400 with a ``detail`` saying what is wrong; an unknown id a 404.
Every view shows the site of the request's host, like the public API.
"""

import datetime
import json
import math
import re
from collections.abc import Callable, Sequence
from functools import cache, wraps
from pathlib import Path

from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Site

from core.search import clean_search_query
from socialmap.models import OrganisationPage, Service
from socialmap.text import fold

from . import selectors
from .ids import parse_uuid
from .serializers import (
    HSDS_VERSION,
    ExportContext,
    organization_record,
    organization_summary,
    service_record,
    service_summary,
    taxonomy_record,
    taxonomy_term_record,
)
from .taxonomies import TAXONOMIES, all_terms, taxonomy_by_id

DEFAULT_PER_PAGE = 50
MAX_SEARCH_LENGTH = 200
MAX_PER_PAGE = 200
OPENAPI_PATH = Path(__file__).parent / "schema" / "openapi.json"
#: HSDS endpoints this API does not offer.
UNSUPPORTED_PATHS = ("/service_at_locations", "/service_at_locations/{id}")

TRUE_VALUES = {"true", "1", "yes"}
FALSE_VALUES = {"false", "0", "no", ""}
# A "+" in a query string arrives as a space: "10:00:00 02:00" means "+02:00".
_OFFSET_AS_SPACE = re.compile(r"(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$")


class BadRequest(Exception):
    """A query parameter the API cannot use; the message says why, in Dutch."""


class NotFound(Exception):
    pass


def hsds_endpoint(view: Callable[..., dict]) -> Callable[..., JsonResponse]:
    """GET (and HEAD) only; a dict becomes JSON, BadRequest a 400, NotFound a 404."""

    @require_safe
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> JsonResponse:
        try:
            data = view(request, *args, **kwargs)
        except BadRequest as error:
            return JsonResponse({"detail": str(error)}, status=400)
        except NotFound as error:
            return JsonResponse({"detail": str(error)}, status=404)
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})

    return wrapper


# Query parameters ------------------------------------------------------------


def int_param(
    request: HttpRequest, name: str, *, default: int, minimum: int, maximum: int
) -> int:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit()) or not minimum <= int(raw) <= maximum:
        raise BadRequest(
            _(
                "%(name)s moet een heel getal van %(minimum)s tot en met "
                "%(maximum)s zijn."
            )
            % {"name": name, "minimum": minimum, "maximum": maximum}
        )
    return int(raw)


def bool_param(request: HttpRequest, name: str) -> bool:
    raw = request.GET.get(name, "").strip().lower()
    if raw in TRUE_VALUES:
        return True
    if raw in FALSE_VALUES:
        return False
    raise BadRequest(_("%(name)s moet true of false zijn.") % {"name": name})


def modified_after_param(request: HttpRequest) -> datetime.datetime | None:
    """``?modified_after=`` as an aware datetime; without an offset, Dutch time."""
    raw = request.GET.get("modified_after", "").strip()
    if not raw:
        return None
    try:
        value = datetime.datetime.fromisoformat(_OFFSET_AS_SPACE.sub(r"\1+\2", raw))
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
    except (ValueError, OverflowError):
        raise BadRequest(
            _(
                "modified_after moet een datum en tijd zijn zoals "
                "2024-05-01T09:00:00+02:00 (ISO 8601); '%(value)s' is dat niet."
            )
            % {"value": raw[:40]}
        ) from None
    return value


def uuid_param(request: HttpRequest, name: str) -> str | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    value = parse_uuid(raw)
    if value is None:
        raise BadRequest(_("%(name)s moet een UUID zijn.") % {"name": name})
    return value


def search_param(request: HttpRequest) -> str:
    """``?search=``: the words, cleaned as on the sociale kaart ('' for none)."""
    raw = request.GET.get("search", "")
    if len(raw) > MAX_SEARCH_LENGTH:
        raise BadRequest(
            _("search mag hoogstens %(maximum)s tekens lang zijn.")
            % {"maximum": MAX_SEARCH_LENGTH}
        )
    return clean_search_query(raw)


def matches_words(words: str, *texts) -> bool:
    """Whether every word of ``words`` is in one of ``texts`` (accents and
    capitals aside): the search of the short lists of taxonomies and terms."""
    haystack = " ".join(fold(str(text)) for text in texts)
    return all(word in haystack for word in fold(words).split())


# Pages -----------------------------------------------------------------------


def paginated(
    request: HttpRequest,
    items: QuerySet | Sequence,
    serialize: Callable[[list], list[dict]],
) -> dict:
    """One HSDS page of ``items``: two queries for a queryset (count and slice)."""
    number = int_param(request, "page", default=1, minimum=1, maximum=10**9)
    per_page = int_param(
        request, "per_page", default=DEFAULT_PER_PAGE, minimum=1, maximum=MAX_PER_PAGE
    )
    total = items.count() if isinstance(items, QuerySet) else len(items)
    total_pages = math.ceil(total / per_page)
    offset = (number - 1) * per_page
    page_items = list(items[offset : offset + per_page]) if offset < total else []
    contents = serialize(page_items)
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": number,
        "size": len(contents),
        "first_page": number == 1,
        "last_page": number >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def site_for(request: HttpRequest) -> Site | None:
    return Site.find_for_request(request)


# Endpoints -------------------------------------------------------------------


@hsds_endpoint
def api_root(request: HttpRequest) -> dict:
    return {
        "version": HSDS_VERSION,
        "openapi_url": request.build_absolute_uri(reverse("hsds:openapi")),
    }


@cache
def _official_openapi() -> str:
    return OPENAPI_PATH.read_text(encoding="utf-8")


@hsds_endpoint
def openapi(request: HttpRequest) -> dict:
    """HSDS's own OpenAPI description, for this platform."""
    document = json.loads(_official_openapi())
    site = site_for(request)
    document["info"] = {
        "title": _("%(site)s: sociale kaart (Open Referral HSDS)")
        % {"site": site.site_name if site else "Buurtplein"},
        "version": "1.0.0",
        "summary": _("De sociale kaart als open data, volgens HSDS 3.0."),
        "description": _(
            "Organisaties, hun diensten, locaties en openingstijden, en de "
            "thema's, doelgroepen en leefringen als taxonomieën. Alleen "
            "gepubliceerde, openbare gegevens van dit platform."
        ),
    }
    document["servers"] = [{"url": request.build_absolute_uri(reverse("hsds:root"))}]
    for path in UNSUPPORTED_PATHS:
        document["paths"].pop(path, None)
    document["components"]["parameters"]["search"]["description"] = _(
        "Zoekwoorden. Organisaties en diensten: de zoekfunctie van de sociale "
        "kaart (ook woorden met dezelfde betekenis en kleine tikfouten); de "
        "organisaties die ze vindt, of hun diensten, op naam. Taxonomieën en "
        "termen: elk woord komt voor in de naam of de beschrijving."
    )
    document["components"]["parameters"]["search"]["schema"]["maxLength"] = (
        MAX_SEARCH_LENGTH
    )
    return document


@hsds_endpoint
def organization_list(request: HttpRequest) -> dict:
    full = bool_param(request, "full")
    full_services = bool_param(request, "full_service")
    organisations = selectors.organisation_list(
        site=site_for(request),
        since=modified_after_param(request),
        full=full,
        words=search_param(request),
    )
    context = ExportContext(request)

    def serialize(pages: list[OrganisationPage]) -> list[dict]:
        context.prepare_descriptions(pages)
        if full:
            return [
                organization_record(page, context=context, full_services=full_services)
                for page in pages
            ]
        return [organization_summary(page, context=context) for page in pages]

    return paginated(request, organisations, serialize)


@hsds_endpoint
def organization_detail(request: HttpRequest, hsds_id: str) -> dict:
    full_services = bool_param(request, "full_service")
    try:
        page = selectors.organisation_by_hsds_id(site=site_for(request), value=hsds_id)
    except OrganisationPage.DoesNotExist:
        raise NotFound(_("Er is geen organisatie met dit id.")) from None
    return organization_record(
        page, context=ExportContext(request), full_services=full_services
    )


def _term_param(request: HttpRequest):
    wanted = uuid_param(request, "taxonomy_term_id")
    if wanted is None:
        return None, False
    return next((term for term in all_terms() if term.id == wanted), None), True


@hsds_endpoint
def service_list(request: HttpRequest) -> dict:
    full = bool_param(request, "full")
    since = modified_after_param(request)
    organisation_key = uuid_param(request, "organization_id")
    term, term_asked = _term_param(request)
    taxonomy_id = uuid_param(request, "taxonomy_id")
    taxonomy = taxonomy_by_id(taxonomy_id) if taxonomy_id else None
    services = selectors.service_list(
        site=site_for(request),
        since=since,
        full=full,
        organisation_key=organisation_key,
        term=term,
        taxonomy=taxonomy,
        words=search_param(request),
    )
    if (term_asked and term is None) or (taxonomy_id and taxonomy is None):
        services = services.none()
    context = ExportContext(request)

    def serialize(items: list[Service]) -> list[dict]:
        context.prepare_descriptions(
            {item.page_id: item.page for item in items}.values()
        )
        serializer = service_record if full else service_summary
        return [
            serializer(service, page=service.page, context=context) for service in items
        ]

    return paginated(request, services, serialize)


@hsds_endpoint
def service_detail(request: HttpRequest, hsds_id: str) -> dict:
    try:
        service = selectors.service_by_hsds_id(site=site_for(request), value=hsds_id)
    except Service.DoesNotExist:
        raise NotFound(_("Er is geen dienst met dit id.")) from None
    return service_record(service, page=service.page, context=ExportContext(request))


@hsds_endpoint
def taxonomy_list(request: HttpRequest) -> dict:
    context = ExportContext(request)
    words = search_param(request)
    return paginated(
        request,
        [
            taxonomy
            for taxonomy in TAXONOMIES
            if matches_words(words, taxonomy.name, taxonomy.description)
        ],
        lambda items: [taxonomy_record(item, context=context) for item in items],
    )


@hsds_endpoint
def taxonomy_detail(request: HttpRequest, hsds_id: str) -> dict:
    taxonomy = taxonomy_by_id(parse_uuid(hsds_id) or "")
    if taxonomy is None:
        raise NotFound(_("Er is geen taxonomie met dit id."))
    return taxonomy_record(taxonomy, context=ExportContext(request))


@hsds_endpoint
def taxonomy_term_list(request: HttpRequest) -> dict:
    taxonomy_id = uuid_param(request, "taxonomy_id")
    uuid_param(request, "parent_id")
    bool_param(request, "top_only")
    taxonomy = taxonomy_by_id(taxonomy_id) if taxonomy_id else None
    if (taxonomy_id and taxonomy is None) or request.GET.get("parent_id"):
        # An unknown taxonomy, or children asked for: these taxonomies are flat.
        terms = []
    else:
        terms = all_terms(taxonomy=taxonomy)
    words = search_param(request)
    terms = [
        term for term in terms if matches_words(words, term.name, term.description)
    ]
    context = ExportContext(request)
    return paginated(
        request,
        terms,
        lambda items: [taxonomy_term_record(term, context=context) for term in items],
    )


@hsds_endpoint
def taxonomy_term_detail(request: HttpRequest, hsds_id: str) -> dict:
    wanted = parse_uuid(hsds_id)
    term = next((term for term in all_terms() if term.id == wanted), None)
    if term is None:
        raise NotFound(_("Er is geen taxonomieterm met dit id."))
    return taxonomy_term_record(term, context=ExportContext(request))
