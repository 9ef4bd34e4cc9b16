"""The news feeds (RSS 2.0 and Atom): read back with a real feed parser."""

import datetime
import html
from html.parser import HTMLParser
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from core.models import PlatformSettings
from tests.factories import (
    ContentPageFactory,
    ImageFactory,
    NeighbourhoodFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
FORMATS = ["rss", "atom"]


@pytest.fixture
def tree(site, home_page, neighbourhood, other_neighbourhood):
    settings = PlatformSettings.for_site(site)
    settings.platform_name = "Samen Teststad"
    settings.save()
    wijken = NeighbourhoodIndexPageFactory(parent=home_page)
    social_map = SocialMapPageFactory(parent=home_page)
    return SimpleNamespace(
        news_index=NewsIndexPageFactory(parent=home_page),
        centrum=NeighbourhoodPageFactory(parent=wijken, neighbourhood=neighbourhood),
        west=NeighbourhoodPageFactory(parent=wijken, neighbourhood=other_neighbourhood),
        organisation=OrganisationPageFactory(
            parent=social_map, title="Buurthuis De Schakel"
        ),
    )


def published(day: int, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(2030, 3, day, hour, 15, tzinfo=AMSTERDAM)


@pytest.fixture
def news(tree, other_site, neighbourhood, other_neighbourhood, theme, other_theme):
    """Live news of every kind, newest last, plus what no feed may show."""

    def item(parent, title, day, **kwargs):
        return NewsPageFactory(
            parent=parent,
            title=title,
            date=datetime.date(2030, 3, day),
            first_published_at=published(day),
            **kwargs,
        )

    item(tree.centrum, "Onder Centrum", 1)
    item(tree.organisation, "Schakel over Centrum", 2, neighbourhoods=[neighbourhood])
    item(tree.news_index, "Hele stad", 3)
    item(tree.news_index, "Stad en wonen", 4, themes=[theme])
    item(tree.west, "West en geld", 5, themes=[other_theme])
    item(
        tree.organisation,
        "Schakel over wonen",
        6,
        themes=[theme],
        neighbourhoods=[other_neighbourhood],
    )
    item(
        tree.news_index,
        "Beide wijken",
        7,
        neighbourhoods=[neighbourhood, other_neighbourhood],
        themes=[theme, other_theme],
    )
    # Never in a feed of this site.
    item(tree.centrum, "Concept", 8, live=False)
    private = item(tree.centrum, "Afgeschermd", 9)
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    other_index = NewsIndexPageFactory(parent=other_site.root_page)
    item(other_index, "Uit Anderdorp", 10)
    return tree


def fetch(client, url: str, *, host: str = "localhost"):
    response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200, response.content
    return response


def parse(response):
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def entry_titles(feed) -> list[str]:
    return [entry.title for entry in feed.entries]


EXPECTED = {
    "nieuws": [
        "Beide wijken",
        "Schakel over wonen",
        "West en geld",
        "Stad en wonen",
        "Hele stad",
        "Schakel over Centrum",
        "Onder Centrum",
    ],
    # As the wijk page: under its page or tagged with it, no town-wide news.
    "wijk/centrum": ["Beide wijken", "Schakel over Centrum", "Onder Centrum"],
    "wijk/west": ["Beide wijken", "Schakel over wonen", "West en geld"],
    "thema/wonen": ["Beide wijken", "Schakel over wonen", "Stad en wonen"],
    "thema/geldzaken": ["Beide wijken", "West en geld"],
}


@pytest.mark.parametrize("feed_format", FORMATS)
@pytest.mark.parametrize("subject", list(EXPECTED))
def test_feeds_parse_and_hold_the_live_public_news_of_the_site_newest_first(
    client, news, subject, feed_format
):
    response = fetch(client, f"/feeds/{subject}/{feed_format}/")

    feed = parse(response)
    expected_type = f"application/{feed_format}+xml; charset=utf-8"
    assert response["Content-Type"] == expected_type
    assert feed.version == ("rss20" if feed_format == "rss" else "atom10")
    assert entry_titles(feed) == EXPECTED[subject]
    assert feed.feed.title.startswith("Samen Teststad: nieuws")
    assert feed.feed.get("language", "nl") == "nl"
    for entry in feed.entries:
        assert entry.link.startswith("http://localhost/")
        assert entry.id.startswith("tag:localhost,")
        assert entry.published_parsed is not None
    assert feed.feed.link.startswith("http://localhost/")


def test_organisation_feed_holds_the_news_under_it(client, news):
    url = f"/feeds/organisatie/{news.organisation.pk}/rss/"

    feed = parse(fetch(client, url))

    assert feed.feed.title == "Samen Teststad: nieuws van Buurthuis De Schakel"
    assert feed.feed.link == news.organisation.full_url
    assert entry_titles(feed) == ["Schakel over wonen", "Schakel over Centrum"]
    assert entry_titles(parse(fetch(client, url.replace("rss", "atom")))) == [
        "Schakel over wonen",
        "Schakel over Centrum",
    ]


def test_each_site_has_its_own_feeds(client, news):
    feed = parse(fetch(client, "/feeds/nieuws/rss/", host="other.localhost"))

    assert entry_titles(feed) == ["Uit Anderdorp"]
    assert feed.entries[0].link.startswith("http://other.localhost/")


def test_feed_titles_and_descriptions_say_what_they_hold(client, news):
    all_news = parse(fetch(client, "/feeds/nieuws/rss/")).feed
    wijk = parse(fetch(client, "/feeds/wijk/centrum/atom/")).feed
    theme = parse(fetch(client, "/feeds/thema/wonen/rss/")).feed

    assert all_news.title == "Samen Teststad: nieuws"
    assert all_news.link == news.news_index.full_url
    assert wijk.title == "Samen Teststad: nieuws uit Centrum"
    assert "Nieuws voor de hele gemeente staat niet in deze feed" in wijk.subtitle
    assert wijk.link == news.centrum.full_url
    assert theme.title == "Samen Teststad: nieuws over Wonen"
    assert theme.link == f"{news.news_index.full_url}?thema=wonen"


def test_a_wijk_without_a_page_links_to_the_filtered_news_index(client, news, site):
    NeighbourhoodFactory(site=site, name="Noord", slug="noord")

    feed = parse(fetch(client, "/feeds/wijk/noord/rss/"))

    assert feed.entries == []
    assert feed.feed.link == f"{news.news_index.full_url}?wijk=noord"


@pytest.mark.parametrize("feed_format", FORMATS)
def test_an_item_carries_date_link_guid_themes_image_and_source(
    client, tree, theme, other_theme, feed_format
):
    item = NewsPageFactory(
        parent=tree.organisation,
        title="Repair café",
        introduction="Neem je kapotte spullen mee.",
        date=datetime.date(2030, 1, 8),
        first_published_at=datetime.datetime(2030, 1, 7, 16, 45, tzinfo=AMSTERDAM),
        last_published_at=datetime.datetime(2030, 1, 9, 10, 0, tzinfo=AMSTERDAM),
        themes=[theme, other_theme],
        image=ImageFactory(),
    )

    entry = parse(fetch(client, f"/feeds/nieuws/{feed_format}/")).entries[0]

    assert entry.link == item.full_url
    assert entry.summary == "Neem je kapotte spullen mee."
    # The news date, at the time of day it was first published, in Dutch time.
    assert entry.published_parsed[:6] == (2030, 1, 8, 15, 45, 0)
    if feed_format == "rss":
        assert entry.published == "Tue, 08 Jan 2030 16:45:00 +0100"
    else:
        assert entry.published == "2030-01-08T16:45:00+01:00"
        assert entry.updated_parsed[:6] == (2030, 1, 9, 9, 0, 0)
    assert entry.id == f"tag:localhost,2030-01-07:nieuws/{item.pk}"
    assert sorted(tag.term for tag in entry.tags) == ["Geldzaken", "Wonen"]
    assert entry.author == "Buurthuis De Schakel"
    (enclosure,) = entry.enclosures
    assert enclosure.href.startswith("http://localhost/media/")
    assert enclosure.type.startswith("image/")
    assert int(enclosure.length) > 0


def test_the_guid_stays_when_an_item_is_renamed_or_moved(client, tree):
    item = NewsPageFactory(parent=tree.centrum, title="Eerst")
    before = parse(fetch(client, "/feeds/nieuws/atom/")).entries[0]

    item.title = "Daarna"
    item.slug = "daarna"
    item.save_revision().publish()
    item.move(tree.news_index, pos="last-child")
    after = parse(fetch(client, "/feeds/nieuws/atom/")).entries[0]

    assert after.title == "Daarna"
    assert after.link != before.link
    assert after.id == before.id


def test_an_item_without_a_publication_time_is_dated_at_noon(client, tree):
    item = NewsPageFactory(parent=tree.news_index, date=datetime.date(2030, 7, 1))
    type(item).objects.filter(pk=item.pk).update(first_published_at=None)

    entry = parse(fetch(client, "/feeds/nieuws/rss/")).entries[0]

    assert entry.published == "Mon, 01 Jul 2030 12:00:00 +0200"


HOSTILE_TITLE = '<script>alert("x")</script> & Zoë\'s "buurt" ✓ 😀 </title>]]>'
HOSTILE_INTRO = "<b>vet</b> & <img src=x onerror=alert(1)> <![CDATA[ x ]]>"


@pytest.mark.parametrize("feed_format", FORMATS)
def test_residents_text_comes_out_as_text(client, tree, feed_format):
    NewsPageFactory(
        parent=tree.news_index,
        title=HOSTILE_TITLE,
        introduction=HOSTILE_INTRO,
    )

    response = fetch(client, f"/feeds/nieuws/{feed_format}/")

    entry = parse(response).entries[0]
    assert entry.title == HOSTILE_TITLE
    # The description is HTML to a feed reader: the escaped text, no markup.
    assert html.unescape(entry.summary) == HOSTILE_INTRO
    assert "<" not in entry.summary
    assert b"<script" not in response.content
    assert b"<img" not in response.content


def test_control_characters_are_left_out_rather_than_breaking_the_feed(client, tree):
    NewsPageFactory(
        parent=tree.news_index,
        title="Vertical\x0btab and\x1fmore",
        introduction="Form\x0cfeed",
    )

    for feed_format in FORMATS:
        entry = parse(fetch(client, f"/feeds/nieuws/{feed_format}/")).entries[0]
        assert entry.title == "Verticaltab andmore"
        assert entry.summary == "Formfeed"


def test_a_feed_holds_the_newest_thirty_items(client, tree):
    for number in range(32):
        NewsPageFactory(
            parent=tree.news_index,
            title=f"Bericht {number}",
            date=datetime.date(2030, 1, 1) + datetime.timedelta(days=number),
        )

    feed = parse(fetch(client, "/feeds/nieuws/rss/"))

    assert len(feed.entries) == 30
    assert feed.entries[0].title == "Bericht 31"
    assert feed.entries[-1].title == "Bericht 2"


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/wijk/bestaat-niet/rss/",
        "/feeds/wijk/bestaat-niet/atom/",
        "/feeds/thema/bestaat-niet/rss/",
        "/feeds/thema/bestaat-niet/atom/",
        "/feeds/organisatie/999999/rss/",
        "/feeds/organisatie/999999/atom/",
        "/feeds/organisatie/99999999999999999999999/rss/",  # past any integer
    ],
)
def test_unknown_subjects_are_not_found(client, tree, url):
    assert client.get(url, HTTP_HOST="localhost").status_code == 404


