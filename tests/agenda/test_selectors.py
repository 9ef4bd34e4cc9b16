"""Agenda reads other pages use: a wijk's and an organisation's next dates."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from agenda.selectors import (
    upcoming_occurrences_for_neighbourhood_page,
    upcoming_occurrences_under,
)
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


def test_a_wijk_page_gets_events_under_it_or_tagged_with_its_wijk(events):
    centrum, _organisation = events

    occurrences = upcoming_occurrences_for_neighbourhood_page(
        page=centrum, neighbourhood=centrum.neighbourhood
    )

    assert [o.event.title for o in occurrences] == [
        "Onder Centrum",
        "Organisatie in Centrum",
    ]


def test_an_organisation_page_gets_its_own_events(events):
    _centrum, organisation = events

    assert [o.event.title for o in upcoming_occurrences_under(page=organisation)] == [
        "Organisatie in Centrum"
    ]
