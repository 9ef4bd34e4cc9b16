"""HomePage and ContentPage: where they may live and what they show."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from home.models import ContentPage, HomePage
from tests.factories import (
    AgendaPageFactory,
    ContentPageFactory,
    EventPageFactory,
    HomePageHighlightFactory,
    ImageFactory,
    NeighbourhoodFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    SocialMapPageFactory,
    tree_root,
)

pytestmark = pytest.mark.django_db


def headings(html: str, level: int) -> list[str]:
    return re.findall(rf"<h{level}[\s>]", html)


def add_url(model, parent: Page) -> str:
    meta = model._meta
    return f"/admin/pages/add/{meta.app_label}/{meta.model_name}/{parent.pk}/"


# Where the pages may be created


def test_home_page_only_under_the_tree_root(home_page):
    news_index = NewsIndexPageFactory(parent=home_page)

    assert HomePage.can_create_at(tree_root())
    assert not HomePage.can_create_at(home_page)
    assert not HomePage.can_create_at(news_index)


def test_content_page_under_home_and_other_content_pages(home_page):
    guide = ContentPageFactory(parent=home_page)
    news_index = NewsIndexPageFactory(parent=home_page)

    assert ContentPage.can_create_at(home_page)
    assert ContentPage.can_create_at(guide)
    assert not ContentPage.can_create_at(news_index)
    assert not ContentPage.can_create_at(tree_root())


def test_admin_refuses_a_content_page_under_a_news_index(admin_client, home_page):
    news_index = NewsIndexPageFactory(parent=home_page)

    refused = admin_client.get(add_url(ContentPage, news_index))
    allowed = admin_client.get(add_url(ContentPage, home_page))

    assert refused.status_code in (302, 403)
    assert allowed.status_code == 200


def test_admin_refuses_a_home_page_under_a_home_page(admin_client, home_page):
    refused = admin_client.get(add_url(HomePage, home_page))
    allowed = admin_client.get(add_url(HomePage, tree_root()))

    assert refused.status_code in (302, 403)
    assert allowed.status_code == 200


# What they show


def test_home_page_shows_its_fields_and_the_sections(client, home_page, neighbourhood):
    home_page.welcome = "Welkom in de buurt"
    home_page.introduction = "Alles over jouw buurt op één plek."
    home_page.save_revision().publish()
    wijken = NeighbourhoodIndexPageFactory(parent=home_page, title="Wijken")
    NeighbourhoodPageFactory(parent=wijken, neighbourhood=neighbourhood)
    news_index = NewsIndexPageFactory(parent=home_page, title="Nieuws")
    NewsPageFactory(parent=news_index, title="Bankjes in het park")
    agenda = AgendaPageFactory(parent=home_page, title="Agenda")
    EventPageFactory(parent=agenda, title="Repair café")
    SocialMapPageFactory(parent=home_page, title="Sociale kaart")

    response = client.get(home_page.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert len(headings(html, 1)) == 1
    assert "Welkom in de buurt" in html
    assert "Alles over jouw buurt op één plek." in html
    for title in ("Wijken", "Nieuws", "Agenda", "Sociale kaart"):
        assert f">{title}</a>" in html
    assert ">Centrum</a>" in html
    assert "Bankjes in het park" in html
    assert "Repair café" in html


def test_home_page_shows_highlights_with_their_own_title(client, home_page):
    guide = ContentPageFactory(
        parent=home_page, title="Hulp bij geldzaken", introduction="Rondkomen lastig?"
    )
    HomePageHighlightFactory(page=home_page, highlighted_page=guide, title="")
    other = ContentPageFactory(parent=home_page, title="Mantelzorg")
    HomePageHighlightFactory(
        page=home_page, highlighted_page=other, title="Zorg je voor iemand?"
    )
    draft = ContentPageFactory(parent=home_page, title="Nog niet af", live=False)
    HomePageHighlightFactory(page=home_page, highlighted_page=draft)

    response = client.get(home_page.url)

    html = response.content.decode()
    assert "Hulp bij geldzaken" in html
    assert "Rondkomen lastig?" in html
    assert "Zorg je voor iemand?" in html
    assert "Nog niet af" not in html


def test_home_page_shows_only_upcoming_events_and_live_news(client, home_page):
    agenda = AgendaPageFactory(parent=home_page)
    yesterday = timezone.now() - datetime.timedelta(days=1)
    EventPageFactory(parent=agenda, title="Was gisteren", start=yesterday, end=None)
    EventPageFactory(parent=agenda, title="Komt nog")
    news_index = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news_index, title="Concept bericht", live=False)

    html = client.get(home_page.url).content.decode()

    assert "Komt nog" in html
    assert "Was gisteren" not in html
    assert "Concept bericht" not in html


def test_content_page_shows_body_themes_and_chapters(client, home_page, theme):
    guide = ContentPageFactory(
        parent=home_page,
        title="Geldzaken",
        introduction="Hulp als je moeilijk rondkomt.",
        body=[("paragraph", "<p>Bel de schuldhulp, die is gratis.</p>")],
        themes=[theme],
    )
    ContentPageFactory(parent=guide, title="Toeslagen", introduction="Wat krijg je?")
    ContentPageFactory(parent=guide, title="Verborgen hoofdstuk", live=False)

    response = client.get(guide.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert len(headings(html, 1)) == 1
    assert "Hulp als je moeilijk rondkomt." in html
    assert "Bel de schuldhulp, die is gratis." in html
    assert "Wonen" in html
    assert "Toeslagen" in html
    assert "Wat krijg je?" in html
    assert "Verborgen hoofdstuk" not in html


def test_nested_content_page_has_breadcrumbs(client, home_page):
    guide = ContentPageFactory(parent=home_page, title="Geldzaken")
    chapter = ContentPageFactory(parent=guide, title="Toeslagen")

    html = client.get(chapter.url).content.decode()

    breadcrumbs = html.split('aria-label="Kruimelpad"')[1].split("</nav>")[0]
    assert f'href="{guide.url}"' in breadcrumbs
    assert "Toeslagen" in breadcrumbs


def test_home_page_query_count_does_not_grow(
    client, home_page, site, django_assert_num_queries
):
    wijken = NeighbourhoodIndexPageFactory(parent=home_page)
    news_index = NewsIndexPageFactory(parent=home_page)
    agenda = AgendaPageFactory(parent=home_page)

    def add_items(count, offset):
        for number in range(offset, offset + count):
            NeighbourhoodPageFactory(
                parent=wijken,
                neighbourhood=NeighbourhoodFactory(site=site, name=f"Wijk {number}"),
            )
            NewsPageFactory(parent=news_index, image=ImageFactory())
            EventPageFactory(parent=agenda)

    add_items(5, 0)
    client.get(home_page.url)  # makes the renditions
    with CaptureQueriesContext(connection) as five:
        client.get(home_page.url)
    expected = len(five)  # read now: the next request clears the query log

    add_items(20, 5)
    client.get(home_page.url)
    with django_assert_num_queries(expected):
        response = client.get(home_page.url)
    assert response.content.decode().count('class="tag tag--neighbourhood"') == 25
