"""Each platform's own word for its areas: "wijk" in a town, "dorp" in a
municipality of villages (PlatformSettings.area_term, ``{{ area_word }}``)."""

import re
from html import unescape

import pytest

from core.forms import SuggestionForm
from core.models import PlatformSettings
from tests.antispam import human_post_data
from tests.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db

VILLAGE = "other.localhost"


def main_text(response) -> str:
    html = response.content.decode()
    main = re.search(r"<main[^>]*>(.*?)</main>", html, re.S)
    text = re.sub(r"<[^>]+>", " ", main[1] if main else html)
    return " ".join(unescape(text).split())


@pytest.fixture
def village(other_site):
    settings = PlatformSettings.for_site(other_site)
    settings.area_term = "dorp"
    settings.save()
    NeighbourhoodFactory(
        site=other_site, name="Arkelveen", slug="arkelveen", postcode_ranges=[]
    )
    return other_site


def test_a_village_platform_asks_for_your_village(client, village):
    response = client.get("/mijn-wijk/", HTTP_HOST=VILLAGE)

    text = main_text(response)
    assert "<title>Kies je dorp |" in response.content.decode()
    for words in (
        "Kies je dorp",
        "Of kies je dorp",
        "Alle dorpen\u2019 als je alles wilt zien. Dan vergeten we je dorp.",
        "kies je dorp uit de lijst",
        "Bewaar mijn dorp",
    ):
        assert words in text
    assert re.findall(
        r"<option[^>]*>([^<]+)</option>",
        re.search(
            r'<select name="neighbourhood".*?</select>', response.content.decode(), re.S
        )[0],
    ) == [
        "Alle dorpen",
        "Arkelveen",
    ]
    assert "wijk" not in text.lower()
    area_word = response.context["area_word"]
    assert (str(area_word), area_word.plural, area_word.the, area_word.which) == (
        "dorp",
        "dorpen",
        "het dorp",
        "welk dorp",
    )


def test_a_town_keeps_its_wijken(client, village, neighbourhood):
    text = main_text(client.get("/mijn-wijk/"))

    assert "Kies je wijk" in text and "Bewaar mijn wijk" in text
    assert "dorp" not in text


def test_errors_use_the_word_too(client, village):
    response = client.post(
        "/mijn-wijk/", {"postcode": "9999 ZZ", "next": "/"}, HTTP_HOST=VILLAGE
    )

    assert response.status_code == 400
    assert "We vinden geen dorp bij deze postcode. Kies je dorp uit de lijst." in (
        main_text(response)
    )


def test_the_tip_form_asks_which_village(client, village):
    text = main_text(client.get("/tip/", HTTP_HOST=VILLAGE))
    assert "In welk dorp?" in text

    data = {
        "kind": "activiteit",
        "title": "Koffie",
        "description": "Elke week.",
        "neighbourhood": "999999",
    }
    response = client.post(
        "/tip/", human_post_data(SuggestionForm, data), HTTP_HOST=VILLAGE
    )
    assert "Kies een dorp uit de lijst." in main_text(response)
