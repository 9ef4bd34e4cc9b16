"""Calendar apps and browsers find the feeds: <link rel="alternate">, links."""

import datetime
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from django.utils import timezone

from tests.factories import (
    AgendaPageFactory,
    EventPageFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)

pytestmark = pytest.mark.django_db


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.calendar_links: list[dict] = []
        self.anchors: list[str] = []
        self._in_head = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "head":
            self._in_head = True
        if (
            tag == "link"
            and self._in_head
            and attributes.get("rel") == "alternate"
            and attributes.get("type") == "text/calendar"
        ):
            self.calendar_links.append(attributes)
        if tag == "a" and attributes.get("href"):
            self.anchors.append(attributes["href"])

    def handle_endtag(self, tag):
        if tag == "head":
            self._in_head = False


def parse(response) -> _Links:
    assert response.status_code == 200
    parser = _Links()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def tree(home_page, neighbourhood):
    wijken = NeighbourhoodIndexPageFactory(parent=home_page)
    tree = SimpleNamespace(
        agenda=AgendaPageFactory(parent=home_page),
        centrum=NeighbourhoodPageFactory(parent=wijken, neighbourhood=neighbourhood),
        organisation=OrganisationPageFactory(
            parent=SocialMapPageFactory(parent=home_page), title="De Schakel"
        ),
    )
    start = timezone.now() + datetime.timedelta(days=3)
    tree.event = EventPageFactory(
        parent=tree.organisation, title="Repair café", start=start, end=None
    )
    return tree


def test_the_agenda_advertises_its_feed_and_the_chosen_wijks(client, tree):
    plain = parse(client.get(tree.agenda.url))
    with_wijk = parse(client.get(f"{tree.agenda.url}?wijk=centrum"))

    assert [link["href"] for link in plain.calendar_links] == [
        "http://testserver/ical/agenda.ics"
    ]
    assert plain.calendar_links[0]["title"] == "Agenda (iCalendar)"
    assert [link["href"] for link in with_wijk.calendar_links] == [
        "http://testserver/ical/agenda.ics",
        "http://testserver/ical/wijk/centrum.ics",
    ]
    assert "http://testserver/ical/agenda.ics" in plain.anchors
    assert "webcal://testserver/ical/agenda.ics" in plain.anchors
    assert "webcal://testserver/ical/wijk/centrum.ics" in with_wijk.anchors
    assert "Abonneer je op deze agenda" in client.get(tree.agenda.url).content.decode()


def test_the_wijk_page_advertises_its_feed(client, tree):
    links = parse(client.get(tree.centrum.url)).calendar_links

    assert [(link["href"], link["title"]) for link in links] == [
        (
            "http://testserver/ical/wijk/centrum.ics",
            "Activiteiten in Centrum (iCalendar)",
        )
    ]
    assert client.get(links[0]["href"]).status_code == 200


def test_the_organisation_page_advertises_its_feed(client, tree):
    links = parse(client.get(tree.organisation.url)).calendar_links

    href = f"http://testserver/ical/organisatie/{tree.organisation.pk}.ics"
    assert [(link["href"], link["title"]) for link in links] == [
        (href, "Activiteiten van De Schakel (iCalendar)")
    ]
    assert client.get(href).status_code == 200


def test_the_event_page_advertises_its_feed_and_offers_zet_in_mijn_agenda(client, tree):
    response = client.get(tree.event.url)
    parsed = parse(response)

    href = f"http://testserver/ical/activiteit/{tree.event.pk}.ics"
    assert [link["href"] for link in parsed.calendar_links] == [href]
    assert href in parsed.anchors
    assert "Zet in mijn agenda" in response.content.decode()
    feed = client.get(href)
    assert feed.status_code == 200
    assert "SUMMARY:Repair café" in feed.content.decode()
