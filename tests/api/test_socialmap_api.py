"""The sociale kaart on the API v3: the same search as the page /sociale-kaart/.

The endpoint and the page call the same selector; these tests hold them to
it: for the same filters, the same organisations in the same order and the
same counts per facet choice.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, Site

from core.models import Neighbourhood, TargetGroup
from socialmap.models import SupportLevel
from tests.factories import (
    HomePageFactory,
    LocationFactory,
    NeighbourhoodFactory,
    OrganisationPageFactory,
    ServiceFactory,
    SiteFactory,
    SocialMapPageFactory,
    TargetGroupFactory,
    ThemeFactory,
    tree_root,
)
from tests.factories.socialmap import (
    OpeningHoursExceptionFactory,
    OpeningHoursFactory,
)

pytestmark = pytest.mark.django_db

API = "/api/v3/sociale-kaart/organisaties/"
# A Wednesday morning in Amsterdam: "nu open" is decided at this moment.
WEDNESDAY_10 = timezone.make_aware(datetime.datetime(2026, 6, 10, 10, 0))
WEDNESDAY = 2


def organisation(parent, title, *, wijken=(), themes=(), groups=(), **kwargs):
    page = OrganisationPageFactory(parent=parent, title=title, **kwargs)
    page.neighbourhoods.set(wijken)
    page.themes.set(themes)
    page.target_groups.set(groups)
    page.save_revision().publish()
    return page


def location(page, *, postcode, latitude, longitude, hours=(), closed_on=None):
    place = LocationFactory(
        page=page,
        postcode=postcode,
        latitude=Decimal(latitude),
        longitude=Decimal(longitude),
    )
    for weekday, opens, closes in hours:
        OpeningHoursFactory(
            location=place,
            weekday=weekday,
            opens=datetime.time(opens),
            closes=datetime.time(closes),
        )
    if closed_on is not None:
        OpeningHoursExceptionFactory(location=place, date=closed_on, reason="Studiedag")
    return place


@pytest.fixture
def now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: WEDNESDAY_10)
    return WEDNESDAY_10


def _default_site() -> Site:
    """The default site on a fresh home page, as tests/conftest.py's ``site``."""
    home = HomePageFactory(title="Samen Teststad", slug="samen-teststad")
    default = Site.objects.filter(is_default_site=True).first()
    if default is None:
        return SiteFactory(
            hostname="localhost", port=80, root_page=home, is_default_site=True
        )
    old_root_id = default.root_page_id
    default.hostname, default.port, default.root_page = "localhost", 80, home
    default.save()
    Page.objects.filter(pk=old_root_id, depth=2).exclude(pk=home.pk).exclude(
        sites_rooted_here__isnull=False
    ).delete()
    return default


