"""Open vacancies in the API v3 (vacancies/api.py): the same filters and the
same results as the 'Vrijwilligerswerk' page, per site, typed."""

import datetime

import pytest
from django.utils import timezone

from tests.api.test_taxonomy_api import PROBLEM_JSON, untyped
from tests.factories import (
    NeighbourhoodFactory,
    NeighbourhoodPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
    VacancyIndexPageFactory,
    VacancyPageFactory,
)
from vacancies.models import Engagement, TimeCommitment
from vacancies.selectors import (
    matching_vacancies,
    open_vacancies_of_site,
    parse_vacancy_filters,
)

pytestmark = pytest.mark.django_db

URL = "/api/v3/vrijwilligerswerk/"
HOST = {"HTTP_HOST": "localhost"}


@pytest.fixture
def vacancy_index(home_page):
    return VacancyIndexPageFactory(parent=home_page)


@pytest.fixture
def wijk_page(home_page, neighbourhood):
    return NeighbourhoodPageFactory(
        parent__parent=home_page, neighbourhood=neighbourhood, slug="centrum"
    )


@pytest.fixture
def organisation(home_page):
    return OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=home_page), title="Vrijwilligerscentrale"
    )


@pytest.fixture
def other_organisation(other_site):
    return OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=other_site.root_page), title="Elders"
    )


@pytest.fixture
def town(
    wijk_page,
    organisation,
    other_organisation,
    neighbourhood,
    other_neighbourhood,
    theme,
    other_theme,
):
    """The vacancies of the page's filter test, and two that are never listed."""
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
        skills=["koken", "Rijbewijs B"],
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
    VacancyPageFactory(parent=organisation, title="Concept", live=False)
    VacancyPageFactory(parent=other_organisation, title="Ander platform")


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def test_open_vacancies_are_public_and_typed(client, town, organisation, neighbourhood):
    now = timezone.now()
    vacancy = VacancyPageFactory(
        parent=organisation,
        title="Voorlezer",
        introduction="Lees voor in de bibliotheek.",
        neighbourhoods=[neighbourhood],
        time_commitment=TimeCommitment.FEW_HOURS_MONTH,
        time_commitment_note="Zaterdagochtend",
        engagement=Engagement.ONGOING,
        start_date=datetime.date(2027, 1, 4),
        closing_date=timezone.localdate() + datetime.timedelta(days=10),
        location_text="Bibliotheek Centrum",
        skills=["voorlezen", "Geduld"],
        first_published_at=(now + datetime.timedelta(minutes=1)).replace(microsecond=0),
    )

    response = client.get(URL, **HOST)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 5
    assert titles(response)[0] == "Voorlezer"
    assert body["items"][0] == {
        "id": vacancy.pk,
        "title": "Voorlezer",
        "summary": "Lees voor in de bibliotheek.",
        "url": "http://localhost/sociale-kaart/vrijwilligerscentrale/voorlezer/",
        "api_url": f"http://localhost/api/v3/pages/{vacancy.pk}/",
        "published_at": timezone.localtime(vacancy.first_published_at).isoformat(),
        "organisation": {
            "id": organisation.pk,
            "title": "Vrijwilligerscentrale",
            "api_url": f"http://localhost/api/v3/pages/{organisation.pk}/",
        },
        "neighbourhoods": [
            {"id": neighbourhood.pk, "name": "Centrum", "slug": "centrum"}
        ],
        "themes": [],
        "time_commitment": "month",
        "time_commitment_label": "Een paar uur per maand",
        "time_commitment_note": "Zaterdagochtend",
        "engagement": "ongoing",
        "engagement_label": "Voor langere tijd",
        "start_date": "2027-01-04",
        "end_date": None,
        "closing_date": vacancy.closing_date.isoformat(),
        "place": "Bibliotheek Centrum",
        "skills": [
            {"name": "Geduld", "slug": "geduld"},
            {"name": "voorlezen", "slug": "voorlezen"},
        ],
    }
    anker = next(item for item in body["items"] if item["title"] == "Anker")
    assert anker["organisation"] is None  # under a wijk page
    assert anker["url"].startswith("http://localhost/")


