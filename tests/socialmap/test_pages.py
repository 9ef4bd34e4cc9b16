import datetime

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home.models import HomePage
from neighbourhoods.models import NeighbourhoodPage
from socialmap.models import (
    Location,
    OpeningHours,
    OrganisationPage,
    Service,
    SocialMapPage,
    SupportLevel,
    Weekday,
)
from socialmap.selectors import location_hours, organisation_page_context
from tests.factories import (
    ContentPageFactory,
    EventPageFactory,
    LocationFactory,
    NeighbourhoodPageFactory,
    NewsPageFactory,
    OpeningHoursExceptionFactory,
    OpeningHoursFactory,
    OrganisationPageFactory,
    ServiceFactory,
    SocialMapPageFactory,
    TargetGroupFactory,
    VacancyPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def social_map(home_page):
    return SocialMapPageFactory(parent=home_page)


def titles(response) -> set[str]:
    return {item.title for item in response.context["items"]}


# Page tree rules


def test_organisation_page_only_under_social_map_page(home_page, social_map):
    assert OrganisationPage.allowed_parent_page_models() == [SocialMapPage]
    assert OrganisationPage.can_create_at(social_map)
    assert not OrganisationPage.can_create_at(home_page)
    content_page = ContentPageFactory(parent=home_page)
    assert not OrganisationPage.can_create_at(content_page)


def test_social_map_page_only_under_home_page_and_once(home_page, other_site):
    assert SocialMapPage.allowed_parent_page_models() == [HomePage]
    assert SocialMapPage.can_create_at(home_page)
    content_page = ContentPageFactory(parent=home_page)
    assert not SocialMapPage.can_create_at(content_page)

    SocialMapPageFactory(parent=home_page)

    assert not SocialMapPage.can_create_at(home_page)
    # Another platform has its own sociale kaart.
    assert SocialMapPage.can_create_at(other_site.root_page.specific)


# The organisation profile


@pytest.fixture
def organisation(social_map, neighbourhood, theme):
    ouderen = TargetGroupFactory(name="Ouderen", slug="ouderen")
    page = OrganisationPageFactory(
        parent=social_map,
        title="Buurtteam Merwestad",
        introduction="Het buurtteam helpt je met vragen over zorg en geld.",
        description="<p>Wij zijn er voor iedereen in de gemeente.</p>",
        phone="0183 123 456",
        email="info@buurtteam.example",
        website="https://buurtteam.example",
        neighbourhoods=[neighbourhood],
        themes=[theme],
        target_groups=[ouderen],
    )
    ServiceFactory(
        page=page,
        name="Formulierenhulp",
        description="Hulp bij het invullen van formulieren.",
        for_whom="Iedereen met een lastige brief",
        cost="Gratis",
        how_to_apply="Kom langs op het spreekuur.",
        support_level=SupportLevel.GENERAL,
    )
    location = LocationFactory(
        page=page,
        name="Buurthuis De Schakel",
        street_address="Kerkstraat 12",
        postcode="4201 AB",
        city="Merwestad",
        accessibility_notes="Drempelvrij, met een ringleiding.",
    )
    OpeningHoursFactory(
        location=location,
        weekday=Weekday.TUESDAY,
        opens=datetime.time(9, 0),
        closes=datetime.time(12, 30),
    )
    OpeningHoursFactory(
        location=location,
        weekday=Weekday.TUESDAY,
        opens=datetime.time(19, 0),
        closes=datetime.time(21, 0),
    )
    OpeningHoursExceptionFactory(
        location=location,
        date=timezone.localdate() + datetime.timedelta(days=10),
        closed=True,
        reason="Studiedag",
    )
    OpeningHoursExceptionFactory(
        location=location,
        date=timezone.localdate() - datetime.timedelta(days=10),
        closed=True,
        reason="Voorbije sluiting",
    )
    return page


def test_organisation_profile_shows_its_fields(client, organisation):
    today = timezone.localdate()
    EventPageFactory(parent=organisation, title="Koffieochtend voor buren")
    EventPageFactory(
        parent=organisation,
        title="Voorbije bijeenkomst",
        start=timezone.now() - datetime.timedelta(days=3),
        end=timezone.now() - datetime.timedelta(days=3, hours=-2),
    )
    VacancyPageFactory(
        parent=organisation,
        title="Vrijwilliger formulierenhulp",
        closing_date=today + datetime.timedelta(days=5),
    )
    VacancyPageFactory(
        parent=organisation,
        title="Gesloten vacature",
        closing_date=today - datetime.timedelta(days=1),
    )
    NewsPageFactory(parent=organisation, title="Nieuw spreekuur in De Schakel")

    response = client.get(organisation.url)

    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("<h1") == 1
    for text in [
        "Buurtteam Merwestad",
        "Het buurtteam helpt je met vragen over zorg en geld.",
        "Wij zijn er voor iedereen in de gemeente.",
        'href="tel:0183123456"',
        'href="mailto:info@buurtteam.example"',
        "https://buurtteam.example",
        # service
        "Formulierenhulp",
        "Hulp bij het invullen van formulieren.",
        "Iedereen met een lastige brief",
        "Gratis",
        "Kom langs op het spreekuur.",
        "Algemene voorziening, voor iedereen",
        # location and opening hours
        "Buurthuis De Schakel",
        "Kerkstraat 12",
        "4201 AB",
        "Drempelvrij, met een ringleiding.",
        "<caption>",
        '<th scope="row">Maandag',
        '<th scope="row">Dinsdag',
        '<th scope="row">Zondag',
        "09:00\u201312:30, 19:00\u201321:00",  # en dashes
        "Studiedag",
        # related content
        "Koffieochtend voor buren",
        "Vrijwilliger formulierenhulp",
        "Nieuw spreekuur in De Schakel",
        # taxonomy
        "Centrum",
        "Wonen",
        "Ouderen",
    ]:
        assert text in content, text
    for text in ["Voorbije sluiting", "Voorbije bijeenkomst", "Gesloten vacature"]:
        assert text not in content, text
    # Monday before Tuesday before Sunday: the week in order.
    assert (
        content.index(">Maandag") < content.index(">Dinsdag") < content.index(">Zondag")
    )


def test_organisation_profile_lists_the_next_dates_of_its_events(client, organisation):
    event = EventPageFactory(
        parent=organisation, title="Wekelijkse inloop", repetition="weekly"
    )

    response = client.get(organisation.url)

    occurrences = response.context["upcoming_occurrences"]
    assert len(occurrences) == 6
    assert {occurrence.event_id for occurrence in occurrences} == {event.pk}
    starts = [occurrence.start for occurrence in occurrences]
    assert starts == sorted(starts)
    assert starts[0] >= timezone.now()


def test_organisation_profile_shows_todays_hours(client, organisation):
    today = timezone.localdate()
    location = organisation.locations.get()
    location.opening_hours.all().delete()
    OpeningHoursFactory(
        location=location,
        weekday=today.weekday(),
        opens=datetime.time(10, 0),
        closes=datetime.time(15, 0),
    )

    content = client.get(organisation.url).content.decode()

    assert "open van 10:00 tot 15:00 uur" in content


def test_todays_exception_overrides_the_weekday_hours(organisation):
    today = timezone.localdate()
    location = organisation.locations.get()
    OpeningHoursFactory(
        location=location,
        weekday=today.weekday(),
        opens=datetime.time(10, 0),
        closes=datetime.time(15, 0),
    )
    OpeningHoursExceptionFactory(
        location=location, date=today, closed=True, reason="Koningsdag"
    )

    hours = location_hours(location=location, today=today)

    assert hours.today.closed
    assert hours.today.reason == "Koningsdag"
    assert hours.today.is_exception
    assert [day.weekday for day in hours.week] == list(range(7))
    assert [day.is_today for day in hours.week].count(True) == 1


def test_location_without_hours_has_no_todays_hours(organisation):
    location = LocationFactory(page=organisation)

    hours = location_hours(location=location, today=timezone.localdate())

    assert hours.today is None
    assert not hours.has_hours


# The sociale kaart listing


@pytest.fixture
def listing(social_map, neighbourhood, other_neighbourhood, theme, other_theme):
    ouderen = TargetGroupFactory(name="Ouderen", slug="ouderen")
    jongeren = TargetGroupFactory(name="Jongeren", slug="jongeren")
    OrganisationPageFactory(
        parent=social_map,
        title="Anker",
        neighbourhoods=[neighbourhood],
        themes=[theme],
        target_groups=[ouderen],
    )
    OrganisationPageFactory(
        parent=social_map,
        title="Baken",
        neighbourhoods=[other_neighbourhood],
        themes=[other_theme],
        target_groups=[ouderen, jongeren],
    )
    OrganisationPageFactory(
        parent=social_map, title="Cirkel", themes=[theme], target_groups=[jongeren]
    )
    OrganisationPageFactory(parent=social_map, title="Concept", live=False)
    return social_map


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Anker", "Baken", "Cirkel"}),
        ("?wijk=alle", {"Anker", "Baken", "Cirkel"}),
        ("?wijk=centrum", {"Anker", "Cirkel"}),
        ("?wijk=west", {"Baken", "Cirkel"}),
        ("?thema=wonen", {"Anker", "Cirkel"}),
        ("?thema=geldzaken", {"Baken"}),
        ("?doelgroep=ouderen", {"Anker", "Baken"}),
        ("?doelgroep=jongeren", {"Baken", "Cirkel"}),
        ("?wijk=west&thema=wonen", {"Cirkel"}),
        ("?wijk=centrum&doelgroep=ouderen", {"Anker"}),
        ("?wijk=centrum&thema=geldzaken", set()),
    ],
)
def test_social_map_filters(client, listing, query, expected):
    response = client.get(listing.url + query)

    assert response.status_code == 200
    assert titles(response) == expected


