"""Conditional GET and caching headers on the API (buurtplein/api_middleware.py).

Anonymous public GETs under /api/v3/ and /api/hsds/ carry a strong ETag (a
hash of the body), ``Cache-Control: public, max-age=60`` and ``Vary: Origin,
Authorization``; a matching ``If-None-Match`` is a 304 without a body. With a
token nothing may be stored: ``Cache-Control: private, no-store``.
"""

import hashlib

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import APIToken

from tests.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_index(site):
    index = NewsIndexPageFactory(parent=site.root_page, title="Nieuws")
    NewsPageFactory(parent=index, title="Buurtfeest")
    return index


@pytest.fixture
def token_header(db) -> dict:
    user = get_user_model().objects.create_superuser("root", "root@example.org")
    _token, plaintext = APIToken.create_token(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}


def vary(response) -> set[str]:
    return {part.strip().lower() for part in response.get("Vary", "").split(",")}


@pytest.mark.parametrize(
    "url", ["/api/v3/pages/", "/api/v3/openapi.json", "/api/hsds/services"]
)
def test_an_anonymous_get_has_a_strong_etag_and_public_caching(client, news_index, url):
    response = client.get(url)
    assert response.status_code == 200
    digest = hashlib.sha256(response.content).hexdigest()[:40]
    assert response["ETag"] == f'"{digest}"'  # strong: no W/ prefix
    assert response["Cache-Control"] == "public, max-age=60"
    assert {"origin", "authorization"} <= vary(response)


@pytest.mark.parametrize("url", ["/api/v3/pages/", "/api/hsds/services"])
def test_a_matching_if_none_match_is_a_304_without_a_body(client, news_index, url):
    etag = client.get(url)["ETag"]
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"] == "public, max-age=60"
    other = client.get(url, HTTP_IF_NONE_MATCH='"iets-anders", ' + etag)
    assert other.status_code == 304


def test_a_stale_etag_gets_the_new_body(client, news_index):
    etag = client.get("/api/v3/pages/")["ETag"]
    NewsPageFactory(parent=news_index, title="Rommelmarkt")
    response = client.get("/api/v3/pages/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert "Rommelmarkt" in {item["title"] for item in response.json()["items"]}


def test_with_a_token_nothing_is_stored_and_never_a_304(
    client, news_index, token_header
):
    anonymous_etag = client.get("/api/v3/pages/")["ETag"]
    response = client.get(
        "/api/v3/pages/", HTTP_IF_NONE_MATCH=anonymous_etag, **token_header
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert not response.has_header("ETag")
    assert {"origin", "authorization"} <= vary(response)
    whoami = client.get("/api/v3/whoami/", **token_header)
    assert whoami["Cache-Control"] == "private, no-store"


def test_errors_and_writes_get_no_etag(client, news_index, token_header):
    missing = client.get("/api/v3/pages/99999/")
    assert missing.status_code == 404
    assert not missing.has_header("ETag")
    assert missing.get("Cache-Control", "") != "public, max-age=60"
    written = Client(**token_header).post(
        "/api/v3/pages/", {}, content_type="application/json"
    )
    assert written.status_code == 422
    assert not written.has_header("ETag")


def test_pages_outside_the_api_are_left_alone(client, news_index):
    response = client.get("/nieuws/")
    assert response.status_code == 200
    assert not response.has_header("ETag")
