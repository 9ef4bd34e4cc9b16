"""The agenda on the API v3: GET /api/v3/agenda/occurrences/.

Its dates are those of the agenda page and of the iCalendar feed (read by
``recurring_ical_events``, which shares no code with ours); its filters are
the page's (agenda.selectors.parse_agenda_filters and agenda_occurrences).
"""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from django.utils import timezone

from agenda.models import EventDateChange, EventSkippedDate
from agenda.selectors import agenda_occurrences, parse_agenda_filters
from tests.factories import (
    AgendaPageFactory,
    EventPageFactory,
    LocationFactory,
    NeighbourhoodFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
    TargetGroupFactory,
)

pytestmark = pytest.mark.django_db

URL = "/api/v3/agenda/occurrences/"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def at(year, month, day, hour=19, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


def get_all(client, query: str, **extra) -> list[dict]:
    """Every item of a query, page by page (100 at a time)."""
    items, offset = [], 0
    while True:
        response = client.get(f"{URL}?{query}&limit=100&offset={offset}", **extra)
        assert response.status_code == 200, response.content
        body = response.json()
        items += body["items"]
        offset += 100
        if offset >= body["count"]:
            assert len(items) == body["count"]
            return items


def titles(items: list[dict]) -> set[str]:
    return {item["event"]["title"] for item in items}


def refused(response, param: str) -> str:
    """The Dutch message of a 422 that names ``param``."""
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert ["query", param] in [error["loc"] for error in problem["errors"]]
    return problem["detail"]


# (a) The dates: API = agenda page = iCalendar feed ---------------------------------

NEW_YEAR_2030 = at(2030, 1, 1, 12)
YEAR_2030 = (datetime.date(2030, 1, 1), datetime.date(2031, 1, 1))


@pytest.fixture
def hard_dates(home_page, monkeypatch, settings):
    """Repeating events with every complication, seen on 1 January 2030."""
    monkeypatch.setattr(timezone, "now", lambda: NEW_YEAR_2030)
    settings.BUURTPLEIN_PAGE_SIZE = 500
    agenda = AgendaPageFactory(parent=home_page)
    organisation = OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=home_page), title="Buurthuis De Schakel"
    )
    events = {
        # Weekly across the change to summer time (31 March), one date skipped.
        "koor": EventPageFactory(
            parent=organisation,
            title="Koor",
            start=at(2030, 3, 19, 19, 30),
            end=at(2030, 3, 19, 21, 30),
            repetition="weekly",
            repeat_until=datetime.date(2030, 4, 16),
            location=LocationFactory(page=organisation),
            skipped_dates=[EventSkippedDate(date=datetime.date(2030, 4, 2))],
        ),
        # Weekly across the change back (27 October).
        "wandelen": EventPageFactory(
            parent=agenda,
            title="Wandelen",
            start=at(2030, 10, 13, 10),
            end=at(2030, 10, 13, 12),
            repetition="weekly",
            repeat_until=datetime.date(2030, 11, 10),
        ),
        # Every other week, open-ended, across both changes, one date moved.
        "koffie": EventPageFactory(
            parent=agenda,
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
            parent=organisation,
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
        # All day every Saturday: one skipped, one moved to the Friday.
        "markt": EventPageFactory(
            parent=agenda,
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
    }
    return SimpleNamespace(agenda=agenda, organisation=organisation, events=events)


def _local(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(AMSTERDAM).replace(tzinfo=None)
    return value


def as_calendar_date(event_id, all_day, start, end) -> tuple:
    """(event id, start, end) as iCalendar has a date: an all-day one from its
    first day to the day after its last, one without an end ending at its start."""
    if all_day:
        first = _local(start).date()
        last = _local(end).date() if end else first
        return (event_id, first, last + datetime.timedelta(days=1))
    return (event_id, _local(start), _local(end or start))


def api_dates(items: list[dict]) -> set[tuple]:
    return {
        as_calendar_date(
            item["event"]["id"],
            item["all_day"],
            datetime.datetime.fromisoformat(item["start"]),
            item["end"] and datetime.datetime.fromisoformat(item["end"]),
        )
        for item in items
    }


def page_dates(client, agenda) -> set[tuple]:
    first, after = YEAR_2030
    last = after - datetime.timedelta(days=1)
    response = client.get(f"{agenda.url}?van={first}&tot={last}")
    assert response.context["page_obj"].paginator.num_pages == 1
    return {
        as_calendar_date(o.event.pk, o.event.all_day, o.start, o.end)
        for o in response.context["items"]
    }


def feed_dates(client) -> set[tuple]:
    response = client.get("/ical/agenda.ics")
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content.decode())
    return {
        (
            int(str(component["UID"]).split("@")[0].removeprefix("event-")),
            _local(component.start),
            _local(component.end),
        )
        for component in recurring_ical_events.of(calendar).between(*YEAR_2030)
    }


def test_the_dates_are_the_agenda_pages_and_the_feeds(client, hard_dates):
    items = get_all(client, "from=2030-01-01&to=2030-12-31")

    dates = api_dates(items)
    assert dates == page_dates(client, hard_dates.agenda)
    assert dates == feed_dates(client)
    # The hard cases are in it, in Amsterdam time.
    events = hard_dates.events
    dt, day = datetime.datetime, datetime.date
    koor, koffie = events["koor"].pk, events["koffie"].pk
    assert (koor, dt(2030, 3, 26, 19, 30), dt(2030, 3, 26, 21, 30)) in dates
    assert (koor, dt(2030, 4, 9, 19, 30), dt(2030, 4, 9, 21, 30)) in dates
    assert (koor, dt(2030, 4, 2, 19, 30), dt(2030, 4, 2, 21, 30)) not in dates
    assert (koffie, dt(2030, 3, 20, 14), dt(2030, 3, 20, 15)) in dates
    assert not any(d[0] == koffie and d[1].date() == day(2030, 3, 19) for d in dates)
    wandelen = {d[1] for d in dates if d[0] == events["wandelen"].pk}
    assert wandelen == {
        dt(2030, 10, 13, 10) + datetime.timedelta(weeks=n) for n in range(5)
    }
    spreekuur = sorted(d[1] for d in dates if d[0] == events["spreekuur"].pk)
    # July's is skipped, October's (the 31st) moved to 1 November.
    assert [(d.month, d.day) for d in spreekuur] == [
        (1, 31),
        (2, 28),
        (3, 28),
        (4, 25),
        (5, 30),
        (6, 27),
        (8, 29),
        (9, 26),
        (11, 1),
        (11, 28),
        (12, 26),
    ]
    markt = events["markt"].pk
    assert (markt, day(2030, 3, 22), day(2030, 3, 23)) in dates
    assert (markt, day(2030, 3, 16), day(2030, 3, 17)) not in dates


def test_each_date_in_amsterdam_time_with_where_it_moved_from(client, hard_dates):
    items = get_all(client, "from=2030-03-01&to=2030-04-30")

    by_start = {(item["event"]["title"], item["start"]): item for item in items}
    # Winter time before 31 March, summer time after.
    before = by_start["Koor", "2030-03-26T19:30:00+01:00"]
    after = by_start["Koor", "2030-04-09T19:30:00+02:00"]
    assert before["end"] == "2030-03-26T21:30:00+01:00"
    assert after["end"] == "2030-04-09T21:30:00+02:00"
    assert before["moved_from"] is None and before["all_day"] is False
    moved = by_start["Koffieochtend", "2030-03-20T14:00:00+01:00"]
    assert moved["moved_from"] == "2030-03-19T10:00:00+01:00"
    assert moved["end"] == "2030-03-20T15:00:00+01:00"
    market = by_start["Zaterdagmarkt", "2030-03-22T08:00:00+01:00"]
    assert market["all_day"] is True
    assert market["moved_from"] == "2030-03-23T08:00:00+01:00"
    assert market["end"] is None
    # A skipped date is simply not there.
    assert ("Koor", "2030-04-02T19:30:00+02:00") not in by_start
    # Soonest first, then by event.
    keys = [(item["start"], item["event"]["id"]) for item in items]
    assert keys == sorted(
        keys, key=lambda k: (datetime.datetime.fromisoformat(k[0]), k[1])
    )


def test_an_item_describes_its_event(client, hard_dates):
    items = get_all(client, "from=2030-03-19&to=2030-03-19")

    koor = hard_dates.events["koor"]
    location = koor.location
    organisation = hard_dates.organisation
    assert [item["event"] for item in items] == [
        {
            "id": koor.pk,
            "title": "Koor",
            "url": f"http://testserver{koor.url}",
            "api_url": f"http://testserver/api/v3/pages/{koor.pk}/",
            "introduction": koor.introduction,
            "place": {
                "name": location.name,
                "street_address": location.street_address,
                "postcode": "4201 AB",
                "city": "Merwestad",
                "latitude": 51.834,
                "longitude": 4.972,
            },
            "accessibility": "",
            "organisation": {
                "id": organisation.pk,
                "title": "Buurthuis De Schakel",
                "api_url": f"http://testserver/api/v3/pages/{organisation.pk}/",
            },
            "organiser": "Buurthuis De Schakel",
            "neighbourhoods": [],
            "themes": [],
            "target_groups": [],
            "is_free": True,
            "cost": "Gratis",
            "registration_url": None,
            "registration_contact": None,
        }
    ]


def test_links_follow_the_configured_base_url(client, hard_dates, settings):
    settings.BUURTPLEIN_API_BASE_URL = "https://buurt.example.nl"

    (item,) = get_all(client, "from=2030-03-19&to=2030-03-19")

    koor = hard_dates.events["koor"]
    assert item["event"]["url"] == f"https://buurt.example.nl{koor.url}"
    assert item["event"]["api_url"] == (
        f"https://buurt.example.nl/api/v3/pages/{koor.pk}/"
    )


# (b) Filters ------------------------------------------------------------------------

WEDNESDAY_NOON = at(2030, 5, 15, 12)


def in_days(days: int, hour: int = 10) -> datetime.datetime:
    return at(2030, 5, 15, hour) + datetime.timedelta(days=days)


@pytest.fixture
def town(
    home_page,
    other_site,
    neighbourhood,
    other_neighbourhood,
    theme,
    other_theme,
    monkeypatch,
):
    """On Wednesday 15 May 2030: events in wijken, town-wide, of an organisation,
    for a target group, free or not, and one of another site."""
    monkeypatch.setattr(timezone, "now", lambda: WEDNESDAY_NOON)
    agenda = AgendaPageFactory(parent=home_page)
    centrum = NeighbourhoodPageFactory(
        parent=NeighbourhoodIndexPageFactory(parent=home_page),
        neighbourhood=neighbourhood,
    )
    organisation = OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=home_page), title="Stichting Samen"
    )
    seniors = TargetGroupFactory(name="Ouderen", slug="ouderen")
    TargetGroupFactory(name="Jongeren", slug="jongeren")

    def event(title, days, parent=agenda, **kwargs):
        return EventPageFactory(
            parent=parent, title=title, start=in_days(days), **kwargs
        )

    event("Centrum", 1, parent=centrum, neighbourhoods=[neighbourhood])
    event("West", 2, neighbourhoods=[other_neighbourhood], is_free=False, cost="€ 5")
    event("Hele stad", 3, themes=[theme])
    event("Voor ouderen", 4, target_groups=[seniors], is_free=False, cost="")
    event("Van de stichting", 5, parent=organisation, themes=[other_theme])
    event("Later", 18)
    event("Al geweest", -1)
    EventPageFactory(parent=agenda, title="Concept", live=False, start=in_days(1))
    other_home = other_site.root_page.specific
    NeighbourhoodFactory(site=other_site, name="Haven", slug="haven")
    event("Anderdorp", 1, parent=AgendaPageFactory(parent=other_home))
    return SimpleNamespace(agenda=agenda, organisation=organisation, home=home_page)