def test_social_map_renders_cards_in_title_order(client, listing):
    response = client.get(listing.url)

    content = response.content.decode()
    assert [item.title for item in response.context["items"]] == [
        "Anker",
        "Baken",
        "Cirkel",
    ]
    assert content.count("<h1") == 1
    assert 'name="doelgroep"' in content
    assert "Concept" not in content


def test_social_map_shows_services_and_places_on_cards(client, social_map):
    organisation = OrganisationPageFactory(parent=social_map, title="Anker")
    ServiceFactory(page=organisation, name="Schuldhulp")
    LocationFactory(page=organisation, name="Wijkcentrum Oost", city="Merwestad")

    content = client.get(social_map.url).content.decode()

    assert "Schuldhulp" in content
    assert "Wijkcentrum Oost" in content
    assert "Hele gemeente" in content


def test_social_map_unknown_target_group_shows_everything(client, listing):
    response = client.get(listing.url + "?doelgroep=onbekend")

    assert titles(response) == {"Anker", "Baken", "Cirkel"}
    assert "doelgroep" in response.context["filters"].invalid


def test_social_map_keeps_the_target_group_when_paging(client, listing):
    response = client.get(listing.url + "?doelgroep=ouderen&wijk=centrum")

    assert response.context["chosen_target_group"].slug == "ouderen"
    query = QueryDict(response.context["filters"].query_string(pagina="2"))
    assert query["wijk"] == "centrum"
    assert query["doelgroep"] == "ouderen"
    assert query["pagina"] == "2"