def test_another_sites_wijk_and_organisation_are_not_found(client, tree, other_site):
    other_wijk = NeighbourhoodFactory(site=other_site, name="Dorp", slug="dorp")
    other_organisation = OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=other_site.root_page)
    )

    assert client.get(f"/feeds/wijk/{other_wijk.slug}/rss/").status_code == 404
    assert (
        client.get(f"/feeds/organisatie/{other_organisation.pk}/rss/").status_code
        == 404
    )
    assert (
        client.get(
            f"/feeds/wijk/{other_wijk.slug}/rss/", HTTP_HOST="other.localhost"
        ).status_code
        == 200
    )


def test_a_page_that_is_no_organisation_has_no_organisation_feed(client, tree):
    content = ContentPageFactory(parent=tree.news_index.get_parent())

    for page in (content, tree.centrum):
        response = client.get(f"/feeds/organisatie/{page.pk}/rss/")
        assert response.status_code == 404


# Query counts ----------------------------------------------------------------


def _add_news(tree, neighbourhood, theme, count, start=0):
    parents = [tree.centrum, tree.organisation, tree.news_index]
    for number in range(start, start + count):
        NewsPageFactory(
            parent=parents[number % 3],
            title=f"Bericht {number}",
            image=ImageFactory(),
            neighbourhoods=[neighbourhood],
            themes=[theme],
            tags=["buurt"],
        )


