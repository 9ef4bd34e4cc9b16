"""The maps of the sociale kaart, as plain data for ``static/js/maps.js``.

Progressive enhancement: every page lists its organisations and addresses in
HTML; with JavaScript, Leaflet (django-leaflet's static files, no CDN) draws
the same locations on tiles from ``BUURTPLEIN_MAP_TILES_URL``.
"""

from collections.abc import Iterable

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static

from .geocoding import location_address
from .models import Location, OrganisationPage

# Where the editor's map starts when a location has no pin yet: the middle of
# the Netherlands, zoomed out far enough to see the whole country.
NETHERLANDS_CENTRE = (52.13, 5.29)
NETHERLANDS_ZOOM = 7


def maps_enabled() -> bool:
    return bool(settings.BUURTPLEIN_MAP_TILES_URL)


def map_settings() -> dict:
    """The tile layer and marker images, for the script (JSON in a data attribute).

    The marker images are given by URL because Leaflet's own guess from its
    stylesheet fails on the hashed file names of the production static files.
    """
    return {
        "tiles": settings.BUURTPLEIN_MAP_TILES_URL,
        "attribution": settings.BUURTPLEIN_MAP_ATTRIBUTION,
        "maxZoom": settings.BUURTPLEIN_MAP_MAX_ZOOM,
        "centre": list(NETHERLANDS_CENTRE),
        "zoom": NETHERLANDS_ZOOM,
        "icon": {
            "iconUrl": static("leaflet/images/marker-icon.png"),
            "iconRetinaUrl": static("leaflet/images/marker-icon-2x.png"),
            "shadowUrl": static("leaflet/images/marker-shadow.png"),
        },
    }


def location_marker(*, location: Location, title: str, url: str) -> dict | None:
    """One pin: where, whose, and the address as the list shows it."""
    if location.latitude is None or location.longitude is None:
        return None
    return {
        "lat": float(location.latitude),
        "lng": float(location.longitude),
        "title": title,
        "place": location.name,
        "address": location_address(location),
        "url": url,
    }


def organisation_markers(
    *, organisations: Iterable[OrganisationPage], request: HttpRequest | None
) -> list[dict]:
    """A pin per located address of ``organisations`` (their locations prefetched),
    linking to each profile."""
    markers = []
    for organisation in organisations:
        url = organisation.get_url(request=request) or ""
        for location in organisation.locations.all():
            marker = location_marker(
                location=location, title=organisation.title, url=url
            )
            if marker is not None:
                markers.append(marker)
    return markers
