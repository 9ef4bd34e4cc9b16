"""Open Referral HSDS 3.0: the export API under /api/hsds/ and the import command.

Every response is validated against the official schemas in ``hsds_schema/``
(copied from Open Referral, CC BY-SA 4.0): the HSDS OpenAPI description says
which schema each endpoint answers with, and the schema files refer to each
other; all of it resolves locally through a ``referencing`` registry.
"""

import datetime
import json
import re
import uuid
from decimal import Decimal
from io import StringIO
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.validators import validate_email
from django.db import connection
from django.test.utils import CaptureQueriesContext
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from wagtail.models import PageViewRestriction

from socialmap.hsds.ids import NAMESPACE, hsds_id
from socialmap.models import OrganisationPage, SupportLevel, Weekday
from tests.factories import (
    ImageFactory,
    LocationFactory,
    NeighbourhoodFactory,
    OpeningHoursExceptionFactory,
    OpeningHoursFactory,
    OrganisationPageFactory,
    ServiceFactory,
    SocialMapPageFactory,
    TargetGroupFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

SCHEMA_DIR = Path(__file__).parent / "hsds_schema"
SPEC_URI = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
OPENAPI_URI = SPEC_URI + "openapi.json"
API = "/api/hsds"


# The official schemas, resolved locally ----------------------------------------


def _schema_registry() -> Registry:
    resources = []
    for path in sorted(SCHEMA_DIR.rglob("*.json")):
        uri = SPEC_URI + path.relative_to(SCHEMA_DIR).as_posix()
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append(
            (uri, Resource.from_contents(contents, default_specification=DRAFT202012))
        )
    return Registry().with_resources(resources)


def _format_checker() -> FormatChecker:
    """The formats HSDS uses, checked strictly (jsonschema only annotates them)."""
    checker = FormatChecker()

    @checker.checks("uuid", raises=ValueError)
    def is_uuid(value):
        return not isinstance(value, str) or str(uuid.UUID(value)) == value.lower()

    @checker.checks("email")
    def is_email(value):
        if isinstance(value, str):
            validate_email(value)
        return True

    @checker.checks("uri")
    def is_uri(value):
        if not isinstance(value, str):
            return True
        parts = urlsplit(value)
        return parts.scheme in {"http", "https"} and bool(parts.netloc)

    @checker.checks("date-time", raises=ValueError)
    def is_datetime(value):
        if not isinstance(value, str):
            return True
        return datetime.datetime.fromisoformat(value).tzinfo is not None

    @checker.checks("date", raises=ValueError)
    def is_date(value):
        return not isinstance(value, str) or bool(datetime.date.fromisoformat(value))

    return checker


REGISTRY = _schema_registry()
FORMATS = _format_checker()
OPENAPI = json.loads((SCHEMA_DIR / "openapi.json").read_text(encoding="utf-8"))


def response_validator(openapi_path: str) -> Draft202012Validator:
    """The schema HSDS's OpenAPI gives for a 200 answer on ``openapi_path``."""
    pointer = "/".join(
        [
            "/paths",
            openapi_path.replace("~", "~0").replace("/", "~1"),
            "get/responses/200/content/application~1json/schema",
        ]
    )
    assert OPENAPI["paths"][openapi_path]["get"]["responses"]["200"]
    return Draft202012Validator(
        {"$ref": f"{OPENAPI_URI}#{quote(pointer)}"},
        registry=REGISTRY,
        format_checker=FORMATS,
    )


def assert_valid(data: dict, openapi_path: str) -> None:
    errors = [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in response_validator(openapi_path).iter_errors(data)
    ]
    assert not errors, errors


def get_json(client, url: str, *, status: int = 200, host: str = "localhost") -> dict:
    response = client.get(url, HTTP_HOST=host)
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/json"
    return response.json()


# Data -------------------------------------------------------------------------


@pytest.fixture
def social_map(home_page):
    return SocialMapPageFactory(parent=home_page)


@pytest.fixture
def organisation(social_map, neighbourhood, theme, other_theme):
    """An organisation with everything the sociale kaart can say about it."""
    ouderen = TargetGroupFactory(name="Ouderen", slug="ouderen")
    mantelzorgers = TargetGroupFactory(name="Mantelzorgers", slug="mantelzorgers")
    page = OrganisationPageFactory(
        parent=social_map,
        title="Stichting Thuis in de Wijk",
        introduction="Wij helpen je thuis & in de buurt.",
        description=(
            f'<p>Zie ook <a linktype="page" id="{social_map.pk}">de sociale kaart'
            "</a>.</p><ul><li>Koffie</li><li>Advies</li></ul>"
        ),
        phone="0183 123 456",
        email="info@thuisindewijk.example",
        website="https://thuisindewijk.example",
        logo=ImageFactory(),
        last_checked=datetime.date(2025, 3, 1),
        neighbourhoods=[neighbourhood],
        themes=[theme, other_theme],
        target_groups=[ouderen, mantelzorgers],
    )
    ServiceFactory(
        page=page,
        name="Inloopspreekuur",
        description="Zonder afspraak langskomen.",
        for_whom="Iedereen in de wijk",
        cost="Gratis",
        is_free=True,
        how_to_apply="Gewoon binnenlopen.",
        support_level=SupportLevel.GENERAL,
    )
    ServiceFactory(
        page=page,
        name="Huishoudelijke hulp",
        description="Hulp bij het schoonhouden van je huis.",
        for_whom="Inwoners met een Wmo-indicatie",
        cost="Eigen bijdrage € 21,80 per maand",
        is_free=False,
        how_to_apply="Via het Wmo-loket van de gemeente.",
        support_level=SupportLevel.INDIVIDUAL,
    )
    ServiceFactory(
        page=page,
        name="Boodschappenmaatje",
        cost="",
        is_free=False,
        support_level="",
    )
    buurthuis = LocationFactory(
        page=page,
        name="Buurthuis De Schakel",
        street_address="Kerkstraat 1",
        postcode="4201 AB",
        city="Merwestad",
        latitude=Decimal("51.834120"),
        longitude=Decimal("4.972050"),
        accessibility_notes="Drempelvrij.",
    )
    OpeningHoursFactory(
        location=buurthuis,
        weekday=Weekday.MONDAY,
        opens=datetime.time(9),
        closes=datetime.time(12, 30),
    )
    OpeningHoursFactory(
        location=buurthuis,
        weekday=Weekday.MONDAY,
        opens=datetime.time(19),
        closes=datetime.time(21),
    )
    OpeningHoursFactory(
        location=buurthuis,
        weekday=Weekday.FRIDAY,
        opens=datetime.time(22),
        closes=datetime.time(0, 30),
    )
    OpeningHoursExceptionFactory(
        location=buurthuis, date=datetime.date(2026, 4, 27), reason="Koningsdag"
    )
    OpeningHoursExceptionFactory(
        location=buurthuis,
        date=datetime.date(2026, 12, 24),
        closed=False,
        opens=datetime.time(9),
        closes=datetime.time(12),
        reason="Kerstavond",
    )
    LocationFactory(
        page=page,
        name="",
        street_address="Postbus 12",
        postcode="",
        city="Merwestad",
        latitude=None,
        longitude=None,
        accessibility_notes="",
    )
    return OrganisationPage.objects.get(pk=page.pk)


@pytest.fixture
def plain_organisation(social_map):
    """An organisation with almost nothing filled in."""
    return OrganisationPageFactory(
        parent=social_map,
        title="Repair Café",
        introduction="",
        description="",
        phone="",
        email="",
        website="",
    )


def service_hsds_id(page: OrganisationPage, name: str) -> str:
    return hsds_id("service", page.services.get(name=name).pk)


# Every endpoint validates ------------------------------------------------------


def endpoint_urls(organisation) -> list[tuple[str, str]]:
    """(url, path in HSDS's OpenAPI) for every endpoint and its variants."""
    org_id = str(organisation.translation_key)
    service_id = service_hsds_id(organisation, "Inloopspreekuur")
    theme_term = hsds_id("theme", "wonen")
    themes = hsds_id("taxonomy", "themes")
    return [
        (f"{API}/", "/"),
        (f"{API}/services", "/services"),
        (f"{API}/services?full=true", "/services"),
        (f"{API}/services?per_page=1&page=2", "/services"),
        (f"{API}/services?taxonomy_term_id={theme_term}", "/services"),
        (f"{API}/services?organization_id={org_id}", "/services"),
        (f"{API}/services?modified_after=2000-01-01T00:00:00Z", "/services"),
        (f"{API}/services/{service_id}", "/services/{id}"),
        (f"{API}/organizations", "/organizations"),
        (f"{API}/organizations?full=true", "/organizations"),
        (f"{API}/organizations?full=true&full_service=true", "/organizations"),
        (f"{API}/organizations/{org_id}", "/organizations/{id}"),
        (f"{API}/organizations/{org_id}?full_service=true", "/organizations/{id}"),
        (f"{API}/taxonomies", "/taxonomies"),
        (f"{API}/taxonomies/{themes}", "/taxonomies/{id}"),
        (f"{API}/taxonomy_terms", "/taxonomy_terms"),
        (f"{API}/taxonomy_terms?taxonomy_id={themes}", "/taxonomy_terms"),
        (f"{API}/taxonomy_terms/{theme_term}", "/taxonomy_terms/{id}"),
    ]


def test_every_endpoint_validates_against_the_hsds_schemas(
    client, organisation, plain_organisation
):
    urls = endpoint_urls(organisation)
    assert {path for _, path in urls} == {
        "/",
        "/services",
        "/services/{id}",
        "/organizations",
        "/organizations/{id}",
        "/taxonomies",
        "/taxonomies/{id}",
        "/taxonomy_terms",
        "/taxonomy_terms/{id}",
    }
    for url, openapi_path in urls:
        data = get_json(client, url)
        assert_valid(data, openapi_path)
        if "contents" in data:
            assert data["contents"], url


def test_plain_organisation_validates_too(client, plain_organisation):
    org_id = str(plain_organisation.translation_key)
    for url, openapi_path in [
        (f"{API}/organizations?full=true&full_service=true", "/organizations"),
        (f"{API}/organizations/{org_id}?full_service=true", "/organizations/{id}"),
    ]:
        data = get_json(client, url)
        assert_valid(data, openapi_path)


def test_the_schemas_catch_a_broken_record(client, organisation):
    """The validation in these tests is not a formality."""
    org_id = str(organisation.translation_key)
    data = get_json(client, f"{API}/organizations/{org_id}")
    del data["name"]
    data["locations"][0]["latitude"] = "51,8"
    data["locations"][0]["schedules"][0]["freq"] = "DAILY"
    data["services"][0]["id"] = "service-1"
    validator = response_validator("/organizations/{id}")
    messages = sorted(error.message for error in validator.iter_errors(data))
    assert len(messages) == 4, messages


def test_root_points_to_the_openapi_description(client):
    root = get_json(client, f"{API}/")
    assert root["version"] == "3.0"
    assert root["openapi_url"] == "http://localhost/api/hsds/openapi.json"
    document = get_json(client, "/api/hsds/openapi.json")
    assert document["openapi"] == "3.1.0"
    assert document["servers"] == [{"url": "http://localhost/api/hsds/"}]
    assert "REQUIRED" not in json.dumps(document["info"])
    assert set(document["paths"]) == {
        "/",
        "/services",
        "/services/{id}",
        "/organizations",
        "/organizations/{id}",
        "/taxonomies",
        "/taxonomies/{id}",
        "/taxonomy_terms",
        "/taxonomy_terms/{id}",
    }


# What the export says -----------------------------------------------------------


def test_organisation_record(client, organisation, social_map):
    org_id = str(organisation.translation_key)
    record = get_json(client, f"{API}/organizations/{org_id}")

    assert record["id"] == org_id
    assert record["name"] == "Stichting Thuis in de Wijk"
    # The introduction first (HSDS: consumers take the first paragraph as the
    # short description), then the rich text with absolute links.
    assert record["description"] == (
        '<p class="introduction">Wij helpen je thuis &amp; in de buurt.</p>\n'
        '<p>Zie ook <a href="http://localhost/sociale-kaart/">de sociale kaart</a>.'
        "</p><ul><li>Koffie</li><li>Advies</li></ul>"
    )
    assert record["email"] == "info@thuisindewijk.example"
    assert record["website"] == "https://thuisindewijk.example"
    assert record["logo"].startswith("http://localhost/")
    assert [phone["number"] for phone in record["phones"]] == ["0183 123 456"]
    assert {
        (attribute["link_type"], attribute["taxonomy_term"]["code"])
        for attribute in record["attributes"]
    } == {
        ("category", "wonen"),
        ("category", "geldzaken"),
        ("audience", "ouderen"),
        ("audience", "mantelzorgers"),
    }
    assert [service["name"] for service in record["services"]] == [
        "Inloopspreekuur",
        "Huishoudelijke hulp",
        "Boodschappenmaatje",
    ]

    buurthuis, postbus = record["locations"]
    assert buurthuis["name"] == "Buurthuis De Schakel"
    assert (buurthuis["latitude"], buurthuis["longitude"]) == (51.83412, 4.97205)
    assert buurthuis["addresses"][0] | {"id": None, "location_id": None} == {
        "id": None,
        "location_id": None,
        "address_1": "Kerkstraat 1",
        "city": "Merwestad",
        "state_province": "",
        "postal_code": "4201 AB",
        "country": "NL",
        "address_type": "physical",
    }
    assert buurthuis["accessibility"][0]["description"] == "Drempelvrij."
    assert "latitude" not in postbus
    assert "accessibility" not in postbus
    schedules = [
        {
            key: value
            for key, value in schedule.items()
            if key not in {"id", "location_id", "description"}
        }
        for schedule in buurthuis["schedules"]
    ]
    assert schedules == [
        {"freq": "WEEKLY", "byday": "MO", "opens_at": "09:00", "closes_at": "12:30"},
        {"freq": "WEEKLY", "byday": "MO", "opens_at": "19:00", "closes_at": "21:00"},
        {"freq": "WEEKLY", "byday": "FR", "opens_at": "22:00", "closes_at": "00:30"},
        {
            "valid_from": "2026-04-27",
            "valid_to": "2026-04-27",
            "dtstart": "2026-04-27",
            "until": "2026-04-27",
            "freq": "WEEKLY",
            "byday": "MO",
            "notes": "Koningsdag",
        },
        {
            "valid_from": "2026-12-24",
            "valid_to": "2026-12-24",
            "dtstart": "2026-12-24",
            "until": "2026-12-24",
            "freq": "WEEKLY",
            "byday": "TH",
            "opens_at": "09:00",
            "closes_at": "12:00",
            "notes": "Kerstavond",
        },
    ]
    assert buurthuis["schedules"][0]["description"] == "maandag 09:00–12:30"
    assert "gesloten" in buurthuis["schedules"][3]["description"]


def test_service_record(client, organisation, neighbourhood):
    free_id = service_hsds_id(organisation, "Inloopspreekuur")
    free = get_json(client, f"{API}/services/{free_id}")
    assert free["id"] == free_id
    assert free["organization_id"] == str(organisation.translation_key)
    assert free["organization"]["name"] == "Stichting Thuis in de Wijk"
    assert free["organization"]["phones"][0]["number"] == "0183 123 456"
    assert free["status"] == "active"
    assert free["description"] == "Zonder afspraak langskomen."
    assert free["eligibility_description"] == "Iedereen in de wijk"
    assert free["application_process"] == "Gewoon binnenlopen."
    assert free["fees_description"] == "Gratis"
    assert [
        (option["amount"], option["currency"]) for option in free["cost_options"]
    ] == [(0, "EUR")]
    assert free["assured_date"] == "2025-03-01"
    assert free["url"] == "http://localhost/sociale-kaart/stichting-thuis-in-de-wijk/"
    assert free["last_modified"].endswith("Z")
    assert [area["name"] for area in free["service_areas"]] == [neighbourhood.name]
    assert [item["location"]["name"] for item in free["service_at_locations"]] == [
        "Buurthuis De Schakel",
        "",
    ]
    assert {
        (
            attribute["link_entity"],
            attribute["link_type"],
            attribute["taxonomy_term"]["code"],
            attribute["taxonomy_term"]["taxonomy_detail"]["name"],
        )
        for attribute in free["attributes"]
    } == {
        ("service", "category", "wonen", "Buurtplein thema's"),
        ("service", "category", "geldzaken", "Buurtplein thema's"),
        ("service", "audience", "ouderen", "Buurtplein doelgroepen"),
        ("service", "audience", "mantelzorgers", "Buurtplein doelgroepen"),
        ("service", "support_level", "general", "Buurtplein leefringen"),
    }
    assert all(attribute["link_id"] == free_id for attribute in free["attributes"])

    paid = get_json(
        client, f"{API}/services/{service_hsds_id(organisation, 'Huishoudelijke hulp')}"
    )
    assert paid["cost_options"] == []
    assert paid["fees_description"] == "Eigen bijdrage € 21,80 per maand"
    assert "individual" in {
        attribute["taxonomy_term"]["code"] for attribute in paid["attributes"]
    }


def test_taxonomies_and_terms(client, organisation):
    taxonomies = get_json(client, f"{API}/taxonomies")["contents"]
    assert [taxonomy["name"] for taxonomy in taxonomies] == [
        "Buurtplein thema's",
        "Buurtplein doelgroepen",
        "Buurtplein leefringen",
    ]
    levels = hsds_id("taxonomy", "support-levels")
    terms = get_json(client, f"{API}/taxonomy_terms?taxonomy_id={levels}")
    assert [term["code"] for term in terms["contents"]] == [
        "self",
        "network",
        "general",
        "individual",
    ]
    assert [term["name"] for term in terms["contents"]] == [
        level.label for level in SupportLevel
    ]
    everything = get_json(client, f"{API}/taxonomy_terms")
    assert everything["total_items"] == 2 + 2 + 4  # themes, target groups, levels
    # A flat taxonomy: no children anywhere.
    children = get_json(
        client, f"{API}/taxonomy_terms?parent_id={hsds_id('theme', 'wonen')}"
    )
    assert children["contents"] == []


def test_ids_are_stable_and_documented(client, organisation):
    assert NAMESPACE == uuid.UUID("19f15023-cfdd-493b-8f54-f8b866c74ef3")
    first = get_json(client, f"{API}/organizations?full=true&full_service=true")
    second = get_json(client, f"{API}/organizations?full=true&full_service=true")
    assert first == second
    record = first["contents"][0]
    assert record["id"] == str(organisation.translation_key)
    location = organisation.locations.first()
    assert record["locations"][0]["id"] == str(
        uuid.uuid5(NAMESPACE, f"location:{location.pk}")
    )
    slot = location.opening_hours.first()
    assert record["locations"][0]["schedules"][0]["id"] == str(
        uuid.uuid5(NAMESPACE, f"schedule:{slot.pk}")
    )
    service = organisation.services.first()
    assert record["services"][0]["id"] == str(
        uuid.uuid5(NAMESPACE, f"service:{service.pk}")
    )
    theme_term = next(
        attribute["taxonomy_term"]
        for attribute in record["attributes"]
        if attribute["taxonomy_term"]["code"] == "wonen"
    )
    assert theme_term["id"] == str(uuid.uuid5(NAMESPACE, "theme:wonen"))
    every_id = [
        value for value in _walk_values(first, key="id") if isinstance(value, str)
    ]
    assert all(uuid.UUID(value) for value in every_id)


def _walk_values(data, *, key):
    if isinstance(data, dict):
        for name, value in data.items():
            if name == key:
                yield value
            yield from _walk_values(value, key=key)
    elif isinstance(data, list):
        for item in data:
            yield from _walk_values(item, key=key)


# Only what is live and public, of this site --------------------------------------


def test_only_live_public_organisations_of_the_requested_site(
    client, organisation, social_map, other_site
):
    draft = OrganisationPageFactory(parent=social_map, title="Concept", live=False)
    ServiceFactory(page=draft, name="Concept-dienst")
    private = OrganisationPageFactory(parent=social_map, title="Besloten")
    ServiceFactory(page=private, name="Besloten dienst")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    elsewhere = OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=other_site.root_page), title="Elders"
    )
    ServiceFactory(page=elsewhere, name="Dienst elders")

    names = {
        item["name"] for item in get_json(client, f"{API}/organizations")["contents"]
    }
    assert names == {"Stichting Thuis in de Wijk"}
    services = {
        item["name"] for item in get_json(client, f"{API}/services")["contents"]
    }
    assert services == {"Inloopspreekuur", "Huishoudelijke hulp", "Boodschappenmaatje"}
    for page in (draft, private, elsewhere):
        get_json(client, f"{API}/organizations/{page.translation_key}", status=404)
        service_id = hsds_id("service", page.services.get().pk)
        get_json(client, f"{API}/services/{service_id}", status=404)

    other = get_json(client, f"{API}/organizations", host="other.localhost")
    assert [item["name"] for item in other["contents"]] == ["Elders"]
    get_json(
        client,
        f"{API}/organizations/{elsewhere.translation_key}",
        host="other.localhost",
    )


