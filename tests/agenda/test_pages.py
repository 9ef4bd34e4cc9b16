"""Event pages and the agenda: where events live, how they render, what is listed."""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from agenda.models import (
    AgendaPage,
    EventDateChange,
    EventOccurrence,
    EventPage,
    EventSkippedDate,
)
from agenda.selectors import period_for
from home.models import ContentPage, HomePage
from neighbourhoods.models import NeighbourhoodIndexPage, NeighbourhoodPage
from news.models import NewsIndexPage, NewsPage
from socialmap.models import OrganisationPage, SocialMapPage
from tests.factories import (
    AgendaPageFactory,
    ContentPageFactory,
    EventPageFactory,
    ImageFactory,
    LocationFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    NewsIndexPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
    TargetGroupFactory,
)

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def at(year, month, day, hour=10, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


def in_days(days: int, hour: int = 10) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=AMSTERDAM)


@pytest.fixture
def tree(home_page, neighbourhood, other_neighbourhood):
    wijken = NeighbourhoodIndexPageFactory(parent=home_page)
    social_map = SocialMapPageFactory(parent=home_page)
    return SimpleNamespace(
        home=home_page,
        agenda=AgendaPageFactory(parent=home_page),
        wijken=wijken,
        centrum=NeighbourhoodPageFactory(parent=wijken, neighbourhood=neighbourhood),
        west=NeighbourhoodPageFactory(parent=wijken, neighbourhood=other_neighbourhood),
        social_map=social_map,
        organisation=OrganisationPageFactory(
            parent=social_map, title="Buurthuis De Schakel"
        ),
        news_index=NewsIndexPageFactory(parent=home_page),
        content=ContentPageFactory(parent=home_page),
    )


def titles(response) -> set[str]:
    return {occurrence.event.title for occurrence in response.context["items"]}


# Where events may live -----------------------------------------------------------


def test_events_can_only_be_created_under_wijk_organisation_and_agenda(tree):
    allowed = {
        "agenda": True,
        "centrum": True,
        "organisation": True,
        "home": False,
        "wijken": False,
        "social_map": False,
        "news_index": False,
        "content": False,
    }
    result = {name: EventPage.can_create_at(getattr(tree, name)) for name in allowed}
    assert result == allowed


def test_event_parent_page_types_are_exactly_wijk_organisation_and_agenda():
    assert set(EventPage.allowed_parent_page_models()) == {
        NeighbourhoodPage,
        OrganisationPage,
        AgendaPage,
    }
    for model in (
        HomePage,
        ContentPage,
        NeighbourhoodIndexPage,
        SocialMapPage,
        NewsIndexPage,
        NewsPage,
        EventPage,
    ):
        assert EventPage not in model.allowed_subpage_models()


def test_no_event_under_an_event(tree):
    event = EventPageFactory(parent=tree.agenda)
    assert not EventPage.can_create_at(event)


# The event page ------------------------------------------------------------------


