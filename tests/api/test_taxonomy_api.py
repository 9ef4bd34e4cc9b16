"""The public taxonomies in the API v3: wijken, postcode → wijk, themes, target
groups (neighbourhoods/api.py). Anonymous, per site, typed."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import (
    NeighbourhoodFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    TargetGroupFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

PROBLEM_JSON = "application/problem+json"
HOST = {"HTTP_HOST": "localhost"}


@pytest.fixture
def wijk_index(home_page):
    return NeighbourhoodIndexPageFactory(parent=home_page)


@pytest.fixture
def centrum_page(wijk_index, neighbourhood):
    return NeighbourhoodPageFactory(
        parent=wijk_index, neighbourhood=neighbourhood, slug="centrum"
    )


@pytest.fixture
def elsewhere(other_site):
    """A wijk of the other platform, with its own postcodes and one shared."""
    return NeighbourhoodFactory(
        site=other_site,
        name="Elders",
        slug="elders",
        postcode_ranges=[("5000", "5001"), ("4202", "4202")],
    )


def get(client, url, **extra):
    return client.get(url, **{**HOST, **extra})


def assert_problem(response, status: int, words: str) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM_JSON
    body = response.json()
    assert body["status"] == status
    assert words in body["detail"]
    return body


# Wijken


def test_wijken_are_public_by_name_with_postcodes_and_page(
    client, centrum_page, neighbourhood, other_neighbourhood, elsewhere
):
    NeighbourhoodFactory(
        site=neighbourhood.site, name="Aan de Dijk", slug="aan-de-dijk"
    )

    response = get(client, "/api/v3/wijken/")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [item["slug"] for item in body["items"]] == [
        "aan-de-dijk",
        "centrum",
        "west",
    ]
    centrum = body["items"][1]
    assert centrum == {
        "id": neighbourhood.pk,
        "name": "Centrum",
        "slug": "centrum",
        "cbs_code": "",
        "url": "http://localhost/wijken/centrum/",
        "api_url": "http://localhost/api/v3/wijken/centrum/",
        "postcode_ranges": [{"from": "4201AA", "to": "4203ZZ"}],
    }
    # No wijk page (West) or a draft one: no link.
    assert body["items"][2]["url"] is None
    assert body["items"][0]["postcode_ranges"] == []


def test_a_draft_wijk_page_is_no_link(client, wijk_index, neighbourhood):
    NeighbourhoodPageFactory(parent=wijk_index, neighbourhood=neighbourhood, live=False)

    body = get(client, "/api/v3/wijken/").json()

    assert body["items"][0]["url"] is None


def test_a_token_is_not_needed_and_a_session_adds_nothing(
    client, django_user_model, neighbourhood
):
    anonymous = Client(HTTP_HOST="localhost")
    assert anonymous.get("/api/v3/wijken/").status_code == 200
    client.force_login(django_user_model.objects.create_superuser("root", "", "pw"))
    assert get(client, "/api/v3/wijken/").json()["count"] == 1


def test_another_sites_wijken_never_appear(
    client, neighbourhood, other_neighbourhood, elsewhere
):
    own = get(client, "/api/v3/wijken/").json()
    other = get(client, "/api/v3/wijken/?site=other.localhost").json()
    by_host = client.get("/api/v3/wijken/", HTTP_HOST="other.localhost").json()

    assert {item["slug"] for item in own["items"]} == {"centrum", "west"}
    assert [item["slug"] for item in other["items"]] == ["elders"]
    assert [item["slug"] for item in by_host["items"]] == ["elders"]
    # Named by ?site=: the API link keeps it, so it leads to the same wijk.
    assert other["items"][0]["api_url"] == (
        "http://localhost/api/v3/wijken/elders/?site=other.localhost"
    )
    assert by_host["items"][0]["api_url"] == (
        "http://other.localhost/api/v3/wijken/elders/"
    )
    assert get(client, "/api/v3/wijken/elders/").status_code == 404


def test_a_page_link_of_another_site_named_by_site_is_on_that_site(
    client, other_site, elsewhere
):
    index = NeighbourhoodIndexPageFactory(parent=other_site.root_page)
    NeighbourhoodPageFactory(parent=index, neighbourhood=elsewhere, slug="elders")

    item = get(client, "/api/v3/wijken/?site=other.localhost").json()["items"][0]

    assert item["url"] == "http://other.localhost/wijken/elders/"


def test_links_start_with_the_configured_base_url(client, settings, centrum_page):
    settings.BUURTPLEIN_API_BASE_URL = "https://samen.example.nl"

    item = get(client, "/api/v3/wijken/centrum/").json()

    assert item["url"] == "https://samen.example.nl/wijken/centrum/"
    assert item["api_url"] == "https://samen.example.nl/api/v3/wijken/centrum/"


def test_wijk_detail(client, centrum_page, neighbourhood):
    response = get(client, "/api/v3/wijken/centrum/")

    assert response.status_code == 200
    assert response.json()["id"] == neighbourhood.pk
    assert response.json()["postcode_ranges"] == [{"from": "4201AA", "to": "4203ZZ"}]


def test_unknown_wijk_is_a_dutch_404(client, neighbourhood):
    body = assert_problem(get(client, "/api/v3/wijken/nergens/"), 404, "geen wijk")
    assert "'nergens'" in body["detail"]


@pytest.mark.parametrize(
    ("query", "status"),
    [("?site=nergens.localhost", 404), ("?site=localhost:abc", 400)],
)
def test_an_unknown_or_malformed_site_is_a_problem(client, site, query, status):
    for path in ("wijken/", "wijken/centrum/", "postcodes/4201/", "themas/"):
        response = get(client, f"/api/v3/{path}{query}")
        assert response.status_code == status, path
        assert response["Content-Type"] == PROBLEM_JSON


# Postcode → wijk


POSTCODES_IN_WIJKEN = [
    ("4202 AB", "centrum", "4202 AB"),
    ("4202AB", "centrum", "4202 AB"),
    ("4202ab", "centrum", "4202 AB"),
    (" 4202 ab ", "centrum", "4202 AB"),
    ("4202", "centrum", "4202"),
    ("4201 AA", "centrum", "4201 AA"),
    ("4203 ZZ", "centrum", "4203 ZZ"),
    ("4204 aa", "west", "4204 AA"),
    ("4206", "west", "4206"),
]


def postcode_url(postcode: str) -> str:
    return reverse("wagtailapi_v3:postcode_neighbourhood", args=[postcode])


def test_postcode_finds_its_wijk(client, neighbourhood, other_neighbourhood, elsewhere):
    for postcode, slug, written in POSTCODES_IN_WIJKEN:
        response = get(client, postcode_url(postcode))

        assert response.status_code == 200, postcode
        body = response.json()
        assert body["postcode"] == written
        assert body["neighbourhood"]["slug"] == slug
        assert body["neighbourhood"]["postcode_ranges"]


def test_a_postcode_with_a_space_in_the_address_bar(client, neighbourhood):
    assert get(client, "/api/v3/postcodes/4202%20AB/").json()["postcode"] == "4202 AB"


def test_postcode_of_the_other_site(client, neighbourhood, elsewhere):
    """4202 is in a wijk of both platforms: each answers with its own."""
    own = get(client, "/api/v3/postcodes/4202/").json()
    other = get(client, "/api/v3/postcodes/4202/?site=other.localhost").json()

    assert own["neighbourhood"]["slug"] == "centrum"
    assert other["neighbourhood"]["slug"] == "elders"
    assert_problem(get(client, "/api/v3/postcodes/5000/"), 404, "geen wijk")


def test_a_postcode_outside_the_wijken_is_a_dutch_404(client, neighbourhood):
    for postcode in ["9999 AA", "9999", "1000", "4200 ZZ", "4204"]:
        body = assert_problem(
            get(client, postcode_url(postcode)),
            404,
            "hoort bij geen wijk van dit platform",
        )
        assert postcode in body["detail"]


NO_POSTCODES = ["abcd", "0123 AB", "12345", "4202 A", "4202 ABC", "42", "4202-AB"]


def test_no_postcode_is_a_dutch_422(client, neighbourhood):
    for postcode in [*NO_POSTCODES, "x" * 300, "4202 AB" + " " * 10]:
        body = assert_problem(
            get(client, postcode_url(postcode)), 422, "geen Nederlandse postcode"
        )
        assert body["errors"] == [
            {"type": "postcode", "loc": ["path", "postcode"], "msg": body["detail"]}
        ]


# Themes and target groups


def test_themes_and_target_groups(client, site, theme, other_theme):
    ThemeFactory(name="Zorg", slug="zorg", description="Hulp en zorg thuis.")
    TargetGroupFactory(name="Ouderen", slug="ouderen")
    TargetGroupFactory(name="Jongeren", slug="jongeren")

    themes = get(client, "/api/v3/themas/").json()
    groups = get(client, "/api/v3/doelgroepen/").json()

    assert themes["count"] == 3
    assert [item["slug"] for item in themes["items"]] == ["geldzaken", "wonen", "zorg"]
    assert themes["items"][2] == {
        "id": themes["items"][2]["id"],
        "name": "Zorg",
        "slug": "zorg",
        "description": "Hulp en zorg thuis.",
    }
    assert groups == {
        "count": 2,
        "items": [
            {"id": groups["items"][0]["id"], "name": "Jongeren", "slug": "jongeren"},
            {"id": groups["items"][1]["id"], "name": "Ouderen", "slug": "ouderen"},
        ],
    }


# Queries: the same for 3 and 30 items


def _grow(site, wijk_index, count: int, start: int) -> None:
    for number in range(start, start + count):
        wijk = NeighbourhoodFactory(
            site=site,
            name=f"Wijk {number:03}",
            slug=f"wijk-{number:03}",
            postcode_ranges=[(f"{5000 + 2 * number}", f"{5001 + 2 * number}")],
        )
        NeighbourhoodPageFactory(parent=wijk_index, neighbourhood=wijk)
        ThemeFactory(name=f"Thema {number:03}", slug=f"thema-{number:03}")
        TargetGroupFactory(name=f"Groep {number:03}", slug=f"groep-{number:03}")


# The site (1), the view restrictions of public() (1), the wijken, their
# postcode ranges and their pages (3); themes and groups: the site and one list.
LIST_QUERIES = {"wijken": 5, "themas": 2, "doelgroepen": 2}


def test_list_queries_do_not_grow(client, site, wijk_index, django_assert_num_queries):
    def assert_queries(count: int) -> None:
        for path, queries in LIST_QUERIES.items():
            url = f"/api/v3/{path}/"
            get(client, url)  # warm the site and root-path caches
            with django_assert_num_queries(queries):
                assert get(client, url).json()["count"] == count, path

    _grow(site, wijk_index, 3, 0)
    assert_queries(3)
    _grow(site, wijk_index, 27, 3)
    assert_queries(30)


# OpenAPI


OPERATIONS = {
    "/api/v3/wijken/": "neighbourhoods_list",
    "/api/v3/wijken/{slug}/": "neighbourhoods_detail",
    "/api/v3/postcodes/{postcode}/": "postcodes_neighbourhood",
    "/api/v3/themas/": "themes_list",
    "/api/v3/doelgroepen/": "target_groups_list",
}


def untyped(schema: dict, components: dict, where: str, seen: set) -> list[str]:
    """Places in ``schema`` without a precise type: ``{}``, an object without
    properties, an array without item type."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        if name in seen:
            return []
        seen.add(name)
        return untyped(components[name], components, name, seen)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            return [
                problem
                for index, option in enumerate(schema[key])
                for problem in untyped(option, components, f"{where}[{index}]", seen)
            ]
    kind = schema.get("type")
    if kind is None and "enum" not in schema and "const" not in schema:
        return [where]
    if kind == "object":
        properties = schema.get("properties")
        if not properties or schema.get("additionalProperties") not in (None, False):
            return [where]
        return [
            problem
            for name, prop in properties.items()
            for problem in untyped(prop, components, f"{where}.{name}", seen)
        ]
    if kind == "array":
        return untyped(schema.get("items", {}), components, f"{where}[]", seen)
    return []