def test_a_draft_of_a_live_organisation_is_not_exported(client, organisation):
    draft = organisation.get_latest_revision_as_object()
    draft.title = "Nieuwe naam, nog niet goedgekeurd"
    draft.save_revision()
    record = get_json(client, f"{API}/organizations/{organisation.translation_key}")
    assert record["name"] == "Stichting Thuis in de Wijk"


# Pages, filters, errors -----------------------------------------------------------


def test_pagination(client, social_map):
    for number in range(5):
        OrganisationPageFactory(parent=social_map, title=f"Organisatie {number}")
    first = get_json(client, f"{API}/organizations?per_page=2")
    assert {key: value for key, value in first.items() if key != "contents"} == {
        "total_items": 5,
        "total_pages": 3,
        "page_number": 1,
        "size": 2,
        "first_page": True,
        "last_page": False,
        "empty": False,
    }
    names = [
        item["name"]
        for number in (1, 2, 3)
        for item in get_json(client, f"{API}/organizations?per_page=2&page={number}")[
            "contents"
        ]
    ]
    assert names == [f"Organisatie {number}" for number in range(5)]
    last = get_json(client, f"{API}/organizations?per_page=2&page=3")
    assert (last["size"], last["first_page"], last["last_page"]) == (1, False, True)
    beyond = get_json(client, f"{API}/organizations?per_page=2&page=4")
    assert (beyond["size"], beyond["empty"], beyond["contents"]) == (0, True, [])
    assert_valid(beyond, "/organizations")


