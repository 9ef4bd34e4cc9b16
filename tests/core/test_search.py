"""Every search — the API, the admin, the site — survives any query text."""

import pytest
from django.contrib.auth import get_user_model

from socialmap.models import Service
from tests.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)

pytestmark = pytest.mark.django_db

HOSTILE_QUERIES = ['"', "'", '"buurt', "a\x00b", "(", "*", "NEAR(", "-", "  "]


@pytest.fixture
def news(home_page):
    index = NewsIndexPageFactory(parent=home_page)
    return NewsPageFactory(parent=index, title="Buurtkoffie", introduction="koffie")


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_api_search_never_fails(client, news, query):
    response = client.get("/api/v3/pages/", {"search": query})

    if "\x00" in query:
        # A NUL character is refused before any search, with a clear message
        # (buurtplein/api_hardening.py): PostgreSQL cannot take it.
        assert response.status_code == 422
        assert response["Content-Type"] == "application/problem+json"
        assert "NUL" in response.json()["detail"] + str(response.json()["errors"])
    else:
        assert response.status_code == 200


def test_api_search_still_finds_with_punctuation_around_the_word(client, news):
    response = client.get("/api/v3/pages/", {"search": '"Buurtkoffie"!'})

    assert [item["title"] for item in response.json()["items"]] == ["Buurtkoffie"]


@pytest.mark.parametrize(
    "path", ["/admin/pages/search/", "/admin/images/", "/admin/snippets/core/theme/"]
)
@pytest.mark.parametrize("query", ['"', "a\x00b"])
def test_admin_search_boxes_never_fail(client, news, path, query):
    admin = get_user_model().objects.create_superuser("zoeker", "z@example.org", "x")
    client.force_login(admin)

    response = client.get(path, {"q": query})

    assert response.status_code == 200


def test_a_service_published_with_its_organisation_is_found(client, home_page):
    organisation = OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=home_page), title="Buurthuis De Brug"
    )
    organisation.services.add(Service(name="Schuldhulpmaatje"))
    organisation.save_revision().publish()

    response = client.get("/zoeken/", {"q": "Schuldhulpmaatje"})

    assert "Buurthuis De Brug" in response.content.decode()
