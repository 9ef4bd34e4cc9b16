"""schema.org JSON-LD on the organisation profile, and that it validates.

No schema.org validator runs offline, and no package among the project's
dependencies ships the schema.org vocabulary. So the JSON-LD is (1) taken out
of the rendered page with ``html.parser`` and read with ``json.loads``, as a
crawler would, and (2) checked against ``TYPES`` and ``PROPERTIES`` below: the
part of the schema.org vocabulary this profile uses, with each type's
supertypes and each property's domains ("used on these types") and ranges
("values expected to be one of these types") as schema.org 30 defines them
(https://schema.org/<Name>). Every ``@type`` must be a known type, every
property must be defined on that type or a supertype, and every value must be
of one of the property's ranges. A property added to ``socialmap/jsonld.py``
fails here until its definition is copied in from schema.org.
"""

import datetime
import json
import re
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.utils import timezone

from core.models import PlatformSettings
from socialmap.jsonld import organisation_jsonld
from socialmap.models import OrganisationPage, SupportLevel, Weekday
from tests.factories import (
    ImageFactory,
    LocationFactory,
    OpeningHoursExceptionFactory,
    OpeningHoursFactory,
    OrganisationPageFactory,
    ServiceFactory,
    SocialMapPageFactory,
)

pytestmark = pytest.mark.django_db

SCHEMA = "https://schema.org/"

# Types and their direct supertypes.
TYPES: dict[str, set[str]] = {
    "Thing": set(),
    "Organization": {"Thing"},
    "Place": {"Thing"},
    "AdministrativeArea": {"Place"},
    "Intangible": {"Thing"},
    "StructuredValue": {"Intangible"},
    "ContactPoint": {"StructuredValue"},
    "PostalAddress": {"ContactPoint"},
    "GeoCoordinates": {"StructuredValue"},
    "OpeningHoursSpecification": {"StructuredValue"},
    "ItemList": {"Intangible"},
    "OfferCatalog": {"ItemList"},
    "Offer": {"Intangible"},
    "Service": {"Intangible"},
    "Audience": {"Intangible"},
}
DAYS_OF_WEEK = {
    f"{SCHEMA}{day}"
    for day in (
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "PublicHolidays",
    )
}