def test_empty_site(client, site):
    data = get_json(client, f"{API}/services")
    assert data["total_items"] == data["total_pages"] == data["size"] == 0
    assert data["empty"] and data["last_page"]
    assert_valid(data, "/services")


@pytest.mark.parametrize(
    "query",
    [
        "page=0",
        "page=een",
        "per_page=0",
        "per_page=201",
        "per_page=-1",
        "full=misschien",
        "full_service=2",
        "modified_after=gisteren",
        "modified_after=2024-13-01",
        "modified_after=2024-05-01T25:00",
        "organization_id=12",
        "taxonomy_term_id=wonen",
        "taxonomy_id=thema",
    ],
)
def test_bad_parameters_are_a_clear_400(client, organisation, query):
    endpoint = "organizations" if "full_service" in query else "services"
    data = get_json(client, f"{API}/{endpoint}?{query}", status=400)
    assert query.split("=")[0] in data["detail"]


def test_modified_after(client, social_map):
    old = OrganisationPageFactory(
        parent=social_map,
        title="Oud",
        last_published_at=datetime.datetime(2024, 1, 10, 12, tzinfo=datetime.UTC),
    )
    ServiceFactory(page=old, name="Oude dienst")
    new = OrganisationPageFactory(
        parent=social_map,
        title="Nieuw",
        last_published_at=datetime.datetime(2024, 6, 1, 8, tzinfo=datetime.UTC),
    )
    ServiceFactory(page=new, name="Nieuwe dienst")

    def names(endpoint: str, since: str) -> list[str]:
        data = get_json(client, f"{API}/{endpoint}?modified_after={quote(since)}")
        return [item["name"] for item in data["contents"]]

    assert names("services", "2024-01-01T00:00:00Z") == ["Nieuwe dienst", "Oude dienst"]
    assert names("services", "2024-06-01T08:00:00Z") == ["Nieuwe dienst"]  # on or after
    assert names("services", "2024-06-01T08:00:01Z") == []
    assert names("organizations", "2024-03-01") == ["Nieuw"]
    # Without an offset: Dutch time (10:00 in June is 08:00 UTC).
    assert names("services", "2024-06-01T10:00:00") == ["Nieuwe dienst"]
    assert names("services", "2024-06-01T10:00:01") == []
    # An unencoded "+" arrives as a space.
    data = get_json(client, f"{API}/services?modified_after=2024-06-01T10:00:00+02:00")
    assert [item["name"] for item in data["contents"]] == ["Nieuwe dienst"]
    assert get_json(client, f"{API}/services")["contents"][0]["last_modified"] == (
        "2024-06-01T08:00:00.000Z"
    )

    # A page made by a script, without any publication date: nobody can tell
    # when it changed, so a harvester always gets it.
    OrganisationPageFactory(
        parent=social_map, title="Zonder datum", first_published_at=None
    )
    assert names("organizations", "2030-01-01") == ["Zonder datum"]