COMING_TWO_WEEKS = {"Centrum", "West", "Hele stad", "Voor ouderen", "Van de stichting"}


FILTERS = [
    ("", COMING_TWO_WEEKS),
    # An event without wijken concerns the whole town.
    ("wijk=centrum", COMING_TWO_WEEKS - {"West"}),
    ("wijk=west", COMING_TWO_WEEKS - {"Centrum"}),
    ("thema=wonen", {"Hele stad"}),
    ("thema=geldzaken&wijk=centrum", {"Van de stichting"}),
    ("doelgroep=ouderen", {"Voor ouderen"}),
    ("doelgroep=jongeren", set()),
    ("gratis=true", COMING_TWO_WEEKS - {"West", "Voor ouderen"}),
    ("gratis=false", COMING_TWO_WEEKS),
    ("from=2030-05-18&to=2030-05-19", {"Hele stad", "Voor ouderen"}),
    # 'to' is 14 days after 'from' unless given.
    ("from=2030-05-20", {"Van de stichting", "Later"}),
    ("to=2030-06-30", COMING_TWO_WEEKS | {"Later"}),
    # A date that is over is not listed, as on the page.
    ("from=2030-05-01&to=2030-05-16", {"Centrum"}),
]


def test_filters(client, town):
    # One town for every case: building it is the slow part.
    for query, expected in FILTERS:
        assert titles(get_all(client, query)) == expected, query

    items = get_all(client, f"organisatie={town.organisation.pk}")
    assert titles(items) == {"Van de stichting"}
    assert items[0]["event"]["organisation"] == {
        "id": town.organisation.pk,
        "title": "Stichting Samen",
        "api_url": f"http://testserver/api/v3/pages/{town.organisation.pk}/",
    }


