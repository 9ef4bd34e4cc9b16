"""schema.org Event JSON-LD on the event page, read back from the rendered HTML."""

import datetime
import json
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from agenda.models import EventDateChange, EventSkippedDate
from tests.factories import (
    AgendaPageFactory,
    EventPageFactory,
    ImageFactory,
    LocationFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SCHEMA = "https://schema.org"


class JsonLdScripts(HTMLParser):
    """The text of every <script type="application/ld+json"> and how many scripts."""

    def __init__(self):
        super().__init__()
        self.blocks: list[str] = []
        self.scripts = 0
        self._in_jsonld = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts += 1
            self._in_jsonld = dict(attrs).get("type") == "application/ld+json"
            if self._in_jsonld:
                self.blocks.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_jsonld = False

    def handle_data(self, data):
        if self._in_jsonld:
            self.blocks[-1] += data


def render(client, page) -> tuple[dict, JsonLdScripts]:
    response = client.get(page.url)
    assert response.status_code == 200
    parser = JsonLdScripts()
    parser.feed(response.content.decode())
    (block,) = parser.blocks
    return json.loads(block), parser


def jsonld(client, page) -> dict:
    return render(client, page)[0]


def local(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=AMSTERDAM)


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def iso(value: datetime.datetime) -> str:
    return value.astimezone(AMSTERDAM).isoformat()


def last_weekday_of_month(year: int, month: int, weekday: int) -> datetime.date:
    first_of_next = datetime.date(year + month // 12, month % 12 + 1, 1)
    day = first_of_next - datetime.timedelta(days=1)
    return day - datetime.timedelta(days=(day.weekday() - weekday) % 7)


def months_ahead(months: int) -> tuple[int, int]:
    today = timezone.localdate()
    index = today.month - 1 + months
    return today.year + index // 12, index % 12 + 1


@pytest.fixture
def agenda(home_page):
    return AgendaPageFactory(parent=home_page)


def test_a_one_off_event(client, agenda, theme):
    start = local(in_days(10), 19, 30)
    event = EventPageFactory(
        parent=agenda,
        title="Buurtquiz",
        introduction="Test je kennis van de buurt.",
        start=start,
        end=start + datetime.timedelta(hours=2),
        location_text="Buurthuis De Schakel, Kerkstraat 1",
        organiser="Wijkraad Centrum",
        image=ImageFactory(),
        themes=[theme],
    )

    data = jsonld(client, event)

    assert data["@context"] == SCHEMA
    assert data["@type"] == "Event"
    assert data["name"] == "Buurtquiz"
    assert data["description"] == "Test je kennis van de buurt."
    assert data["url"] == event.full_url
    assert data["startDate"] == iso(start)
    assert data["startDate"].endswith(("+01:00", "+02:00"))
    assert data["startDate"][11:19] == "19:30:00"
    assert data["endDate"] == iso(start + datetime.timedelta(hours=2))
    assert data["eventStatus"] == f"{SCHEMA}/EventScheduled"
    assert data["eventAttendanceMode"] == f"{SCHEMA}/OfflineEventAttendanceMode"
    assert data["location"] == {
        "@type": "Place",
        "name": "Buurthuis De Schakel, Kerkstraat 1",
        "address": "Buurthuis De Schakel, Kerkstraat 1",
    }
    assert data["organizer"] == {"@type": "Organization", "name": "Wijkraad Centrum"}
    assert data["inLanguage"] == "nl"
    assert data["image"].startswith("http://localhost/media/")
    assert data["keywords"] == ["Wonen"]
    assert "eventSchedule" not in data
    assert "subEvent" not in data


def test_an_all_day_event_has_dates_without_times(client, agenda):
    day = in_days(5)
    event = EventPageFactory(
        parent=agenda, start=local(day, 0), end=local(day, 23, 59), all_day=True
    )

    data = jsonld(client, event)

    assert data["startDate"] == day.isoformat()
    assert data["endDate"] == day.isoformat()


def test_a_monthly_last_thursday_with_a_skipped_date(client, agenda):
    year, month = months_ahead(1)
    first = last_weekday_of_month(year, month, 3)
    skipped_year, skipped_month = months_ahead(2)
    skipped = last_weekday_of_month(skipped_year, skipped_month, 3)
    until = first + datetime.timedelta(days=365)
    event = EventPageFactory(
        parent=agenda,
        title="Repair café",
        start=local(first, 19, 30),
        end=local(first, 21, 30),
        repetition="monthly",
        week_of_month=-1,
        repeat_until=until,
        skipped_dates=[EventSkippedDate(date=skipped)],
    )

    data = jsonld(client, event)

    assert data["startDate"] == iso(local(first, 19, 30))
    schedule = data["eventSchedule"]
    assert schedule == {
        "@type": "Schedule",
        "description": "elke laatste donderdag van de maand",
        "repeatFrequency": "P1M",
        "byDay": f"{SCHEMA}/Thursday",
        "startDate": first.isoformat(),
        "endDate": until.isoformat(),
        "startTime": "19:30:00",
        "endTime": "21:30:00",
        "scheduleTimezone": "Europe/Amsterdam",
        "exceptDate": [skipped.isoformat()],
    }
    # "Last" has no byMonthWeek number in schema.org.
    assert "byMonthWeek" not in schedule
    dates = [sub["startDate"][:10] for sub in data["subEvent"]]
    assert dates[0] == first.isoformat()
    assert skipped.isoformat() not in dates
    assert len(dates) == 5
    assert all(
        datetime.date.fromisoformat(day).weekday() == 3
        and last_weekday_of_month(int(day[:4]), int(day[5:7]), 3).isoformat() == day
        for day in dates
    )
    assert all(sub["name"] == "Repair café" for sub in data["subEvent"])


@pytest.mark.parametrize(
    ("repetition", "week_of_month", "frequency", "month_week"),
    [
        ("weekly", None, "P1W", None),
        ("biweekly", None, "P2W", None),
        ("monthly", 2, "P1M", 2),
    ],
)
def test_other_repetitions(
    client, agenda, repetition, week_of_month, frequency, month_week
):
    day = in_days(3)
    event = EventPageFactory(
        parent=agenda,
        start=local(day, 10),
        end=None,
        repetition=repetition,
        week_of_month=week_of_month,
    )

    schedule = jsonld(client, event)["eventSchedule"]

    assert schedule["repeatFrequency"] == frequency
    assert schedule.get("byMonthWeek") == month_week
    assert schedule["byDay"] == f"{SCHEMA}/{day.strftime('%A')}"
    assert "endDate" not in schedule
    assert "endTime" not in schedule
    assert "exceptDate" not in schedule


def test_a_free_event_offers_it_for_nothing(client, agenda):
    event = EventPageFactory(
        parent=agenda,
        is_free=True,
        cost="",
        registration_url="https://aanmelden.example/quiz",
    )

    data = jsonld(client, event)

    assert data["isAccessibleForFree"] is True
    assert data["offers"] == {
        "@type": "Offer",
        "price": "0",
        "priceCurrency": "EUR",
        "url": "https://aanmelden.example/quiz",
    }


def test_a_paid_event_says_its_price(client, agenda):
    event = EventPageFactory(parent=agenda, is_free=False, cost="€ 2,50 per keer")

    data = jsonld(client, event)

    assert data["isAccessibleForFree"] is False
    assert data["offers"] == {
        "@type": "Offer",
        "description": "€ 2,50 per keer",
        "price": "2.50",
        "priceCurrency": "EUR",
        "url": event.full_url,
    }


def test_a_price_in_words_only_is_described(client, agenda):
    event = EventPageFactory(parent=agenda, is_free=False, cost="Vrijwillige bijdrage")

    offer = jsonld(client, event)["offers"]

    assert offer["description"] == "Vrijwillige bijdrage"
    assert "price" not in offer


def test_a_location_of_an_organisation_has_address_and_pin(client, home_page):
    organisation = OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=home_page), title="Stichting Samen"
    )
    location = LocationFactory(
        page=organisation,
        name="Buurthuis De Schakel",
        street_address="Kerkstraat 1",
        postcode="4201 AB",
        city="Merwestad",
    )
    event = EventPageFactory(
        parent=organisation, location=location, location_text="", organiser=""
    )

    data = jsonld(client, event)

    assert data["location"] == {
        "@type": "Place",
        "name": "Buurthuis De Schakel",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Kerkstraat 1",
            "postalCode": "4201 AB",
            "addressLocality": "Merwestad",
            "addressCountry": "NL",
        },
        "geo": {"@type": "GeoCoordinates", "latitude": 51.834, "longitude": 4.972},
    }
    # Without an organiser of its own, the organisation it lives under.
    assert data["organizer"] == {"@type": "Organization", "name": "Stichting Samen"}


