"""A draft in an external front end: a signed token from the admin, valid 30
minutes, that shows the latest revision as the page API shows a page."""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse
from wagtail.models import GroupPagePermission

from editorial.services import communicatie_grant, site_beheerder_grant
from integrations.models import ApiClient
from integrations.preview import preview_token_create
from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db

PREVIEW = "/api/v3/preview/"


def make_user(username, **extra):
    return get_user_model().objects.create_user(
        username,
        f"{username}@example.org",
        password="Lange-zin-met-koffie-2026",
        **extra,
    )


@pytest.fixture
def page(home_page):
    page = ContentPageFactory(
        parent=home_page, title="Afvalkalender", slug="afval", introduction="Oud"
    )
    page.save_revision().publish()
    page.introduction = "Nieuw, nog niet gepubliceerd"
    page.title = "Afvalkalender 2027"
    page.save_revision()
    return page


@pytest.fixture
def editor(site):
    user = make_user("com")
    communicatie_grant(user=user, site=site)
    return user


def test_the_token_shows_the_draft_as_the_page_api_does(client, page, editor):
    token = preview_token_create(page=page, user=editor)
    response = client.get(PREVIEW, {"token": token})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["id"] == page.pk
    assert data["title"] == "Afvalkalender 2027"
    assert data["introduction"] == "Nieuw, nog niet gepubliceerd"
    assert data["meta"]["type"] == "home.ContentPage"
    assert (
        "no-cache" in response["Cache-Control"]
        or "no-store" in response["Cache-Control"]
    )
    # The live page is unchanged.
    live = client.get(f"/api/v3/pages/{page.pk}/")
    assert live.json()["title"] == "Afvalkalender"


def token_made_minutes_ago(monkeypatch, minutes, **kwargs):
    """A token signed as if ``minutes`` ago (the signer's clock, not the test's)."""
    with monkeypatch.context() as patched:
        patched.setattr(
            signing.TimestampSigner,
            "timestamp",
            lambda self: signing.b62_encode(int(time.time()) - minutes * 60),
        )
        return preview_token_create(**kwargs)


def test_a_token_expires_after_30_minutes(client, page, editor, monkeypatch):
    token = token_made_minutes_ago(monkeypatch, 29, page=page, user=editor)
    assert client.get(PREVIEW, {"token": token}).status_code == 200
    token = token_made_minutes_ago(monkeypatch, 31, page=page, user=editor)
    response = client.get(PREVIEW, {"token": token})
    assert response.status_code == 410
    assert response["Content-Type"].startswith("application/problem+json")
    assert "verlopen" in response.json()["detail"]


@pytest.mark.parametrize("token", ["x", "eyJwYWdlIjoxfQ:1abc:def", "a" * 400])
def test_a_bad_token_is_a_401(client, page, token):
    response = client.get(PREVIEW, {"token": token})
    assert response.status_code == 401
    assert "ongeldig" in response.json()["detail"]


def test_a_missing_or_huge_token_is_refused_not_a_500(client, page):
    for response in (client.get(PREVIEW), client.get(PREVIEW, {"token": "a" * 600})):
        assert response.status_code == 422
        assert response.json()["errors"][0]["loc"] == ["query", "token"]


def test_a_token_of_a_deleted_page_is_gone(client, page, editor):
    token = preview_token_create(page=page, user=editor)
    page.delete()
    assert client.get(PREVIEW, {"token": token}).status_code == 410


def test_a_token_stops_when_its_editor_loses_the_page(client, page, editor):
    token = preview_token_create(page=page, user=editor)
    GroupPagePermission.objects.filter(group__in=editor.groups.all()).delete()
    assert client.get(PREVIEW, {"token": token}).status_code == 401


def test_the_admin_makes_the_link_for_each_front_end_of_the_site(
    client, site, other_site, page, editor
):
    ApiClient.objects.create(
        site=site,
        name="Website gemeente",
        key_hash="a" * 64,
        preview_url="https://www.teststad.nl/voorbeeld/?taal=nl",
    )
    ApiClient.objects.create(
        site=other_site,
        name="Andere gemeente",
        key_hash="b" * 64,
        preview_url="https://www.anderdorp.nl/voorbeeld/",
    )
    client.force_login(editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    link = reverse("integrations_preview", args=[page.pk])
    assert link in edit.content.decode()

    response = client.get(link)
    assert response.status_code == 200
    [(name, url)] = response.context["links"]
    assert name == "Website gemeente"
    query = parse_qs(urlsplit(url).query)
    assert query["taal"] == ["nl"]
    token = query["token"][0]
    assert client.get(PREVIEW, {"token": token}).json()["title"] == "Afvalkalender 2027"
    api_url = urlsplit(response.context["api_url"])
    assert api_url.path == "/api/v3/preview/"
    assert parse_qs(api_url.query)["token"] == [token]


def test_who_may_not_edit_the_page_gets_no_preview_link(client, site, page):
    beheerder = make_user("sam")
    site_beheerder_grant(user=beheerder, site=site)
    client.force_login(beheerder)
    response = client.get(reverse("integrations_preview", args=[page.pk]))
    assert response.status_code in (302, 403)


def test_the_openapi_documents_the_preview():
    from buurtplein.api import api

    operation = api.get_openapi_schema()["paths"]["/api/v3/preview/"]["get"]
    assert {"200", "401", "410", "422"} <= {
        str(code) for code in operation["responses"]
    }
    [token] = operation["parameters"]
    assert (token["name"], token["required"]) == ("token", True)
    assert token["schema"]["maxLength"] == 500
