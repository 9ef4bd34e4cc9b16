"""The site search at /zoeken/: every content type, one site, live and public only."""

import datetime
import re

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from core.search import MAX_SEARCH_QUERY_LENGTH, clean_search_query
from tests.factories import (
    AgendaPageFactory,
    ContentPageFactory,
    EventPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
    VacancyPageFactory,
)

pytestmark = pytest.mark.django_db

SEARCH_URL = reverse("search")


def result_titles(response) -> set[str]:
    html = response.content.decode()
    if 'class="plain-list stack search-results"' not in html:
        return set()
    results = html.split('class="plain-list stack search-results"')[1].split("</ol>")[0]
    return set(re.findall(r"<h3><a href=\"[^\"]*\">([^<]*)</a></h3>", results))


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)


@pytest.fixture
def social_map(home_page):
    return SocialMapPageFactory(parent=home_page)


def test_finds_a_news_item_by_a_word_in_its_body(client, news_index):
    NewsPageFactory(
        parent=news_index,
        title="Nieuwe bankjes",
        body=[("paragraph", "<p>De fietsenmaker op de hoek helpt gratis.</p>")],
    )
    NewsPageFactory(parent=news_index, title="Iets anders")

    response = client.get(SEARCH_URL, {"q": "fietsenmaker"})

    assert response.status_code == 200
    assert result_titles(response) == {"Nieuwe bankjes"}
    html = response.content.decode()
    assert "Nieuwsbericht" in html  # the type of the result


def test_finds_a_page_by_a_word_in_its_introduction(client, news_index):
    NewsPageFactory(
        parent=news_index, title="Zomerfeest", introduction="Met een springkussen."
    )

    response = client.get(SEARCH_URL, {"q": "springkussen"})

    assert result_titles(response) == {"Zomerfeest"}
    assert "Met een springkussen." in response.content.decode()


def test_finds_an_organisation_by_a_word_in_its_description(client, social_map):
    OrganisationPageFactory(
        parent=social_map,
        title="Stichting Vervoer",
        description="<p>Wij regelen rolstoelvervoer naar het ziekenhuis.</p>",
    )
    OrganisationPageFactory(parent=social_map, title="Voedselbank")

    response = client.get(SEARCH_URL, {"q": "rolstoelvervoer"})

    assert result_titles(response) == {"Stichting Vervoer"}


def test_does_not_find_unpublished_or_private_pages(client, home_page, news_index):
    NewsPageFactory(parent=news_index, title="Gepubliceerd", introduction="kraampjes")
    NewsPageFactory(
        parent=news_index, title="Concept", introduction="kraampjes", live=False
    )
    private = ContentPageFactory(
        parent=home_page, title="Alleen voor leden", introduction="kraampjes"
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    response = client.get(SEARCH_URL, {"q": "kraampjes"})

    assert result_titles(response) == {"Gepubliceerd"}


def test_does_not_find_pages_of_another_site(client, news_index, other_site):
    NewsPageFactory(parent=news_index, title="Hier", introduction="oliebollen")
    other_news = NewsIndexPageFactory(parent=other_site.root_page)
    NewsPageFactory(parent=other_news, title="Daar", introduction="oliebollen")

    response = client.get(SEARCH_URL, {"q": "oliebollen"})

    assert result_titles(response) == {"Hier"}


def test_filters_by_type(client, home_page, news_index, social_map):
    NewsPageFactory(parent=news_index, title="Bericht", introduction="buurtkamer")
    OrganisationPageFactory(
        parent=social_map, title="Organisatie", introduction="buurtkamer"
    )
    agenda = AgendaPageFactory(parent=home_page)
    EventPageFactory(parent=agenda, title="Activiteit", introduction="buurtkamer")

    everything = client.get(SEARCH_URL, {"q": "buurtkamer"})
    news_only = client.get(SEARCH_URL, {"q": "buurtkamer", "type": "newspage"})
    events_only = client.get(SEARCH_URL, {"q": "buurtkamer", "type": "eventpage"})

    assert result_titles(everything) == {"Bericht", "Organisatie", "Activiteit"}
    assert result_titles(news_only) == {"Bericht"}
    assert result_titles(events_only) == {"Activiteit"}
    assert '<option value="newspage" selected>' in news_only.content.decode()


def test_type_select_offers_the_content_types_not_the_index_pages(client, site):
    html = client.get(SEARCH_URL).content.decode()

    select = re.search(r'<select[^>]*name="type".*?</select>', html, re.S)
    options = set(re.findall(r'<option value="([a-z]+)"', select[0]))
    assert options == {
        "newspage",
        "eventpage",
        "organisationpage",
        "vacancypage",
        "neighbourhoodpage",
        "contentpage",
    }


def test_an_unknown_type_searches_everything(client, news_index):
    NewsPageFactory(parent=news_index, title="Bericht", introduction="buurtkamer")

    response = client.get(SEARCH_URL, {"q": "buurtkamer", "type": "geheim"})

    assert response.status_code == 200
    assert result_titles(response) == {"Bericht"}


def test_empty_query_shows_only_the_form(client, news_index):
    NewsPageFactory(parent=news_index, title="Bericht")

    response = client.get(SEARCH_URL, {"q": "   "})

    assert response.status_code == 200
    html = response.content.decode()
    assert '<label for="search-q">' in html
    assert 'id="search-q"' in html
    assert "results-heading" not in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1


def test_no_results_says_so(client, news_index):
    response = client.get(SEARCH_URL, {"q": "zzzonzin"})

    assert response.status_code == 200
    assert result_titles(response) == set()
    assert "We vonden niets" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "a" * 5000,
        '"fietsen',
        "koffie*",
        "NEAR(a b)",
        "OR AND NOT",
        "-",
        "^x:y",
        "(( ))",
        "'; DROP TABLE wagtailcore_page; --",
        "fiets\x00en",
        "émoji 🚲 ß",
        "%",
    ],
)
def test_odd_input_never_fails(client, news_index, query):
    NewsPageFactory(parent=news_index, title="Bericht", introduction="fietsen")

    response = client.get(SEARCH_URL, {"q": query, "pagina": "abc", "type": "x\x00"})

    assert response.status_code == 200


