"""News pages: where they may live, how they render, and the site-wide news index."""

import datetime
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from agenda.models import AgendaPage, EventPage
from home.models import ContentPage, HomePage
from neighbourhoods.models import NeighbourhoodIndexPage, NeighbourhoodPage
from news.models import NewsIndexPage, NewsPage
from socialmap.models import OrganisationPage, SocialMapPage
from tests.factories import (
    AgendaPageFactory,
    ContentPageFactory,
    ImageFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_page, neighbourhood, other_neighbourhood):
    """One page of every kind news can live under, plus a few it cannot."""
    wijken = NeighbourhoodIndexPageFactory(parent=home_page)
    social_map = SocialMapPageFactory(parent=home_page)
    return SimpleNamespace(
        home=home_page,
        news_index=NewsIndexPageFactory(parent=home_page),
        wijken=wijken,
        centrum=NeighbourhoodPageFactory(parent=wijken, neighbourhood=neighbourhood),
        west=NeighbourhoodPageFactory(parent=wijken, neighbourhood=other_neighbourhood),
        social_map=social_map,
        organisation=OrganisationPageFactory(parent=social_map),
        agenda=AgendaPageFactory(parent=home_page),
        content=ContentPageFactory(parent=home_page),
    )


def titles(response) -> set[str]:
    return {item.title for item in response.context["items"]}


# Where news may live ---------------------------------------------------------


def test_news_can_only_be_created_under_news_index_wijk_and_organisation(tree):
    allowed = {
        "news_index": True,
        "centrum": True,
        "organisation": True,
        "home": False,
        "wijken": False,
        "social_map": False,
        "agenda": False,
        "content": False,
    }
    result = {name: NewsPage.can_create_at(getattr(tree, name)) for name in allowed}
    assert result == allowed


def test_news_parent_page_types_are_exactly_index_wijk_and_organisation():
    assert set(NewsPage.allowed_parent_page_models()) == {
        NewsIndexPage,
        NeighbourhoodPage,
        OrganisationPage,
    }
    for model in (
        HomePage,
        ContentPage,
        NeighbourhoodIndexPage,
        SocialMapPage,
        AgendaPage,
        EventPage,
        NewsPage,
    ):
        assert NewsPage not in model.allowed_subpage_models()


def test_news_page_under_a_news_page_is_refused(tree):
    item = NewsPageFactory(parent=tree.news_index)
    assert not NewsPage.can_create_at(item)


# The news page ---------------------------------------------------------------


def test_news_page_shows_its_fields(client, tree, neighbourhood, theme):
    item = NewsPageFactory(
        parent=tree.centrum,
        title="Nieuwe bankjes in het park",
        introduction="De wijkraad heeft drie bankjes geplaatst.",
        date=datetime.date(2030, 1, 8),
        image=ImageFactory(title="Bankjes in het park"),
        body=[("paragraph", "<p>Ga er eens lekker op zitten.</p>")],
        neighbourhoods=[neighbourhood],
        themes=[theme],
        tags=["groen", "park"],
    )

    response = client.get(item.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Nieuwe bankjes in het park" in html
    assert "De wijkraad heeft drie bankjes geplaatst." in html
    assert 'datetime="2030-01-08"' in html
    assert "dinsdag 8 januari 2030" in html
    assert "Ga er eens lekker op zitten." in html
    assert 'alt="Bankjes in het park"' in html
    assert "Centrum" in html
    assert "Wonen" in html
    assert "groen" in html
    assert "park</li>" in html
    assert f'href="{tree.centrum.url}"' in html
    assert "Terug naar Centrum" in html


def test_town_wide_news_says_so(client, tree):
    item = NewsPageFactory(parent=tree.news_index, title="Nieuws voor iedereen")

    response = client.get(item.url)

    assert response.status_code == 200
    assert "Hele gemeente" in response.content.decode()


# The news index --------------------------------------------------------------


def test_index_gathers_news_from_the_whole_site_only(client, tree, other_site):
    NewsPageFactory(parent=tree.news_index, title="Op het nieuwsoverzicht")
    NewsPageFactory(parent=tree.centrum, title="Onder de wijk")
    NewsPageFactory(parent=tree.organisation, title="Onder de organisatie")
    NewsPageFactory(parent=tree.centrum, title="Concept", live=False)
    private = NewsPageFactory(parent=tree.west, title="Afgeschermd")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    other_index = NewsIndexPageFactory(parent=other_site.root_page)
    NewsPageFactory(parent=other_index, title="Uit een andere gemeente")

    response = client.get(tree.news_index.url)

    assert response.status_code == 200
    assert titles(response) == {
        "Op het nieuwsoverzicht",
        "Onder de wijk",
        "Onder de organisatie",
    }
    html = response.content.decode()
    assert "Onder de organisatie" in html
    assert "Uit een andere gemeente" not in html
    assert "Concept" not in html


def test_index_shows_newest_first(client, tree):
    for title, day in [("Oud", 1), ("Nieuwst", 20), ("Midden", 10)]:
        NewsPageFactory(
            parent=tree.news_index, title=title, date=datetime.date(2030, 3, day)
        )

    response = client.get(tree.news_index.url)

    assert [item.title for item in response.context["items"]] == [
        "Nieuwst",
        "Midden",
        "Oud",
    ]


@pytest.fixture
def tagged_news(tree, neighbourhood, other_neighbourhood, theme, other_theme):
    NewsPageFactory(
        parent=tree.centrum, title="Centrum", neighbourhoods=[neighbourhood]
    )
    NewsPageFactory(
        parent=tree.west, title="West", neighbourhoods=[other_neighbourhood]
    )
    NewsPageFactory(parent=tree.news_index, title="Hele stad")
    NewsPageFactory(
        parent=tree.organisation,
        title="Centrum en wonen",
        neighbourhoods=[neighbourhood],
        themes=[theme],
    )
    NewsPageFactory(parent=tree.news_index, title="Stad en wonen", themes=[theme])
    NewsPageFactory(
        parent=tree.west,
        title="West en geld",
        neighbourhoods=[other_neighbourhood],
        themes=[other_theme],
    )
    NewsPageFactory(
        parent=tree.news_index,
        title="Beide wijken",
        neighbourhoods=[neighbourhood, other_neighbourhood],
        themes=[theme, other_theme],
    )
    return tree.news_index


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "wijk=centrum",
            {
                "Centrum",
                "Hele stad",
                "Centrum en wonen",
                "Stad en wonen",
                "Beide wijken",
            },
        ),
        (
            "wijk=west",
            {"West", "Hele stad", "West en geld", "Stad en wonen", "Beide wijken"},
        ),
        ("thema=wonen", {"Centrum en wonen", "Stad en wonen", "Beide wijken"}),
        ("thema=geldzaken", {"West en geld", "Beide wijken"}),
        ("wijk=west&thema=wonen", {"Stad en wonen", "Beide wijken"}),
        ("wijk=centrum&thema=geldzaken", {"Beide wijken"}),
        (
            "wijk=alle",
            {
                "Centrum",
                "West",
                "Hele stad",
                "Centrum en wonen",
                "Stad en wonen",
                "West en geld",
                "Beide wijken",
            },
        ),
    ],
)
def test_index_filters_by_wijk_and_theme(client, tagged_news, query, expected):
    response = client.get(f"{tagged_news.url}?{query}")

    assert response.status_code == 200
    assert titles(response) == expected


