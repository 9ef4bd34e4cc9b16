"""The profile says per location whether it is open now, and until when or
when it opens next (the rules themselves are tested in test_opening)."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import (
    LocationFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)
from tests.factories.socialmap import OpeningHoursFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(site):
    return SocialMapPageFactory(parent=site.root_page, slug="sociale-kaart")


def profile_with_hours(index, *, weekdays, opens, closes):
    page = OrganisationPageFactory(parent=index)
    location = LocationFactory(page=page)
    for weekday in weekdays:
        OpeningHoursFactory(
            location=location, weekday=weekday, opens=opens, closes=closes
        )
    return page


def test_a_location_open_day_and_night_says_open(client, index):
    page = profile_with_hours(
        index, weekdays=range(7), opens=datetime.time(0), closes=datetime.time(0)
    )

    html = client.get(page.url).content.decode()

    assert 'class="badge badge--open" data-open-status' in html
    assert "Nu open" in html


def test_a_location_open_on_another_day_says_when_it_opens(client, index):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page = profile_with_hours(
        index,
        weekdays=[tomorrow.weekday()],
        opens=datetime.time(9, 30),
        closes=datetime.time(12),
    )

    html = client.get(page.url).content.decode()

    day = [
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
    ][tomorrow.weekday()]
    assert f"Nu gesloten, open {day} om 09:30 uur" in " ".join(html.split())


def test_a_location_without_hours_says_nothing_about_now(client, index):
    page = OrganisationPageFactory(parent=index)
    LocationFactory(page=page)

    html = client.get(page.url).content.decode()

    assert "data-open-status" not in html