# property: (domains, ranges), as listed on https://schema.org/<property>.
PROPERTIES: dict[str, tuple[set[str], set[str]]] = {
    "name": ({"Thing"}, {"Text"}),
    "description": ({"Thing"}, {"Text", "TextObject"}),
    "url": ({"Thing"}, {"URL"}),
    "sameAs": ({"Thing"}, {"URL"}),
    "telephone": ({"ContactPoint", "Organization", "Person", "Place"}, {"Text"}),
    "email": ({"ContactPoint", "Organization", "Person"}, {"Text"}),
    "logo": (
        {"Brand", "Certification", "Organization", "Place", "Product", "Service"},
        {"ImageObject", "URL"},
    ),
    "areaServed": (
        {
            "ContactPoint",
            "DeliveryChargeSpecification",
            "Demand",
            "FinancialIncentive",
            "Offer",
            "Organization",
            "Service",
        },
        {"AdministrativeArea", "GeoShape", "Place", "Text"},
    ),
    "knowsAbout": ({"Organization", "Person"}, {"Text", "Thing", "URL"}),
    "location": (
        {"Action", "Event", "InteractionCounter", "Organization"},
        {"Place", "PostalAddress", "Text", "VirtualLocation"},
    ),
    "hasOfferCatalog": ({"Organization", "Person", "Service"}, {"OfferCatalog"}),
    "itemListElement": ({"ItemList"}, {"ListItem", "Text", "Thing"}),
    "itemOffered": (
        {"Demand", "Offer"},
        {
            "AggregateOffer",
            "CreativeWork",
            "Event",
            "MenuItem",
            "Product",
            "Service",
            "Trip",
        },
    ),
    "price": (
        {"DonateAction", "Offer", "PriceSpecification", "TradeAction"},
        {"Number", "Text"},
    ),
    "priceCurrency": (
        {"DonateAction", "Offer", "PriceSpecification", "Reservation", "Ticket"}
        | {"TradeAction"},
        {"Text"},
    ),
    "serviceType": ({"Service"}, {"GovernmentBenefitsType", "Text"}),
    "audience": (
        {"CreativeWork", "Event", "LodgingBusiness", "PlayAction", "Product"}
        | {"Service"},
        {"Audience"},
    ),
    "audienceType": ({"Audience"}, {"Text"}),
    "address": (
        {"GeoCoordinates", "GeoShape", "Organization", "Person", "Place"},
        {"PostalAddress", "Text"},
    ),
    "streetAddress": ({"PostalAddress"}, {"Text"}),
    "postalCode": (
        {"DefinedRegion", "GeoCoordinates", "GeoShape", "PostalAddress"},
        {"Text"},
    ),
    "addressLocality": ({"PostalAddress"}, {"Text"}),
    "addressCountry": (
        {"DefinedRegion", "GeoCoordinates", "GeoShape", "PostalAddress"},
        {"Country", "Text"},
    ),
    "geo": ({"Place"}, {"GeoCoordinates", "GeoShape"}),
    "latitude": ({"GeoCoordinates", "Place"}, {"Number", "Text"}),
    "longitude": ({"GeoCoordinates", "Place"}, {"Number", "Text"}),
    "openingHoursSpecification": ({"Place"}, {"OpeningHoursSpecification"}),
    "specialOpeningHoursSpecification": ({"Place"}, {"OpeningHoursSpecification"}),
    "dayOfWeek": (
        {"EducationalOccupationalProgram", "OpeningHoursSpecification"},
        {"DayOfWeek"},
    ),
    "opens": ({"OpeningHoursSpecification"}, {"Time"}),
    "closes": ({"OpeningHoursSpecification"}, {"Time"}),
    "validFrom": (
        {"Certification", "Demand", "FinancialIncentive"}
        | {"LocationFeatureSpecification", "MonetaryAmount", "Offer"}
        | {"OpeningHoursSpecification", "Permit", "PriceSpecification"},
        {"Date", "DateTime"},
    ),
    "validThrough": (
        {"Demand", "FinancialIncentive", "JobPosting"}
        | {"LocationFeatureSpecification", "MonetaryAmount", "Offer"}
        | {"OpeningHoursSpecification", "PriceSpecification"},
        {"Date", "DateTime"},
    ),
}

TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$")


def ancestors(type_name: str) -> set[str]:
    found = {type_name}
    for parent in TYPES[type_name]:
        found |= ancestors(parent)
    return found


def is_data_value(value, data_type: str) -> bool:
    """Is a JSON literal a valid value of a schema.org data type?"""
    if isinstance(value, bool):
        return data_type == "Boolean"
    if data_type == "Number":
        return isinstance(value, int | float) or (
            isinstance(value, str) and re.fullmatch(r"-?\d+(\.\d+)?", value) is not None
        )
    if not isinstance(value, str):
        return False
    if data_type == "Text":
        return True
    if data_type == "URL":
        return value.startswith(("https://", "http://"))
    if data_type == "Time":
        return TIME.match(value) is not None
    if data_type == "Date":
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            return False
        return re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None
    if data_type == "DayOfWeek":
        return value in DAYS_OF_WEEK
    return False