def test_paging_follows_start_then_event(client, town):
    everything = get_all(client, "")
    response = client.get(f"{URL}?limit=2&offset=1")

    body = response.json()
    assert body["count"] == 5
    # The days it covers: by default today and 14 days on.
    assert (body["from"], body["to"]) == ("2030-05-15", "2030-05-29")
    assert body["items"] == everything[1:3]
    assert [item["event"]["title"] for item in everything] == [
        "Centrum",
        "West",
        "Hele stad",
        "Voor ouderen",
        "Van de stichting",
    ]
    assert client.get(f"{URL}?offset=5").json() == {
        "count": 5,
        "from": "2030-05-15",
        "to": "2030-05-29",
        "items": [],
    }
    assert client.get(f"{URL}?limit=101").status_code == 422
    assert client.get(f"{URL}?limit=0").status_code == 422


UNKNOWN_VALUES = [
    ("wijk=nergens", "wijk"),
    # A wijk of another site is unknown here.
    ("wijk=haven", "wijk"),
    ("thema=katten", "thema"),
    ("doelgroep=katten", "doelgroep"),
    ("organisatie=999999", "organisatie"),
]


def test_an_unknown_value_is_refused_by_name(client, town, other_site):
    for query, param in UNKNOWN_VALUES:
        detail = refused(client.get(f"{URL}?{query}"), param)
        assert param in detail, query

    # An organisation of another site, or a page that is no organisation.
    other = OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=other_site.root_page.specific)
    )
    refused(client.get(f"{URL}?organisatie={other.pk}"), "organisatie")
    refused(client.get(f"{URL}?organisatie={town.agenda.pk}"), "organisatie")
    # Not an id at all (the schema refuses these).
    refused(client.get(f"{URL}?organisatie=abc"), "organisatie")
    refused(client.get(f"{URL}?organisatie=99999999999"), "organisatie")
    # Every unknown value is named at once.
    response = client.get(f"{URL}?wijk=nergens&thema=katten")
    assert [error["loc"] for error in response.json()["errors"]] == [
        ["query", "wijk"],
        ["query", "thema"],
    ]


