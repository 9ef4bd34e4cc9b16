"""schema.org JSON-LD for an organisation's profile on the sociale kaart.

An ``Organization`` with its contact details, the wijken it serves
(``areaServed``), its themes (``knowsAbout``), its services as an
``OfferCatalog`` of ``Offer``s of a ``Service`` (``hasOfferCatalog``, as in
schema.org's own examples of that property), and a ``Place`` per location with
its ``PostalAddress``, ``GeoCoordinates`` when known, and its opening hours as
``OpeningHoursSpecification`` (exceptions as ``specialOpeningHoursSpecification``,
a closed day as opens = closes = 00:00, as schema.org prescribes).
"""

import datetime
from collections import defaultdict

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.images.models import SourceImageIOError
from wagtail.models import Site

from core.jsonld import SCHEMA_ORG, absolute_url, compact, plain_text
from core.models import PlatformSettings

from .models import Location, OrganisationPage, Service, Weekday
from .selectors import lightest_help_first

DAY_OF_WEEK = {
    Weekday.MONDAY: f"{SCHEMA_ORG}/Monday",
    Weekday.TUESDAY: f"{SCHEMA_ORG}/Tuesday",
    Weekday.WEDNESDAY: f"{SCHEMA_ORG}/Wednesday",
    Weekday.THURSDAY: f"{SCHEMA_ORG}/Thursday",
    Weekday.FRIDAY: f"{SCHEMA_ORG}/Friday",
    Weekday.SATURDAY: f"{SCHEMA_ORG}/Saturday",
    Weekday.SUNDAY: f"{SCHEMA_ORG}/Sunday",
}
CLOSED_ALL_DAY = "00:00"
LOGO_SPEC = "max-400x400"


def hh_mm(value: datetime.time) -> str:
    return value.strftime("%H:%M")


def opening_hours_jsonld(location: Location) -> list[dict]:
    """One specification per opening period, the weekdays that share it together."""
    days_by_period: dict[tuple[str, str], list[int]] = defaultdict(list)
    for slot in sorted(
        location.opening_hours.all(), key=lambda slot: (slot.weekday, slot.opens)
    ):
        # A period past midnight keeps closes < opens: schema.org reads that as
        # closing the next day.
        days_by_period[(hh_mm(slot.opens), hh_mm(slot.closes))].append(slot.weekday)
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [DAY_OF_WEEK[day] for day in days],
            "opens": opens,
            "closes": closes,
        }
        for (opens, closes), days in days_by_period.items()
    ]


def special_opening_hours_jsonld(
    location: Location, *, today: datetime.date
) -> list[dict]:
    """Today's and coming exceptions; a closed day opens and closes at 00:00."""
    specifications = []
    exceptions = sorted(
        (item for item in location.hours_exceptions.all() if item.date >= today),
        key=lambda item: item.date,
    )
    for exception in exceptions:
        closed = exception.closed or exception.opens is None or exception.closes is None
        specifications.append(
            compact(
                {
                    "@type": "OpeningHoursSpecification",
                    "name": exception.reason,
                    "validFrom": exception.date.isoformat(),
                    "validThrough": exception.date.isoformat(),
                    "opens": CLOSED_ALL_DAY if closed else hh_mm(exception.opens),
                    "closes": CLOSED_ALL_DAY if closed else hh_mm(exception.closes),
                }
            )
        )
    return specifications


def place_jsonld(location: Location, *, today: datetime.date) -> dict:
    address = compact(
        {
            "@type": "PostalAddress",
            "streetAddress": location.street_address,
            "postalCode": location.postcode,
            "addressLocality": location.city,
            "addressCountry": "NL",
        }
    )
    geo = None
    if location.latitude is not None and location.longitude is not None:
        geo = {
            "@type": "GeoCoordinates",
            "latitude": float(location.latitude),
            "longitude": float(location.longitude),
        }
    return compact(
        {
            "@type": "Place",
            "name": location.name or location.street_address,
            "address": address,
            "geo": geo,
            "openingHoursSpecification": opening_hours_jsonld(location),
            "specialOpeningHoursSpecification": special_opening_hours_jsonld(
                location, today=today
            ),
        }
    )


def offer_jsonld(service: Service) -> dict:
    """A service as schema.org's Offer of a Service; free ones cost 0 EUR."""
    offer = {
        "@type": "Offer",
        "itemOffered": compact(
            {
                "@type": "Service",
                "name": service.name,
                "description": service.description,
                "serviceType": service.get_support_level_display()
                if service.support_level
                else "",
                "audience": {"@type": "Audience", "audienceType": service.for_whom}
                if service.for_whom
                else None,
            }
        ),
        "description": service.cost,
    }
    if service.is_free:
        offer.update(price=0, priceCurrency="EUR")
    return compact(offer)


def _locations(page: OrganisationPage):
    locations = page.locations.all()
    if isinstance(locations, QuerySet):
        # Saved rows: two queries for all the hours. A preview holds its rows in
        # memory and has nothing to fetch.
        locations = locations.prefetch_related("opening_hours", "hours_exceptions")
    return locations


def _area_served(page: OrganisationPage, *, site: Site | None) -> list[dict]:
    """The wijken; an organisation without wijken serves the whole municipality."""
    names = [neighbourhood.name for neighbourhood in page.neighbourhoods.all()]
    if not names and site is not None:
        municipality = PlatformSettings.for_site(site).municipality
        names = [municipality] if municipality else []
    return [{"@type": "AdministrativeArea", "name": name} for name in names]


def organisation_jsonld(*, page: OrganisationPage, request: HttpRequest | None) -> dict:
    """The profile as one schema.org Organization, ready for ``json.dumps``."""
    today = timezone.localdate()
    site = page.get_site() if page.pk else None
    url = page.get_full_url(request) if site is not None else None
    logo = None
    if page.logo is not None:
        try:
            rendition_url = page.logo.get_rendition(LOGO_SPEC).url
        except SourceImageIOError:
            # The file is gone: no logo, rather than a broken profile page.
            rendition_url = ""
        if rendition_url:
            logo = absolute_url(rendition_url, site=site, request=request)
    services = lightest_help_first(page.services.all())
    catalog = None
    if services:
        catalog = {
            "@type": "OfferCatalog",
            "name": _("Diensten van %(name)s") % {"name": page.title},
            "itemListElement": [offer_jsonld(service) for service in services],
        }
    return compact(
        {
            "@context": SCHEMA_ORG,
            "@type": "Organization",
            "@id": f"{url}#organisatie" if url else None,
            "name": page.title,
            "description": plain_text(page.description) or page.introduction,
            "url": url,
            "telephone": page.phone,
            "email": page.email,
            "sameAs": page.website,
            "logo": logo,
            "areaServed": _area_served(page, site=site),
            "knowsAbout": [theme.name for theme in page.themes.all()],
            "location": [
                place_jsonld(location, today=today) for location in _locations(page)
            ],
            "hasOfferCatalog": catalog,
        }
    )