def test_openapi_types_every_response_field_and_documents_errors(client, site):
    spec = client.get("/api/v3/openapi.json").json()
    components = spec["components"]["schemas"]

    for path, operation_id in OPERATIONS.items():
        operation = spec["paths"][path]["get"]
        assert operation["operationId"] == operation_id
        assert operation["description"]
        assert {"200", "400", "404", "422"} <= set(operation["responses"]), path
        success = operation["responses"]["200"]["content"]["application/json"]
        assert untyped(success["schema"], components, path, set()) == [], path
        for status in ("400", "404", "422"):
            error = operation["responses"][status]["content"]["application/json"]
            assert error["schema"]["$ref"].endswith("/ProblemDetail")

    postcode = spec["paths"]["/api/v3/postcodes/{postcode}/"]["get"]["parameters"][0]
    assert postcode["schema"]["pattern"]
    ranges = components["NeighbourhoodPostcodeRange"]
    assert set(ranges["required"]) == {"from", "to"}
    assert ranges["properties"]["from"]["pattern"] == r"^[1-9]\d{3}[A-Z]{2}$"

    # The documented postcode pattern is what the endpoint accepts.
    pattern = re.compile(postcode["schema"]["pattern"])
    for value in [code for code, _slug, _written in POSTCODES_IN_WIJKEN] + NO_POSTCODES:
        status = get(client, postcode_url(value)).status_code
        assert (status != 422) == bool(pattern.match(value)), value
