import datetime

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home.models import HomePage
from neighbourhoods.models import NeighbourhoodPage
from socialmap.models import OrganisationPage
from tests.factories import (
    ContentPageFactory,
    NeighbourhoodPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
    VacancyIndexPageFactory,
    VacancyPageFactory,
)
from vacancies.models import Engagement, TimeCommitment, VacancyIndexPage, VacancyPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def vacancy_index(home_page):
    return VacancyIndexPageFactory(parent=home_page)


@pytest.fixture
def wijk_page(home_page, neighbourhood):
    return NeighbourhoodPageFactory(
        parent__parent=home_page, neighbourhood=neighbourhood
    )


@pytest.fixture
def organisation(home_page):
    return OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=home_page), title="Vrijwilligerscentrale"
    )


def titles(response) -> set[str]:
    return {item.title for item in response.context["items"]}


# Page tree rules


def test_vacancy_page_only_under_wijk_and_organisation_pages(
    home_page, vacancy_index, wijk_page, organisation
):
    assert set(VacancyPage.allowed_parent_page_models()) == {
        NeighbourhoodPage,
        OrganisationPage,
    }
    assert VacancyPage.can_create_at(wijk_page)
    assert VacancyPage.can_create_at(organisation)
    assert not VacancyPage.can_create_at(home_page)
    assert not VacancyPage.can_create_at(vacancy_index)


def test_vacancy_index_page_only_under_home_page_and_once(home_page, other_site):
    assert VacancyIndexPage.allowed_parent_page_models() == [HomePage]
    assert VacancyIndexPage.can_create_at(home_page)
    assert not VacancyIndexPage.can_create_at(ContentPageFactory(parent=home_page))

    VacancyIndexPageFactory(parent=home_page)

    assert not VacancyIndexPage.can_create_at(home_page)
    assert VacancyIndexPage.can_create_at(other_site.root_page.specific)


# The vacancy page


def test_vacancy_page_shows_its_fields(client, wijk_page, theme):
    closing = timezone.localdate() + datetime.timedelta(days=14)
    vacancy = VacancyPageFactory(
        parent=wijk_page,
        title="Maatje voor een oudere buur",
        introduction="Een wekelijkse wandeling maakt veel verschil.",
        what_you_do="<p>Je wandelt elke week met een buur.</p>",
        what_we_ask="<p>Je bent betrouwbaar en geduldig.</p>",
        what_we_offer="<p>Een training en een onkostenvergoeding.</p>",
        time_commitment=TimeCommitment.FEW_HOURS_MONTH,
        time_commitment_note="Op een middag die jou past",
        engagement=Engagement.ONGOING,
        start_date=datetime.date(2030, 1, 6),
        end_date=datetime.date(2030, 12, 20),
        closing_date=closing,
        location_text="Buurthuis De Schakel",
        contact_name="Petra de Vries",
        contact_email="petra@example.org",
        contact_phone="06 12 34 56 78",
        skills=["wandelen", "luisteren"],
        themes=[theme],
    )

    response = client.get(vacancy.url)

    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("<h1") == 1
    for text in [
        "Maatje voor een oudere buur",
        "Een wekelijkse wandeling maakt veel verschil.",
        "Je wandelt elke week met een buur.",
        "Je bent betrouwbaar en geduldig.",
        "Een training en een onkostenvergoeding.",
        "Een paar uur per maand",
        "Op een middag die jou past",
        "Voor langere tijd",
        "6 januari 2030",
        "20 december 2030",
        "Reageren kan tot en met",
        f'datetime="{closing:%Y-%m-%d}"',
        "Buurthuis De Schakel",
        "wandelen",
        "luisteren",
        "Petra de Vries",
        'href="mailto:petra@example.org"',
        'href="tel:0612345678"',
        "Wonen",
    ]:
        assert text in content, text
    assert "Deze vacature is gesloten" not in content


def test_closed_vacancy_page_says_it_is_closed(client, wijk_page):
    vacancy = VacancyPageFactory(
        parent=wijk_page,
        closing_date=timezone.localdate() - datetime.timedelta(days=1),
        contact_email="petra@example.org",
    )

    response = client.get(vacancy.url)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Deze vacature is gesloten" in content
    assert "petra@example.org" not in content


# The vacancy index


def test_vacancy_index_gathers_open_vacancies_of_the_whole_site(
    client, vacancy_index, wijk_page, organisation, other_site
):
    today = timezone.localdate()
    VacancyPageFactory(parent=wijk_page, title="In de wijk")
    VacancyPageFactory(parent=organisation, title="Bij de organisatie")
    VacancyPageFactory(parent=wijk_page, title="Sluit vandaag", closing_date=today)
    VacancyPageFactory(
        parent=organisation,
        title="Sluit volgende week",
        closing_date=today + datetime.timedelta(days=7),
    )
    VacancyPageFactory(
        parent=wijk_page,
        title="Gisteren gesloten",
        closing_date=today - datetime.timedelta(days=1),
    )
    VacancyPageFactory(parent=wijk_page, title="Concept", live=False)
    other_map = SocialMapPageFactory(parent=other_site.root_page)
    VacancyPageFactory(
        parent=OrganisationPageFactory(parent=other_map), title="Ander platform"
    )

    response = client.get(vacancy_index.url)

    assert response.status_code == 200
    assert titles(response) == {
        "In de wijk",
        "Bij de organisatie",
        "Sluit vandaag",
        "Sluit volgende week",
    }
    content = response.content.decode()
    assert "Gisteren gesloten" not in content
    assert "Ander platform" not in content
    assert content.count("<h1") == 1
    assert "Tot 4 uur per week" in content
    assert f"reageren kan tot en met {today.day} " in content