def schema_org_problems(node, path: str = "$") -> list[str]:
    """Every way a JSON-LD node breaks the vocabulary above; [] when it validates."""
    if not isinstance(node, dict):
        return [f"{path}: a node is an object, not {node!r}"]
    type_name = node.get("@type")
    if type_name not in TYPES:
        return [f"{path}: unknown @type {type_name!r}"]
    problems = []
    for key, value in node.items():
        where = f"{path}.{key}"
        if key == "@type":
            continue
        if key == "@context":
            if path != "$" or value != "https://schema.org":
                problems.append(
                    f"{where}: the context is https://schema.org, at the top"
                )
            continue
        if key == "@id":
            if not is_data_value(value, "URL"):
                problems.append(f"{where}: @id is not a URL")
            continue
        if key not in PROPERTIES:
            problems.append(f"{where}: not a schema.org property (or not listed here)")
            continue
        domains, ranges = PROPERTIES[key]
        if not ancestors(type_name) & domains:
            problems.append(f"{where}: {key} is not a property of {type_name}")
        values = value if isinstance(value, list) else [value]
        if not values:
            problems.append(f"{where}: empty list")
        for index, item in enumerate(values):
            item_path = f"{where}[{index}]" if isinstance(value, list) else where
            if isinstance(item, dict):
                item_type = item.get("@type")
                if item_type in TYPES and not ancestors(item_type) & ranges:
                    problems.append(
                        f"{item_path}: a {item_type} is not one of {ranges}"
                    )
                problems.extend(schema_org_problems(item, item_path))
            elif not any(is_data_value(item, data_type) for data_type in ranges):
                problems.append(f"{item_path}: {item!r} is not one of {ranges}")
    return problems