def _build_kaart():
    """Four live organisations of this site, a draft and one of another site.

    Wednesday 10:00 Schuldhulp is open; De Brug has the same hours but a
    studiedag that day; Digitaal is open on Thursdays only; Taalhuis has no
    hours at all.
    """
    site = _default_site()
    other_site = SiteFactory(
        hostname="other.localhost",
        port=80,
        root_page=HomePageFactory(
            parent=tree_root(), title="Samen Anderdorp", slug="samen-anderdorp"
        ),
    )
    centrum = NeighbourhoodFactory(
        site=site, name="Centrum", slug="centrum", postcode_ranges=[("4201", "4203")]
    )
    west = NeighbourhoodFactory(
        site=site, name="West", slug="west", postcode_ranges=[("4204", "4206")]
    )
    wonen = ThemeFactory(name="Wonen", slug="wonen")
    geldzaken = ThemeFactory(name="Geldzaken", slug="geldzaken")
    index = SocialMapPageFactory(parent=site.root_page, slug="sociale-kaart")
    ouderen = TargetGroupFactory(name="Ouderen", slug="ouderen")
    schuldhulp = organisation(
        index, "Schuldhulp Merwestad", wijken=[centrum], themes=[geldzaken]
    )
    ServiceFactory(
        page=schuldhulp,
        name="Schuldhulpverlening",
        support_level=SupportLevel.INDIVIDUAL,
        is_free=False,
    )
    location(
        schuldhulp,
        postcode="4201 AB",
        latitude="51.830000",
        longitude="4.970000",
        hours=[(WEDNESDAY, 9, 17)],
    )
    brug = organisation(
        index, "Buurthuis De Brug", wijken=[west], themes=[wonen], groups=[ouderen]
    )
    ServiceFactory(page=brug, name="Koffieochtend", support_level=SupportLevel.GENERAL)
    ServiceFactory(page=brug, name="Klusjesdienst", support_level=SupportLevel.NETWORK)
    location(
        brug,
        postcode="4205 AB",
        latitude="51.850000",
        longitude="4.990000",
        hours=[(WEDNESDAY, 9, 17)],
        closed_on=WEDNESDAY_10.date(),
    )
    digitaal = organisation(index, "Digitaal Spreekuur", themes=[geldzaken])
    ServiceFactory(
        page=digitaal, name="Hulp met formulieren", support_level=SupportLevel.SELF
    )
    location(
        digitaal,
        postcode="4209 XX",
        latitude="51.950000",
        longitude="5.100000",
        hours=[(WEDNESDAY + 1, 9, 12)],
    )
    taalhuis = organisation(index, "Taalhuis", groups=[ouderen])
    ServiceFactory(page=taalhuis, name="Taalcafé", support_level=SupportLevel.NETWORK)
    for page in (schuldhulp, brug, digitaal, taalhuis):  # index the services too
        page.refresh_from_db()
        page.save_revision().publish()
    draft = OrganisationPageFactory(parent=index, title="Verborgen Schuldhulp")
    draft.unpublish()
    elsewhere = SocialMapPageFactory(
        parent=HomePageFactory(parent=other_site.root_page), slug="kaart-elders"
    )
    organisation(elsewhere, "Schuldhulp Anderdorp", themes=[geldzaken])
    return index


