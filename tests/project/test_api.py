"""Every page type is reachable as data through Wagtail's API v3."""

import datetime
import json

import pytest
from django.utils import timezone

from tests.factories import HomePageHighlightFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def test_every_page_type_is_listed_and_detailed(client, tree):
    for label, page in tree.items():
        listing = client.get("/api/v3/pages/", {"type": label})
        assert listing.status_code == 200, label
        assert [item["id"] for item in listing.json()["items"]] == [page.pk], label

        detail = client.get(f"/api/v3/pages/{page.pk}/")
        assert detail.status_code == 200, label
        data = detail.json()
        assert data["meta"]["type"] == label
        assert data["title"] == page.title


def test_detail_carries_the_api_fields(client, tree, neighbourhood, theme):
    organisation = client.get(
        f"/api/v3/pages/{tree['socialmap.OrganisationPage'].pk}/"
    ).json()
    assert [service["name"] for service in organisation["services"]] == [
        "Formulierenhulp"
    ]
    assert organisation["services"][0]["is_free"] is True
    [location] = organisation["locations"]
    assert location["name"] == "Het Trefpunt"
    assert location["hours"] == [{"weekday": 0, "opens": "09:00", "closes": "17:00"}]
    assert organisation["themes"] == [
        {"id": theme.pk, "name": "Wonen", "slug": "wonen"}
    ]

    news = client.get(f"/api/v3/pages/{tree['news.NewsPage'].pk}/").json()
    assert news["neighbourhoods"] == [
        {"id": neighbourhood.pk, "name": "Centrum", "slug": "centrum"}
    ]

    event = client.get(f"/api/v3/pages/{tree['agenda.EventPage'].pk}/").json()
    assert event["repetition"] == "weekly"
    assert event["start"]

    wijk = client.get(
        f"/api/v3/pages/{tree['neighbourhoods.NeighbourhoodPage'].pk}/"
    ).json()
    assert [connector["name"] for connector in wijk["public_connectors"]] == ["Anouk"]
    assert "connectors" not in wijk  # only those who consented are exposed


def test_streamfield_images_come_with_a_rendition(client, tree):
    guide = client.get(f"/api/v3/pages/{tree['home.ContentPage'].pk}/").json()
    heading, image = guide["body"]
    assert heading["type"] == "heading"
    assert heading["value"] == {"text": "Hulp bij je post", "level": "h2"}
    assert image["type"] == "image"
    assert image["value"]["image"]["alt"] == "Mensen op het plein"
    rendition = image["value"]["image"]["rendition"]
    assert rendition["url"].startswith("/media/images/")
    # fill-1200x675 crops to 16:9 without enlarging a smaller original
    assert rendition["width"] <= 1200
    assert abs(rendition["width"] / rendition["height"] - 16 / 9) < 0.02


def test_unpublished_page_is_not_in_the_api(client, tree):
    draft = NewsPageFactory(parent=tree["news.NewsIndexPage"], title="Nog geheim")
    draft.unpublish()

    listing = client.get("/api/v3/pages/", {"type": "news.NewsPage"})
    titles = [item["title"] for item in listing.json()["items"]]
    assert "Nog geheim" not in titles
    assert titles == ["Nieuwe bankjes"]
    assert client.get(f"/api/v3/pages/{draft.pk}/").status_code == 404


def test_openapi_description_names_every_page_type(client, tree):
    response = client.get("/api/v3/openapi.json")
    assert response.status_code == 200
    schemas = response.json()["components"]["schemas"]
    for label in tree:
        model_name = label.split(".")[1]
        assert f"{model_name}Schema" in schemas, label


def test_wijk_page_names_its_wijk(client, tree, neighbourhood):
    wijk = client.get(
        f"/api/v3/pages/{tree['neighbourhoods.NeighbourhoodPage'].pk}/"
    ).json()

    assert wijk["neighbourhood"] == {
        "id": neighbourhood.pk,
        "name": "Centrum",
        "slug": "centrum",
    }


def test_vacancy_contact_disappears_once_closed(client, tree):
    vacancy = tree["vacancies.VacancyPage"]
    vacancy.contact_name = "Petra"
    vacancy.contact_email = "petra@example.org"
    vacancy.save_revision().publish()
    url = f"/api/v3/pages/{vacancy.pk}/"

    assert client.get(url).json()["contact"] == {
        "name": "Petra",
        "email": "petra@example.org",
        "phone": vacancy.contact_phone,
    }

    vacancy.closing_date = timezone.localdate() - datetime.timedelta(days=1)
    vacancy.save_revision().publish()
    data = client.get(url).json()

    assert data["contact"] is None
    assert "petra@example.org" not in json.dumps(data)


def test_home_page_highlights_only_live_pages(client, tree):
    home = tree["home.HomePage"]
    guide = tree["home.ContentPage"]
    draft = NewsPageFactory(parent=tree["news.NewsIndexPage"], title="Concept")
    draft.unpublish()
    HomePageHighlightFactory(page=home, highlighted_page=guide, title="")
    HomePageHighlightFactory(page=home, highlighted_page=draft, title="Verborgen")

    data = client.get(f"/api/v3/pages/{home.pk}/").json()

    assert [(item["id"], item["title"]) for item in data["highlighted_pages"]] == [
        (guide.pk, "Geldzaken")
    ]