def test_another_sites_vacancies_never_appear(client, town, other_site):
    own = titles(client.get(URL, **HOST))
    other = titles(client.get(URL + "?site=other.localhost", **HOST))
    by_host = titles(client.get(URL, HTTP_HOST="other.localhost"))

    assert "Ander platform" not in own
    assert other == by_host == ["Ander platform"]
    url = client.get(URL + "?site=other.localhost", **HOST).json()["items"][0]["url"]
    assert url.startswith("http://other.localhost/")


# The same results as the page, for the same filters

FILTERS = [
    "",
    "wijk=centrum",
    "wijk=west",
    "wijk=alle",
    "thema=wonen",
    "tijd=week",
    "tijd=flexible",
    "soort=one_off",
    "soort=ongoing",
    "wijk=west&tijd=week&soort=one_off",
    "wijk=centrum&thema=geldzaken",
    "vaardigheid=koken",
    "vaardigheid=rijbewijs-b",
    "vaardigheid=koken&soort=ongoing",
    "vaardigheid=computer&wijk=west",
]


def test_results_equal_the_pages_for_the_same_filters(client, town, vacancy_index):
    for query in FILTERS:
        page = client.get(f"{vacancy_index.url}?{query}", **HOST)
        api = client.get(f"{URL}?{query}&limit=100", **HOST)

        expected = [item.title for item in page.context["items"]]
        assert titles(api) == expected, query
        assert api.json()["count"] == page.context["page_obj"].paginator.count


def test_without_wijk_the_api_lists_every_wijk_whatever_the_cookie(
    client, town, vacancy_index, neighbourhood, settings
):
    client.cookies[settings.BUURTPLEIN_NEIGHBOURHOOD_COOKIE] = str(neighbourhood.pk)

    page = client.get(vacancy_index.url, **HOST)
    api = client.get(URL, **HOST)

    assert len(page.context["items"]) == 3  # 'mijn wijk' applies on the page
    assert api.json()["count"] == 4


def test_paging(client, town):
    everything = titles(client.get(URL, **HOST))

    response = client.get(URL + "?limit=2&offset=1", **HOST)

    assert response.json()["count"] == 4
    assert titles(response) == everything[1:3]


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "offset=-1", "limit=x"])
def test_paging_out_of_bounds_is_a_422(client, site, query):
    response = client.get(f"{URL}?{query}", **HOST)

    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM_JSON


def test_unknown_values_are_a_dutch_422_per_parameter(client, town, other_site):
    cases = {
        "wijk=nergens": ("wijk", "geen wijk 'nergens'"),
        "thema=onzin": ("thema", "geen thema 'onzin'"),
        "tijd=veel": ("tijd", "Kies voor tijd een van: month, week, more, flexible."),
        "soort=vast": ("soort", "Kies voor soort een van: one_off, ongoing."),
        # Only a closed vacancy asks for it.
        "vaardigheid=tuinieren": ("vaardigheid", "vaardigheid 'tuinieren'"),
    }
    for query, (name, words) in cases.items():
        response = client.get(f"{URL}?{query}", **HOST)

        assert response.status_code == 422, query
        assert response["Content-Type"] == PROBLEM_JSON
        body = response.json()
        assert words in body["detail"]
        assert body["errors"] == [
            {"type": "unknown_choice", "loc": ["query", name], "msg": body["detail"]}
        ]

    both = client.get(f"{URL}?wijk=nergens&tijd=veel", **HOST).json()
    assert [error["loc"][1] for error in both["errors"]] == ["wijk", "tijd"]


def test_a_wijk_of_another_site_is_unknown(client, town, other_site):
    NeighbourhoodFactory(site=other_site, name="Elders", slug="elders")

    assert client.get(URL + "?wijk=elders", **HOST).status_code == 422
    assert titles(client.get(URL + "?wijk=elders&site=other.localhost", **HOST)) == [
        "Ander platform"
    ]


def test_choices_offer_the_skills_of_open_vacancies_of_the_site(client, town):
    response = client.get(URL + "keuzes/", **HOST)

    assert response.status_code == 200
    body = response.json()
    assert body["skills"] == [
        {"name": "computer", "slug": "computer"},
        {"name": "koken", "slug": "koken"},
        {"name": "Rijbewijs B", "slug": "rijbewijs-b"},
    ]
    assert [choice["value"] for choice in body["time_commitments"]] == [
        "month",
        "week",
        "more",
        "flexible",
    ]
    assert body["engagements"][0] == {"value": "one_off", "label": "Eenmalig"}