def test_social_map_shows_only_its_own_site(client, social_map, other_site):
    OrganisationPageFactory(parent=social_map, title="Hier")
    other_map = SocialMapPageFactory(parent=other_site.root_page)
    OrganisationPageFactory(parent=other_map, title="Daar")

    assert titles(client.get(social_map.url)) == {"Hier"}
    other = client.get(other_map.url, HTTP_HOST="other.localhost")
    assert titles(other) == {"Daar"}


def make_organisations(social_map, numbers, *, neighbourhood, theme, target_group):
    for number in numbers:
        organisation = OrganisationPageFactory(
            parent=social_map,
            title=f"Organisatie {number:03}",
            neighbourhoods=[neighbourhood],
            themes=[theme],
            target_groups=[target_group],
        )
        ServiceFactory(page=organisation)
        LocationFactory(page=organisation)


def test_social_map_query_count_does_not_grow(
    client, social_map, neighbourhood, theme, django_assert_num_queries
):
    group = TargetGroupFactory(name="Ouderen", slug="ouderen")
    make_organisations(
        social_map,
        range(5),
        neighbourhood=neighbourhood,
        theme=theme,
        target_group=group,
    )
    client.get(social_map.url)  # warm the site and root-path caches
    with CaptureQueriesContext(connection) as five:
        response = client.get(social_map.url)
    assert len(response.context["items"]) == 5
    queries_for_five = len(five)

    make_organisations(
        social_map,
        range(5, 50),
        neighbourhood=neighbourhood,
        theme=theme,
        target_group=group,
    )
    client.get(social_map.url)
    with django_assert_num_queries(queries_for_five):
        response = client.get(social_map.url)
    assert len(response.context["items"]) == 12


def test_wijk_page_is_not_a_parent_for_organisations(home_page, neighbourhood):
    wijk_page = NeighbourhoodPageFactory(
        parent__parent=home_page, neighbourhood=neighbourhood
    )
    assert isinstance(wijk_page, NeighbourhoodPage)
    assert not OrganisationPage.can_create_at(wijk_page)


