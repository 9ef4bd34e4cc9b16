"""Name suggestions for the sociale kaart's search box: typos forgiven.

The matching is unit-tested on names alone; the JSON route and the "Bedoel je
misschien" list on an empty result are tested over HTTP; the box itself in
the browser (``test_suggestions_browser.py``).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from socialmap.suggestions import organisation_name_matches
from tests.factories import (
    HomePageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)

NAMES = {
    1: "Buurthuis De Brug",
    2: "Schuldhulp Merwestad",
    3: "Digitaal Spreekuur",
    4: "Taalhuis",
    5: "Welzijn Merwestad",
    6: "Voedselbank Merwestad",
    7: "Stichting Spreekbuis",
}


def names_for(query: str, **kwargs) -> list[str]:
    return [
        NAMES[key]
        for key in organisation_name_matches(query=query, names=NAMES, **kwargs)
    ]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("taalhuys", ["Taalhuis"]),
        ("schludhulp", ["Schuldhulp Merwestad"]),
        ("welzjin", ["Welzijn Merwestad"]),
        ("VOEDSELBANK", ["Voedselbank Merwestad"]),
        ("buurthuis de burg", ["Buurthuis De Brug"]),
    ],
)
def test_a_typo_still_finds_the_name(typed, expected):
    assert names_for(typed) == expected


def test_names_with_a_word_starting_with_the_query_come_first_alphabetically():
    assert names_for("spreek") == ["Digitaal Spreekuur", "Stichting Spreekbuis"]
    assert names_for("merwe") == [
        "Schuldhulp Merwestad",
        "Voedselbank Merwestad",
        "Welzijn Merwestad",
    ]


def test_short_queries_match_prefixes_only_and_nonsense_matches_nothing():
    assert names_for("sp") == ["Digitaal Spreekuur", "Stichting Spreekbuis"]
    assert names_for("hu") == []  # starts no word; too short to guess
    assert names_for("s") == []
    assert names_for("   ") == []
    assert names_for("xqzwv") == []
    assert names_for('"<script>') == []


def test_part_of_a_word_finds_it_after_the_word_starts():
    assert names_for("huis") == [
        "Buurthuis De Brug",
        "Taalhuis",
        "Stichting Spreekbuis",
    ]
    assert names_for("stad") == [
        "Schuldhulp Merwestad",
        "Welzijn Merwestad",
        "Voedselbank Merwestad",
    ]


def test_the_limit_holds():
    assert names_for("merwe", limit=2) == [
        "Schuldhulp Merwestad",
        "Voedselbank Merwestad",
    ]


@pytest.fixture
def kaart(site, other_site):
    index = SocialMapPageFactory(parent=site.root_page, slug="sociale-kaart")
    for title in ("Taalhuis", "Schuldhulp Merwestad", "Buurthuis De Brug"):
        OrganisationPageFactory(parent=index, title=title)
    draft = OrganisationPageFactory(parent=index, title="Taalhuis Concept")
    draft.unpublish()
    elsewhere = SocialMapPageFactory(
        parent=HomePageFactory(parent=other_site.root_page), slug="kaart-elders"
    )
    OrganisationPageFactory(parent=elsewhere, title="Taalhuis Anderdorp")
    return index


@pytest.mark.django_db
def test_the_route_answers_json_with_links_to_the_profiles(client, kaart):
    response = client.get("/sociale-kaart/suggesties/", {"q": "taalhuys"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "max-age=300" in response["Cache-Control"]
    # Only this site's live organisations: not the draft, not the other town.
    assert response.json() == {
        "query": "taalhuys",
        "suggestions": [{"name": "Taalhuis", "url": "/sociale-kaart/taalhuis/"}],
    }


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "t", "\x00\x00", "x" * 5000, "' OR 1=1 --"])
def test_odd_input_gives_an_empty_answer_not_an_error(client, kaart, query):
    response = client.get("/sociale-kaart/suggesties/", {"q": query})

    assert response.status_code == 200
    assert response.json()["suggestions"] == []


@pytest.mark.django_db
def test_the_query_count_does_not_grow_with_the_suggestions(
    client, kaart, django_assert_num_queries
):
    with CaptureQueriesContext(connection) as one:
        response = client.get("/sociale-kaart/suggesties/", {"q": "taalhuis"})
    assert len(response.json()["suggestions"]) == 1
    index = kaart
    for number in range(5):
        OrganisationPageFactory(parent=index, title=f"Taalhuis Filiaal {number}")

    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get("/sociale-kaart/suggesties/", {"q": "taalhuis"})
    assert len(response.json()["suggestions"]) == 6


@pytest.mark.django_db
def test_a_search_that_finds_nothing_offers_names_like_it(client, kaart):
    # A typo the search itself forgives finds the organisation (tests/search/);
    # words run together are beyond it, not beyond the names' suggestions.
    found = client.get("/sociale-kaart/", {"q": "schludhulp"})
    assert [page.title for page in found.context["items"]] == ["Schuldhulp Merwestad"]
    response = client.get("/sociale-kaart/", {"q": "bijschuldhulp"})

    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 0
    assert [item.name for item in response.context["suggestions"]] == [
        "Schuldhulp Merwestad"
    ]
    html = response.content.decode()
    assert "Bedoel je misschien:" in html
    assert (
        '<a href="/sociale-kaart/schuldhulp-merwestad/">Schuldhulp Merwestad</a>'
        in html
    )


@pytest.mark.django_db
def test_a_search_that_finds_something_offers_no_names(client, kaart):
    response = client.get("/sociale-kaart/", {"q": "taalhuis"})

    assert response.context["page_obj"].paginator.count == 1
    assert response.context["suggestions"] == []
    assert "Bedoel je misschien:" not in response.content.decode()