@pytest.fixture(scope="module")
def _kaart_for_the_module(django_db_setup, django_db_blocker):
    """Built once for this module (pages are slow to publish), in a transaction
    rolled back at its end; each test's own changes roll back to a savepoint."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_kaart()
        transaction.set_rollback(True)


@pytest.fixture
def kaart(_kaart_for_the_module, db):
    return _kaart_for_the_module


# Reading the page and the endpoint the same way ---------------------------------


def page_facets(facets) -> dict:
    def choices(values):
        return [
            {
                "slug": value.value,
                "name": str(value.label),
                "count": value.count,
                "chosen": value.chosen,
            }
            for value in values
        ]

    return {
        "wijk": choices(facets.neighbourhoods),
        "thema": choices(facets.themes),
        "doelgroep": choices(facets.target_groups),
        "leefring": choices(facets.support_levels),
        "gratis": facets.free,
        "nu_open": facets.open_now,
    }


def from_page(client, **params):
    response = client.get("/sociale-kaart/", params)
    assert response.status_code == 200
    context = response.context
    return [page.pk for page in context["items"]], page_facets(context["facets"])


def from_api(client, **params):
    response = client.get(API, params)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == len(body["items"])
    return [item["id"] for item in body["items"]], body["facets"]


def titles(ids):
    from socialmap.models import OrganisationPage

    names = dict(OrganisationPage.objects.filter(pk__in=ids).values_list("pk", "title"))
    return [names[pk] for pk in ids]


# What the page is asked, and the same asked of the API.
SAME_QUESTIONS = [
    ({}, {}),
    ({"wijk": "centrum"}, {"wijk": "centrum"}),
    ({"thema": "geldzaken", "wijk": "west"}, {"thema": "geldzaken", "wijk": "west"}),
    ({"doelgroep": "ouderen"}, {"doelgroep": "ouderen"}),
    ({"leefring": "network"}, {"leefring": "network"}),
    ({"gratis": "1"}, {"gratis": "true"}),
    ({"open": "1"}, {"nu_open": "true"}),
    ({"open": "1", "wijk": "west"}, {"nu_open": "true", "wijk": "west"}),
    # "geldzorgen" is nowhere in the texts: the platform's synonyms find it.
    ({"q": "geldzorgen"}, {"q": "geldzorgen"}),
    (
        {"q": "formulieren", "leefring": "self"},
        {"q": "formulieren", "leefring": "self"},
    ),
    ({"postcode": "4205ab"}, {"postcode": "4205ab"}),
    (
        {"postcode": "4201 CD", "sorteer": "afstand"},
        {"postcode": "4201 CD", "sorteer": "afstand"},
    ),
    (
        {"sorteer": "naam", "doelgroep": "ouderen"},
        {"sorteer": "naam", "doelgroep": "ouderen"},
    ),
]


@pytest.mark.parametrize(("page_params", "api_params"), SAME_QUESTIONS)
def test_the_api_finds_what_the_page_finds_with_the_same_counts(
    client, kaart, now, page_params, api_params
):
    page_ids, page_counts = from_page(client, **page_params)
    api_ids, api_counts = from_api(client, **api_params)

    assert api_ids == page_ids
    assert api_counts == page_counts


def test_the_answers_themselves(client, kaart, now):
    """Not only equal to the page, but right: a page that broke would drag the
    endpoint along in the test above."""
    everything, facets = from_api(client)
    by_synonym, _facets = from_api(client, q="geldzorgen")
    open_now, _facets = from_api(client, nu_open="true")
    network, _facets = from_api(client, leefring="network")
    own_wijk_first, _facets = from_api(client, postcode="4205ab")
    nearest_first, _facets = from_api(client, postcode="4201 CD", sorteer="afstand")

    assert titles(everything) == [
        "Digitaal Spreekuur",
        "Buurthuis De Brug",
        "Taalhuis",
        "Schuldhulp Merwestad",
    ]
    assert {choice["slug"]: choice["count"] for choice in facets["wijk"]} == {
        "centrum": 3,
        "west": 3,
    }
    assert {choice["slug"]: choice["count"] for choice in facets["leefring"]} == {
        "self": 1,
        "network": 2,
        "general": 1,
        "individual": 1,
    }
    assert facets["nu_open"] == 1
    assert "Schuldhulp Merwestad" in titles(by_synonym)
    assert titles(open_now) == ["Schuldhulp Merwestad"]
    assert titles(network) == ["Buurthuis De Brug", "Taalhuis"]
    # 4205 AB is in West: De Brug first, then the town-wide offer, then Centrum.
    assert titles(own_wijk_first) == [
        "Buurthuis De Brug",
        "Digitaal Spreekuur",
        "Taalhuis",
        "Schuldhulp Merwestad",
    ]
    # Taalhuis has no coordinates: after those that have.
    assert titles(nearest_first) == [
        "Schuldhulp Merwestad",
        "Buurthuis De Brug",
        "Digitaal Spreekuur",
        "Taalhuis",
    ]


def test_an_item_has_its_links_taxonomies_hours_and_distance(client, kaart, now):
    response = client.get(API, {"postcode": "4205 AB", "q": "klusjesdienst"})

    body = response.json()
    [brug] = body["items"]
    assert body["sort"] == "relevantie"
    assert body["postcode_wijk"]["slug"] == "west"
    assert brug["title"] == "Buurthuis De Brug"
    assert brug["url"] == "http://testserver/sociale-kaart/buurthuis-de-brug/"
    assert brug["api_url"] == f"http://testserver{API}{brug['id']}/"
    assert [wijk["slug"] for wijk in brug["wijken"]] == ["west"]
    assert [group["name"] for group in brug["target_groups"]] == ["Ouderen"]
    # Lightest help first, as on the page.
    assert [service["support_level"] for service in brug["services"]] == [
        "network",
        "general",
    ]
    [place] = brug["locations"]
    assert place["postcode"] == "4205 AB"
    assert place["latitude"] == pytest.approx(51.85)
    assert place["open_now"] is False
    assert brug["open_now"] is False
    assert place["today"] == {
        "date": "2026-06-10",
        "closed": True,
        "hours": [],
        "reason": "Studiedag",
        "is_exception": True,
    }
    # No geocoder in the tests: the postcode lies amid the known locations of 4205.
    assert brug["distance_km"] == pytest.approx(0.0, abs=0.01)


def test_an_open_location_says_until_when(client, kaart, now):
    [schuldhulp] = client.get(API, {"nu_open": "true"}).json()["items"]

    [place] = schuldhulp["locations"]
    assert schuldhulp["open_now"] is True
    assert place["open_now"] is True
    assert place["closes_at"] == "2026-06-10T17:00:00+02:00"
    assert place["today"]["hours"] == [{"opens": "09:00", "closes": "17:00"}]
    assert schuldhulp["distance_km"] is None


def test_paging(client, kaart, now):
    first = client.get(API, {"limit": 2}).json()
    rest = client.get(API, {"limit": 2, "offset": 2}).json()

    assert first["count"] == rest["count"] == 4
    assert titles([item["id"] for item in first["items"] + rest["items"]]) == [
        "Digitaal Spreekuur",
        "Buurthuis De Brug",
        "Taalhuis",
        "Schuldhulp Merwestad",
    ]
    assert client.get(API, {"limit": 101}).status_code == 422


def test_another_sites_organisations_never_appear(client, kaart, now):
    here, here_facets = from_api(client, q="schuldhulp")
    there, there_facets = from_api(client, site="other.localhost", q="schuldhulp")
    everything_there, _facets = from_api(client, site="other.localhost")

    assert "Schuldhulp Anderdorp" not in titles(here)
    assert "Verborgen Schuldhulp" not in titles(here)
    assert titles(there) == titles(everything_there) == ["Schuldhulp Anderdorp"]
    # Wijken are per site; the other site has none.
    assert there_facets["wijk"] == []
    assert here_facets["wijk"] != []


def test_links_point_at_the_site_asked_about(client, kaart, now):
    [item] = client.get(API, {"site": "other.localhost"}).json()["items"]

    assert item["url"].startswith("http://other.localhost/")
    assert item["api_url"] == (
        f"http://testserver{API}{item['id']}/?site=other.localhost"
    )
    assert client.get(item["api_url"]).json()["title"] == "Schuldhulp Anderdorp"


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"thema": "bestaat-niet"}, "thema"),
        ({"wijk": "atlantis"}, "wijk"),
        ({"doelgroep": "marsmannetjes"}, "doelgroep"),
        ({"leefring": "<script>"}, "leefring"),
        ({"postcode": "12345"}, "postcode"),
        ({"sorteer": "afstand"}, "sorteer"),  # by distance needs a postcode
    ],
)
def test_an_unknown_choice_is_a_422_naming_the_parameter(
    client, kaart, params, parameter
):
    response = client.get(API, params)

    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["detail"].startswith(f"{parameter}: ")
    assert [error["loc"] for error in body["errors"]] == [["query", parameter]]


def test_a_postcode_that_is_not_one_gets_a_dutch_message(client, kaart):
    body = client.get(API, {"postcode": "12345"}).json()

    assert "geen Nederlandse postcode" in body["detail"]


def test_an_unknown_site_is_a_404_and_a_malformed_one_a_400(client, kaart):
    assert client.get(API, {"site": "nergens.example"}).status_code == 404
    assert client.get(API, {"site": "localhost:abc"}).status_code == 400


def test_the_detail_of_an_organisation(client, kaart, now):
    brug_id = from_api(client, q="klusjesdienst")[0][0]

    response = client.get(f"{API}{brug_id}/")

    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "Buurthuis De Brug"
    assert "Loop gerust binnen." in body["description"]
    assert body["services"][0]["name"] == "Klusjesdienst"
    assert body["services"][0]["how_to_apply"]
    [place] = body["locations"]
    assert place["week"][WEDNESDAY]["hours"] == [{"opens": "09:00", "closes": "17:00"}]
    assert place["week"][0]["hours"] == []
    assert place["exceptions"] == [
        {"date": "2026-06-10", "closed": True, "hours": [], "reason": "Studiedag"}
    ]


def test_the_detail_of_a_draft_or_another_sites_organisation_is_a_404(client, kaart):
    from socialmap.models import OrganisationPage

    draft = OrganisationPage.objects.get(title="Verborgen Schuldhulp")
    elsewhere = OrganisationPage.objects.get(title="Schuldhulp Anderdorp")

    response = client.get(f"{API}{draft.pk}/")
    assert response.status_code == 404
    assert "Geen gepubliceerde organisatie" in response.json()["detail"]
    assert client.get(f"{API}{elsewhere.pk}/").status_code == 404
    assert client.get(f"{API}{elsewhere.pk}/?site=other.localhost").status_code == 200
    assert client.get(f"{API}99999999999/").status_code == 422


# Query counts --------------------------------------------------------------------


def _more_organisations(index, numbers, *, theme):
    for number in numbers:
        page = OrganisationPageFactory(parent=index, title=f"Extra {number}")
        page.themes.set([theme])
        page.neighbourhoods.set(Neighbourhood.objects.filter(slug="west"))
        page.target_groups.set(TargetGroup.objects.all())
        page.save()
        ServiceFactory(page=page, support_level=SupportLevel.GENERAL)
        ServiceFactory(page=page, support_level=SupportLevel.SELF)
        location(
            page,
            postcode="4201 AB",
            latitude="51.84",
            longitude="4.98",
            hours=[(WEDNESDAY, 9, 17), (WEDNESDAY + 1, 9, 17)],
            closed_on=WEDNESDAY_10.date() + datetime.timedelta(days=1),
        )


QUERY_COUNT_QUESTIONS = [
    {"thema": "sport"},
    {"thema": "sport", "q": "spreekuur", "postcode": "4205 AB"},
    {"thema": "sport", "postcode": "4205 AB", "sorteer": "afstand", "nu_open": "1"},
]


def test_the_number_of_queries_does_not_grow_with_the_organisations(
    client, kaart, now, django_assert_num_queries
):
    """3 and then 30 organisations found (the theme only they have), each with
    services, a location with hours and an exception, wijken and groups."""
    sport = ThemeFactory(name="Sport", slug="sport")
    _more_organisations(kaart, range(3), theme=sport)
    counts = []
    for params in QUERY_COUNT_QUESTIONS:
        client.get(API, params)  # the search index and the caches are filled
        with CaptureQueriesContext(connection) as three:
            assert len(client.get(API, params).json()["items"]) == 3
        counts.append(len(three.captured_queries))

    _more_organisations(kaart, range(3, 30), theme=sport)
    for params, count in zip(QUERY_COUNT_QUESTIONS, counts, strict=True):
        client.get(API, {**params, "limit": 50})
        with django_assert_num_queries(count):
            response = client.get(API, {**params, "limit": 50})
        assert len(response.json()["items"]) == 30


# The OpenAPI description ---------------------------------------------------------


def _untyped(spec, schema, path, seen):
    """Paths of schemas in ``schema`` that say nothing about their type."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name in seen:
            return []
        seen.add(name)
        return _untyped(spec, spec["components"]["schemas"][name], name, seen)
    found = []
    for key in ("anyOf", "oneOf", "allOf"):
        for index, option in enumerate(schema.get(key, [])):
            found += _untyped(spec, option, f"{path}.{key}[{index}]", seen)
    if not any(key in schema for key in ("type", "anyOf", "oneOf", "allOf", "enum")):
        found.append(path)
    for name, value in schema.get("properties", {}).items():
        found += _untyped(spec, value, f"{path}.{name}", seen)
    if isinstance(schema.get("items"), dict):
        found += _untyped(spec, schema["items"], f"{path}[]", seen)
    return found


@pytest.mark.parametrize("path", [API, API + "{organisation_id}/"])
def test_the_openapi_documents_the_operations_typed(client, kaart, path):
    spec = client.get("/api/v3/openapi.json").json()

    operation = spec["paths"][path]["get"]
    parameters = {parameter["name"] for parameter in operation["parameters"]}
    assert {"400", "404", "422"} <= set(operation["responses"])
    ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert _untyped(spec, ok, "200", set()) == []
    if path == API:
        assert {
            "site",
            "q",
            "wijk",
            "thema",
            "doelgroep",
            "leefring",
            "gratis",
            "nu_open",
            "postcode",
            "sorteer",
            "limit",
            "offset",
        } <= parameters
        limit = next(p for p in operation["parameters"] if p["name"] == "limit")
        assert limit["schema"]["maximum"] == 100
