"""The week grid of opening hours in the admin, through the real edit form."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from editorial.services import organisation_editor_grant
from socialmap.models import OpeningHours
from tests.factories import (
    LocationFactory,
    OpeningHoursFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)

pytestmark = pytest.mark.django_db

HOURS = "locations-0-opening_hours"


@pytest.fixture
def organisation(site):
    page = OrganisationPageFactory(parent=SocialMapPageFactory(parent=site.root_page))
    location = LocationFactory(page=page)
    OpeningHoursFactory(location=location, weekday=0, opens="09:00", closes="12:00")
    OpeningHoursFactory(location=location, weekday=0, opens="13:00", closes="17:00")
    OpeningHoursFactory(location=location, weekday=4, opens="22:00", closes="02:00")
    page.save_revision().publish()
    return page


@pytest.fixture
def editor(organisation):
    user = get_user_model().objects.create_user("bram", "bram@example.org")
    organisation_editor_grant(user=user, organisation_page=organisation)
    return user


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def open_form(client, page):
    response = client.get(edit_url(page))
    assert response.status_code == 200
    html = response.content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    for name, value in data.items():
        data[name] = value.removeprefix("\n")
    # A ticked box without a value attribute: the browser sends "on".
    for tag in re.findall(r"<input[^>]*checkbox[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if name and " checked" in tag and "value=" not in tag:
            data[name.group(1)] = "on"
    return html, data


def day_row(html: str, weekday: int) -> str:
    match = re.search(
        rf'<tr class="bp-hours__day[^"]*" data-hours-day="{weekday}">(.*?)</tr>',
        html,
        re.S,
    )
    assert match, f"no row for day {weekday}"
    return match.group(1)


def add_period(data, weekday, opens, closes):
    index = int(data[f"{HOURS}-TOTAL_FORMS"])
    data.update(
        {
            f"{HOURS}-{index}-id": "",
            f"{HOURS}-{index}-weekday": str(weekday),
            f"{HOURS}-{index}-opens": opens,
            f"{HOURS}-{index}-closes": closes,
            f"{HOURS}-{index}-ORDER": str(index + 1),
            f"{HOURS}-{index}-DELETE": "",
        }
    )
    data[f"{HOURS}-TOTAL_FORMS"] = str(index + 1)
    return index


def test_every_day_is_a_named_row_with_its_periods(client, organisation, editor):
    client.force_login(editor)
    html, _data = open_form(client, organisation)
    names = re.findall(r'<th scope="row" class="bp-hours__name">(\w+)</th>', html)
    assert names[:7] == [
        "Maandag",
        "Dinsdag",
        "Woensdag",
        "Donderdag",
        "Vrijdag",
        "Zaterdag",
        "Zondag",
    ]
    monday = day_row(html, 0)
    assert 'value="09:00"' in monday and 'value="12:00"' in monday
    assert 'value="13:00"' in monday and 'value="17:00"' in monday
    assert "data-hours-closed>" in monday  # not checked
    assert "data-hours-closed checked" in day_row(html, 1)
    assert 'value="22:00"' in day_row(html, 4)
    assert "opening-hours-week.js" in html
    assert "admin-opening-hours.css" in html


def test_a_period_added_on_a_day_is_saved_on_that_day(client, organisation, editor):
    client.force_login(editor)
    _html, data = open_form(client, organisation)
    add_period(data, 2, "10:00", "16:00")
    response = client.post(edit_url(organisation), data)
    assert response.status_code == 302
    organisation.refresh_from_db()
    draft = organisation.get_latest_revision_as_object()
    periods = sorted(
        (slot.weekday, slot.opens, slot.closes)
        for slot in draft.locations.first().opening_hours.all()
    )
    assert (2, datetime.time(10), datetime.time(16)) in periods
    assert len(periods) == 4


def test_removing_a_period_closes_the_day(client, organisation, editor):
    client.force_login(editor)
    _html, data = open_form(client, organisation)
    friday = next(
        key.removesuffix("-weekday")
        for key, value in data.items()
        if key.startswith(HOURS) and key.endswith("-weekday") and value == "4"
    )
    data[f"{friday}-DELETE"] = "1"
    response = client.post(edit_url(organisation), data)
    assert response.status_code == 302
    organisation.refresh_from_db()
    draft = organisation.get_latest_revision_as_object()
    assert {slot.weekday for slot in draft.locations.first().opening_hours.all()} == {0}


@pytest.mark.parametrize(
    ("weekday", "opens", "closes", "message"),
    [
        (
            2,
            "17:00",
            "09:00",
            "Dicht om 09:00 is eerder dan open vanaf 17:00. Open tot na middernacht?",
        ),
        (2, "10:00", "10:00", "Open en dicht om dezelfde tijd (10:00)"),
        (0, "11:00", "14:00", "Maandag: 09:00–12:00 en 11:00–14:00 overlappen."),
        (5, "21:00", "03:00", None),  # past midnight: fine
    ],
)
def test_bad_periods_get_a_dutch_message_on_their_day(
    client, organisation, editor, weekday, opens, closes, message
):
    client.force_login(editor)
    _html, data = open_form(client, organisation)
    add_period(data, weekday, opens, closes)
    response = client.post(edit_url(organisation), data)
    if message is None:
        assert response.status_code == 302
        return
    assert response.status_code == 200
    html = response.content.decode()
    assert message in day_row(html, weekday)
    for other in set(range(7)) - {weekday}:
        assert "bp-hours__error" not in day_row(html, other)
    assert OpeningHours.objects.filter(location__page=organisation).count() == 3


def test_a_forged_weekday_is_refused_with_a_message(client, organisation, editor):
    client.force_login(editor)
    _html, data = open_form(client, organisation)
    add_period(data, 9, "10:00", "12:00")
    response = client.post(edit_url(organisation), data)
    assert response.status_code == 200
    assert "Een tijd zonder geldige dag" in response.content.decode()
    organisation.refresh_from_db()
    draft = organisation.get_latest_revision_as_object()
    assert draft.locations.first().opening_hours.count() == 3


def test_an_exception_closing_before_it_opens_gets_a_dutch_message(
    client, organisation, editor
):
    client.force_login(editor)
    _html, data = open_form(client, organisation)
    prefix = "locations-0-hours_exceptions"
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data.update(
        {
            f"{prefix}-{index}-id": "",
            f"{prefix}-{index}-date": "2027-12-24",
            f"{prefix}-{index}-opens": "14:00",
            f"{prefix}-{index}-closes": "10:00",
            f"{prefix}-{index}-reason": "Kerstavond",
            f"{prefix}-{index}-DELETE": "",
        }
    )
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    response = client.post(edit_url(organisation), data)
    assert response.status_code == 200
    assert "Dicht om 10:00 is eerder dan open vanaf 14:00" in response.content.decode()
