"""Moving one date of a repeating event in the admin: checked, stored, shown."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.test.utils.form_data import querydict_from_html

from agenda.models import EventDateChange, EventOccurrence, EventPage, EventSkippedDate
from tests.factories import AgendaPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def at(year, month, day, hour=19, minute=30) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


@pytest.fixture
def new_year_2030(monkeypatch):
    """'Now' is 1 January 2030 (before logging in, so the session is valid)."""
    monkeypatch.setattr(timezone, "now", lambda: at(2030, 1, 1, 12, 0))


@pytest.fixture
def editor(client, new_year_2030):
    user = get_user_model().objects.create_superuser(
        "redactie", "redactie@example.org", "x"
    )
    client.force_login(user)
    return client


@pytest.fixture
def event(home_page, new_year_2030):
    return EventPageFactory(
        parent=AgendaPageFactory(parent=home_page),
        title="Koffieochtend",
        start=at(2030, 1, 8),
        end=at(2030, 1, 8, 21, 0),
        repetition="weekly",
        repeat_until=datetime.date(2030, 3, 26),
        skipped_dates=[EventSkippedDate(date=datetime.date(2030, 1, 22))],
    )


def edit_form(editor, event, changes):
    """The editor's form of ``event`` as a browser sends it, with moved dates."""
    url = reverse("wagtailadmin_pages:edit", args=[event.pk])
    data = querydict_from_html(
        editor.get(url).content.decode(), form_id="page-edit-form"
    )
    data["changed_dates-TOTAL_FORMS"] = str(len(changes))
    for number, (original, start, end) in enumerate(changes):
        prefix = f"changed_dates-{number}-"
        data[prefix + "original_date"] = original
        data[prefix + "new_start"] = start
        data[prefix + "new_end"] = end
        data[prefix + "id"] = ""
        data[prefix + "ORDER"] = str(number + 1)
        data[prefix + "DELETE"] = ""
    data["action-publish"] = "action-publish"
    return url, data


def test_an_editor_moves_one_date_and_the_agenda_follows(editor, event):
    url, data = edit_form(
        editor, event, [("2030-01-15", "2030-01-16 14:00", "2030-01-16 15:00")]
    )

    response = editor.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    change = EventDateChange.objects.get(page=event)
    assert change.original_date == datetime.date(2030, 1, 15)
    moved = EventOccurrence.objects.get(event=event, original_start__isnull=False)
    assert (moved.start, moved.end, moved.original_start) == (
        at(2030, 1, 16, 14, 0),
        at(2030, 1, 16, 15, 0),
        at(2030, 1, 15),
    )
    assert not EventOccurrence.objects.filter(
        event=event, start=at(2030, 1, 15)
    ).exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            [("2030-01-16", "2030-01-17 14:00", "")],
            "Op deze datum is er geen activiteit volgens de herhaling. "
            "Kies een datum uit de herhaling.",
        ),
        (
            [("2030-04-02", "2030-04-03 14:00", "")],  # after 'herhalen tot en met'
            "Op deze datum is er geen activiteit volgens de herhaling. "
            "Kies een datum uit de herhaling.",
        ),
        (
            [("2030-01-22", "2030-01-23 14:00", "")],
            "Op deze datum gaat het niet door (zie de overgeslagen datums). "
            "Haal de datum daar weg als het toch doorgaat.",
        ),
        (
            [
                ("2030-01-15", "2030-01-16 14:00", ""),
                ("2030-01-15", "2030-01-17 14:00", ""),
            ],
            "Deze datum staat hier al een keer.",
        ),
        (
            [("2030-01-15", "2030-01-16 14:00", "2030-01-16 13:00")],
            "De nieuwe eindtijd moet na de nieuwe begintijd liggen.",
        ),
    ],
)
def test_a_wrong_moved_date_is_explained_in_dutch(editor, event, changes, message):
    url, data = edit_form(editor, event, changes)

    response = editor.post(url, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert not EventDateChange.objects.filter(page=event).exists()
    # What the editor typed is still there.
    assert changes[-1][1] in html


def test_a_one_off_event_is_moved_by_its_start(editor, home_page):
    one_off = EventPageFactory(
        parent=AgendaPageFactory(parent=home_page), start=at(2030, 1, 8), end=None
    )
    url, data = edit_form(editor, one_off, [("2030-01-08", "2030-01-09 14:00", "")])

    response = editor.post(url, data)

    assert response.status_code == 200
    assert "Deze activiteit herhaalt niet." in response.content.decode()


def test_the_event_page_and_the_agenda_say_a_date_moved(client, event):
    event.changed_dates.add(
        EventDateChange(
            original_date=datetime.date(2030, 1, 15), new_start=at(2030, 1, 17, 10, 0)
        )
    )
    event.save_revision().publish()
    event = EventPage.objects.get(pk=event.pk)

    page_html = client.get(event.url).content.decode()
    agenda_html = client.get(event.get_parent().url).content.decode()

    assert "Verplaatst" in page_html
    assert "Dinsdag 15 januari 2030 is verplaatst naar" in page_html
    assert "is verplaatst naar donderdag 17 januari 2030" in " ".join(
        strip_tags(page_html).split()
    )
    assert f'datetime="{at(2030, 1, 17, 10, 0).isoformat()}"' in page_html
    assert "(verplaatst, was dinsdag 15 januari)" in agenda_html
    assert f'datetime="{at(2030, 1, 15).isoformat()}"' not in agenda_html