def _queries_for(client, url) -> int:
    fetch(client, url)  # renditions and the site's root paths are made once
    with CaptureQueriesContext(connection) as queries:
        fetch(client, url)
    return len(queries)


FEED_URLS = [
    "/feeds/nieuws/rss/",
    "/feeds/nieuws/atom/",
    "/feeds/wijk/centrum/rss/",
    "/feeds/wijk/centrum/atom/",
    "/feeds/thema/wonen/rss/",
    "/feeds/thema/wonen/atom/",
]


def test_feed_query_counts_do_not_grow_with_items(
    client, tree, neighbourhood, theme, django_assert_num_queries
):
    _add_news(tree, neighbourhood, theme, 3)
    urls = [*FEED_URLS, f"/feeds/organisatie/{tree.organisation.pk}/rss/"]
    with_three = {url: _queries_for(client, url) for url in urls}

    _add_news(tree, neighbourhood, theme, 22, start=3)
    for url in urls:
        fetch(client, url)
        with django_assert_num_queries(with_three[url]):
            response = fetch(client, url)
        assert len(parse(response).entries) > 3


# Discovery -------------------------------------------------------------------


class AlternateLinks(HTMLParser):
    """The <link rel="alternate"> elements of a page's head, and its <a>s."""

    def __init__(self):
        super().__init__()
        self.alternates: list[dict] = []
        self.anchors: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and attributes.get("rel") == "alternate":
            self.alternates.append(attributes)
        if tag == "a":
            self.anchors.append(attributes)