def test_a_past_event_keeps_its_date(client, agenda):
    start = local(in_days(-30), 14)
    event = EventPageFactory(
        parent=agenda, start=start, end=start + datetime.timedelta(hours=1)
    )

    data = jsonld(client, event)

    assert data["startDate"] == iso(start)
    assert data["endDate"] == iso(start + datetime.timedelta(hours=1))


def test_a_title_cannot_break_out_of_the_script(client, agenda):
    title = "</script><script>alert(1)</script> & <!-- Zoë"
    event = EventPageFactory(
        parent=agenda,
        title=title,
        slug="gevaarlijk",
        introduction="<b>Niet vet</b>",
    )

    response = client.get(event.url)
    data, parser = render(client, event)

    assert data["name"] == title
    assert data["description"] == "<b>Niet vet</b>"
    assert "<script>alert(1)" not in response.content.decode()
    html = response.content.decode()
    # The JSON-LD, the page's script files and base.html's one-line "js" class.
    assert parser.scripts == 1 + html.count("<script src=") + html.count(
        '<script nonce="'
    )
    assert html.count('<script nonce="') == 1


def test_a_moved_date_is_an_exception_and_a_sub_event_at_its_new_time(client, agenda):
    first = in_days(2)
    moved = first + datetime.timedelta(days=7)
    new_start = local(moved + datetime.timedelta(days=1), 15)
    event = EventPageFactory(
        parent=agenda,
        start=local(first, 10),
        end=local(first, 11),
        repetition="weekly",
        changed_dates=[EventDateChange(original_date=moved, new_start=new_start)],
    )

    data = jsonld(client, event)

    assert data["eventSchedule"]["exceptDate"] == [moved.isoformat()]
    starts = [sub["startDate"] for sub in data["subEvent"]]
    assert iso(new_start) in starts
    assert not any(start.startswith(moved.isoformat()) for start in starts)
    rescheduled = next(
        sub for sub in data["subEvent"] if sub["startDate"] == iso(new_start)
    )
    assert rescheduled["eventStatus"] == "https://schema.org/EventRescheduled"
    assert rescheduled["previousStartDate"] == iso(local(moved, 10))
    others = [sub for sub in data["subEvent"] if sub is not rescheduled]
    assert {sub["eventStatus"] for sub in others} == {
        "https://schema.org/EventScheduled"
    }
    assert not any("previousStartDate" in sub for sub in others)
