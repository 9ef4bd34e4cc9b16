"""The home page's highlights are ordinary cards (components/card.html): the
page's own image, or a drawing for a part of the site; as many highlights as
the editors like cost no more queries."""

import pytest
from django.db import connection

from tests.factories import (
    AgendaPageFactory,
    HomePageHighlightFactory,
    ImageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
)

pytestmark = pytest.mark.django_db


def highlights(html: str) -> str:
    start = html.index('id="highlights-heading"')
    return html[start : html.index("</section>", start)]


def test_a_highlight_shows_its_image_or_drawing_and_its_own_title(client, home_page):
    news = NewsIndexPageFactory(parent=home_page)
    HomePageHighlightFactory(
        page=home_page,
        highlighted_page=NewsPageFactory(parent=news, image=ImageFactory()),
        title="Lees dit",
    )
    HomePageHighlightFactory(
        page=home_page, highlighted_page=AgendaPageFactory(parent=home_page)
    )

    html = highlights(client.get("/").content.decode())

    assert html.count('class="card"') == 2
    assert html.count('class="card__image"') == 1
    assert html.count("data-illustration=") == 1
    assert ">Lees dit</a>" in html and ">Agenda</a>" in html


def test_more_highlights_with_images_cost_no_more_queries(
    client, home_page, django_assert_num_queries
):
    """The images and their renditions of all highlights come in two queries."""
    news = NewsIndexPageFactory(parent=home_page)

    def highlight_news():
        item = NewsPageFactory(parent=news, image=ImageFactory())
        HomePageHighlightFactory(page=home_page, highlighted_page=item)

    highlight_news()
    client.get("/")
    queries = []

    def count(execute, sql, *args):
        queries.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(count):
        client.get("/")
    for _ in range(3):
        highlight_news()
    client.get("/")
    with django_assert_num_queries(len(queries)):
        response = client.get("/")
    assert highlights(response.content.decode()).count('class="card__image"') == 4