def alternates(response) -> set[tuple[str, str]]:
    parser = AlternateLinks()
    parser.feed(response.content.decode())
    return {
        (link["type"], link["href"])
        for link in parser.alternates
        if link["type"] in ("application/rss+xml", "application/atom+xml")
    }


def feed_pair(path: str) -> set[tuple[str, str]]:
    return {
        ("application/rss+xml", f"http://localhost/feeds/{path}/rss/"),
        ("application/atom+xml", f"http://localhost/feeds/{path}/atom/"),
    }


def test_news_index_advertises_all_news_and_the_chosen_wijk_and_theme(client, news):
    plain = fetch(client, news.news_index.url)
    filtered = fetch(client, f"{news.news_index.url}?wijk=centrum&thema=wonen")

    assert alternates(plain) == feed_pair("nieuws")
    assert alternates(filtered) == (
        feed_pair("nieuws") | feed_pair("wijk/centrum") | feed_pair("thema/wonen")
    )
    head = plain.content.decode().split("</head>")[0]
    assert 'title="Samen Teststad: nieuws (RSS)"' in head
    assert 'title="Samen Teststad: nieuws (Atom)"' in head


def test_news_index_has_a_visible_link_to_its_feed(client, news):
    html_text = fetch(client, news.news_index.url).content.decode()
    filtered = fetch(client, f"{news.news_index.url}?wijk=centrum").content.decode()

    assert (
        '<a href="http://localhost/feeds/nieuws/rss/" type="application/rss+xml">'
        "Volg dit nieuws (RSS)</a>"
    ) in html_text
    assert "Volg al het nieuws (RSS)" in filtered
    assert (
        '<a href="http://localhost/feeds/wijk/centrum/rss/" '
        'type="application/rss+xml">Volg het nieuws uit Centrum (RSS)</a>'
    ) in filtered


def test_every_advertised_feed_parses(client, news):
    response = fetch(client, f"{news.news_index.url}?wijk=west&thema=geldzaken")

    for _type, href in alternates(response):
        feed = parse(fetch(client, href.removeprefix("http://localhost")))
        assert feed.entries


def test_wijk_page_advertises_its_feed(client, news):
    assert alternates(fetch(client, news.centrum.url)) == feed_pair("wijk/centrum")


# Where each item on the index comes from --------------------------------------


def test_news_index_cards_say_which_wijk_or_organisation_they_come_from(client, news):
    response = fetch(client, news.news_index.url)

    by_title = {item.title: item for item in response.context["items"]}
    assert by_title["Schakel over wonen"].source.pk == news.organisation.pk
    assert by_title["Onder Centrum"].source.pk == news.centrum.pk
    assert by_title["Hele stad"].source is None
    html_text = response.content.decode()
    assert (
        f'Van <a href="{news.organisation.url}">Buurthuis De Schakel</a>' in html_text
    )
    assert f'Van <a href="{news.centrum.url}">Centrum</a>' in html_text


@pytest.mark.parametrize("url", ["/feeds/nieuws/rss/", "/feeds/nieuws/atom/"])
def test_feeds_may_be_kept_a_short_while(client, tree, url):
    response = client.get(url, HTTP_HOST="localhost")

    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert "max-age=900" in response["Cache-Control"]
