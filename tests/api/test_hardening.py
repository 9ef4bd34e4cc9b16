"""API v3 hardening (buurtplein/api_middleware.py, buurtplein/api_hardening.py).

Every request here was a 500 (or silently wrong) in Wagtail's API v3 before
the middleware: each is answered with a ProblemDetail with a Dutch
``detail``, a wrong token is a 401, a token's page list stays on one site and
links start at the public origin.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from wagtail.models import APIToken, Site

from tests.factories import (
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

PROBLEM_JSON = "application/problem+json"


@pytest.fixture
def anonymous():
    # A 500 comes back as a response to look at, not as an exception.
    return Client(raise_request_exception=False)


def token_client(user) -> Client:
    _token, plaintext = APIToken.create_token(user=user, name="test")
    return Client(
        raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {plaintext}"
    )


@pytest.fixture
def root_user(db):
    return get_user_model().objects.create_superuser("root", "root@example.org")


@pytest.fixture
def root(root_user):
    return token_client(root_user)


@pytest.fixture
def news(site):
    index = NewsIndexPageFactory(parent=site.root_page, title="Nieuws")
    return NewsPageFactory(parent=index, title="Buurtfeest")


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == PROBLEM_JSON
    body = response.json()
    assert body["status"] == status
    assert body["detail"]
    return body


# --- 1. Input Wagtail turned into a 500 ---------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/api/v3/pages/?offset=9223372036854775808",
        "/api/v3/pages/?offset=10000001",
        "/api/v3/redirects/?offset=9223372036854775808",
    ],
)
def test_an_offset_beyond_the_maximum_is_a_422(anonymous, site, url):
    body = assert_problem(anonymous.get(url), 422)
    assert body["detail"] == "Ongeldige invoer."
    assert body["errors"][0]["loc"] == ["query", "offset"]
    assert "hoogstens 10000000" in body["errors"][0]["msg"]


def test_an_offset_within_the_maximum_still_lists(anonymous, news):
    response = anonymous.get("/api/v3/pages/?offset=10000000")
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_an_overflowing_offset_with_a_token_is_a_422(root, news):
    assert_problem(root.get("/api/v3/pages/?offset=9223372036854775808"), 422)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v3/pages/99999999999999999999/",
        "/api/v3/pages/find/?id=99999999999999999999",
        "/api/v3/images/99999999999999999999/",
    ],
)
def test_an_overflowing_id_is_not_found(anonymous, site, url):
    body = assert_problem(anonymous.get(url), 404)
    assert body["detail"] == "Niet gevonden."


@pytest.mark.parametrize(
    "query",
    [
        "site=localhost:abc",
        "site=localhost:abc&html_path=/",
        "site=localhost:99999999999999999999&html_path=/",
        "site=localhost:70000&html_path=/",
        "site=a/b&html_path=/",
    ],
)
def test_a_malformed_site_is_a_400(anonymous, site, query):
    body = assert_problem(anonymous.get(f"/api/v3/pages/find/?{query}"), 400)
    assert body["detail"].startswith("site: verwacht een hostnaam")


def test_a_malformed_site_is_a_400_with_a_token_too(root, site):
    assert_problem(root.get("/api/v3/pages/?site=localhost:abc"), 400)


def test_a_well_formed_site_with_a_port_is_accepted(anonymous, news):
    response = anonymous.get("/api/v3/pages/find/?site=localhost:80&html_path=/")
    assert response.status_code == 302


def test_a_nul_character_in_the_query_is_a_422(anonymous, site):
    body = assert_problem(anonymous.get("/api/v3/pages/?title=a%00b"), 422)
    assert body["errors"][0]["loc"] == ["query", "title"]


def test_a_nul_character_in_the_path_is_a_422(anonymous, site):
    body = assert_problem(anonymous.get("/api/v3/pages/a%00b/"), 422)
    assert body["errors"][0]["loc"] == ["path"]


def test_a_snippet_key_that_is_not_a_number_is_a_400(root, theme):
    # Wagtail types a snippet's pk in the path as a string and hands it to
    # the database as it is.
    body = assert_problem(root.get("/api/v3/snippets/core.Theme/abc/"), 400)
    assert "te groot of ongeldig" in body["detail"]
    assert root.get(f"/api/v3/snippets/core.Theme/{theme.pk}/").status_code == 200


@pytest.mark.parametrize("body", ["[]", '"tekst"', "5", "null"])
def test_a_body_that_is_not_an_object_is_a_422(root, news, body):
    for method, url in (
        ("post", "/api/v3/pages/"),
        ("patch", f"/api/v3/pages/{news.pk}/"),
        ("post", "/api/v3/snippets/core.Theme/"),
    ):
        response = getattr(root, method)(url, body, content_type="application/json")
        problem = assert_problem(response, 422)
        assert problem["errors"] == [
            {"type": "dict_type", "loc": ["body"], "msg": "Verwacht een JSON-object."}
        ]


def test_a_body_that_is_not_json_is_a_400(root, news):
    response = root.patch(
        f"/api/v3/pages/{news.pk}/", "{title", content_type="application/json"
    )
    assert assert_problem(response, 400)["detail"] == "De body is geen geldige JSON."


def test_a_nul_character_in_the_body_is_a_422(root, news):
    response = root.patch(
        f"/api/v3/pages/{news.pk}/",
        {"title": "a\x00b"},
        content_type="application/json",
    )
    assert_problem(response, 422)
    news.refresh_from_db()
    assert news.title == "Buurtfeest"


def test_a_page_id_that_is_not_a_number_is_a_422_on_patch(root, news):
    response = root.patch(
        "/api/v3/pages/null/", {"title": "x"}, content_type="application/json"
    )
    body = assert_problem(response, 422)
    assert body["errors"][0]["loc"] == ["path", "page_id"]


def test_a_snippet_that_breaks_a_unique_constraint_is_a_422(root, site):
    # Wagtail's snippet create drops the fields it cannot write (slug ""),
    # so both an existing "zorg" and an existing "" clash.
    ThemeFactory(name="Zorg", slug="zorg")
    ThemeFactory(name="", slug="")
    response = root.post(
        "/api/v3/snippets/core.Theme/",
        {"name": "Zorg", "slug": "zorg"},
        content_type="application/json",
    )
    assert_problem(response, 422)


def test_a_snippet_without_its_required_site_is_a_422(root, site):
    response = root.post(
        "/api/v3/snippets/core.Neighbourhood/",
        {"name": "Noord"},
        content_type="application/json",
    )
    body = assert_problem(response, 422)
    assert "verplicht veld" in body["detail"]


def test_deleting_a_site_that_is_still_in_use_is_a_409(root, site, other_site):
    # Deleting the site deletes its wijken, and a wijk page protects its wijk.
    NeighbourhoodPageFactory(
        parent=NeighbourhoodIndexPageFactory(parent=other_site.root_page),
        neighbourhood__site=other_site,
    )
    response = root.delete(f"/api/v3/sites/{other_site.pk}/")
    body = assert_problem(response, 409)
    assert "verwijzen er nog naar" in body["detail"]
    assert Site.objects.filter(pk=other_site.pk).exists()


# --- 2. Tokens ----------------------------------------------------------------


def assert_invalid_token(response):
    body = assert_problem(response, 401)
    assert "onbekend, verlopen of ingetrokken" in body["detail"]
    assert response["WWW-Authenticate"] == 'Bearer realm="api", error="invalid_token"'


@pytest.mark.parametrize(
    "header",
    [
        "Bearer wagtail_onzin",
        "Bearer ",
        "bearer " + "wagtail_" + "A" * 40,
        "Bearer " + APIToken.generate_token(),  # well formed, never issued
    ],
    # Fixed ids: a random token in the id would differ between xdist workers.
    ids=["nonsense", "empty", "lowercase-scheme", "well-formed-never-issued"],
)
def test_a_wrong_token_is_a_401_even_on_public_reads(site, header):
    client = Client(HTTP_AUTHORIZATION=header)
    assert_invalid_token(client.get("/api/v3/pages/"))


def test_a_revoked_token_is_a_401(site, root_user):
    token, plaintext = APIToken.create_token(user=root_user, name="oud")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert client.get("/api/v3/whoami/").status_code == 200
    token.revoked_at = timezone.now()
    token.save()
    assert_invalid_token(client.get("/api/v3/whoami/"))
    assert_invalid_token(client.get("/api/v3/pages/"))


def test_a_token_of_an_inactive_user_is_a_401(site, root_user):
    client = token_client(root_user)
    root_user.is_active = False
    root_user.save()
    assert_invalid_token(client.get("/api/v3/pages/"))


def test_a_token_older_than_the_maximum_age_is_a_401(site, root_user, settings):
    settings.BUURTPLEIN_API_TOKEN_MAX_AGE_DAYS = 90
    token, plaintext = APIToken.create_token(user=root_user, name="oud")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert client.get("/api/v3/whoami/").status_code == 200
    APIToken.objects.filter(pk=token.pk).update(
        created=timezone.now() - datetime.timedelta(days=91)
    )
    assert_invalid_token(client.get("/api/v3/whoami/"))


def test_another_scheme_is_anonymous_and_an_anonymous_write_is_a_401(site):
    client = Client(HTTP_AUTHORIZATION="Basic cm9vdDpyb290")
    assert client.get("/api/v3/pages/").status_code == 200
    response = Client().post("/api/v3/pages/", {}, content_type="application/json")
    body = assert_problem(response, 401)
    assert body["detail"] == "Stuur een geldig API-token mee (Authorization: Bearer …)."
    assert response["WWW-Authenticate"].startswith("Bearer")


# --- 3. A token's page list stays on one site ---------------------------------


@pytest.fixture
def two_sites(site, other_site):
    here = NewsPageFactory(
        parent=NewsIndexPageFactory(parent=site.root_page), title="Hier"
    )
    there = NewsPageFactory(
        parent=NewsIndexPageFactory(parent=other_site.root_page), title="Daar"
    )
    draft_there = NewsPageFactory(parent=there.get_parent(), title="Concept daar")
    draft_there.unpublish()
    return here, there, draft_there


def titles(response) -> set[str]:
    assert response.status_code == 200, response.content[:500]
    return {item["title"] for item in response.json()["items"]}


def test_a_token_lists_the_pages_of_the_requested_site_only(root, two_sites):
    here, there, draft_there = two_sites
    listed = titles(root.get("/api/v3/pages/"))
    assert here.title in listed
    assert not {there.title, draft_there.title, "Root"} & listed


def test_the_site_parameter_picks_the_site_of_a_token_list(root, two_sites):
    here, there, draft_there = two_sites
    listed = titles(root.get("/api/v3/pages/?site=other.localhost"))
    # The editor's view of that site: its drafts too.
    assert {there.title, draft_there.title} <= listed
    assert here.title not in listed
    assert titles(root.get("/api/v3/pages/", HTTP_HOST="other.localhost")) == listed


def test_a_token_list_below_a_page_of_another_site_is_a_422(root, two_sites):
    _here, there, _draft = two_sites
    response = root.get(f"/api/v3/pages/?child_of={there.get_parent().pk}")
    body = assert_problem(response, 422)
    assert body["errors"][0]["loc"] == ["child_of"]


def test_a_token_list_child_of_root_is_the_requested_sites_root(root, two_sites):
    _here, there, _draft = two_sites
    listed = titles(root.get("/api/v3/pages/?child_of=root&site=other.localhost"))
    assert listed == {there.get_parent().title}


def test_an_unknown_site_in_a_token_list_is_a_404(root, two_sites):
    assert_problem(root.get("/api/v3/pages/?site=nergens.example"), 404)


def test_anonymous_lists_stay_live_pages_of_the_requested_site(anonymous, two_sites):
    here, there, draft_there = two_sites
    listed = titles(anonymous.get("/api/v3/pages/"))
    assert here.title in listed
    assert not {there.title, draft_there.title} & listed


# --- 5. Links from the public origin ------------------------------------------


def test_links_start_at_the_origin_of_the_request(anonymous, news, settings):
    settings.BUURTPLEIN_API_BASE_URL = ""
    response = anonymous.get(f"/api/v3/pages/{news.pk}/", HTTP_HOST="localhost:8000")
    meta = response.json()["meta"]
    assert meta["detail_url"] == f"http://localhost:8000/api/v3/pages/{news.pk}/"
    assert meta["html_url"] == "http://localhost:8000/nieuws/buurtfeest/"
    assert meta["parent"]["meta"]["html_url"] == "http://localhost:8000/nieuws/"


def test_links_start_at_the_configured_base_url(anonymous, news, settings):
    settings.BUURTPLEIN_API_BASE_URL = "https://samen.example.nl"
    listing = anonymous.get("/api/v3/pages/").json()["items"]
    assert listing
    for item in listing:
        assert item["meta"]["detail_url"].startswith("https://samen.example.nl/api/v3/")
        assert item["meta"]["html_url"].startswith("https://samen.example.nl/")
    response = anonymous.get(f"/api/v3/pages/{news.pk}/")
    assert response.json()["meta"]["html_url"] == (
        "https://samen.example.nl/nieuws/buurtfeest/"
    )


def test_links_in_a_write_response_start_at_the_base_url(root, news, settings):
    settings.BUURTPLEIN_API_BASE_URL = "https://samen.example.nl"
    response = root.post(
        "/api/v3/pages/",
        {
            "meta": {"type": "news.NewsPage", "parent_id": news.get_parent().pk},
            "title": "Rommelmarkt",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["meta"]["detail_url"].startswith(
        "https://samen.example.nl/api/v3/pages/"
    )


def test_links_to_another_sites_pages_keep_that_sites_origin(root, two_sites, settings):
    settings.BUURTPLEIN_API_BASE_URL = "https://samen.example.nl"
    _here, there, _draft = two_sites
    response = root.get(f"/api/v3/pages/{there.pk}/")
    meta = response.json()["meta"]
    assert meta["detail_url"].startswith("https://samen.example.nl/api/v3/pages/")
    assert meta["html_url"].startswith("http://other.localhost/")


# --- The OpenAPI description ----------------------------------------------------


def test_the_openapi_documents_the_errors_and_bounds(anonymous, site):
    schema = anonymous.get("/api/v3/openapi.json").json()
    listing = schema["paths"]["/api/v3/pages/"]["get"]
    for status in ("400", "401", "403", "404", "422"):
        content = listing["responses"][status]["content"]
        assert content == {
            PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/ProblemDetail"}}
        }
    assert "409" in schema["paths"]["/api/v3/sites/{site_id}/"]["delete"]["responses"]
    parameters = {parameter["name"]: parameter for parameter in listing["parameters"]}
    assert parameters["offset"]["schema"]["maximum"] == 10_000_000
    assert parameters["limit"]["schema"]["maximum"] == 100
    site_schemas = parameters["site"]["schema"]["anyOf"]
    assert any("pattern" in option for option in site_schemas)
    components = schema["components"]["schemas"]
    errors = components["ProblemDetail"]["properties"]["errors"]["anyOf"][0]
    assert errors["items"] == {"$ref": "#/components/schemas/ProblemError"}
    assert components["ProblemError"]["properties"]["msg"] == {
        "type": "string",
        "description": "Wat er mis is.",
    }
    assert "WWW-Authenticate" in listing["responses"]["401"]["headers"]
    assert "ETag" in listing["responses"]["200"]["headers"]


def test_the_openapi_leaves_out_operations_no_request_can_reach(anonymous, site):
    paths = anonymous.get("/api/v3/openapi.json").json()["paths"]
    assert "/api/v3/snippets/{type}/{pk}/actions/publish/" not in paths
    assert "/api/v3/snippets/{type}/{pk}/revisions/" not in paths
    assert "get" in paths["/api/v3/snippets/{type}/{pk}/"]