def test_index_uses_my_wijk_from_the_cookie(
    client, settings, tagged_news, neighbourhood
):
    client.cookies[settings.BUURTPLEIN_NEIGHBOURHOOD_COOKIE] = str(neighbourhood.pk)

    response = client.get(tagged_news.url)

    assert titles(response) == {
        "Centrum",
        "Hele stad",
        "Centrum en wonen",
        "Stad en wonen",
        "Beide wijken",
    }
    assert len(titles(client.get(f"{tagged_news.url}?wijk=alle"))) == 7


def test_index_with_an_unknown_filter_shows_everything_and_says_so(client, tagged_news):
    response = client.get(f"{tagged_news.url}?wijk=bestaat-niet")

    assert response.status_code == 200
    assert len(titles(response)) == 7
    assert "Dit filter kennen we niet" in response.content.decode()


def test_index_empty_state(client, tree):
    response = client.get(tree.news_index.url)

    assert response.status_code == 200
    assert "Er is nog geen nieuws" in response.content.decode()


def test_index_paginates_and_keeps_the_filter(client, settings, tree, neighbourhood):
    settings.BUURTPLEIN_PAGE_SIZE = 2
    for day in range(1, 6):
        NewsPageFactory(
            parent=tree.centrum,
            title=f"Bericht {day}",
            date=datetime.date(2030, 5, day),
            neighbourhoods=[neighbourhood],
        )

    first = client.get(f"{tree.news_index.url}?wijk=centrum")
    last = client.get(f"{tree.news_index.url}?wijk=centrum&pagina=3")

    assert titles(first) == {"Bericht 5", "Bericht 4"}
    assert titles(last) == {"Bericht 1"}
    assert "wijk=centrum&amp;pagina=2" in first.content.decode()


def _add_news(tree, neighbourhood, theme, numbers):
    for number in numbers:
        NewsPageFactory(
            parent=tree.centrum if number % 2 else tree.organisation,
            title=f"Bericht {number}",
            image=ImageFactory(),
            neighbourhoods=[neighbourhood],
            themes=[theme],
            tags=["buurt"],
        )


def _queries_for(client, url) -> int:
    client.get(url)  # renditions and the site's root paths are made once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_index_query_count_does_not_grow_with_items(
    client, tree, neighbourhood, theme, django_assert_num_queries
):
    url = tree.news_index.url
    _add_news(tree, neighbourhood, theme, range(5))
    with_five = _queries_for(client, url)

    _add_news(tree, neighbourhood, theme, range(5, 50))
    client.get(url)
    with django_assert_num_queries(with_five):
        response = client.get(url)
    assert len(response.context["items"]) == 12

    client.get(f"{url}?wijk=centrum&thema=wonen")
    with django_assert_num_queries(with_five):
        client.get(f"{url}?wijk=centrum&thema=wonen")
