"""Agenda reads other pages use: a wijk's and an organisation's next dates."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from agenda.models import EventPage
from agenda.selectors import events_by_next_date, upcoming_occurrences_under
from tests.factories import (
    AgendaPageFactory,
    EventPageFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)

pytestmark = pytest.mark.django_db


def in_days(days: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(
        day, datetime.time(10), tzinfo=ZoneInfo("Europe/Amsterdam")
    )


@pytest.fixture
def events(home_page, neighbourhood, other_neighbourhood):
    wijken = NeighbourhoodIndexPageFactory(parent=home_page)
    centrum = NeighbourhoodPageFactory(parent=wijken, neighbourhood=neighbourhood)
    west = NeighbourhoodPageFactory(parent=wijken, neighbourhood=other_neighbourhood)
    organisation = OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=home_page)
    )
    agenda = AgendaPageFactory(parent=home_page)
    EventPageFactory(parent=centrum, title="Onder Centrum", start=in_days(1))
    EventPageFactory(
        parent=organisation,
        title="Organisatie in Centrum",
        start=in_days(2),
        neighbourhoods=[neighbourhood],
    )
    EventPageFactory(parent=agenda, title="Hele stad", start=in_days(3))
    EventPageFactory(
        parent=west,
        title="West",
        start=in_days(4),
        neighbourhoods=[other_neighbourhood],
    )
    EventPageFactory(parent=centrum, title="Voorbij", start=in_days(-1), end=None)
    EventPageFactory(parent=centrum, title="Concept", start=in_days(1), live=False)
    return centrum, organisation


def test_an_organisation_page_gets_its_own_events(events):
    _centrum, organisation = events

    assert [o.event.title for o in upcoming_occurrences_under(page=organisation)] == [
        "Organisatie in Centrum"
    ]


def test_events_by_next_date_keeps_all_day_events_for_the_whole_day(home_page):
    agenda = AgendaPageFactory(parent=home_page)
    zone = ZoneInfo("Europe/Amsterdam")
    today = timezone.localdate()
    morning = datetime.datetime.combine(today, datetime.time(9), tzinfo=zone)
    noon = datetime.datetime.combine(today, datetime.time(12), tzinfo=zone)
    EventPageFactory(parent=agenda, title="Markt", start=morning, all_day=True)
    EventPageFactory(parent=agenda, title="Ochtendkoffie", start=morning, end=None)
    EventPageFactory(
        parent=agenda,
        title="Cursus",
        start=morning,
        end=morning + datetime.timedelta(hours=5),
    )
    EventPageFactory(
        parent=agenda,
        title="Wekelijks",
        start=morning - datetime.timedelta(days=7),
        end=morning - datetime.timedelta(days=7, hours=-1),
        repetition="weekly",
    )

    events = events_by_next_date(EventPage.objects.live(), now=noon)

    # The weekly one's date this morning is over, so next week's counts.
    assert [(e.title, timezone.localtime(e.next_start).date()) for e in events] == [
        ("Cursus", today),
        ("Markt", today),
        ("Wekelijks", today + datetime.timedelta(days=7)),
    ]