def test_service_filters(client, organisation, social_map, theme):
    other = OrganisationPageFactory(parent=social_map, title="Andere organisatie")
    ServiceFactory(page=other, name="Zelfhulpgroep", support_level=SupportLevel.SELF)

    def names(query: str) -> set[str]:
        data = get_json(client, f"{API}/services?{query}")
        return {item["name"] for item in data["contents"]}

    ours = {"Inloopspreekuur", "Huishoudelijke hulp", "Boodschappenmaatje"}
    assert names(f"taxonomy_term_id={hsds_id('theme', theme.slug)}") == ours
    assert names(f"taxonomy_term_id={hsds_id('target-group', 'ouderen')}") == ours
    assert names(f"taxonomy_term_id={hsds_id('support-level', 'self')}") == {
        "Zelfhulpgroep"
    }
    assert names(f"taxonomy_term_id={uuid.uuid4()}") == set()
    assert names(f"taxonomy_id={hsds_id('taxonomy', 'support-levels')}") == {
        "Inloopspreekuur",
        "Huishoudelijke hulp",
        "Zelfhulpgroep",
    }
    assert names(f"taxonomy_id={hsds_id('taxonomy', 'themes')}") == ours
    assert names(f"organization_id={other.translation_key}") == {"Zelfhulpgroep"}