class JsonLdScripts(HTMLParser):
    """The text of every <script type="application/ld+json"> in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "script" and dict(attrs).get("type") == "application/ld+json":
            self._inside = True
            self.blocks.append("")

    def handle_endtag(self, tag) -> None:
        if tag == "script":
            self._inside = False

    def handle_data(self, data) -> None:
        if self._inside:
            self.blocks[-1] += data


def jsonld_of(response) -> dict:
    assert response.status_code == 200
    parser = JsonLdScripts()
    parser.feed(response.content.decode())
    parser.close()
    assert len(parser.blocks) == 1, "one JSON-LD block per profile"
    return json.loads(parser.blocks[0])


@pytest.fixture
def social_map(home_page):
    return SocialMapPageFactory(parent=home_page)


@pytest.fixture
def organisation(social_map, neighbourhood, other_neighbourhood, theme):
    page = OrganisationPageFactory(
        parent=social_map,
        title="Buurtteam Merwestad",
        introduction="Het buurtteam helpt je met vragen over zorg en geld.",
        description=(
            "<p>Wij zijn er voor <b>iedereen</b> in de gemeente.</p>"
            "<p>Bel &amp; kom langs.</p>"
        ),
        phone="0183 123 456",
        email="info@buurtteam.example",
        website="https://buurtteam.example",
        logo=ImageFactory(),
        neighbourhoods=[neighbourhood, other_neighbourhood],
        themes=[theme],
    )
    ServiceFactory(
        page=page,
        name="Formulierenhulp",
        description="Hulp bij het invullen van formulieren.",
        for_whom="Iedereen met een lastige brief",
        cost="Gratis",
        is_free=True,
        support_level=SupportLevel.GENERAL,
    )
    ServiceFactory(
        page=page,
        name="Thuisadministratie",
        description="",
        for_whom="",
        cost="€ 2,50 per keer",
        is_free=False,
        support_level=SupportLevel.NETWORK,
    )
    location = LocationFactory(
        page=page,
        name="Buurthuis De Schakel",
        street_address="Kerkstraat 12",
        postcode="4201 AB",
        city="Merwestad",
    )
    for weekday in (Weekday.MONDAY, Weekday.TUESDAY):
        OpeningHoursFactory(
            location=location,
            weekday=weekday,
            opens=datetime.time(9, 0),
            closes=datetime.time(12, 30),
        )
    OpeningHoursFactory(
        location=location,
        weekday=Weekday.TUESDAY,
        opens=datetime.time(19, 0),
        closes=datetime.time(21, 0),
    )
    OpeningHoursFactory(  # past midnight
        location=location,
        weekday=Weekday.SATURDAY,
        opens=datetime.time(20, 0),
        closes=datetime.time(0, 30),
    )
    today = timezone.localdate()
    OpeningHoursExceptionFactory(
        location=location,
        date=today + datetime.timedelta(days=10),
        closed=True,
        reason="Studiedag",
    )
    OpeningHoursExceptionFactory(
        location=location,
        date=today + datetime.timedelta(days=20),
        closed=False,
        opens=datetime.time(10, 0),
        closes=datetime.time(14, 0),
        reason="Open dag",
    )
    OpeningHoursExceptionFactory(
        location=location,
        date=today - datetime.timedelta(days=10),
        closed=True,
        reason="Voorbije sluiting",
    )
    LocationFactory(
        page=page,
        name="",
        street_address="Molenstraat 3",
        postcode="",
        city="Merwestad",
        latitude=None,
        longitude=None,
    )
    return page


# Validation


def test_profile_jsonld_validates_against_schema_org(client, organisation):
    data = jsonld_of(client.get(organisation.url))

    assert schema_org_problems(data) == []
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Organization"


def test_a_minimal_profile_validates_too(client, social_map):
    page = OrganisationPageFactory(
        parent=social_map,
        title="Stichting Klein",
        introduction="",
        description="",
        phone="",
        email="",
    )

    data = jsonld_of(client.get(page.url))

    assert schema_org_problems(data) == []
    # Nothing empty is written out: only what the profile says.
    assert set(data) == {"@context", "@type", "@id", "name", "url"}


@pytest.mark.parametrize(
    ("node", "complaint"),
    [
        ({"@type": "Organisation", "name": "x"}, "unknown @type"),
        ({"@type": "Organization", "telefoon": "0183"}, "not a schema.org property"),
        (
            {"@type": "Organization", "openingHoursSpecification": []},
            "not a property of Organization",
        ),
        ({"@type": "Organization", "url": "www.example.nl"}, "is not one of"),
        (
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": "Monday",
                "opens": "9 uur",
            },
            "is not one of",
        ),
        (
            {"@type": "Place", "geo": {"@type": "PostalAddress"}},
            "a PostalAddress is not one of",
        ),
        ({"@type": "Place", "@context": "https://schema.org"}, "at the top"),
    ],
)
def test_the_check_itself_catches_mistakes(node, complaint):
    problems = schema_org_problems(node, path="$.location[0]")

    assert any(complaint in problem for problem in problems), problems


# What it says


def test_organisation_properties(client, organisation):
    data = jsonld_of(client.get(organisation.url))

    url = "http://localhost/sociale-kaart/buurtteam-merwestad/"
    assert data["@id"] == url + "#organisatie"
    assert data["url"] == url
    assert data["name"] == "Buurtteam Merwestad"
    assert data["description"] == (
        "Wij zijn er voor iedereen in de gemeente. Bel & kom langs."
    )
    assert data["telephone"] == "0183 123 456"
    assert data["email"] == "info@buurtteam.example"
    assert data["sameAs"] == "https://buurtteam.example"
    assert data["logo"].startswith("http://localhost/media/images/")
    assert data["areaServed"] == [
        {"@type": "AdministrativeArea", "name": "Centrum"},
        {"@type": "AdministrativeArea", "name": "West"},
    ]
    assert data["knowsAbout"] == ["Wonen"]


def test_a_place_per_location_with_address_and_geo(client, organisation):
    data = jsonld_of(client.get(organisation.url))

    schakel, molenstraat = data["location"]
    assert schakel["@type"] == "Place"
    assert schakel["name"] == "Buurthuis De Schakel"
    assert schakel["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Kerkstraat 12",
        "postalCode": "4201 AB",
        "addressLocality": "Merwestad",
        "addressCountry": "NL",
    }
    assert schakel["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 51.834,
        "longitude": 4.972,
    }
    # No stored coordinates, no geo; no postcode, no postalCode.
    assert "geo" not in molenstraat
    assert "postalCode" not in molenstraat["address"]
    assert molenstraat["name"] == "Molenstraat 3"


def test_opening_hours_per_period_with_full_day_urls(client, organisation):
    data = jsonld_of(client.get(organisation.url))

    assert data["location"][0]["openingHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": ["https://schema.org/Monday", "https://schema.org/Tuesday"],
            "opens": "09:00",
            "closes": "12:30",
        },
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": ["https://schema.org/Tuesday"],
            "opens": "19:00",
            "closes": "21:00",
        },
        {
            # closes before opens: schema.org reads it as the next day.
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": ["https://schema.org/Saturday"],
            "opens": "20:00",
            "closes": "00:30",
        },
    ]
    assert "openingHoursSpecification" not in data["location"][1]


def test_coming_exceptions_as_special_opening_hours(client, organisation):
    today = timezone.localdate()
    closed_day = (today + datetime.timedelta(days=10)).isoformat()
    open_day = (today + datetime.timedelta(days=20)).isoformat()

    data = jsonld_of(client.get(organisation.url))

    assert data["location"][0]["specialOpeningHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "name": "Studiedag",
            "validFrom": closed_day,
            "validThrough": closed_day,
            "opens": "00:00",  # closed all day, the schema.org way
            "closes": "00:00",
        },
        {
            "@type": "OpeningHoursSpecification",
            "name": "Open dag",
            "validFrom": open_day,
            "validThrough": open_day,
            "opens": "10:00",
            "closes": "14:00",
        },
    ]


def test_services_as_an_offer_catalog_lightest_help_first(client, organisation):
    data = jsonld_of(client.get(organisation.url))

    catalog = data["hasOfferCatalog"]
    assert catalog["@type"] == "OfferCatalog"
    assert catalog["name"] == "Diensten van Buurtteam Merwestad"
    network, general = catalog["itemListElement"]
    assert network == {
        "@type": "Offer",
        "itemOffered": {
            "@type": "Service",
            "name": "Thuisadministratie",
            "serviceType": "Met je eigen netwerk",
        },
        "description": "€ 2,50 per keer",
    }
    assert general == {
        "@type": "Offer",
        "itemOffered": {
            "@type": "Service",
            "name": "Formulierenhulp",
            "description": "Hulp bij het invullen van formulieren.",
            "serviceType": "Algemene voorziening, voor iedereen",
            "audience": {
                "@type": "Audience",
                "audienceType": "Iedereen met een lastige brief",
            },
        },
        "description": "Gratis",
        "price": 0,
        "priceCurrency": "EUR",
    }


def test_without_wijken_the_municipality_is_served(client, social_map, site):
    PlatformSettings.objects.update_or_create(
        site=site, defaults={"municipality": "Merwestad"}
    )
    page = OrganisationPageFactory(parent=social_map, title="Gemeente Merwestad")

    data = jsonld_of(client.get(page.url))

    assert data["areaServed"] == [{"@type": "AdministrativeArea", "name": "Merwestad"}]


def test_a_logo_whose_file_is_gone_is_left_out(social_map):
    # Wagtail caches renditions by image id, and ids come back after a rollback.
    cache.clear()
    logo = ImageFactory()
    logo.file.storage.delete(logo.file.name)
    page = OrganisationPageFactory(parent=social_map, logo=logo)

    data = organisation_jsonld(page=page, request=None)

    assert "logo" not in data


# Safety


def test_html_in_the_data_cannot_break_out_of_the_script(client, social_map):
    title = 'Club </script><script>alert("hoi")</script> & <!-- Co'
    page = OrganisationPageFactory(parent=social_map, title=title)

    response = client.get(page.url)

    content = response.content.decode()
    assert '<script>alert("hoi")' not in content
    assert "<!-- Co" not in content
    data = jsonld_of(response)
    assert data["name"] == title
    assert schema_org_problems(data) == []


def test_a_draft_is_described_from_its_own_rows(organisation, rf):
    organisation.save_revision()
    draft = organisation.get_latest_revision_as_object()
    draft.title = "Buurtteam Merwestad (nieuw)"

    data = organisation_jsonld(page=draft, request=rf.get("/"))

    assert data["name"] == "Buurtteam Merwestad (nieuw)"
    assert data["location"][0]["openingHoursSpecification"][0]["opens"] == "09:00"
    assert schema_org_problems(data) == []


def test_an_unsaved_page_has_no_url(rf):
    page = OrganisationPage(title="Nog niet opgeslagen", slug="nieuw")

    data = organisation_jsonld(page=page, request=rf.get("/"))

    assert "url" not in data
    assert "@id" not in data
    assert schema_org_problems(data) == []
