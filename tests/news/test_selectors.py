"""News reads other pages use: a wijk's and an organisation's latest news."""

import datetime

import pytest

from news.selectors import latest_news_for_neighbourhood_page, latest_news_under
from tests.factories import (
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(home_page, neighbourhood, other_neighbourhood):
    wijken = NeighbourhoodIndexPageFactory(parent=home_page)
    centrum = NeighbourhoodPageFactory(parent=wijken, neighbourhood=neighbourhood)
    west = NeighbourhoodPageFactory(parent=wijken, neighbourhood=other_neighbourhood)
    organisation = OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=home_page)
    )
    index = NewsIndexPageFactory(parent=home_page)

    def item(parent, title, day, **kwargs):
        NewsPageFactory(
            parent=parent, title=title, date=datetime.date(2030, 1, day), **kwargs
        )

    item(centrum, "Onder Centrum", 1)
    item(organisation, "Organisatie over Centrum", 2, neighbourhoods=[neighbourhood])
    item(index, "Hele stad", 3)
    item(west, "West", 4, neighbourhoods=[other_neighbourhood])
    item(centrum, "Concept", 5, live=False)
    return centrum, organisation


def test_a_wijk_page_gets_news_under_it_or_tagged_with_its_wijk(news):
    centrum, _organisation = news

    items = latest_news_for_neighbourhood_page(
        page=centrum, neighbourhood=centrum.neighbourhood
    )

    assert [item.title for item in items] == [
        "Organisatie over Centrum",
        "Onder Centrum",
    ]


def test_an_organisation_page_gets_its_own_news(news):
    _centrum, organisation = news

    assert [item.title for item in latest_news_under(page=organisation)] == [
        "Organisatie over Centrum"
    ]