@pytest.mark.parametrize(
    "path",
    [
        "services/niet-een-uuid",
        "services/00000000-0000-0000-0000-000000000000",
        "organizations/niet-een-uuid",
        "organizations/00000000-0000-0000-0000-000000000000",
        "taxonomies/00000000-0000-0000-0000-000000000000",
        "taxonomy_terms/niet-een-uuid",
    ],
)
def test_unknown_ids_are_404(client, organisation, path):
    data = get_json(client, f"{API}/{path}", status=404)
    assert data["detail"]


def test_only_get(client, organisation):
    assert client.post(f"{API}/services", HTTP_HOST="localhost").status_code == 405


# Queries --------------------------------------------------------------------------


def _organisations(social_map, count: int, *, start: int = 0) -> None:
    theme = ThemeFactory(name="Wonen", slug="wonen")
    group = TargetGroupFactory(name="Ouderen", slug="ouderen")
    wijk = NeighbourhoodFactory.create(
        site=social_map.get_site(), name=f"Wijk {start}", slug=f"wijk-{start}"
    )
    for number in range(start, start + count):
        page = OrganisationPageFactory(
            parent=social_map,
            title=f"Organisatie {number:02d}",
            logo=ImageFactory(),
            themes=[theme],
            target_groups=[group],
            neighbourhoods=[wijk],
        )
        ServiceFactory(page=page)
        ServiceFactory(page=page, support_level=SupportLevel.SELF)
        location = LocationFactory(page=page)
        OpeningHoursFactory(location=location)
        OpeningHoursExceptionFactory(location=location)


