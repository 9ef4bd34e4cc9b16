import datetime
from contextlib import contextmanager
from unittest import mock

import pytest
from django.http import QueryDict
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
        ("?vaardigheid=koken", {"Anker", "Baken"}),
        ("?vaardigheid=rijbewijs", {"Baken"}),
        ("?vaardigheid=koken&soort=ongoing", {"Anker"}),
        ("?vaardigheid=computer&wijk=west", {"Cirkel"}),
        # Only skills of open vacancies are choices; others show everything.
        ("?vaardigheid=tuinieren", {"Anker", "Baken", "Cirkel", "Duin"}),
        ("?vaardigheid=onzin", {"Anker", "Baken", "Cirkel", "Duin"}),
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
        skills=["koken"],
    )
    VacancyPageFactory(
        parent=organisation,
        title="Baken",
        neighbourhoods=[other_neighbourhood],
        themes=[other_theme],
        time_commitment=TimeCommitment.UP_TO_4_WEEK,
        engagement=Engagement.ONE_OFF,
        skills=["koken", "rijbewijs"],
    )
    VacancyPageFactory(
        parent=organisation,
        title="Cirkel",
        themes=[theme],
        time_commitment=TimeCommitment.MORE_THAN_4_WEEK,
        engagement=Engagement.ONGOING,
        skills=["computer"],
    )
    VacancyPageFactory(
        parent=organisation,
        title="Gesloten",
        closing_date=timezone.localdate() - datetime.timedelta(days=1),
        skills=["tuinieren"],
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


def test_vacancy_index_offers_the_skills_of_open_vacancies_of_its_site(
    client, vacancy_index, wijk_page, other_site
):
    VacancyPageFactory(parent=wijk_page, skills=["koken", "Rijbewijs B"])
    VacancyPageFactory(parent=wijk_page, skills=["koken"])
    VacancyPageFactory(
        parent=wijk_page,
        closing_date=timezone.localdate() - datetime.timedelta(days=1),
        skills=["tuinieren"],
    )
    VacancyPageFactory(
        parent=OrganisationPageFactory(
            parent=SocialMapPageFactory(parent=other_site.root_page)
        ),
        skills=["fietsen"],
    )

    response = client.get(vacancy_index.url + "?vaardigheid=rijbewijs-b")

    filters = response.context["filters"]
    assert [(tag.name, tag.slug) for tag in filters.skills] == [
        ("koken", "koken"),
        ("Rijbewijs B", "rijbewijs-b"),
    ]
    assert filters.skill.slug == "rijbewijs-b"
    assert filters.is_filtered
    content = response.content.decode()
    assert 'name="vaardigheid"' in content
    assert '<option value="rijbewijs-b" selected>Rijbewijs B</option>' in content
    assert "tuinieren" not in content
    assert "fietsen" not in content


def test_vacancy_index_keeps_its_filters_when_paging(client, vacancy_index, wijk_page):
    VacancyPageFactory(parent=wijk_page, skills=["koken"])
    response = client.get(
        vacancy_index.url + "?tijd=week&soort=one_off&wijk=alle&vaardigheid=koken"
    )

    query = QueryDict(response.context["filters"].query_string(pagina="2"))
    assert query["tijd"] == "week"
    assert query["soort"] == "one_off"
    assert query["vaardigheid"] == "koken"
    assert query["pagina"] == "2"
    content = response.content.decode()
    assert 'name="tijd"' in content
    assert 'name="soort"' in content


def test_pagination_links_keep_the_skill(client, vacancy_index, wijk_page, settings):
    settings.BUURTPLEIN_PAGE_SIZE = 2
    for number in range(3):
        VacancyPageFactory(parent=wijk_page, title=f"Kok {number}", skills=["koken"])

    response = client.get(vacancy_index.url + "?vaardigheid=koken")

    assert response.context["page_obj"].paginator.num_pages == 2
    assert "vaardigheid=koken&amp;pagina=2" in response.content.decode()


# A closed vacancy leaves the listings the day after its closing date, by the
# selectors alone: no publish_scheduled has run.


@contextmanager
def clock_at(moment: datetime.datetime):
    """Pretend it is ``moment`` (there is no time-machine in this project)."""
    with mock.patch.object(timezone, "now", return_value=moment):
        yield


def test_a_closed_vacancy_leaves_every_listing_the_next_day_without_cron(
    client, vacancy_index, wijk_page, organisation, neighbourhood
):
    closing = timezone.localdate() + datetime.timedelta(days=3)
    in_wijk = VacancyPageFactory(
        parent=wijk_page, title="Klusser in de wijk", closing_date=closing
    )
    at_organisation = VacancyPageFactory(
        parent=organisation,
        title="Voorlezer bij de organisatie",
        closing_date=closing,
        neighbourhoods=[neighbourhood],
    )
    closing_day_evening = timezone.make_aware(
        datetime.datetime.combine(closing, datetime.time(23, 59))
    )
    next_morning = timezone.make_aware(
        datetime.datetime.combine(
            closing + datetime.timedelta(days=1), datetime.time(0, 1)
        )
    )

    def listed(url: str) -> set[str]:
        content = client.get(url).content.decode()
        return {
            title
            for title in (in_wijk.title, at_organisation.title)
            if title in content
        }

    with clock_at(closing_day_evening):
        assert listed(vacancy_index.url) == {in_wijk.title, at_organisation.title}
        assert listed(wijk_page.url) == {in_wijk.title, at_organisation.title}
        assert listed(organisation.url) == {at_organisation.title}
    with clock_at(next_morning):
        assert listed(vacancy_index.url) == set()
        assert listed(wijk_page.url) == set()
        assert listed(organisation.url) == set()
        # Still live until publish_scheduled runs, but it says it has closed
        # and offers no form.
        page = client.get(in_wijk.url).content.decode()
        assert "Deze vacature is gesloten" in page
        assert "Ik wil helpen" not in page
    in_wijk.refresh_from_db()
    assert in_wijk.live
    assert in_wijk.expire_at == next_morning.replace(minute=0)


def make_vacancies(parent, numbers, *, neighbourhoods, themes):
    for number in numbers:
        VacancyPageFactory(
            parent=parent,
            title=f"Vacature {number:03}",
            neighbourhoods=neighbourhoods,
            themes=themes,
            skills=[f"vaardigheid {number}", "koken"],
        )


# Queries of the vacancy index, filtered and not: the same for 3 and 30 vacancies.
INDEX_QUERIES = 20


@pytest.mark.parametrize("query", ["", "?vaardigheid=koken&wijk=centrum&thema=wonen"])
def test_vacancy_index_query_count_does_not_grow(
    client,
    vacancy_index,
    wijk_page,
    organisation,
    neighbourhood,
    other_neighbourhood,
    theme,
    other_theme,
    django_assert_num_queries,
    query,
):
    taxonomy = {
        "neighbourhoods": [neighbourhood, other_neighbourhood],
        "themes": [theme, other_theme],
    }
    make_vacancies(wijk_page, range(2), **taxonomy)
    make_vacancies(organisation, range(2, 3), **taxonomy)
    client.get(vacancy_index.url + query)  # warm the site and root-path caches
    with django_assert_num_queries(INDEX_QUERIES):
        response = client.get(vacancy_index.url + query)
    assert len(response.context["items"]) == 3

    make_vacancies(wijk_page, range(3, 20), **taxonomy)
    make_vacancies(organisation, range(20, 30), **taxonomy)
    client.get(vacancy_index.url + query)
    with django_assert_num_queries(INDEX_QUERIES):
        response = client.get(vacancy_index.url + query)
    assert len(response.context["items"]) == 12
    assert len(response.context["filters"].skills) == 31