def test_event_page_shows_its_fields(client, tree, neighbourhood, theme):
    location = LocationFactory(
        page=tree.organisation,
        name="De Schakel",
        street_address="Kerkstraat 1",
        city="Merwestad",
        accessibility_notes="Drempelvrij, met een invalidentoilet.",
    )
    start = in_days(3, hour=14)
    event = EventPageFactory(
        parent=tree.organisation,
        title="Repair café",
        introduction="Samen spullen repareren.",
        start=start,
        end=start + datetime.timedelta(hours=3),
        body="<p>Neem je kapotte broodrooster mee.</p>",
        image=ImageFactory(title="Mensen aan een werkbank"),
        location=location,
        cost="Een vrijwillige bijdrage",
        is_free=False,
        registration_url="https://example.org/aanmelden",
        registration_contact="repair@example.org",
        accessibility="Er is een tolk gebarentaal.",
        neighbourhoods=[neighbourhood],
        themes=[theme],
        target_groups=[TargetGroupFactory(name="Ouderen", slug="ouderen")],
    )

    response = client.get(event.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    for text in [
        "Repair café",
        "Samen spullen repareren.",
        "Neem je kapotte broodrooster mee.",
        'alt="Mensen aan een werkbank"',
        "De Schakel (Kerkstraat 1, Merwestad)",
        "Drempelvrij, met een invalidentoilet.",
        "Buurthuis De Schakel",  # organiser: the organisation it lives under
        "Een vrijwillige bijdrage",
        'href="https://example.org/aanmelden"',
        'href="mailto:repair@example.org"',
        "Er is een tolk gebarentaal.",
        "Ouderen",
        "Centrum",
        "Wonen",
        f'datetime="{start.isoformat()}"',
        start.strftime("%H:%M").replace(" ", ""),
        "17:00",
    ]:
        assert text in html, text
    assert "Gratis" not in html
    assert "Deze activiteit is voorbij" not in html


def test_free_town_wide_event_without_registration(client, tree):
    event = EventPageFactory(
        parent=tree.agenda,
        title="Koningsdag in het park",
        start=in_days(2),
        end=None,
        all_day=True,
        is_free=True,
        cost="",
        organiser="Oranjevereniging",
        location_text="Stadspark",
    )

    html = client.get(event.url).content.decode()

    assert "Gratis" in html
    assert "de hele dag" not in html  # a one-off has no rule sentence
    assert "</time>, hele dag" in html
    assert "Oranjevereniging" in html
    assert "Stadspark" in html
    assert "Hele gemeente" in html
    assert "Aanmelden" not in html


def test_repeating_event_page_says_the_rule_in_words(client, tree):
    first = in_days(1, hour=19)
    skipped_day = in_days(1 + 14).date()
    until = in_days(1 + 70).date()
    event = EventPageFactory(
        parent=tree.centrum,
        title="Koffieochtend",
        start=first,
        end=first + datetime.timedelta(hours=1),
        repetition="weekly",
        repeat_until=until,
        skipped_dates=[EventSkippedDate(date=skipped_day)],
    )
    weekday = [
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
    ][first.weekday()]

    response = client.get(event.url)

    html = response.content.decode()
    assert f"Elke week op {weekday}" in html
    assert f"tot en met {until.day} " in html
    assert "Gaat niet door op" in html
    assert f'datetime="{skipped_day.isoformat()}"' in html
    # The next five dates, in local time (also across a DST change), without the
    # skipped third week; the sixth is not shown.
    for week in (0, 1, 3, 4, 5):
        shown = in_days(1 + 7 * week, hour=19)
        assert f'datetime="{shown.isoformat()}"' in html
    sixth = in_days(1 + 42, hour=19)
    assert f'datetime="{sixth.isoformat()}"' not in html


@pytest.mark.parametrize(
    ("repetition", "week_of_month", "start", "words"),
    [
        ("biweekly", None, at(2026, 12, 1, 19), "Om de week op dinsdag"),
        ("monthly", None, at(2026, 12, 8, 19), "Elke tweede dinsdag van de maand"),
        ("monthly", -1, at(2026, 12, 31, 19), "Elke laatste donderdag van de maand"),
    ],
)
def test_event_page_rule_in_words(
    client, tree, repetition, week_of_month, start, words
):
    event = EventPageFactory(
        parent=tree.agenda,
        start=start,
        end=None,
        repetition=repetition,
        week_of_month=week_of_month,
    )

    assert words in client.get(event.url).content.decode()


def test_past_event_leaves_the_agenda_but_its_page_stays(client, tree):
    past = EventPageFactory(
        parent=tree.agenda, title="Al geweest", start=in_days(-3), end=in_days(-3, 12)
    )
    EventPageFactory(parent=tree.agenda, title="Komt nog", start=in_days(3))

    page_response = client.get(past.url)
    agenda_response = client.get(tree.agenda.url)

    assert page_response.status_code == 200
    assert "Deze activiteit is voorbij" in page_response.content.decode()
    assert titles(agenda_response) == {"Komt nog"}


# The agenda ----------------------------------------------------------------------


def test_agenda_gathers_events_from_the_whole_site_only(client, tree, other_site):
    EventPageFactory(parent=tree.agenda, title="In de agenda")
    EventPageFactory(parent=tree.centrum, title="Onder de wijk")
    EventPageFactory(parent=tree.organisation, title="Onder de organisatie")
    EventPageFactory(parent=tree.centrum, title="Concept", live=False)
    private = EventPageFactory(parent=tree.west, title="Afgeschermd")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    other_agenda = AgendaPageFactory(parent=other_site.root_page)
    EventPageFactory(parent=other_agenda, title="In een andere gemeente")

    response = client.get(tree.agenda.url)

    assert response.status_code == 200
    assert titles(response) == {"In de agenda", "Onder de wijk", "Onder de organisatie"}
    html = response.content.decode()
    assert "In een andere gemeente" not in html
    assert "Concept" not in html


def test_agenda_lists_every_date_grouped_by_day(client, tree):
    first = in_days(1, hour=19)
    EventPageFactory(
        parent=tree.agenda,
        title="Koor",
        start=first,
        end=first + datetime.timedelta(hours=2),
        repetition="weekly",
        repeat_until=in_days(1 + 14).date(),
    )
    EventPageFactory(
        parent=tree.agenda,
        title="Markt",
        start=in_days(1, hour=0),
        end=None,
        all_day=True,
        is_free=False,
        cost="€ 2",
    )

    response = client.get(tree.agenda.url)

    items = response.context["items"]
    assert [(o.event.title, o.start) for o in items] == [
        ("Markt", in_days(1, hour=0)),
        ("Koor", first),
        ("Koor", in_days(1 + 7, hour=19)),
        ("Koor", in_days(1 + 14, hour=19)),
    ]
    assert [len(day.occurrences) for day in response.context["days"]] == [2, 1, 1]
    html = response.content.decode()
    for day in response.context["days"]:
        assert f'<time datetime="{day.day.isoformat()}">' in html
    assert "Hele dag" in html
    assert "19:00" in html
    assert "21:00" in html
    assert "€ 2" in html
    assert html.count('class="badge"') == 3  # the free Koor, three times


def test_agenda_keeps_an_event_that_is_going_on(client, tree):
    EventPageFactory(
        parent=tree.agenda,
        title="Tentoonstelling",
        start=in_days(-2),
        end=in_days(2),
    )
    EventPageFactory(
        parent=tree.agenda, title="Gisteren", start=in_days(-1), end=in_days(-1, 11)
    )

    response = client.get(tree.agenda.url)

    assert titles(response) == {"Tentoonstelling"}
    assert response.context["days"][0].day == timezone.localdate()


@pytest.fixture
def tagged_events(tree, neighbourhood, other_neighbourhood, theme, other_theme):
    def event(parent, title, **kwargs):
        return EventPageFactory(parent=parent, title=title, start=in_days(5), **kwargs)

    event(tree.centrum, "Centrum", neighbourhoods=[neighbourhood])
    event(tree.west, "West", neighbourhoods=[other_neighbourhood], is_free=False)
    event(tree.agenda, "Hele stad")
    event(
        tree.organisation,
        "Centrum en wonen",
        neighbourhoods=[neighbourhood],
        themes=[theme],
        is_free=False,
    )
    event(tree.agenda, "Stad en wonen", themes=[theme])
    event(
        tree.west,
        "West en geld",
        neighbourhoods=[other_neighbourhood],
        themes=[other_theme],
    )
    event(
        tree.agenda,
        "Beide wijken",
        neighbourhoods=[neighbourhood, other_neighbourhood],
        themes=[theme, other_theme],
        is_free=False,
    )
    return tree.agenda


ALL_TAGGED = {
    "Centrum",
    "West",
    "Hele stad",
    "Centrum en wonen",
    "Stad en wonen",
    "West en geld",
    "Beide wijken",
}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "wijk=centrum",
            {
                "Centrum",
                "Hele stad",
                "Centrum en wonen",
                "Stad en wonen",
                "Beide wijken",
            },
        ),
        (
            "wijk=west",
            {"West", "Hele stad", "West en geld", "Stad en wonen", "Beide wijken"},
        ),
        ("thema=wonen", {"Centrum en wonen", "Stad en wonen", "Beide wijken"}),
        ("thema=geldzaken", {"West en geld", "Beide wijken"}),
        ("wijk=west&thema=wonen", {"Stad en wonen", "Beide wijken"}),
        ("gratis=1", {"Centrum", "Hele stad", "Stad en wonen", "West en geld"}),
        ("wijk=centrum&gratis=1", {"Centrum", "Hele stad", "Stad en wonen"}),
        ("wijk=alle", ALL_TAGGED),
        ("wanneer=nooit", ALL_TAGGED),
    ],
)
def test_agenda_filters(client, tagged_events, query, expected):
    response = client.get(f"{tagged_events.url}?{query}")

    assert response.status_code == 200
    assert titles(response) == expected