# Performance and order of the organisation profile


def add_location_with_hours(page, number):
    location = LocationFactory(page=page, name=f"Locatie {number}")
    OpeningHoursFactory(location=location, weekday=Weekday.MONDAY)
    OpeningHoursFactory(location=location, weekday=Weekday.THURSDAY)
    OpeningHoursExceptionFactory(
        location=location,
        date=timezone.localdate() + datetime.timedelta(days=3),
        reason=f"Sluiting {number}",
    )


def test_organisation_profile_query_count_does_not_grow_with_locations(
    client, social_map, django_assert_num_queries
):
    page = OrganisationPageFactory(parent=social_map, title="Veel locaties")
    add_location_with_hours(page, 1)
    client.get(page.url)  # warm the site and root-path caches
    with CaptureQueriesContext(connection) as one:
        response = client.get(page.url)
    assert len(response.context["locations"]) == 1
    queries_for_one = len(one)

    for number in range(2, 6):
        add_location_with_hours(page, number)
    client.get(page.url)
    with django_assert_num_queries(queries_for_one):
        response = client.get(page.url)
    assert len(response.context["locations"]) == 5
    content = response.content.decode()
    for number in range(1, 6):
        assert f"Sluiting {number}" in content


@pytest.fixture
def services_in_editor_order(social_map):
    """Services entered heaviest first; the site shows the lightest help first."""
    page = OrganisationPageFactory(parent=social_map, title="Leefringen")
    for order, (name, level) in enumerate(
        [
            ("Zonder soort", ""),
            ("Maatwerk", SupportLevel.INDIVIDUAL),
            ("Inloop", SupportLevel.GENERAL),
            ("Tweede inloop", SupportLevel.GENERAL),
            ("Burenhulp", SupportLevel.NETWORK),
            ("Zelfhulpgids", SupportLevel.SELF),
        ]
    ):
        ServiceFactory(page=page, name=name, support_level=level, sort_order=order)
    return page


LIGHTEST_FIRST = [
    "Zelfhulpgids",
    "Burenhulp",
    "Inloop",
    "Tweede inloop",  # the editor's order within a level stays
    "Maatwerk",
    "Zonder soort",
]


def positions(content: str, names: list[str]) -> list[int]:
    return [content.index(f"{name}<") for name in names]


def test_organisation_profile_shows_the_lightest_help_first(
    client, services_in_editor_order
):
    response = client.get(services_in_editor_order.url)

    assert [service.name for service in response.context["services"]] == (
        LIGHTEST_FIRST
    )
    content = response.content.decode()
    found = positions(content, LIGHTEST_FIRST)
    assert found == sorted(found)


def test_organisation_card_shows_the_lightest_help_first(
    client, social_map, services_in_editor_order
):
    content = client.get(social_map.url).content.decode()

    helps_with = content[content.index("Helpt met:") :]
    helps_with = helps_with[: helps_with.index("</p>")]
    names = [name.strip() for name in helps_with.split(":", 1)[1].split(",")]
    assert names == LIGHTEST_FIRST


def test_preview_uses_the_unsaved_locations_hours_and_services(social_map):
    """An editor's preview holds its rows in memory: nothing to prefetch."""
    page = OrganisationPageFactory(parent=social_map, title="Voorvertoning")
    LocationFactory(page=page, name="Oud adres")
    page.locations = [
        Location(
            name="Nieuw adres",
            street_address="Dorpsstraat 1",
            city="Merwestad",
            opening_hours=[
                OpeningHours(
                    weekday=Weekday.FRIDAY,
                    opens=datetime.time(13, 0),
                    closes=datetime.time(16, 0),
                )
            ],
        )
    ]
    page.services = [
        Service(name="Maatwerk", support_level=SupportLevel.INDIVIDUAL),
        Service(name="Zelfhulpgids", support_level=SupportLevel.SELF),
    ]

    context = organisation_page_context(page=page)

    [hours] = context["locations"]
    assert hours.location.name == "Nieuw adres"
    friday = hours.week[Weekday.FRIDAY]
    assert [(slot.opens, slot.closes) for slot in friday.slots] == [
        (datetime.time(13, 0), datetime.time(16, 0))
    ]
    assert [service.name for service in context["services"]] == [
        "Zelfhulpgids",
        "Maatwerk",
    ]
