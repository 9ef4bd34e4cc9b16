"""A wijk page as a listing for its own wijk: ?thema= filters, ?pagina= pages."""

import datetime
import re

import pytest
from django.utils import timezone

from tests.factories import (
    AgendaPageFactory,
    EventPageFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    VacancyIndexPageFactory,
    VacancyPageFactory,
)

pytestmark = pytest.mark.django_db

UNKNOWN_FILTER = "Dit filter kennen we niet; we laten daarom alles zien."


def section(html: str, heading_id: str) -> str:
    return html.split(f'aria-labelledby="{heading_id}"')[1].split("</section>")[0]


def titles_in(html: str, heading_id: str) -> set[str]:
    """Titles of the items in a section, without its 'see all' link."""
    return {
        text
        for text in re.findall(
            r"<a href=\"[^\"]*\">([^<]+)</a>", section(html, heading_id)
        )
        if not text.startswith(("Meer ", "De agenda", "Al het"))
    }


def filter_form(html: str) -> str:
    return html.split('<form class="filters"')[1].split("</form>")[0]


@pytest.fixture
def indexes(home_page):
    return {
        "news": NewsIndexPageFactory(parent=home_page),
        "agenda": AgendaPageFactory(parent=home_page),
        "vacancies": VacancyIndexPageFactory(parent=home_page),
    }


@pytest.fixture
def wijken(home_page):
    return NeighbourhoodIndexPageFactory(parent=home_page, title="Wijken")


@pytest.fixture
def centrum_page(wijken, neighbourhood):
    return NeighbourhoodPageFactory(
        parent=wijken, neighbourhood=neighbourhood, title="Centrum"
    )


@pytest.fixture
def west_page(wijken, other_neighbourhood):
    return NeighbourhoodPageFactory(
        parent=wijken, neighbourhood=other_neighbourhood, title="West"
    )


@pytest.fixture
def themed_items(centrum_page, west_page, indexes, neighbourhood, theme, other_theme):
    """News, events and vacancies of Centrum and West, with and without 'Wonen'."""
    for kind, factory, index in (
        ("Nieuws", NewsPageFactory, indexes["news"]),
        ("Activiteit", EventPageFactory, indexes["agenda"]),
        ("Vacature", VacancyPageFactory, indexes["vacancies"]),
    ):
        factory(parent=centrum_page, title=f"{kind} wonen", themes=[theme])
        factory(
            parent=index,
            title=f"{kind} wonen en geld",
            neighbourhoods=[neighbourhood],
            themes=[theme, other_theme],
        )
        factory(parent=centrum_page, title=f"{kind} geld", themes=[other_theme])
        factory(parent=centrum_page, title=f"{kind} zonder thema")
        factory(parent=west_page, title=f"{kind} wonen in West", themes=[theme])
        factory(parent=index, title=f"{kind} wonen in de stad", themes=[theme])


def test_theme_filters_news_events_and_vacancies(client, centrum_page, themed_items):
    html = client.get(f"{centrum_page.url}?thema=wonen").content.decode()

    assert titles_in(html, "news-heading") == {"Nieuws wonen", "Nieuws wonen en geld"}
    assert titles_in(html, "events-heading") == {
        "Activiteit wonen",
        "Activiteit wonen en geld",
    }
    assert titles_in(html, "vacancies-heading") == {
        "Vacature wonen",
        "Vacature wonen en geld",
    }
    assert UNKNOWN_FILTER not in html


def test_without_a_theme_everything_of_the_wijk_shows(
    client, centrum_page, themed_items
):
    html = client.get(centrum_page.url).content.decode()

    assert titles_in(html, "news-heading") == {
        "Nieuws wonen",
        "Nieuws wonen en geld",
        "Nieuws geld",
        "Nieuws zonder thema",
    }
    assert len(titles_in(html, "events-heading")) == 4
    assert len(titles_in(html, "vacancies-heading")) == 4


def test_the_form_offers_themes_but_no_wijk(
    client, centrum_page, theme, other_theme, other_neighbourhood
):
    html = client.get(f"{centrum_page.url}?thema=wonen").content.decode()

    form = filter_form(html)
    assert 'method="get"' in form
    assert '<label for="filter-thema">' in form
    assert '<option value="wonen" selected>Wonen</option>' in form
    assert '<option value="geldzaken">Geldzaken</option>' in form
    assert 'name="wijk"' not in form
    assert "filter-wijk" not in html