# 'Wanneer': a fixed 'now', Wednesday 15 May 2030 at noon --------------------------

WEDNESDAY_NOON = at(2030, 5, 15, 12)


@pytest.fixture
def dated_events(tree, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: WEDNESDAY_NOON)

    def event(title, start, end=None, **kwargs):
        EventPageFactory(
            parent=tree.agenda, title=title, start=start, end=end, **kwargs
        )

    event("Vanochtend", at(2030, 5, 15, 8), at(2030, 5, 15, 9))
    event("Vanavond", at(2030, 5, 15, 20))
    event("Loopt nog", at(2030, 5, 14, 10), at(2030, 5, 16, 18))
    event("Vrijdagavond", at(2030, 5, 17, 23))
    event("Zaterdag", at(2030, 5, 18, 14), at(2030, 5, 18, 16))
    event("Zondag", at(2030, 5, 19, 0), all_day=True)
    event("Maandag", at(2030, 5, 20, 10))
    event("Dinsdag", at(2030, 5, 21, 23, 30))
    event("Woensdag over een week", at(2030, 5, 22, 0, 30))
    return tree.agenda


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("vandaag", {"Vanavond", "Loopt nog"}),
        ("weekend", {"Zaterdag", "Zondag"}),
        # 'Deze week': today up to and including Sunday (Dutch weeks start Monday).
        (
            "week",
            {"Vanavond", "Loopt nog", "Vrijdagavond", "Zaterdag", "Zondag"},
        ),
        (
            "",
            {
                "Vanavond",
                "Loopt nog",
                "Vrijdagavond",
                "Zaterdag",
                "Zondag",
                "Maandag",
                "Dinsdag",
                "Woensdag over een week",
            },
        ),
    ],
)
def test_agenda_filters_on_when(client, dated_events, when, expected):
    response = client.get(f"{dated_events.url}?wanneer={when}")

    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.parametrize(
    ("today", "saturday"),
    [
        (datetime.date(2030, 5, 13), datetime.date(2030, 5, 18)),  # Monday
        (datetime.date(2030, 5, 17), datetime.date(2030, 5, 18)),  # Friday
        (datetime.date(2030, 5, 18), datetime.date(2030, 5, 18)),  # Saturday
        (datetime.date(2030, 5, 19), datetime.date(2030, 5, 18)),  # Sunday
    ],
)
def test_this_weekend_is_the_coming_or_current_one(today, saturday):
    now = datetime.datetime.combine(today, datetime.time(23, 30), tzinfo=AMSTERDAM)

    period = period_for(when="weekend", now=now)

    assert period.start == datetime.datetime.combine(
        saturday, datetime.time(0), tzinfo=AMSTERDAM
    )
    assert period.end - period.start == datetime.timedelta(days=2)