BAD_DATES = [
    ("to=2030-05-14", "to", "vóór 'from'"),
    ("from=2030-06-01&to=2030-05-31", "to", "vóór 'from'"),
    ("from=2030-01-01&to=2031-01-02", "to", "hoogstens 366 dagen"),
    ("from=0001-01-01", "from", "kies een datum tussen"),
    ("from=9999-12-31&to=9999-12-31", "from", "kies een datum tussen"),
    ("from=morgen", "from", ""),
    ("to=2030-13-45", "to", ""),
]


def test_a_bad_date_range_is_refused(client, town):
    for query, param, message in BAD_DATES:
        detail = refused(client.get(f"{URL}?{query}"), param)
        assert message in detail, query

    # A whole (leap) year is fine.
    assert client.get(f"{URL}?from=2030-01-01&to=2030-12-31").status_code == 200
    assert client.get(f"{URL}?from=2032-01-01&to=2032-12-31").status_code == 200


def test_another_sites_events_never_appear(client, town, other_site):
    by_param = get_all(client, "site=other.localhost")
    by_host = get_all(client, "", HTTP_HOST="other.localhost")

    assert titles(by_param) == titles(by_host) == {"Anderdorp"}
    assert "Anderdorp" not in titles(get_all(client, "site=localhost"))
    assert "Anderdorp" not in titles(get_all(client, "wijk=centrum"))
    assert titles(get_all(client, "site=other.localhost&wijk=haven")) == {"Anderdorp"}
    assert client.get(f"{URL}?site=nergens.example").status_code == 404
    assert client.get(f"{URL}?site=localhost:abc").status_code == 400