@pytest.mark.parametrize(
    "query",
    [
        "organizations",
        "organizations?full=true",
        "organizations?full=true&full_service=true",
        "services",
        "services?full=true",
        f"services?taxonomy_term_id={hsds_id('theme', 'wonen')}&full=true",
        "taxonomy_terms",
    ],
)
def test_a_list_page_takes_the_same_queries_for_2_and_20_organisations(
    client, site, social_map, django_assert_num_queries, query
):
    url = f"{API}/{query}{'&' if '?' in query else '?'}per_page=200"
    _organisations(social_map, 2)
    client.get(url, HTTP_HOST="localhost")  # warm the site root paths cache
    with CaptureQueriesContext(connection) as two:
        small = get_json(client, url)
    _organisations(social_map, 18, start=2)
    with django_assert_num_queries(len(two.captured_queries)):
        large = get_json(client, url)
    if query.startswith(("organizations", "services")):
        assert small["total_items"] * 10 == large["total_items"]
    # Site, view restrictions, count, the page, and one per prefetched relation.
    assert len(two.captured_queries) <= 12


# Import ----------------------------------------------------------------------------


@pytest.fixture
def importer(django_user_model):
    return django_user_model.objects.create_superuser(
        username="importeur", email="importeur@example.org", password="geheim"
    )


@pytest.fixture
def empty_site(other_site, neighbourhood):
    """Another platform with an empty sociale kaart and a wijk of the same name."""
    SocialMapPageFactory(parent=other_site.root_page)
    NeighbourhoodFactory(site=other_site, name=neighbourhood.name, slug="centrum")
    return other_site


def run_import(path: Path, *args: str, site: str = "other.localhost") -> str:
    out = StringIO()
    call_command(
        "import_hsds",
        str(path),
        "--site",
        site,
        "--user",
        "importeur",
        *args,
        stdout=out,
    )
    return out.getvalue()


def failed_import(path: Path, *args: str, site: str = "other.localhost") -> str:
    out = StringIO()
    with pytest.raises(CommandError) as failure:
        call_command(
            "import_hsds",
            str(path),
            "--site",
            site,
            "--user",
            "importeur",
            *args,
            stdout=out,
        )
    return out.getvalue() + str(failure.value)


def organisations_in(site) -> list[OrganisationPage]:
    return list(
        OrganisationPage.objects.descendant_of(site.root_page).order_by("title")
    )


def publish_all(site) -> None:
    for page in organisations_in(site):
        page.get_latest_revision().publish()


def full_export(client, host: str) -> dict:
    return get_json(
        client,
        f"{API}/organizations?full=true&full_service=true&per_page=200",
        host=host,
    )


#: What may differ between two platforms: ids, links back to the API, the
#: logo (images are not imported), modification times.
NOT_COMPARED = {"id", "metadata", "last_modified", "logo", "url", "uri"}


def normalised(data):
    """An export without ids and metadata; schedules and attributes as sets."""
    if isinstance(data, dict):
        return {
            key: normalised(value)
            for key, value in data.items()
            if key not in NOT_COMPARED and not key.endswith("_id")
        }
    if isinstance(data, list):
        return [normalised(item) for item in data]
    return data