def test_today_is_the_local_day_also_just_after_midnight():
    # 00:30 in Amsterdam is still the day before in UTC.
    period = period_for(when="vandaag", now=at(2030, 5, 15, 0, 30))

    assert period.start == at(2030, 5, 15, 0, 0)
    assert period.end == at(2030, 5, 16, 0, 0)


def test_agenda_pagination_keeps_every_filter(client, settings, tree, neighbourhood):
    settings.BUURTPLEIN_PAGE_SIZE = 2
    for number in range(5):
        EventPageFactory(
            parent=tree.centrum,
            title=f"Activiteit {number}",
            start=in_days(1, hour=10 + number),
            neighbourhoods=[neighbourhood],
        )

    TargetGroupFactory(name="Ouderen", slug="ouderen")
    tomorrow = in_days(1).date().isoformat()
    query = f"wijk=centrum&van={tomorrow}&tot={tomorrow}&gratis=1"

    response = client.get(f"{tree.agenda.url}?{query}")
    last = client.get(f"{tree.agenda.url}?{query}&pagina=3")
    with_all = client.get(
        f"{tree.agenda.url}?{query}&wanneer=weekend&doelgroep=ouderen&pagina=2"
    )

    assert titles(response) == {"Activiteit 0", "Activiteit 1"}
    assert titles(last) == {"Activiteit 4"}
    html = response.content.decode()
    assert (
        f"wijk=centrum&amp;van={tomorrow}&amp;tot={tomorrow}&amp;gratis=1&amp;pagina=2"
        in html
    )
    assert f'name="van" value="{tomorrow}"' in html
    assert 'name="gratis" value="1" checked' in html
    assert with_all.context["filters"].query_string() == (
        f"wijk=centrum&wanneer=weekend&van={tomorrow}&tot={tomorrow}"
        "&doelgroep=ouderen&gratis=1"
    )
    html = with_all.content.decode()
    assert '<option value="weekend" selected>' in html
    assert '<option value="ouderen" selected>' in html