def test_a_very_long_query_is_shortened(client, site):
    response = client.get(SEARCH_URL, {"q": "woord " * 100})

    assert response.status_code == 200
    assert len(response.context["search_query"]) <= MAX_SEARCH_QUERY_LENGTH
    assert "erg lang" in response.content.decode()


def test_results_are_paginated(client, news_index):
    for number in range(15):
        NewsPageFactory(
            parent=news_index, title=f"Markt {number}", introduction="markt"
        )

    first = client.get(SEARCH_URL, {"q": "markt"})
    second = client.get(SEARCH_URL, {"q": "markt", "pagina": "2"})
    beyond = client.get(SEARCH_URL, {"q": "markt", "pagina": "99"})

    assert len(result_titles(first)) == 12
    assert len(result_titles(second)) == 3
    assert result_titles(first).isdisjoint(result_titles(second))
    assert result_titles(beyond) == result_titles(second)
    assert "q=markt&amp;pagina=2" in first.content.decode()


def test_a_new_page_is_found_right_after_publishing(client, news_index):
    page = NewsPageFactory(parent=news_index, title="Eerst", introduction="kermis")
    page.introduction = "braderie"
    page.save_revision().publish()

    assert result_titles(client.get(SEARCH_URL, {"q": "braderie"})) == {"Eerst"}
    assert result_titles(client.get(SEARCH_URL, {"q": "kermis"})) == set()


def test_clean_search_query():
    assert clean_search_query("  koffie \t ochtend\n") == "koffie ochtend"
    assert clean_search_query("fiets\x00en") == "fiets en"
    assert clean_search_query('"buurthuis" (oost)!') == "buurthuis oost"
    assert clean_search_query("'s-Gravendeel café") == "'s-Gravendeel café"
    assert clean_search_query("x" * 500) == "x" * MAX_SEARCH_QUERY_LENGTH
    assert clean_search_query("") == ""


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Dutch stemming is PostgreSQL's"
)
def test_postgres_search_understands_dutch_word_forms(client, news_index):
    NewsPageFactory(
        parent=news_index,
        title="Opknapbeurt",
        body=[("paragraph", "<p>We gaan samen de speeltuinen opknappen.</p>")],
    )

    response = client.get(SEARCH_URL, {"q": "speeltuin"})

    assert result_titles(response) == {"Opknapbeurt"}


def test_closed_vacancies_are_not_found(client, home_page):
    organisation = OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=home_page)
    )
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    VacancyPageFactory(parent=organisation, title="Tuinman open", introduction="tuin")
    VacancyPageFactory(
        parent=organisation,
        title="Tuinman gesloten",
        introduction="tuin",
        closing_date=yesterday,
    )

    response = client.get(SEARCH_URL, {"q": "tuin"})

    assert result_titles(response) == {"Tuinman open"}
