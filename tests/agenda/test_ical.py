"""The iCalendar feeds: valid RFC 5545, and a calendar app expands them to exactly
the dates the agenda shows.

Two libraries that share no code with ours read the feeds: ``ical`` (a strict
pydantic model of RFC 5545, with its own recurrence expansion) and
``recurring_ical_events`` (on top of the icalendar parser).
"""

import datetime
from io import StringIO
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from ical.calendar_stream import IcsCalendarStream
from wagtail.models import PageViewRestriction

from agenda.models import EventDateChange, EventOccurrence, EventPage, EventSkippedDate
from neighbourhoods.selectors import upcoming_events_for_neighbourhood
from tests.factories import (
    AgendaPageFactory,
    EventPageFactory,
    LocationFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOW = datetime.datetime(2030, 1, 1, 12, 0, tzinfo=AMSTERDAM)
WINDOW = (datetime.date(2030, 1, 1), datetime.date(2031, 1, 1))


def at(year, month, day, hour=19, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


@pytest.fixture
def now_2030(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.fixture
def tree(home_page, neighbourhood, other_neighbourhood, theme, now_2030):
    wijken = NeighbourhoodIndexPageFactory(parent=home_page)
    social_map = SocialMapPageFactory(parent=home_page)
    tree = SimpleNamespace(
        home=home_page,
        agenda=AgendaPageFactory(parent=home_page),
        centrum=NeighbourhoodPageFactory(parent=wijken, neighbourhood=neighbourhood),
        west=NeighbourhoodPageFactory(parent=wijken, neighbourhood=other_neighbourhood),
        organisation=OrganisationPageFactory(
            parent=social_map, title="Buurthuis De Schakel"
        ),
    )
    location = LocationFactory(page=tree.organisation, name="De Schakel")
    tree.events = {
        # A one-off, town-wide.
        "lezing": EventPageFactory(
            parent=tree.agenda,
            title="Lezing over de Merwe",
            start=at(2030, 2, 10, 14),
            end=at(2030, 2, 10, 16),
            themes=[theme],
        ),
        # A one-off all-day event under the wijk page.
        "koningsdag": EventPageFactory(
            parent=tree.centrum,
            title="Koningsdag",
            start=at(2030, 4, 27, 0, 0),
            end=None,
            all_day=True,
        ),
        # An all-day event of three days, of the organisation, tagged with a wijk.
        "kermis": EventPageFactory(
            parent=tree.organisation,
            title="Kermis",
            start=at(2030, 6, 5, 10),
            end=at(2030, 6, 7, 18),
            all_day=True,
            neighbourhoods=[neighbourhood],
        ),
        # Weekly across the change to summer time, one date skipped.
        "koor": EventPageFactory(
            parent=tree.organisation,
            title="Koor",
            start=at(2030, 3, 19, 19, 30),
            end=at(2030, 3, 19, 21, 30),
            repetition="weekly",
            repeat_until=datetime.date(2030, 4, 16),
            location=location,
            skipped_dates=[EventSkippedDate(date=datetime.date(2030, 4, 2))],
            neighbourhoods=[neighbourhood],
        ),
        # Every other week, open-ended, across both DST changes, one date moved.
        "koffie": EventPageFactory(
            parent=tree.centrum,
            title="Koffieochtend",
            start=at(2030, 1, 8, 10),
            end=at(2030, 1, 8, 11),
            repetition="biweekly",
            changed_dates=[
                EventDateChange(
                    original_date=datetime.date(2030, 3, 19),
                    new_start=at(2030, 3, 20, 14),
                )
            ],
        ),
        # The last Thursday of the month; one skipped, one moved.
        "spreekuur": EventPageFactory(
            parent=tree.organisation,
            title="Spreekuur geldzaken",
            start=at(2030, 1, 31, 14),
            end=at(2030, 1, 31, 16),
            repetition="monthly",
            week_of_month=-1,
            repeat_until=datetime.date(2030, 12, 31),
            skipped_dates=[EventSkippedDate(date=datetime.date(2030, 7, 25))],
            changed_dates=[
                EventDateChange(
                    original_date=datetime.date(2030, 10, 31),
                    new_start=at(2030, 11, 1, 10),
                    new_end=at(2030, 11, 1, 12, 30),
                )
            ],
        ),
        # An all-day market every Saturday: one skipped, one moved to the Friday.
        "markt": EventPageFactory(
            parent=tree.agenda,
            title="Zaterdagmarkt",
            start=at(2030, 3, 2, 8),
            end=None,
            all_day=True,
            repetition="weekly",
            repeat_until=datetime.date(2030, 3, 30),
            skipped_dates=[EventSkippedDate(date=datetime.date(2030, 3, 16))],
            changed_dates=[
                EventDateChange(
                    original_date=datetime.date(2030, 3, 23),
                    new_start=at(2030, 3, 22, 8),
                )
            ],
        ),
        # Long past: its page stays, the multi-event feeds leave it out.
        "voorbij": EventPageFactory(
            parent=tree.centrum,
            title="Al lang geweest",
            start=at(2029, 6, 1, 10),
            end=at(2029, 6, 1, 12),
        ),
    }
    EventPageFactory(parent=tree.centrum, title="Concept", live=False)
    private = EventPageFactory(parent=tree.west, title="Afgeschermd")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    return tree


def feed(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content.decode()


def uid(event) -> str:
    return f"event-{event.pk}@localhost"


def _local(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(AMSTERDAM).replace(tzinfo=None)
    return value


def agenda_dates(occurrences) -> set[tuple]:
    """(UID, local start, local end) of the agenda's dates, as iCalendar has them:
    an all-day date from its first day to the day after its last, a date
    without an end ending when it starts."""
    dates = set()
    for occurrence in occurrences:
        event = occurrence.event
        if event.all_day:
            first = _local(occurrence.start).date()
            last = _local(occurrence.end).date() if occurrence.end else first
            dates.add((uid(event), first, last + datetime.timedelta(days=1)))
        else:
            end = occurrence.end or occurrence.start
            dates.add((uid(event), _local(occurrence.start), _local(end)))
    return dates


def expanded_by_recurring_ical_events(text: str) -> set[tuple]:
    calendar = icalendar.Calendar.from_ical(text)
    return {
        (str(component["UID"]), _local(component.start), _local(component.end))
        for component in recurring_ical_events.of(calendar).between(*WINDOW)
    }


def expanded_by_ical(text: str) -> set[tuple]:
    calendar = IcsCalendarStream.calendar_from_ics(text)
    timeline = calendar.timeline_tz(AMSTERDAM)
    start, end = (
        datetime.datetime.combine(day, datetime.time(), tzinfo=AMSTERDAM)
        for day in WINDOW
    )
    return {
        (event.uid, _local(event.dtstart), _local(event.dtend or event.dtstart))
        for event in timeline.overlapping(start, end)
    }


def assert_valid_and_expands_to(text: str, expected: set[tuple]) -> None:
    # ical's strict model refuses what RFC 5545 does not allow.
    calendar = IcsCalendarStream.calendar_from_ics(text)
    assert calendar.prodid == "-//Buurtplein//Agenda//NL"
    assert expected
    assert expanded_by_recurring_ical_events(text) == expected
    assert expanded_by_ical(text) == expected


def agenda_page_dates(client, agenda, query="") -> set[tuple]:
    """The dates the agenda page lists for the window, all on one page."""
    first, after = WINDOW
    last = after - datetime.timedelta(days=1)
    response = client.get(f"{agenda.url}?van={first}&tot={last}{query}")
    assert response.context["page_obj"].paginator.num_pages == 1
    return agenda_dates(response.context["items"])


@pytest.fixture
def one_page(settings):
    settings.BUURTPLEIN_PAGE_SIZE = 500


# The feeds against the agenda --------------------------------------------------------


def test_the_agenda_feed_gives_exactly_the_agendas_dates(client, tree, one_page):
    text = feed(client, "/ical/agenda.ics")

    expected = agenda_page_dates(client, tree.agenda)
    assert_valid_and_expands_to(text, expected)
    events = tree.events
    # The hard cases are in it: moved, skipped, across DST, all-day.
    dt, day = datetime.datetime, datetime.date
    koffie = uid(events["koffie"])
    assert (koffie, dt(2030, 3, 20, 14), dt(2030, 3, 20, 15)) in expected
    assert not any(
        start == datetime.datetime(2030, 3, 19, 10)
        for key, start, _end in expected
        if key == koffie
    )
    koor = uid(events["koor"])
    assert (koor, dt(2030, 4, 9, 19, 30), dt(2030, 4, 9, 21, 30)) in expected
    assert (koor, dt(2030, 3, 26, 19, 30), dt(2030, 3, 26, 21, 30)) in expected
    assert not any(key == koor and start.day == 2 for key, start, _e in expected)
    assert (uid(events["kermis"]), day(2030, 6, 5), day(2030, 6, 8)) in expected
    assert (uid(events["markt"]), day(2030, 3, 22), day(2030, 3, 23)) in expected
    spreekuur_days = sorted(
        start.date() for key, start, _end in expected if key == uid(events["spreekuur"])
    )
    assert spreekuur_days == [
        datetime.date(2030, 1, 31),
        datetime.date(2030, 2, 28),
        datetime.date(2030, 3, 28),
        datetime.date(2030, 4, 25),
        datetime.date(2030, 5, 30),
        datetime.date(2030, 6, 27),
        datetime.date(2030, 8, 29),
        datetime.date(2030, 9, 26),
        datetime.date(2030, 11, 1),
        datetime.date(2030, 11, 28),
        datetime.date(2030, 12, 26),
    ]
    for title in ("Al lang geweest", "Concept", "Afgeschermd"):
        assert title not in text


def test_the_wijk_feed_gives_the_dates_of_what_the_wijk_page_lists(
    client, tree, neighbourhood
):
    text = feed(client, "/ical/wijk/centrum.ics")

    listed = upcoming_events_for_neighbourhood(
        page=tree.centrum, site=tree.centrum.get_site(), limit=100
    )
    expected = agenda_dates(
        EventOccurrence.objects.filter(
            event__in=[event.pk for event in listed],
            start__gte=at(*WINDOW[0].timetuple()[:3], 0, 0),
            start__lt=at(*WINDOW[1].timetuple()[:3], 0, 0),
        ).select_related("event")
    )
    assert_valid_and_expands_to(text, expected)
    uids = {key for key, _start, _end in expected}
    events = tree.events
    # Under the wijk page or tagged with the wijk; town-wide events are not.
    assert uids == {
        uid(events[name]) for name in ("koningsdag", "kermis", "koor", "koffie")
    }
    assert "X-WR-CALNAME:Activiteiten in Centrum" in text


def test_the_organisation_feed_gives_the_dates_of_its_events(client, tree, one_page):
    organisation = tree.organisation
    text = feed(client, f"/ical/organisatie/{organisation.pk}.ics")

    under = EventPage.objects.descendant_of(organisation).values("pk")
    expected = {
        date
        for date in agenda_page_dates(client, tree.agenda)
        if date[0] in {uid(event) for event in EventPage.objects.filter(pk__in=under)}
    }
    assert_valid_and_expands_to(text, expected)
    assert {key for key, _s, _e in expected} == {
        uid(tree.events[name]) for name in ("kermis", "koor", "spreekuur")
    }
    assert "X-WR-CALNAME:Activiteiten van Buurthuis De Schakel" in text


@pytest.mark.parametrize("name", ["lezing", "koningsdag", "koor", "spreekuur", "markt"])
def test_an_event_feed_gives_the_dates_of_its_page(client, tree, name, one_page):
    event = tree.events[name]
    text = feed(client, f"/ical/activiteit/{event.pk}.ics")

    expected = {
        date for date in agenda_page_dates(client, tree.agenda) if date[0] == uid(event)
    }
    assert_valid_and_expands_to(text, expected)


def test_a_past_events_own_feed_still_works(client, tree):
    event = tree.events["voorbij"]

    text = feed(client, f"/ical/activiteit/{event.pk}.ics")

    IcsCalendarStream.calendar_from_ics(text)
    assert "SUMMARY:Al lang geweest" in text
    assert "DTSTART;TZID=Europe/Amsterdam:20290601T100000" in text


# What the feed says ------------------------------------------------------------


def vevents(text: str, event) -> list:
    calendar = icalendar.Calendar.from_ical(text)
    return [c for c in calendar.walk("VEVENT") if str(c["UID"]) == uid(event)]


def test_a_repeating_event_keeps_its_rule_instead_of_a_list(client, tree):
    text = feed(client, "/ical/agenda.ics")
    events = tree.events

    koffie = vevents(text, events["koffie"])
    assert len(koffie) == 2  # the rule, and the moved date
    master, moved = sorted(koffie, key=lambda c: "RECURRENCE-ID" in c)
    assert master["RRULE"].to_ical() == b"FREQ=WEEKLY;INTERVAL=2"
    assert moved["RECURRENCE-ID"].to_ical() == b"20300319T100000"
    assert moved["RECURRENCE-ID"].params["TZID"] == "Europe/Amsterdam"

    (spreekuur, _moved) = sorted(
        vevents(text, events["spreekuur"]), key=lambda c: "RECURRENCE-ID" in c
    )
    # UNTIL in UTC, as RFC 5545 asks when DTSTART has a TZID.
    assert spreekuur["RRULE"].to_ical() == (
        b"FREQ=MONTHLY;UNTIL=20301231T130000Z;BYDAY=-1TH"
    )
    assert spreekuur["EXDATE"].to_ical() == b"20300725T140000"

    (markt, markt_moved) = sorted(
        vevents(text, events["markt"]), key=lambda c: "RECURRENCE-ID" in c
    )
    assert markt["RRULE"].to_ical() == b"FREQ=WEEKLY;UNTIL=20300330"
    assert "DTSTART;VALUE=DATE:20300302" in text
    assert markt_moved["RECURRENCE-ID"].to_ical() == b"20300323"
    assert "EXDATE;VALUE=DATE:20300316" in text

    koor = vevents(text, events["koor"])[0]
    assert koor["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert koor["LOCATION"] == str(events["koor"].location)
    assert koor["URL"] == events["koor"].full_url


def test_the_calendar_names_itself_and_its_time_zone(client, tree):
    text = feed(client, "/ical/agenda.ics")
    calendar = icalendar.Calendar.from_ical(text)

    assert calendar["VERSION"] == "2.0"
    assert calendar["X-WR-CALNAME"] == "Agenda Samen Teststad"
    assert calendar["X-WR-TIMEZONE"] == "Europe/Amsterdam"
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT6H" in text
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert not calendar.get_missing_tzids()
    lezing = vevents(text, tree.events["lezing"])[0]
    assert "Samen spullen" not in lezing["DESCRIPTION"]
    assert "Je bent welkom, ook als je niemand kent." in lezing["DESCRIPTION"]
    assert "<p>" not in lezing["DESCRIPTION"]
    assert lezing.categories == ["Wonen"]


def test_uids_stay_the_same_across_a_resave_and_a_refresh(client, tree):
    before = {
        (str(c["UID"]), str(c.get("RECURRENCE-ID", "")))
        for c in icalendar.Calendar.from_ical(feed(client, "/ical/agenda.ics")).walk(
            "VEVENT"
        )
    }
    koor = EventPage.objects.get(pk=tree.events["koor"].pk)
    koor.title = "Buurtkoor"
    koor.save_revision().publish()
    call_command("refresh_occurrences", stdout=StringIO())

    text = feed(client, "/ical/agenda.ics")
    after = {
        (str(c["UID"]), str(c.get("RECURRENCE-ID", "")))
        for c in icalendar.Calendar.from_ical(text).walk("VEVENT")
    }

    assert after == before
    assert "SUMMARY:Buurtkoor" in text


# HTTP ---------------------------------------------------------------------------


def test_feeds_answer_with_a_calendar_file(client, tree):
    response = client.get("/ical/wijk/centrum.ics")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="wijk-centrum.ics"'
    assert "max-age=900" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]
    assert client.post("/ical/agenda.ics").status_code == 405


def test_unknown_or_other_sites_feeds_are_not_found(client, tree, other_site):
    other_agenda = AgendaPageFactory(parent=other_site.root_page)
    elsewhere = EventPageFactory(parent=other_agenda, title="Elders")
    draft = EventPage.objects.get(title="Concept")
    private = EventPage.objects.get(title="Afgeschermd")

    for url in [
        "/ical/wijk/bestaat-niet.ics",
        f"/ical/organisatie/{tree.centrum.pk}.ics",  # not an organisation
        "/ical/organisatie/999999.ics",
        "/ical/organisatie/99999999999999999999999.ics",  # past any integer
        "/ical/activiteit/99999999999999999999999.ics",
        f"/ical/activiteit/{elsewhere.pk}.ics",
        f"/ical/activiteit/{draft.pk}.ics",
        f"/ical/activiteit/{private.pk}.ics",
        f"/ical/activiteit/{tree.agenda.pk}.ics",  # not an event
    ]:
        assert client.get(url).status_code == 404, url
    # The other site's own feed has its own event only.
    text = feed(client.__class__(HTTP_HOST="other.localhost"), "/ical/agenda.ics")
    assert "Elders" in text
    assert "Koor" not in text
    assert (
        client.get(
            f"/ical/activiteit/{elsewhere.pk}.ics", HTTP_HOST="other.localhost"
        ).status_code
        == 200
    )


def test_feed_query_counts_do_not_grow_with_events(
    client, tree, theme, django_assert_num_queries
):
    urls = [
        "/ical/agenda.ics",
        "/ical/wijk/centrum.ics",
        f"/ical/organisatie/{tree.organisation.pk}.ics",
        f"/ical/activiteit/{tree.events['spreekuur'].pk}.ics",
    ]
    counts = {}
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts[url] = len(queries)

    for number in range(20):
        EventPageFactory(
            parent=[tree.organisation, tree.centrum, tree.agenda][number % 3],
            title=f"Extra {number}",
            start=at(2030, 2, 1 + number, 10),
            end=at(2030, 2, 1 + number, 12),
            repetition=["", "weekly", "biweekly", "monthly"][number % 4],
            repeat_until=datetime.date(2030, 6, 30) if number % 4 else None,
            themes=[theme],
            skipped_dates=[EventSkippedDate(date=datetime.date(2030, 3, 1))],
            changed_dates=[
                EventDateChange(
                    original_date=datetime.date(2030, 2, 1 + number),
                    new_start=at(2030, 2, 2 + number, 10),
                )
            ],
        )

    for url in urls:
        client.get(url)
        with django_assert_num_queries(counts[url]):
            client.get(url)


def test_reverse_names():
    assert reverse("agenda:agenda_feed") == "/ical/agenda.ics"
    assert reverse("agenda:neighbourhood_feed", args=["west"]) == "/ical/wijk/west.ics"
    assert reverse("agenda:organisation_feed", args=[3]) == "/ical/organisatie/3.ics"
    assert reverse("agenda:event_feed", args=[4]) == "/ical/activiteit/4.ics"


def test_a_first_date_outside_its_monthly_rule_is_still_in_the_feed(client, tree):
    # First on the second Tuesday, then every last Tuesday: the agenda counts
    # the first date, so the feed names it (RDATE) for every calendar app.
    event = EventPageFactory(
        parent=tree.agenda,
        title="Buurtoverleg",
        start=at(2030, 1, 8, 20),
        end=None,
        repetition="monthly",
        week_of_month=-1,
        repeat_until=datetime.date(2030, 3, 31),
    )

    text = feed(client, f"/ical/activiteit/{event.pk}.ics")

    assert "RDATE;TZID=Europe/Amsterdam:20300108T200000" in text
    expected = agenda_dates(EventOccurrence.objects.filter(event=event))
    assert {start.date() for _uid, start, _end in expected} == {
        datetime.date(2030, 1, 8),
        datetime.date(2030, 1, 29),
        datetime.date(2030, 2, 26),
        datetime.date(2030, 3, 26),
    }
    assert_valid_and_expands_to(text, expected)