def test_agenda_empty_state(client, tree):
    response = client.get(tree.agenda.url)

    assert response.status_code == 200
    assert "Er staat nog niets in de agenda" in response.content.decode()


def _add_events(tree, neighbourhood, theme, numbers):
    location = LocationFactory(page=tree.organisation)
    for number in numbers:
        EventPageFactory(
            parent=tree.centrum if number % 2 else tree.organisation,
            title=f"Activiteit {number}",
            start=in_days(1 + number % 7, hour=10),
            location=location if number % 3 else None,
            image=None,
            neighbourhoods=[neighbourhood],
            themes=[theme],
        )


def test_agenda_query_count_does_not_grow_with_items(
    client, tree, neighbourhood, theme, django_assert_num_queries
):
    url = tree.agenda.url
    _add_events(tree, neighbourhood, theme, range(5))
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    with_five = len(queries)

    _add_events(tree, neighbourhood, theme, range(5, 50))
    client.get(url)
    with django_assert_num_queries(with_five):
        response = client.get(url)
    assert len(response.context["items"]) == 12

    client.get(f"{url}?wijk=centrum&thema=wonen&wanneer=week&gratis=1")
    with django_assert_num_queries(with_five):
        client.get(f"{url}?wijk=centrum&thema=wonen&wanneer=week&gratis=1")


# Date range and target group ------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("van=2030-05-18&tot=2030-05-19", {"Zaterdag", "Zondag"}),
        # A date that is still going on counts for the day it is on.
        ("van=2030-05-16&tot=2030-05-16", {"Loopt nog"}),
        ("van=2030-05-20", {"Maandag", "Dinsdag", "Woensdag over een week"}),
        ("tot=2030-05-15", {"Vanavond", "Loopt nog"}),
        (
            "van=2030-05-17&tot=2030-05-31&wanneer=week",
            {"Vrijdagavond", "Zaterdag", "Zondag"},
        ),
    ],
)
def test_agenda_filters_on_a_date_range(client, dated_events, query, expected):
    response = client.get(f"{dated_events.url}?{query}")

    assert response.status_code == 200
    assert titles(response) == expected
    assert response.context["filters"].date_errors == []


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("van=morgen", "We kunnen de datum bij &#x27;van&#x27; niet lezen."),
        ("tot=2030-13-45", "We kunnen de datum bij &#x27;tot en met&#x27; niet lezen."),
        # The edges of the calendar: one day more, or in UTC, would overflow.
        ("tot=9999-12-31", "We kunnen de datum bij &#x27;tot en met&#x27; niet lezen."),
        ("van=0001-01-01", "We kunnen de datum bij &#x27;van&#x27; niet lezen."),
        (
            "van=2030-05-20&tot=2030-05-18",
            "De datum bij &#x27;tot en met&#x27; ligt vóór de datum bij "
            "&#x27;van&#x27;.",
        ),
    ],
)
def test_a_bad_date_range_is_explained_and_shows_everything(
    client, dated_events, query, message
):
    response = client.get(f"{dated_events.url}?{query}")

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "We laten daarom alle datums zien." in html
    assert len(titles(response)) == 8
    # What was typed is shown again, escaped.
    typed = query.split("&")[0].split("=")[1]
    assert f'value="{typed}"' in html