# The one query layer: the page and the API read the same filters -------------------


def test_the_filters_are_parsed_from_plain_values(
    client, town, site, neighbourhood, other_neighbourhood
):
    filters = parse_agenda_filters(
        params={
            "wijk": "centrum",
            "doelgroep": "ouderen",
            "gratis": "1",
            "van": "2030-05-16",
            "tot": "2030-05-20",
            "organisatie": str(town.organisation.pk),
        },
        site=site,
    )

    assert filters.neighbourhood == neighbourhood
    assert filters.target_group.slug == "ouderen"
    assert filters.free_only is True
    assert filters.organisation.pk == town.organisation.pk
    assert (filters.date_from, filters.date_until) == (
        datetime.date(2030, 5, 16),
        datetime.date(2030, 5, 20),
    )
    assert filters.invalid == []
    assert f"organisatie={town.organisation.pk}" in filters.query_string()
    assert list(agenda_occurrences(filters=filters, site=site)) == []
    unknown = parse_agenda_filters(
        params={"wijk": "haven", "organisatie": "12x"}, site=site
    )
    assert unknown.invalid == ["wijk", "organisatie"]

    # The page lists and counts what the API does, for the same filters.
    page = client.get(f"{town.agenda.url}?wijk=centrum&van=2030-05-15&tot=2030-05-29")
    api = get_all(client, "wijk=centrum")
    assert [o.event.pk for o in page.context["items"]] == [
        item["event"]["id"] for item in api
    ]
    assert page.context["page_obj"].paginator.count == len(api)
    by_organisation = client.get(
        f"{town.agenda.url}?organisatie={town.organisation.pk}"
    )
    assert [o.event.title for o in by_organisation.context["items"]] == [
        "Van de stichting"
    ]

    # The page filters on the resident's own wijk; the API reads no cookies.
    client.cookies["buurtplein_wijk"] = str(other_neighbourhood.pk)
    page = client.get(town.agenda.url)
    assert page.context["filters"].neighbourhood == other_neighbourhood
    assert titles(get_all(client, "")) == COMING_TWO_WEEKS


# (c) Query count --------------------------------------------------------------------