# The shared query layer, without a request


def test_filters_are_parsed_from_plain_values(site, town, neighbourhood):
    vacancies = open_vacancies_of_site(site=site)

    filters = parse_vacancy_filters(
        params={"wijk": "centrum", "tijd": "week", "vaardigheid": "koken"},
        site=site,
        vacancies=vacancies,
    )

    assert filters.neighbourhood == neighbourhood
    assert filters.time_commitment == "week"
    assert filters.skill.slug == "koken"
    assert filters.invalid == []
    matching = matching_vacancies(vacancies, filters=filters)
    assert [vacancy.title for vacancy in matching] == ["Anker"]

    wrong = parse_vacancy_filters(
        params={"wijk": "nergens", "soort": "vast", "vaardigheid": "koken"},
        site=site,
        vacancies=vacancies,
    )
    assert wrong.invalid == ["wijk", "soort"]
    assert wrong.neighbourhood is None
    assert wrong.engagement == ""
    # Without the vacancies there are no skills to choose from.
    assert parse_vacancy_filters(
        params={"vaardigheid": "koken"}, site=site
    ).invalid == ["vaardigheid"]


# Queries: the same for 3 and 30 vacancies


def make_vacancies(parent, numbers, *, taxonomy):
    for number in numbers:
        VacancyPageFactory(
            parent=parent,
            title=f"Vacature {number:03}",
            skills=[f"vaardigheid {number}", "koken"],
            **taxonomy,
        )


# The site; view restrictions (public pages only); the filters' wijken, themes
# and skills; count and page; the page's wijken, themes and skills; their
# organisations.
LIST_QUERIES = 11


def test_list_queries_do_not_grow(
    client,
    wijk_page,
    organisation,
    neighbourhood,
    other_neighbourhood,
    theme,
    other_theme,
    django_assert_num_queries,
):
    taxonomy = {
        "neighbourhoods": [neighbourhood, other_neighbourhood],
        "themes": [theme, other_theme],
    }
    urls = [
        f"{URL}?limit=100",
        f"{URL}?limit=100&vaardigheid=koken&wijk=centrum&thema=wonen&soort=ongoing",
    ]

    def assert_queries(count: int) -> None:
        for url in urls:
            client.get(url, **HOST)  # warm the site and root-path caches
            with django_assert_num_queries(LIST_QUERIES):
                response = client.get(url, **HOST)
            assert response.json()["count"] == count, url
            assert len(response.json()["items"]) == count

    make_vacancies(wijk_page, range(2), taxonomy=taxonomy)
    make_vacancies(organisation, range(2, 3), taxonomy=taxonomy)
    assert_queries(3)
    make_vacancies(wijk_page, range(3, 20), taxonomy=taxonomy)
    make_vacancies(organisation, range(20, 30), taxonomy=taxonomy)
    assert_queries(30)


# OpenAPI


def test_openapi_types_every_response_field_and_documents_errors(client, site):
    spec = client.get("/api/v3/openapi.json").json()
    components = spec["components"]["schemas"]

    for path, operation_id in [
        ("/api/v3/vrijwilligerswerk/", "vacancies_list"),
        ("/api/v3/vrijwilligerswerk/keuzes/", "vacancies_choices"),
    ]:
        operation = spec["paths"][path]["get"]
        assert operation["operationId"] == operation_id
        assert {"200", "400", "404", "422"} <= set(operation["responses"]), path
        success = operation["responses"]["200"]["content"]["application/json"]
        assert untyped(success["schema"], components, path, set()) == [], path

    parameters = {
        parameter["name"]: parameter["schema"]
        for parameter in spec["paths"][URL]["get"]["parameters"]
    }
    assert set(parameters) == {
        "wijk",
        "thema",
        "tijd",
        "soort",
        "vaardigheid",
        "limit",
        "offset",
        "site",
    }
    assert parameters["tijd"]["anyOf"][0]["enum"] == TimeCommitment.values
    assert parameters["soort"]["anyOf"][0]["enum"] == Engagement.values
    assert parameters["limit"]["maximum"] == 100
    item = components["VacancyListItem"]["properties"]
    assert components[item["time_commitment"]["$ref"].rsplit("/", 1)[1]]["enum"] == (
        TimeCommitment.values
    )
