"""Coordinates for sociale kaart addresses, from PDOK's Locatieserver.

The client asks the Locatieserver's "free" endpoint for the best matching
address (``fq=type:adres``, one row) and reads its ``centroide_ll``, a WKT
point in WGS84 written as ``POINT(longitude latitude)``. Answers are cached in
Django's cache, keyed by the normalised address; "not found" is cached too, for
a shorter time. Whatever goes wrong on the way (no network, a timeout, a 5xx,
a body that is not the documented JSON) is logged as a warning and reads as
"no coordinates": geocoding never breaks the request or import that asked.

``BUURTPLEIN_GEOCODER_URL`` chooses the endpoint; empty switches geocoding off.
"""

import hashlib
import logging
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import requests
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from .models import Location

logger = logging.getLogger(__name__)

FOUND_CACHE_SECONDS = 60 * 60 * 24 * 30
# An address PDOK does not know yet may be new in the BAG next week.
NOT_FOUND_CACHE_SECONDS = 60 * 60 * 24
CACHE_KEY_PREFIX = "buurtplein:geocode:v1:"
FIELDS = "weergavenaam,postcode,centroide_ll,type,score"
SIX_DECIMALS = Decimal("0.000001")
WKT_POINT = re.compile(
    r"^\s*POINT\s*\(\s*(?P<lon>[-+]?\d+(?:\.\d+)?)\s+(?P<lat>[-+]?\d+(?:\.\d+)?)\s*\)\s*$",
    re.IGNORECASE,
)
POSTCODE = re.compile(r"\b(\d{4})\s*([a-z]{2})\b")

# One session for every request, so connections are reused. Tests mount their
# fake transport on it: it is the one place the client touches the network.
session = requests.Session()
session.headers["User-Agent"] = "Buurtplein sociale kaart (geocoding)"


@dataclass(frozen=True)
class GeocodeResult:
    """The address PDOK matched, with its coordinates (WGS84, six decimals)."""

    latitude: Decimal
    longitude: Decimal
    display_name: str
    postcode: str


def normalise_address(address: str) -> str:
    """Lower case, single spaces, no commas, postcode without its space."""
    text = " ".join(address.replace(",", " ").casefold().split())
    return POSTCODE.sub(r"\1\2", text)


def location_address(location: Location) -> str:
    """'Kerkstraat 12, 4201 AB Merwestad': what the Locatieserver searches for."""
    place = " ".join(part for part in (location.postcode, location.city) if part)
    return ", ".join(part for part in (location.street_address, place) if part)


def _compact(postcode: str) -> str:
    return "".join(postcode.split()).upper()


def geocoding_enabled() -> bool:
    return bool(settings.BUURTPLEIN_GEOCODER_URL)


def _cache_key(normalised: str) -> str:
    digest = hashlib.sha256(normalised.encode()).hexdigest()
    return CACHE_KEY_PREFIX + digest


def _to_decimal(value: str) -> Decimal:
    return Decimal(value).quantize(SIX_DECIMALS, rounding=ROUND_HALF_UP)


def parse_point(wkt: str) -> tuple[Decimal, Decimal] | None:
    """``POINT(lon lat)`` as (latitude, longitude); None if it is anything else."""
    match = WKT_POINT.match(wkt or "")
    if match is None:
        return None
    try:
        latitude = _to_decimal(match["lat"])
        longitude = _to_decimal(match["lon"])
    except InvalidOperation:
        return None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    return latitude, longitude


class _UnexpectedResponse(ValueError):
    """The body is JSON, but not the Locatieserver's documented shape."""


def _parse_response(data) -> GeocodeResult | None:
    """The first document of a Solr-style ``{"response": {"docs": [...]}}``."""
    try:
        docs = data["response"]["docs"]
    except (KeyError, TypeError) as error:
        raise _UnexpectedResponse("no response.docs") from error
    if not isinstance(docs, list):
        raise _UnexpectedResponse("response.docs is not a list")
    if not docs:
        return None
    doc = docs[0]
    if not isinstance(doc, dict):
        raise _UnexpectedResponse("a document is not an object")
    point = parse_point(doc.get("centroide_ll", ""))
    if point is None:
        raise _UnexpectedResponse(f"centroide_ll {doc.get('centroide_ll')!r}")
    latitude, longitude = point
    return GeocodeResult(
        latitude=latitude,
        longitude=longitude,
        display_name=str(doc.get("weergavenaam", "")),
        postcode=str(doc.get("postcode", "")),
    )