@pytest.fixture
def many(home_page, neighbourhood, theme, monkeypatch):
    """``make(n)``: n dates of n events, each with everything an item shows."""
    monkeypatch.setattr(timezone, "now", lambda: WEDNESDAY_NOON)
    agenda = AgendaPageFactory(parent=home_page)
    wijk_page = NeighbourhoodPageFactory(
        parent=NeighbourhoodIndexPageFactory(parent=home_page),
        neighbourhood=neighbourhood,
    )
    organisation = OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=home_page)
    )
    location = LocationFactory(page=organisation)
    group = TargetGroupFactory(name="Ouderen", slug="ouderen")

    def make(n):
        for number in range(n):
            EventPageFactory(
                parent=[agenda, wijk_page, organisation][number % 3],
                start=in_days(1 + number % 10, hour=8 + number % 12),
                location=location if number % 2 else None,
                neighbourhoods=[neighbourhood],
                themes=[theme],
                target_groups=[group],
            )

    return make


# The site; the wijken, themes and target groups of the filters; the view
# restrictions (only public events); the count; the dates with their events and
# locations; the events' wijken, themes and target groups; the events' parents.
QUERIES = 11


@pytest.mark.parametrize("n", [3, 30])
def test_the_query_count_does_not_grow(client, many, n, django_assert_num_queries):
    many(n)
    # Wagtail caches the sites' root paths (for the links) across requests.
    client.get(URL)

    with django_assert_num_queries(QUERIES):
        response = client.get(f"{URL}?limit=100")
    assert response.json()["count"] == n
    with django_assert_num_queries(QUERIES):
        response = client.get(f"{URL}?limit=100&wijk=centrum&thema=wonen&gratis=true")
    assert len(response.json()["items"]) == n


# (d) OpenAPI ------------------------------------------------------------------------


def _resolve(spec: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _untyped(spec: dict, schema: dict, path: str, seen: set) -> list[str]:
    """Paths of properties in ``schema`` that have no type."""
    if "$ref" in schema:
        name = schema["$ref"]
        if name in seen:
            return []
        seen.add(name)
        return _untyped(spec, _resolve(spec, schema), path, seen)
    if "anyOf" in schema:
        return [
            found
            for option in schema["anyOf"]
            for found in _untyped(spec, option, path, seen)
        ]
    if "type" not in schema:
        return [path]
    if schema["type"] == "array":
        return _untyped(spec, schema["items"], f"{path}[]", seen)
    if schema["type"] == "object":
        if not schema.get("properties"):
            return [path]
        return [
            found
            for name, prop in schema["properties"].items()
            for found in _untyped(spec, prop, f"{path}.{name}", seen)
        ]
    return []


def test_the_openapi_documents_the_operation(client, site):
    spec = client.get("/api/v3/openapi.json").json()

    operation = spec["paths"][URL]["get"]
    assert operation["operationId"] == "agenda_occurrences"
    assert set(operation["responses"]) >= {"200", "400", "404", "422"}
    for status in ("400", "404", "422"):
        content = operation["responses"][status]["content"]
        (media,) = content.values()
        assert media["schema"]["$ref"].endswith("/ProblemDetail")
    parameters = {param["name"]: param["schema"] for param in operation["parameters"]}
    assert set(parameters) >= {
        "site",
        "from",
        "to",
        "wijk",
        "thema",
        "doelgroep",
        "gratis",
        "organisatie",
        "limit",
        "offset",
    }
    assert parameters["from"]["anyOf"][0] == {"type": "string", "format": "date"}
    assert parameters["limit"]["maximum"] == 100
    assert parameters["gratis"]["type"] == "boolean"
    assert parameters["organisatie"]["anyOf"][0]["maximum"] == 2**31 - 1

    body = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert _untyped(spec, body, "", set()) == []
    listing = _resolve(spec, body)
    assert set(listing["properties"]) == {"count", "from", "to", "items"}
    item = _resolve(spec, listing["properties"]["items"]["items"])
    assert item["properties"]["start"]["format"] == "date-time"
    assert {"type": "string", "format": "date-time"} in item["properties"][
        "moved_from"
    ]["anyOf"]
    event = _resolve(spec, item["properties"]["event"])
    place = _resolve(spec, event["properties"]["place"]["anyOf"][0])
    assert set(place["properties"]) == {
        "name",
        "street_address",
        "postcode",
        "city",
        "latitude",
        "longitude",
    }
    assert "overgeslagen datum staat er niet in" in operation["description"]