def test_vacancy_index_shows_newest_first(client, vacancy_index, wijk_page):
    now = timezone.now()
    for days, title in [(3, "Oud"), (1, "Nieuw"), (2, "Middel")]:
        VacancyPageFactory(
            parent=wijk_page,
            title=title,
            first_published_at=now - datetime.timedelta(days=days),
        )

    response = client.get(vacancy_index.url)

    assert [item.title for item in response.context["items"]] == [
        "Nieuw",
        "Middel",
        "Oud",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Anker", "Baken", "Cirkel", "Duin"}),
        ("?wijk=centrum", {"Anker", "Cirkel", "Duin"}),
        ("?wijk=west", {"Baken", "Cirkel", "Duin"}),
        ("?thema=wonen", {"Anker", "Cirkel"}),
        ("?tijd=week", {"Anker", "Baken"}),
        ("?tijd=flexible", {"Duin"}),
        ("?soort=one_off", {"Baken", "Duin"}),
        ("?soort=ongoing", {"Anker", "Cirkel"}),
        ("?wijk=west&tijd=week&soort=one_off", {"Baken"}),
        ("?wijk=centrum&thema=geldzaken", set()),
        ("?tijd=onzin", {"Anker", "Baken", "Cirkel", "Duin"}),
    ],
)
def test_vacancy_index_filters(
    client,
    vacancy_index,
    wijk_page,
    organisation,
    neighbourhood,
    other_neighbourhood,
    theme,
    other_theme,
    query,
    expected,
):
    VacancyPageFactory(
        parent=wijk_page,
        title="Anker",
        neighbourhoods=[neighbourhood],
        themes=[theme],
        time_commitment=TimeCommitment.UP_TO_4_WEEK,
        engagement=Engagement.ONGOING,
    )
    VacancyPageFactory(
        parent=organisation,
        title="Baken",
        neighbourhoods=[other_neighbourhood],
        themes=[other_theme],
        time_commitment=TimeCommitment.UP_TO_4_WEEK,
        engagement=Engagement.ONE_OFF,
    )
    VacancyPageFactory(
        parent=organisation,
        title="Cirkel",
        themes=[theme],
        time_commitment=TimeCommitment.MORE_THAN_4_WEEK,
        engagement=Engagement.ONGOING,
    )
    VacancyPageFactory(
        parent=organisation,
        title="Duin",
        time_commitment=TimeCommitment.FLEXIBLE,
        engagement=Engagement.ONE_OFF,
    )

    response = client.get(vacancy_index.url + query)

    assert response.status_code == 200
    assert titles(response) == expected


def test_vacancy_index_keeps_its_filters_when_paging(client, vacancy_index):
    response = client.get(vacancy_index.url + "?tijd=week&soort=one_off&wijk=alle")

    query = QueryDict(response.context["filters"].query_string(pagina="2"))
    assert query["tijd"] == "week"
    assert query["soort"] == "one_off"
    assert query["pagina"] == "2"
    content = response.content.decode()
    assert 'name="tijd"' in content
    assert 'name="soort"' in content


def make_vacancies(parent, numbers, *, neighbourhood, theme):
    for number in numbers:
        VacancyPageFactory(
            parent=parent,
            title=f"Vacature {number:03}",
            neighbourhoods=[neighbourhood],
            themes=[theme],
            skills=["koken"],
        )


def test_vacancy_index_query_count_does_not_grow(
    client,
    vacancy_index,
    wijk_page,
    organisation,
    neighbourhood,
    theme,
    django_assert_num_queries,
):
    make_vacancies(wijk_page, range(3), neighbourhood=neighbourhood, theme=theme)
    make_vacancies(organisation, range(3, 5), neighbourhood=neighbourhood, theme=theme)
    client.get(vacancy_index.url)  # warm the site and root-path caches
    with CaptureQueriesContext(connection) as five:
        response = client.get(vacancy_index.url)
    assert len(response.context["items"]) == 5
    queries_for_five = len(five)

    make_vacancies(wijk_page, range(5, 30), neighbourhood=neighbourhood, theme=theme)
    make_vacancies(
        organisation, range(30, 50), neighbourhood=neighbourhood, theme=theme
    )
    client.get(vacancy_index.url)
    with django_assert_num_queries(queries_for_five):
        response = client.get(vacancy_index.url)
    assert len(response.context["items"]) == 12