def as_sets(data):
    if isinstance(data, dict):
        return {
            key: sorted(map(json.dumps, as_sets(value)))
            if key in {"schedules", "attributes"}
            else as_sets(value)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [as_sets(item) for item in data]
    return data


def test_round_trip_into_an_empty_site_loses_nothing(
    client, organisation, plain_organisation, empty_site, importer, tmp_path
):
    exported = full_export(client, "localhost")
    assert_valid(exported, "/organizations")
    dump = tmp_path / "sociale-kaart.json"
    dump.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")

    output = run_import(dump)
    assert "Ingelezen: 2 nieuw, 0 bijgewerkt, 0 ongewijzigd." in output
    imported = organisations_in(empty_site)
    assert [page.title for page in imported] == [
        "Repair Café",
        "Stichting Thuis in de Wijk",
    ]
    # Drafts, in the approval workflow, until Communicatie publishes them.
    assert not any(page.live for page in imported)
    assert all(page.current_workflow_state is not None for page in imported)
    assert full_export(client, "other.localhost")["total_items"] == 0
    assert {page.external_id for page in imported} == {
        str(organisation.translation_key),
        str(plain_organisation.translation_key),
    }

    publish_all(empty_site)
    again = full_export(client, "other.localhost")
    assert_valid(again, "/organizations")
    assert as_sets(normalised(again)) == as_sets(normalised(exported))

    # Not a vacuous comparison: the details are there.
    record = next(
        item
        for item in again["contents"]
        if item["name"] == "Stichting Thuis in de Wijk"
    )
    assert record["description"].startswith('<p class="introduction">Wij helpen')
    location = record["locations"][0]
    assert (location["latitude"], location["longitude"]) == (51.83412, 4.97205)
    assert len(location["schedules"]) == 5
    assert {
        (schedule.get("valid_from"), schedule.get("notes"))
        for schedule in location["schedules"]
        if "valid_from" in schedule
    } == {("2026-04-27", "Koningsdag"), ("2026-12-24", "Kerstavond")}
    free, paid, _plain = record["services"]
    assert free["cost_options"][0]["amount"] == 0 and paid["cost_options"] == []
    assert "general" in {item["taxonomy_term"]["code"] for item in free["attributes"]}
    assert [area["name"] for area in free["service_areas"]] == ["Centrum"]
    page = organisations_in(empty_site)[1]
    assert page.last_checked == datetime.date(2025, 3, 1)
    assert page.get_site() == empty_site

    # Importing the same file again changes nothing.
    output = run_import(dump)
    assert "Ingelezen: 0 nieuw, 0 bijgewerkt, 2 ongewijzigd." in output


def test_import_from_a_directory_of_organisation_records(
    client, organisation, plain_organisation, empty_site, importer, tmp_path
):
    for page in (organisation, plain_organisation):
        record = get_json(
            client, f"{API}/organizations/{page.translation_key}?full_service=true"
        )
        assert_valid(record, "/organizations/{id}")
        (tmp_path / f"{page.slug}.json").write_text(json.dumps(record), "utf-8")
    assert "2 nieuw" in run_import(tmp_path)
    publish_all(empty_site)
    assert as_sets(normalised(full_export(client, "other.localhost"))) == as_sets(
        normalised(full_export(client, "localhost"))
    )


def test_import_updates_by_organisation_id(
    client, organisation, empty_site, importer, tmp_path
):
    exported = full_export(client, "localhost")
    dump = tmp_path / "export.json"
    dump.write_text(json.dumps(exported), "utf-8")
    run_import(dump)
    publish_all(empty_site)

    exported["contents"][0]["services"][0]["fees_description"] = "€ 1 per keer"
    exported["contents"][0]["services"][0]["cost_options"] = []
    dump.write_text(json.dumps(exported), "utf-8")
    assert "Proef geslaagd" in run_import(dump, "--dry-run")
    assert "0 nieuw, 1 bijgewerkt, 0 ongewijzigd" in run_import(dump)

    page = organisations_in(empty_site)[0]
    live = page.services.get(name="Inloopspreekuur")
    assert (live.cost, live.is_free) == ("Gratis", True)  # until approved
    draft = page.get_latest_revision_as_object().services.all()[0]
    assert (draft.cost, draft.is_free) == ("€ 1 per keer", False)


def test_dry_run_writes_nothing(client, organisation, empty_site, importer, tmp_path):
    dump = tmp_path / "export.json"
    dump.write_text(json.dumps(full_export(client, "localhost")), "utf-8")
    output = run_import(dump, "--dry-run")
    assert "Proef geslaagd, er is nog niets opgeslagen: 1 nieuw" in output
    assert organisations_in(empty_site) == []


def test_schema_problems_are_reported_in_dutch_with_their_path(
    client, organisation, empty_site, importer, tmp_path
):
    exported = full_export(client, "localhost")
    record = exported["contents"][0]
    del record["name"]
    record["id"] = "organisatie-1"
    record["locations"][0]["latitude"] = "51,8"
    record["locations"][0]["schedules"][0]["freq"] = "DAILY"
    record["services"][1]["status"] = "open"
    dump = tmp_path / "kapot.json"
    dump.write_text(json.dumps(exported), "utf-8")

    output = failed_import(dump)
    for line in [
        "kapot.json, $.contents[0]: verplicht veld ontbreekt: name",
        "kapot.json, $.contents[0].id: 'organisatie-1' is geen geldige UUID",
        "kapot.json, $.contents[0].locations[0].latitude: moet getal zijn, niet '51,8'",
        "kapot.json, $.contents[0].locations[0].schedules[0].freq: 'DAILY' is niet "
        "toegestaan; kies uit: WEEKLY, MONTHLY",
        "kapot.json, $.contents[0].services[1].status: 'open' is niet toegestaan",
        "5 problemen gevonden; er is niets ingelezen.",
    ]:
        assert line in output
    assert organisations_in(empty_site) == []


def test_value_problems_are_reported_before_anything_is_written(
    client, organisation, plain_organisation, empty_site, importer, tmp_path
):
    exported = full_export(client, "localhost")
    good, bad = sorted(
        exported["contents"], key=lambda item: item["name"] != "Repair Café"
    )
    location = bad["locations"][0]
    location["latitude"] = 123.4
    location["schedules"][0]["opens_at"] = "9 uur"
    location["schedules"][1]["byday"] = "MO,XX"
    bad["attributes"][0]["taxonomy_term"]["code"] = "onbekend"
    bad["attributes"][0]["taxonomy_term"]["name"] = "Onbekend thema"
    dump = tmp_path / "export.json"
    dump.write_text(json.dumps({"contents": [good, bad]}), "utf-8")

    output = failed_import(dump)
    for line in [
        "export.json, $.contents[1].locations[0].latitude: 123.4 is geen coördinaat "
        "tussen -90 en 90.",
        "export.json, $.contents[1].locations[0].schedules[0].opens_at: '9 uur' is "
        "geen tijd zoals 09:00.",
        "export.json, $.contents[1].locations[0].schedules[1].byday: 'XX' zijn geen "
        "dagen",
        "export.json, $.contents[1].attributes[0].taxonomy_term: het thema "
        "'Onbekend thema' bestaat niet op dit platform.",
        "4 problemen gevonden; er is niets ingelezen.",
    ]:
        assert line in output
    assert organisations_in(empty_site) == []  # not even the good one


def test_import_of_foreign_hsds_data(empty_site, importer, tmp_path, theme):
    def new_id() -> str:
        return str(uuid.uuid4())

    record = {
        "id": new_id(),
        "name": "Voedselbank Merwestad",
        "description": "Wij helpen met voedselpakketten.\n\nKom gerust langs.",
        "email": "info@voedselbank.example",
        "phones": [{"id": new_id(), "number": "0183 999 999"}],
        "attributes": [
            {
                "id": new_id(),
                "taxonomy_term": {
                    "id": new_id(),
                    "code": "wonen",
                    "name": "Wonen",
                    "description": "",
                    "taxonomy": "Buurtplein thema's",
                },
            }
        ],
        "locations": [
            {
                "id": new_id(),
                "location_type": "physical",
                "name": "Uitgiftepunt",
                "latitude": 51.8,
                "longitude": 4.97,
                "addresses": [
                    {
                        "id": new_id(),
                        "address_1": "Havenweg 3",
                        "city": "Merwestad",
                        "state_province": "Zuid-Holland",
                        "postal_code": "4201 CD",
                        "country": "NL",
                        "address_type": "physical",
                    }
                ],
                "schedules": [
                    {
                        "id": new_id(),
                        "freq": "WEEKLY",
                        "byday": "TU,TH",
                        "opens_at": "10:00:00",
                        "closes_at": "12:00:00",
                    },
                    {
                        "id": new_id(),
                        "freq": "MONTHLY",
                        "byday": "1SA",
                        "opens_at": "10:00",
                        "closes_at": "12:00",
                    },
                ],
            },
            {"id": new_id(), "location_type": "virtual", "url": "https://v.example"},
        ],
        "services": [
            {
                "id": new_id(),
                "name": "Voedselpakket",
                "status": "active",
                "attributes": [
                    {
                        "id": new_id(),
                        "taxonomy_term": {
                            "id": new_id(),
                            "name": "Food",
                            "description": "Food assistance",
                            "taxonomy": "Open Eligibility",
                        },
                    }
                ],
            }
        ],
    }
    dump = tmp_path / "voedselbank.json"
    dump.write_text(json.dumps(record), "utf-8")

    output = run_import(dump)
    assert "1 nieuw" in output
    assert "alleen wekelijkse roosters worden overgenomen, geen 'MONTHLY'" in output
    assert output.count("de term 'Food' komt niet uit een taxonomie") == 1
    assert "heeft geen adres en wordt overgeslagen" in output

    page = organisations_in(empty_site)[0].get_latest_revision_as_object()
    assert page.external_id == record["id"]
    assert page.introduction == ""
    # Stored as the editor stores it (core/rich_text.py), with block keys.
    assert re.sub(r' data-block-key="\w+"', "", page.description) == (
        "<p>Wij helpen met voedselpakketten.</p><p>Kom gerust langs.</p>"
    )
    assert page.phone == "0183 999 999"
    assert list(page.themes.all()) == [theme]
    (service,) = page.services.all()
    assert (service.name, service.support_level) == ("Voedselpakket", "")
    (location,) = page.locations.all()
    assert (location.street_address, location.postcode) == ("Havenweg 3", "4201 CD")
    assert location.latitude == Decimal("51.800000")
    assert [
        (slot.weekday, slot.opens, slot.closes) for slot in location.opening_hours.all()
    ] == [
        (Weekday.TUESDAY, datetime.time(10), datetime.time(12)),
        (Weekday.THURSDAY, datetime.time(10), datetime.time(12)),
    ]


def test_imported_html_is_cleaned(empty_site, importer, tmp_path):
    record = {
        "id": str(uuid.uuid4()),
        "name": "Buurtvereniging",
        "description": (
            '<p class="introduction">Samen &lt;sterk&gt;</p>'
            '<p onclick="steal()">Hallo <script>alert(1)</script>'
            '<a href="javascript:alert(1)">klik</a> <b>vet</b></p>'
        ),
    }
    dump = tmp_path / "vereniging.json"
    dump.write_text(json.dumps(record), "utf-8")
    run_import(dump)
    page = organisations_in(empty_site)[0]
    assert page.introduction == "Samen <sterk>"
    assert "onclick" not in page.description
    assert "<script" not in page.description
    assert "javascript:" not in page.description
    assert "<b>vet</b>" in page.description


def test_import_refuses_unknown_sites_and_users_without_rights(
    empty_site, importer, django_user_model, tmp_path
):
    dump = tmp_path / "leeg.json"
    dump.write_text("[]", "utf-8")
    assert "Geen platform" in failed_import(dump, site="nergens.localhost")
    django_user_model.objects.create_user(username="inwoner", password="geheim")
    out = StringIO()
    with pytest.raises(CommandError, match="niet publiceren"):
        call_command(
            "import_hsds",
            str(dump),
            "--site",
            "other.localhost",
            "--user",
            "inwoner",
            stdout=out,
        )
    broken = tmp_path / "kapot.json"
    broken.write_text("{niet: json", "utf-8")
    assert "kapot.json: geen geldige JSON (regel 1, kolom 2" in failed_import(broken)