def test_a_typed_date_is_shown_escaped(client, tree):
    response = client.get(f'{tree.agenda.url}?van="><script>x</script>')

    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>x</script>" not in html
    assert "&quot;&gt;&lt;script&gt;" in html


def test_agenda_filters_on_target_group(client, tree):
    seniors = TargetGroupFactory(name="Ouderen", slug="ouderen")
    youth = TargetGroupFactory(name="Jongeren", slug="jongeren")
    EventPageFactory(parent=tree.agenda, title="Voor ouderen", target_groups=[seniors])
    EventPageFactory(
        parent=tree.agenda, title="Voor iedereen", target_groups=[seniors, youth]
    )
    EventPageFactory(parent=tree.agenda, title="Voor jongeren", target_groups=[youth])
    EventPageFactory(parent=tree.agenda, title="Niets gekozen")

    assert titles(client.get(f"{tree.agenda.url}?doelgroep=ouderen")) == {
        "Voor ouderen",
        "Voor iedereen",
    }
    unknown = client.get(f"{tree.agenda.url}?doelgroep=katten")
    assert len(titles(unknown)) == 4
    assert "Dit filter kennen we niet" in unknown.content.decode()


def _add_mixed_events(tree, neighbourhood, theme, numbers):
    """One-off, weekly, every other week and monthly events, with skipped and
    moved dates, target groups and locations: everything the agenda shows."""
    location = LocationFactory(page=tree.organisation)
    group = TargetGroupFactory(name="Ouderen", slug="ouderen")
    for number in numbers:
        start = in_days(1 + number % 5, hour=10)
        repetition = ["", "weekly", "biweekly", "monthly"][number % 4]
        EventPageFactory(
            parent=[tree.centrum, tree.organisation, tree.agenda][number % 3],
            title=f"Activiteit {number}",
            start=start,
            end=start + datetime.timedelta(hours=1),
            all_day=number % 5 == 0,
            repetition=repetition,
            location=location if number % 2 else None,
            image=None,
            neighbourhoods=[neighbourhood],
            themes=[theme],
            target_groups=[group],
            skipped_dates=[
                EventSkippedDate(date=(start + datetime.timedelta(weeks=4)).date())
            ],
            changed_dates=[
                EventDateChange(
                    original_date=(start + datetime.timedelta(weeks=2)).date(),
                    new_start=start + datetime.timedelta(weeks=2, days=1),
                )
            ]
            if repetition in ("weekly", "biweekly")
            else [],
        )


def test_agenda_query_count_is_the_same_for_3_and_30_events(
    client, tree, neighbourhood, theme, django_assert_num_queries
):
    url = tree.agenda.url
    filtered = (
        f"{url}?wijk=centrum&thema=wonen&doelgroep=ouderen&wanneer=week"
        f"&van={in_days(0).date()}&tot={in_days(60).date()}&gratis=1"
    )
    _add_mixed_events(tree, neighbourhood, theme, range(3))
    counts = {}
    for address in (url, filtered):
        client.get(address)
        with CaptureQueriesContext(connection) as queries:
            client.get(address)
        counts[address] = len(queries)

    _add_mixed_events(tree, neighbourhood, theme, range(3, 30))

    for address in (url, filtered):
        client.get(address)
        with django_assert_num_queries(counts[address]):
            client.get(address)
    assert EventOccurrence.objects.count() > 300
    assert len(client.get(url).context["items"]) == 12