def _from_cache(value: dict) -> GeocodeResult | None:
    if not value.get("found"):
        return None
    return GeocodeResult(
        latitude=Decimal(value["latitude"]),
        longitude=Decimal(value["longitude"]),
        display_name=value["display_name"],
        postcode=value["postcode"],
    )


def _to_cache(result: GeocodeResult | None) -> dict:
    if result is None:
        return {"found": False}
    return {
        "found": True,
        "latitude": str(result.latitude),
        "longitude": str(result.longitude),
        "display_name": result.display_name,
        "postcode": result.postcode,
    }


def geocode_address(*, address: str) -> GeocodeResult | None:
    """The coordinates of a Dutch address, or None (not found, switched off, error)."""
    url = settings.BUURTPLEIN_GEOCODER_URL
    normalised = normalise_address(address)
    if not url or not normalised:
        return None
    key = _cache_key(normalised)
    cached = cache.get(key)
    if cached is not None:
        return _from_cache(cached)

    params = {"q": normalised, "fq": "type:adres", "rows": 1, "fl": FIELDS}
    try:
        response = session.get(
            url, params=params, timeout=settings.BUURTPLEIN_GEOCODER_TIMEOUT
        )
        response.raise_for_status()
        data = response.json()
    except requests.Timeout:
        logger.warning(
            "Geocoding %r: the Locatieserver did not answer in time", address
        )
        return None
    except requests.HTTPError as error:
        logger.warning("Geocoding %r: the Locatieserver answered %s", address, error)
        return None
    except requests.JSONDecodeError as error:
        logger.warning("Geocoding %r: the answer is not JSON: %s", address, error)
        return None
    except requests.RequestException as error:
        logger.warning("Geocoding %r: Locatieserver unreachable: %s", address, error)
        return None
    try:
        result = _parse_response(data)
    except _UnexpectedResponse as error:
        logger.warning("Geocoding %r: unexpected answer: %s", address, error)
        return None

    cache.set(
        key,
        _to_cache(result),
        FOUND_CACHE_SECONDS if result else NOT_FOUND_CACHE_SECONDS,
    )
    return result


def _update_latest_revision(location: Location, *, force: bool) -> None:
    """Write the coordinates into the page's latest revision as well.

    An editor edits the latest revision, not the rows: without this, the next
    publish would put the empty coordinates of that revision back. A pin the
    editor placed in a draft stays, unless ``force``.
    """
    page = location.page
    revision = page.latest_revision if page is not None else None
    if revision is None:
        return
    changed = False
    for item in revision.content.get("locations", []):
        if item.get("pk") != location.pk:
            continue
        if (
            not force
            and item.get("latitude") not in (None, "")
            and item.get("longitude") not in (None, "")
        ):
            continue
        item["latitude"] = str(location.latitude)
        item["longitude"] = str(location.longitude)
        changed = True
    if changed:
        revision.save(update_fields=["content"])


def location_geocode(
    *, location: Location, force: bool = False, commit: bool = True
) -> bool:
    """Fill a location's empty coordinates from its address; True if it got new ones.

    Coordinates already there are kept: an editor may have placed the pin by
    hand, and the Locatieserver's point is only the centre of the building.
    ``force`` looks the address up again and overwrites them (the model does not
    record who placed a pin, so ``force`` cannot tell them apart). A match in
    another postcode than the location's is refused. ``commit=False`` sets the
    coordinates on the instance without saving (a dry run).
    """
    has_coordinates = location.latitude is not None and location.longitude is not None
    if has_coordinates and not force:
        return False
    result = geocode_address(address=location_address(location))
    if result is None:
        return False
    if location.postcode and _compact(result.postcode) != _compact(location.postcode):
        # Free-text search always finds *something*: a match in another postcode
        # is another building, and no pin is better than a wrong one.
        logger.warning(
            "Geocoding %s: the Locatieserver matched %r, in another postcode",
            location_address(location),
            result.display_name,
        )
        return False
    if (
        has_coordinates
        and location.latitude == result.latitude
        and location.longitude == result.longitude
    ):
        return False
    location.latitude = result.latitude
    location.longitude = result.longitude
    if commit:
        with transaction.atomic():
            location.save(update_fields=["latitude", "longitude"])
            _update_latest_revision(location, force=force)
    return True