def test_see_all_links_carry_the_wijk_and_the_theme(
    client, centrum_page, indexes, site, theme
):
    html = client.get(f"{centrum_page.url}?thema=wonen").content.decode()

    for key in ("news", "agenda", "vacancies"):
        url = indexes[key].relative_url(site)
        assert f'href="{url}?wijk=centrum&amp;thema=wonen"' in html


def test_news_is_paged_and_the_pages_keep_the_theme(
    client, centrum_page, theme, settings
):
    settings.BUURTPLEIN_PAGE_SIZE = 12
    today = timezone.localdate()
    for days_ago in range(15):
        NewsPageFactory(
            parent=centrum_page,
            title=f"Bericht {days_ago}",
            date=today - datetime.timedelta(days=days_ago),
            themes=[theme],
        )
    NewsPageFactory(parent=centrum_page, title="Bericht zonder thema")

    first = client.get(f"{centrum_page.url}?thema=wonen").content.decode()
    second = client.get(f"{centrum_page.url}?thema=wonen&pagina=2").content.decode()

    assert titles_in(first, "news-heading") == {f"Bericht {n}" for n in range(12)}
    news = section(second, "news-heading")
    assert titles_in(second, "news-heading") == {
        "Bericht 12",
        "Bericht 13",
        "Bericht 14",
    }
    assert (
        news.index("Bericht 12") < news.index("Bericht 13") < news.index("Bericht 14")
    )
    assert 'href="?thema=wonen&amp;pagina=1" rel="prev"' in news
    assert 'aria-current="page" href="?thema=wonen&amp;pagina=2"' in news
    assert 'href="?thema=wonen&amp;pagina=2" rel="next"' in section(
        first, "news-heading"
    )
    assert "wijk=" not in re.sub(r'href="/[^"]*"', "", news)


def test_an_unknown_theme_shows_a_notice_and_everything(
    client, centrum_page, themed_items
):
    html = client.get(f"{centrum_page.url}?thema=bestaat-niet").content.decode()

    assert UNKNOWN_FILTER in html
    assert len(titles_in(html, "news-heading")) == 4
    assert len(titles_in(html, "events-heading")) == 4
    assert len(titles_in(html, "vacancies-heading")) == 4


def test_a_wijk_parameter_is_ignored(client, centrum_page, themed_items):
    plain = client.get(centrum_page.url).content.decode()
    html = client.get(f"{centrum_page.url}?wijk=west").content.decode()
    unknown = client.get(f"{centrum_page.url}?wijk=bestaat-niet").content.decode()

    for heading in ("news-heading", "events-heading", "vacancies-heading"):
        assert titles_in(html, heading) == titles_in(plain, heading)
        assert titles_in(unknown, heading) == titles_in(plain, heading)
    assert UNKNOWN_FILTER not in unknown


def test_my_wijk_cookie_for_another_wijk_changes_nothing(
    client, centrum_page, other_neighbourhood, themed_items
):
    plain = client.get(f"{centrum_page.url}?thema=wonen").content.decode()
    client.cookies["buurtplein_wijk"] = str(other_neighbourhood.pk)
    html = client.get(f"{centrum_page.url}?thema=wonen").content.decode()

    for heading in ("news-heading", "events-heading", "vacancies-heading"):
        assert titles_in(html, heading) == titles_in(plain, heading)
    assert "Je ziet wat er speelt in je eigen wijk" not in html
    assert "West" not in filter_form(html)
    assert "?wijk=centrum&amp;thema=wonen" in html
    assert "wijk=west" not in html


def test_empty_theme_shows_a_notice_per_list(client, centrum_page, other_theme):
    html = client.get(f"{centrum_page.url}?thema=geldzaken").content.decode()

    assert "Er is geen nieuws uit deze wijk over Geldzaken." in html
    assert "Er staan geen activiteiten over Geldzaken in deze wijk gepland." in html
    assert "Er is nu geen vrijwilligerswerk over Geldzaken in deze wijk." in html
