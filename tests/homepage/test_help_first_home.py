"""The help-first home page: "Waar zoek je hulp bij?", 'mijn wijk' and its
buurtverbinders, each item once, and a flat number of queries."""

import datetime
import re

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from helpboard.models import HelpStatus
from neighbourhoods.forms import ConnectorQuestionForm
from tests.antispam import human_post_data
from tests.factories import (
    AgendaPageFactory,
    ConnectorFactory,
    EventPageFactory,
    HelpBoardPageFactory,
    HelpOfferFactory,
    HelpRequestFactory,
    HomePageHighlightFactory,
    ImageFactory,
    NeighbourhoodFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

COOKIE = settings.BUURTPLEIN_NEIGHBOURHOOD_COOKIE


def section(html: str, heading_id: str) -> str:
    """The HTML of the <section> or <nav> labelled by ``heading_id``."""
    start = html.index(f'aria-labelledby="{heading_id}"')
    end = html.find("</section>", start)
    return html[start:end]


def card_links(html: str) -> list[str]:
    """The links of every card title and event title on the page."""
    return re.findall(
        r'class="(?:card__title|event-list__title)"><a href="([^"]+)"', html
    )


@pytest.fixture
def town(site, home_page):
    """Two wijken with their own news, events and help posts, and town-wide ones."""
    wijken = NeighbourhoodIndexPageFactory(parent=home_page, title="Wijken")
    noord = NeighbourhoodFactory(site=site, name="Noord", slug="noord")
    zuid = NeighbourhoodFactory(site=site, name="Zuid", slug="zuid")
    noord_page = NeighbourhoodPageFactory(parent=wijken, neighbourhood=noord)
    zuid_page = NeighbourhoodPageFactory(parent=wijken, neighbourhood=zuid)
    news_index = NewsIndexPageFactory(parent=home_page, title="Nieuws")
    today = timezone.localdate()
    # Noord's news is the oldest: only the choice of Noord brings it up.
    NewsPageFactory(
        parent=noord_page, title="Bankjes in Noord", date=today - datetime.timedelta(5)
    )
    NewsPageFactory(
        parent=news_index,
        title="Fietsenstalling Noord",
        neighbourhoods=[noord],
        date=today - datetime.timedelta(4),
    )
    for number in range(3):
        NewsPageFactory(parent=news_index, title=f"Stadsnieuws {number}", date=today)
    agenda = AgendaPageFactory(parent=home_page, title="Agenda")
    soon = timezone.now() + datetime.timedelta(days=1)
    for number in range(4):
        EventPageFactory(
            parent=agenda,
            title=f"Stadsactiviteit {number}",
            start=soon + datetime.timedelta(hours=number),
        )
    EventPageFactory(
        parent=noord_page,
        title="Buurtborrel Noord",
        start=soon + datetime.timedelta(days=7),
    )
    board = HelpBoardPageFactory(parent=home_page, title="Vraag en aanbod")
    HelpRequestFactory(
        title="Wie kookt er mee in Noord?",
        neighbourhood=noord,
        status=HelpStatus.PUBLISHED,
        published_at=timezone.now() - datetime.timedelta(days=3),
    )
    for number in range(3):
        HelpOfferFactory(title=f"Ik help in de stad {number}", status="published")
    HelpRequestFactory(title="Nog niet gemodereerd", neighbourhood=noord)
    connector = ConnectorFactory(
        page=noord_page,
        name="Fatma Yilmaz",
        text="Ik ken iedereen aan de Havendijk.",
        photo=ImageFactory(),
        consultation_when="Elke dinsdag van 10.00 tot 12.00 uur",
        consultation_where="Buurthuis De Brug",
        email="fatma@example.org",
    )
    ConnectorFactory(page=noord_page, name="Henk Zonder Toestemming", consent=False)
    social_map = SocialMapPageFactory(parent=home_page, title="Sociale kaart")
    return {
        "noord": noord,
        "zuid": zuid,
        "noord_page": noord_page,
        "zuid_page": zuid_page,
        "board": board,
        "connector": connector,
        "social_map": social_map,
        "news_index": news_index,
    }


def test_waar_zoek_je_hulp_bij_sends_words_and_postcode_to_the_sociale_kaart(
    client, home_page, town
):
    social_map = town["social_map"]
    geld = ThemeFactory(name="Geldzaken", slug="geldzaken")
    themes = [
        ThemeFactory(name=f"Thema {number}", slug=f"thema-{number}")
        for number in range(6)
    ]
    ThemeFactory(name="Niet gebruikt", slug="niet-gebruikt")
    OrganisationPageFactory(parent=social_map, title="Schuldhulp Noord", themes=[geld])
    OrganisationPageFactory(parent=social_map, themes=[geld, *themes[:5]])
    OrganisationPageFactory(parent=social_map, themes=[geld])

    html = client.get(home_page.url).content.decode()

    box = section(html, "help-search-heading")
    assert "Waar zoek je hulp bij?" in box
    assert f'action="{social_map.url}"' in box
    assert 'method="get"' in box
    assert 'name="q"' in box
    assert 'name="postcode"' in box
    links = re.findall(r'class="help-search__link[^"]*" href="([^"]+)">([^<]+)<', box)
    # The most used theme first, at most six, none without organisations.
    assert links[0] == (f"{social_map.url}?thema=geldzaken", "Geldzaken")
    assert len([link for link in links if "?thema=" in link[0]]) == 6
    assert "Niet gebruikt" not in box
    assert links[-1] == (
        town["board"].url + town["board"].reverse_subpage("submit"),
        "Vraag hulp aan je buren",
    )

    # What the form sends is what the sociale kaart reads.
    results = client.get(social_map.url, {"q": "Schuldhulp", "postcode": "4201 AB"})
    assert results.status_code == 200
    assert "Schuldhulp Noord" in results.content.decode()


def test_without_a_wijk_the_home_page_asks_to_choose_one(client, home_page, town):
    html = client.get(home_page.url).content.decode()

    prompt = section(html, "neighbourhoods-heading")
    assert "Kies je wijk" in prompt
    assert (
        'action="/wijk/"' in prompt or "choose" in prompt or 'name="postcode"' in prompt
    )
    assert prompt.count('class="tag tag--neighbourhood"') == 2
    assert "Fatma Yilmaz" not in html
    news = section(html, "news-heading")
    assert "Bankjes in Noord" not in news
    assert "Stadsnieuws 0" in news


def test_a_chosen_wijk_brings_its_news_events_help_and_buurtverbinders(
    client, home_page, town
):
    client.cookies[COOKIE] = str(town["noord"].pk)

    html = client.get(home_page.url).content.decode()

    assert "Kies je wijk</h2>" not in html
    mine = section(html, "my-wijk-heading")
    assert "Jouw wijk: Noord" in mine
    assert f'href="{town["noord_page"].url}"' in mine
    assert "Fatma Yilmaz" in mine
    assert "Ik ken iedereen aan de Havendijk." in mine
    assert "Elke dinsdag van 10.00 tot 12.00 uur" in mine
    assert "Buurthuis De Brug" in mine
    assert "<img" in mine
    question_url = town["noord_page"].url + town["noord_page"].reverse_subpage(
        "connector_question", args=[town["connector"].pk]
    )
    assert f'href="{question_url}"' in mine
    assert "Stel je vraag" in mine
    assert "Henk Zonder Toestemming" not in html
    # The buurtverbinder's address is never in the page.
    assert "fatma@example.org" not in html

    news = card_links(section(html, "news-heading"))
    assert news[:2] == [
        page.url
        for page in (
            town["news_index"].get_children().get(title="Fietsenstalling Noord"),
            town["noord_page"].get_children().get(title="Bankjes in Noord"),
        )
    ]
    events = section(html, "events-heading")
    assert events.index("Buurtborrel Noord") < events.index("Stadsactiviteit 0")
    posts = section(html, "help-posts-heading")
    assert posts.index("Wie kookt er mee in Noord?") < posts.index("Ik help in de stad")
    assert "Nog niet gemodereerd" not in posts


def test_another_wijk_gives_another_home_page(client, home_page, town):
    client.cookies[COOKIE] = str(town["zuid"].pk)

    html = client.get(home_page.url).content.decode()

    assert "Jouw wijk: Zuid" in html
    assert "Fatma Yilmaz" not in html
    assert "Bankjes in Noord" not in html


@pytest.mark.parametrize("value", ["999999", "abc", "-1", ""])
def test_an_unknown_wijk_in_the_cookie_is_no_choice(client, home_page, town, value):
    client.cookies[COOKIE] = value

    response = client.get(home_page.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Kies je wijk</h2>" in html
    assert "Jouw wijk" not in html


def test_a_wijk_of_another_site_is_no_choice(client, home_page, town, other_site):
    elsewhere = NeighbourhoodFactory(site=other_site, name="Elders", slug="elders")
    client.cookies[COOKIE] = str(elsewhere.pk)

    html = client.get(home_page.url).content.decode()

    assert "Jouw wijk" not in html
    assert "Kies je wijk</h2>" in html


@pytest.mark.parametrize("chosen", [None, "noord"])
def test_no_item_appears_twice(client, home_page, town, chosen):
    """Highlighted pages are not repeated in the sections below them."""
    if chosen:
        client.cookies[COOKIE] = str(town[chosen].pk)
    news_item = town["noord_page"].get_children().get(title="Bankjes in Noord")
    event = town["noord_page"].get_children().get(title="Buurtborrel Noord")
    for number, page in enumerate(
        (news_item, event, town["board"], town["social_map"])
    ):
        HomePageHighlightFactory(
            page=home_page, highlighted_page=page, title="", sort_order=number
        )

    html = client.get(home_page.url).content.decode()

    links = card_links(html)
    assert len(links) == len(set(links)), links
    for page in (news_item, event, town["board"], town["social_map"]):
        assert links.count(page.url) == 1
    assert len(links) >= 12


def _queries(client, url) -> int:
    client.get(url)  # makes the renditions
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def _add_items(town, home_page, site, count: int, offset: int = 0) -> None:
    agenda = home_page.get_children().get(title="Agenda").specific
    for number in range(offset, offset + count):
        NewsPageFactory(
            parent=town["noord_page"], image=ImageFactory(), title=f"Extra {number}"
        )
        NewsPageFactory(parent=town["news_index"], image=ImageFactory())
        EventPageFactory(parent=town["noord_page"])
        EventPageFactory(parent=agenda)
        HelpOfferFactory(status="published", neighbourhood=town["noord"])
        ConnectorFactory(page=town["noord_page"], photo=ImageFactory())
        NeighbourhoodPageFactory(
            parent=town["noord_page"].get_parent(),
            neighbourhood=NeighbourhoodFactory(site=site, name=f"Wijk {number}"),
        )
        OrganisationPageFactory(
            parent=town["social_map"],
            themes=[ThemeFactory(name=f"Thema {number}", slug=f"thema-{number}")],
        )


# Whatever the number of items: site and page lookup, highlights, wijken, news
# (+ images, renditions), events, index pages (+ their specific types), themes,
# help posts, and Wagtail's view-restriction check for each public() listing.
# A chosen wijk adds its buurtverbinders (+ photos, renditions) and the
# routing of their question links.
QUERIES_WITHOUT_WIJK = 29
QUERIES_WITH_WIJK = 33


@pytest.mark.parametrize(
    ("chosen", "expected"), [(None, QUERIES_WITHOUT_WIJK), ("noord", QUERIES_WITH_WIJK)]
)
def test_the_number_of_queries_is_fixed(
    client, home_page, site, town, django_assert_num_queries, chosen, expected
):
    if chosen:
        client.cookies[COOKIE] = str(town[chosen].pk)
    HomePageHighlightFactory(page=home_page, highlighted_page=town["board"])
    _add_items(town, home_page, site, 2)
    client.get(home_page.url)
    with django_assert_num_queries(expected):
        client.get(home_page.url)

    _add_items(town, home_page, site, 10, offset=2)
    client.get(home_page.url)
    with django_assert_num_queries(expected):
        response = client.get(home_page.url)
    html = response.content.decode()
    if chosen:
        assert html.count('class="card connector"') == 13
    else:
        wijken = section(html, "neighbourhoods-heading")
        assert wijken.count('class="tag tag--neighbourhood"') == 14


# Asking a buurtverbinder a question


def question_url(wijk_page, connector) -> str:
    return wijk_page.url + wijk_page.reverse_subpage(
        "connector_question", args=[connector.pk]
    )


def test_the_wijk_page_shows_spreekuur_and_the_question_button(client, town):
    html = client.get(town["noord_page"].url).content.decode()

    connectors = section(html, "connectors-heading")
    assert "Elke dinsdag van 10.00 tot 12.00 uur" in connectors
    assert f'href="{question_url(town["noord_page"], town["connector"])}"' in connectors
    assert "fatma@example.org" not in html


def test_a_question_reaches_the_buurtverbinder_by_mail(client, town):
    url = question_url(town["noord_page"], town["connector"])
    form = client.get(url)
    assert form.status_code == 200
    assert "fatma@example.org" not in form.content.decode()

    response = client.post(
        url,
        human_post_data(
            ConnectorQuestionForm,
            {
                "name": "Jan",
                "email": "jan@example.org",
                "question": "Is er een taalcafé in Noord?",
                "consent": "on",
            },
        ),
    )

    assert response.status_code == 302
    sent = client.get(response["Location"])
    assert "Je vraag is verstuurd" in sent.content.decode()
    assert "taalcafé" not in sent.content.decode()
    (message,) = mail.outbox
    assert message.to == ["fatma@example.org"]
    assert message.reply_to == ["jan@example.org"]
    assert "Is er een taalcafé in Noord?" in message.body


def test_a_question_without_consent_or_words_is_refused_in_dutch(client, town):
    url = question_url(town["noord_page"], town["connector"])

    response = client.post(
        url,
        human_post_data(
            ConnectorQuestionForm,
            {"name": "Jan", "email": "geen-adres", "question": ""},
        ),
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Schrijf je vraag op." in html
    assert "Zonder jouw toestemming" in html
    assert mail.outbox == []


def test_a_buurtverbinder_without_address_or_consent_cannot_be_asked(client, town):
    silent = ConnectorFactory(page=town["noord_page"], email="")
    hidden = ConnectorFactory(
        page=town["noord_page"], consent=False, email="h@example.org"
    )
    zuid_url = question_url(town["zuid_page"], town["connector"])

    for url in (
        question_url(town["noord_page"], silent),
        question_url(town["noord_page"], hidden),
        zuid_url,
        town["noord_page"].url + "buurtverbinder/99999999999/vraag/",
    ):
        assert client.get(url).status_code == 404, url
