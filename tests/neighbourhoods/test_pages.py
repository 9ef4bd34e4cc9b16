"""The wijken overview and a wijk's page: what they show, and nothing more."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from neighbourhoods.models import NeighbourhoodIndexPage, NeighbourhoodPage
from neighbourhoods.selectors import WIJK_EVENTS_LIMIT, WIJK_VACANCIES_LIMIT
from tests.factories import (
    AgendaPageFactory,
    ConnectorFactory,
    ContentPageFactory,
    EventPageFactory,
    ImageFactory,
    NeighbourhoodFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
    VacancyIndexPageFactory,
    VacancyPageFactory,
)

pytestmark = pytest.mark.django_db


def section(html: str, heading_id: str) -> str:
    """The HTML of the <section> labelled by ``heading_id``."""
    return html.split(f'aria-labelledby="{heading_id}"')[1].split("</section>")[0]


def link_texts(html: str) -> list[str]:
    return re.findall(r"<a href=\"[^\"]*\">([^<]+)</a>", html)


def titles_in(html: str, heading_id: str) -> set[str]:
    """Titles of the items in a section, without its 'see all' link."""
    return {
        text
        for text in link_texts(section(html, heading_id))
        if not text.startswith(("Meer ", "De agenda", "Al het"))
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
def indexes(home_page):
    return {
        "news": NewsIndexPageFactory(parent=home_page),
        "agenda": AgendaPageFactory(parent=home_page),
        "vacancies": VacancyIndexPageFactory(parent=home_page),
        "social_map": SocialMapPageFactory(parent=home_page),
    }


@pytest.fixture
def organisation(indexes):
    return OrganisationPageFactory(parent=indexes["social_map"], title="Buurthuis")


# Where the pages may be created


def test_index_page_only_under_a_home_page_and_only_once(home_page):
    guide = ContentPageFactory(parent=home_page)

    assert NeighbourhoodIndexPage.can_create_at(home_page)
    assert not NeighbourhoodIndexPage.can_create_at(guide)

    NeighbourhoodIndexPageFactory(parent=home_page)
    assert not NeighbourhoodIndexPage.can_create_at(home_page)


def test_wijk_page_only_under_the_index_page(home_page, wijken):
    guide = ContentPageFactory(parent=home_page)

    assert NeighbourhoodPage.can_create_at(wijken)
    assert not NeighbourhoodPage.can_create_at(home_page)
    assert not NeighbourhoodPage.can_create_at(guide)


def test_admin_refuses_a_wijk_page_outside_the_index(admin_client, home_page, wijken):
    base = "/admin/pages/add/neighbourhoods/neighbourhoodpage"

    refused = admin_client.get(f"{base}/{home_page.pk}/")
    allowed = admin_client.get(f"{base}/{wijken.pk}/")

    assert refused.status_code in (302, 403)
    assert allowed.status_code == 200


def test_admin_refuses_a_second_index_page(admin_client, home_page, wijken):
    guide = ContentPageFactory(parent=home_page)
    base = "/admin/pages/add/neighbourhoods/neighbourhoodindexpage"

    assert admin_client.get(f"{base}/{home_page.pk}/").status_code in (302, 403)
    assert admin_client.get(f"{base}/{guide.pk}/").status_code in (302, 403)


# The overview


def test_index_page_lists_live_wijken_by_name_and_a_postcode_form(client, wijken, site):
    for name in ("Oost", "Binnenstad", "Noord"):
        NeighbourhoodPageFactory(
            parent=wijken, neighbourhood=NeighbourhoodFactory(site=site, name=name)
        )
    NeighbourhoodPageFactory(
        parent=wijken,
        neighbourhood=NeighbourhoodFactory(site=site, name="Verborgen"),
        live=False,
    )

    response = client.get(wijken.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert titles_in(html, "neighbourhoods-heading") == {"Binnenstad", "Noord", "Oost"}
    listed = section(html, "neighbourhoods-heading")
    assert listed.index("Binnenstad") < listed.index("Noord") < listed.index("Oost")
    form = section(html, "postcode-heading")
    assert 'action="/mijn-wijk/"' in form
    assert 'method="post"' in form
    assert '<label for="wijk-postcode">' in form
    assert 'id="wijk-postcode"' in form
    assert f'name="next" value="{wijken.url}"' in form


def test_index_page_points_to_my_wijk(client, wijken, centrum_page, neighbourhood):
    client.cookies["buurtplein_wijk"] = str(neighbourhood.pk)

    html = client.get(wijken.url).content.decode()

    assert "Jouw wijk is Centrum." in html
    assert f'href="{centrum_page.url}">Ga naar de pagina van Centrum' in html


def test_index_page_query_count_does_not_grow(
    client, wijken, site, django_assert_num_queries
):
    def add_wijken(count, offset):
        for number in range(offset, offset + count):
            NeighbourhoodPageFactory(
                parent=wijken,
                neighbourhood=NeighbourhoodFactory(site=site, name=f"Wijk {number}"),
                image=ImageFactory(),
            )

    add_wijken(5, 0)
    client.get(wijken.url)  # makes the renditions
    with CaptureQueriesContext(connection) as five:
        client.get(wijken.url)
    expected = len(five)  # read now: the next request clears the query log

    add_wijken(15, 5)
    client.get(wijken.url)
    with django_assert_num_queries(expected):
        response = client.get(wijken.url)
    assert len(titles_in(response.content.decode(), "neighbourhoods-heading")) == 20


# A wijk's page


def test_wijk_page_shows_its_fields(client, centrum_page):
    centrum_page.introduction = "Het hart van de stad."
    centrum_page.body = [("paragraph", "<p>Hier staat de oude kerk.</p>")]
    centrum_page.image = ImageFactory(title="Markt", description="De markt")
    centrum_page.save_revision().publish()

    response = client.get(centrum_page.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert "<h1>Centrum</h1>" in html
    assert "Het hart van de stad." in html
    assert "Hier staat de oude kerk." in html
    assert 'alt="De markt"' in html


def test_wijk_page_offers_to_make_it_my_wijk(client, centrum_page, neighbourhood):
    html = client.get(centrum_page.url).content.decode()

    assert 'action="/mijn-wijk/"' in html
    assert f'name="neighbourhood" value="{neighbourhood.pk}"' in html

    response = client.post(
        "/mijn-wijk/", {"neighbourhood": neighbourhood.pk, "next": centrum_page.url}
    )
    assert response.status_code == 302
    assert response["Location"] == centrum_page.url
    assert response.cookies["buurtplein_wijk"].value == str(neighbourhood.pk)

    html = client.get(centrum_page.url).content.decode()
    assert "Dit is jouw wijk." in html
    assert 'name="neighbourhood"' not in html


def test_only_buurtverbinders_with_consent_are_shown(client, centrum_page):
    ConnectorFactory(
        page=centrum_page, name="Fatima", consent=True, photo=ImageFactory()
    )
    ConnectorFactory(page=centrum_page, name="Henk", consent=False)

    html = client.get(centrum_page.url).content.decode()
    api = client.get(f"/api/v3/pages/{centrum_page.pk}/").json()

    connectors = section(html, "connectors-heading")
    assert "Fatima" in connectors
    assert 'alt=""' in connectors
    assert "Henk" not in html
    assert [c["name"] for c in api["public_connectors"]] == ["Fatima"]
    assert "Henk" not in str(api)


def test_no_buurtverbinders_section_without_consent(client, centrum_page):
    ConnectorFactory(page=centrum_page, name="Henk", consent=False)

    html = client.get(centrum_page.url).content.decode()

    assert "connectors-heading" not in html


def test_wijk_page_shows_exactly_the_items_of_the_wijk(
    client,
    centrum_page,
    west_page,
    neighbourhood,
    other_neighbourhood,
    indexes,
    organisation,
    site,
    other_site,
):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    # News: under the wijk page, or tagged with the wijk anywhere in the site.
    NewsPageFactory(parent=centrum_page, title="Nieuws onder Centrum")
    NewsPageFactory(
        parent=indexes["news"],
        title="Nieuws over Centrum",
        neighbourhoods=[neighbourhood],
    )
    NewsPageFactory(
        parent=organisation,
        title="Organisatienieuws over Centrum",
        neighbourhoods=[neighbourhood, other_neighbourhood],
    )
    NewsPageFactory(parent=indexes["news"], title="Nieuws voor de hele stad")
    NewsPageFactory(parent=west_page, title="Nieuws onder West")
    NewsPageFactory(
        parent=indexes["news"],
        title="Nieuws over West",
        neighbourhoods=[other_neighbourhood],
    )
    NewsPageFactory(parent=centrum_page, title="Concept onder Centrum", live=False)
    other_news = NewsIndexPageFactory(parent=other_site.root_page)
    NewsPageFactory(
        parent=other_news,
        title="Nieuws van een andere site",
        neighbourhoods=[neighbourhood],
    )
    # Events.
    EventPageFactory(parent=centrum_page, title="Activiteit onder Centrum")
    EventPageFactory(
        parent=organisation,
        title="Activiteit over Centrum",
        neighbourhoods=[neighbourhood],
    )
    EventPageFactory(parent=indexes["agenda"], title="Activiteit voor de hele stad")
    EventPageFactory(parent=west_page, title="Activiteit onder West")
    EventPageFactory(
        parent=indexes["agenda"],
        title="Activiteit over West",
        neighbourhoods=[other_neighbourhood],
    )
    last_week = timezone.now() - datetime.timedelta(days=7)
    EventPageFactory(
        parent=centrum_page, title="Voorbij in Centrum", start=last_week, end=None
    )
    # Vacancies.
    VacancyPageFactory(parent=centrum_page, title="Vacature onder Centrum")
    VacancyPageFactory(
        parent=organisation,
        title="Vacature over Centrum",
        neighbourhoods=[neighbourhood],
    )
    VacancyPageFactory(parent=organisation, title="Vacature voor de hele stad")
    VacancyPageFactory(parent=west_page, title="Vacature onder West")
    VacancyPageFactory(
        parent=centrum_page,
        title="Gesloten vacature in Centrum",
        closing_date=yesterday,
    )
    VacancyPageFactory(
        parent=centrum_page,
        title="Vacature tot vandaag",
        closing_date=timezone.localdate(),
    )

    html = client.get(centrum_page.url).content.decode()

    assert titles_in(html, "news-heading") == {
        "Nieuws onder Centrum",
        "Nieuws over Centrum",
        "Organisatienieuws over Centrum",
    }
    assert titles_in(html, "events-heading") == {
        "Activiteit onder Centrum",
        "Activiteit over Centrum",
    }
    assert titles_in(html, "vacancies-heading") == {
        "Vacature onder Centrum",
        "Vacature over Centrum",
        "Vacature tot vandaag",
    }
    # 'See all' links go to the overviews, filtered on this wijk.
    assert f'href="{indexes["news"].relative_url(site)}?wijk=centrum"' in html
    assert f'href="{indexes["agenda"].relative_url(site)}?wijk=centrum"' in html
    assert f'href="{indexes["vacancies"].relative_url(site)}?wijk=centrum"' in html


def test_wijk_page_shows_event_date_title_and_place(client, centrum_page):
    start = timezone.make_aware(datetime.datetime(2099, 3, 3, 14, 30))
    EventPageFactory(
        parent=centrum_page,
        title="Koffieochtend",
        start=start,
        end=None,
        location_text="Wijkcentrum De Brug",
    )

    events = section(client.get(centrum_page.url).content.decode(), "events-heading")

    assert "Koffieochtend" in events
    assert "Wijkcentrum De Brug" in events
    assert '<time datetime="2099-03-03T14:30:00+01:00">' in events
    assert "dinsdag 3 maart 2099, 14:30" in events


def test_a_repeating_event_is_listed_once_at_its_next_date(client, centrum_page):
    EventPageFactory(parent=centrum_page, title="Wekelijks breien", repetition="weekly")
    EventPageFactory(parent=centrum_page, title="Eenmalig concert")

    events = section(client.get(centrum_page.url).content.decode(), "events-heading")

    assert events.count("Wekelijks breien") == 1
    assert events.count("Eenmalig concert") == 1


def test_wijk_page_lists_are_limited_and_newest_or_soonest_first(
    client, centrum_page, settings
):
    settings.BUURTPLEIN_PAGE_SIZE = 4
    today = timezone.localdate()
    for days_ago in range(settings.BUURTPLEIN_PAGE_SIZE + 2):
        NewsPageFactory(
            parent=centrum_page,
            title=f"Bericht van {days_ago} dagen terug",
            date=today - datetime.timedelta(days=days_ago),
        )
    soon = timezone.now() + datetime.timedelta(days=1)
    for days_ahead in range(WIJK_EVENTS_LIMIT + 2):
        EventPageFactory(
            parent=centrum_page,
            title=f"Over {days_ahead} dagen",
            start=soon + datetime.timedelta(days=days_ahead),
            end=None,
        )
    for number in range(WIJK_VACANCIES_LIMIT + 2):
        VacancyPageFactory(parent=centrum_page, title=f"Vacature {number}")

    html = client.get(centrum_page.url).content.decode()

    news = [t for t in link_texts(section(html, "news-heading")) if "Bericht" in t]
    # News is paged (the rest is on ?pagina=2); events and vacancies are short.
    assert news == [f"Bericht van {n} dagen terug" for n in range(4)]
    events = [t for t in link_texts(section(html, "events-heading")) if "Over" in t]
    assert events == [f"Over {n} dagen" for n in range(WIJK_EVENTS_LIMIT)]
    assert len(titles_in(html, "vacancies-heading")) == WIJK_VACANCIES_LIMIT


@pytest.mark.parametrize("query", ["", "?thema=wonen", "?thema=wonen&pagina=2"])
def test_wijk_page_query_count_does_not_grow(
    client,
    centrum_page,
    neighbourhood,
    theme,
    other_theme,
    indexes,
    django_assert_num_queries,
    query,
):
    total = 50
    url = centrum_page.url + query

    def add_items(count):
        for _ in range(count):
            NewsPageFactory(
                parent=indexes["news"],
                neighbourhoods=[neighbourhood],
                themes=[theme],
                image=ImageFactory(),
            )
            NewsPageFactory(parent=centrum_page, themes=[theme, other_theme])
            NewsPageFactory(parent=centrum_page, themes=[other_theme])
            EventPageFactory(parent=centrum_page, themes=[theme])
            EventPageFactory(parent=centrum_page)
            VacancyPageFactory(parent=centrum_page, themes=[theme])
            VacancyPageFactory(parent=centrum_page)
            ConnectorFactory(page=centrum_page, photo=ImageFactory())

    add_items(5)
    client.get(url)  # makes the renditions
    with CaptureQueriesContext(connection) as five:
        client.get(url)
    expected = len(five)  # read now: the next request clears the query log

    add_items(total - 5)
    client.get(url)
    with django_assert_num_queries(expected):
        response = client.get(url)
    html = response.content.decode()
    assert html.count('class="card connector"') == total
    assert "Nieuws uit Centrum" in html
