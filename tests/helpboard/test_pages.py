import datetime

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from helpboard.models import HelpBoardPage, HelpStatus
from home.models import HomePage
from tests.factories import (
    ContentPageFactory,
    HelpBoardPageFactory,
    HelpOfferFactory,
    HelpRequestFactory,
)

pytestmark = pytest.mark.django_db

PUBLISHED = HelpStatus.PUBLISHED


@pytest.fixture
def help_board(home_page):
    return HelpBoardPageFactory(parent=home_page)


def titles(response) -> set[str]:
    return {item["title"] for item in response.context["items"]}


def test_help_board_page_only_under_home_page_and_once(home_page, other_site):
    assert HelpBoardPage.allowed_parent_page_models() == [HomePage]
    assert HelpBoardPage.can_create_at(home_page)
    assert not HelpBoardPage.can_create_at(ContentPageFactory(parent=home_page))

    HelpBoardPageFactory(parent=home_page)

    assert not HelpBoardPage.can_create_at(home_page)
    assert HelpBoardPage.can_create_at(other_site.root_page.specific)


def test_help_board_shows_only_published_posts_of_its_own_site(
    client, site, other_site, help_board, neighbourhood, theme
):
    HelpRequestFactory(
        site=site,
        status=PUBLISHED,
        title="Wie helpt met de tuin?",
        description="Mijn heg is te hoog geworden.",
        first_name="Ans",
        email="ans@example.org",
        phone="0612345678",
        neighbourhood=neighbourhood,
        theme=theme,
    )
    HelpOfferFactory(
        site=site,
        status=PUBLISHED,
        title="Ik kook graag een keer extra",
        first_name="Mo",
        email="mo@example.org",
        phone="0687654321",
    )
    for status in (HelpStatus.SUBMITTED, HelpStatus.REJECTED, HelpStatus.CLOSED):
        HelpRequestFactory(site=site, status=status, title=f"Vraag {status}")
        HelpOfferFactory(site=site, status=status, title=f"Aanbod {status}")
    HelpRequestFactory(site=other_site, status=PUBLISHED, title="Vraag elders")
    HelpOfferFactory(site=other_site, status=PUBLISHED, title="Aanbod elders")

    response = client.get(help_board.url)

    assert response.status_code == 200
    assert titles(response) == {
        "Wie helpt met de tuin?",
        "Ik kook graag een keer extra",
    }
    content = response.content.decode()
    assert content.count("<h1") == 1
    for text in [
        "Wie helpt met de tuin?",
        "Mijn heg is te hoog geworden.",
        "Ans",
        "Mo",
        "Centrum",
        "Wonen",
        "Hele gemeente",
        f"{timezone.localdate():%Y}",
    ]:
        assert text in content, text
    for text in [
        "ans@example.org",
        "0612345678",
        "mo@example.org",
        "0687654321",
        "elders",
        "Vraag submitted",
        "Aanbod rejected",
        "Vraag closed",
    ]:
        assert text not in content, text
    # Only public fields ever reach the template.
    for item in response.context["items"]:
        assert "email" not in item
        assert "phone" not in item


def test_help_board_lists_newest_first(client, site, help_board):
    now = timezone.now()
    for days, factory, title in [
        (3, HelpRequestFactory, "Oud"),
        (1, HelpOfferFactory, "Nieuw"),
        (2, HelpRequestFactory, "Middel"),
    ]:
        factory(
            site=site,
            status=PUBLISHED,
            title=title,
            published_at=now - datetime.timedelta(days=days),
        )

    response = client.get(help_board.url)

    assert [item["title"] for item in response.context["items"]] == [
        "Nieuw",
        "Middel",
        "Oud",
    ]
    assert [item["kind"] for item in response.context["items"]] == [
        "aanbod",
        "vraag",
        "vraag",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Vraag centrum", "Vraag west", "Vraag overal", "Aanbod centrum"}),
        ("?wijk=centrum", {"Vraag centrum", "Vraag overal", "Aanbod centrum"}),
        ("?wijk=west", {"Vraag west", "Vraag overal"}),
        ("?soort=vraag", {"Vraag centrum", "Vraag west", "Vraag overal"}),
        ("?soort=aanbod", {"Aanbod centrum"}),
        ("?soort=aanbod&wijk=west", set()),
        ("?thema=wonen", {"Vraag centrum", "Aanbod centrum"}),
        ("?soort=vraag&thema=wonen&wijk=centrum", {"Vraag centrum"}),
        (
            "?soort=iets",
            {"Vraag centrum", "Vraag west", "Vraag overal", "Aanbod centrum"},
        ),
    ],
)
def test_help_board_filters(
    client, site, help_board, neighbourhood, other_neighbourhood, theme, query, expected
):
    HelpRequestFactory(
        site=site,
        status=PUBLISHED,
        title="Vraag centrum",
        neighbourhood=neighbourhood,
        theme=theme,
    )
    HelpRequestFactory(
        site=site,
        status=PUBLISHED,
        title="Vraag west",
        neighbourhood=other_neighbourhood,
    )
    HelpRequestFactory(site=site, status=PUBLISHED, title="Vraag overal")
    HelpOfferFactory(
        site=site,
        status=PUBLISHED,
        title="Aanbod centrum",
        neighbourhood=neighbourhood,
        theme=theme,
    )

    response = client.get(help_board.url + query)

    assert response.status_code == 200
    assert titles(response) == expected


def test_help_board_keeps_the_kind_when_paging(client, site, help_board):
    for number in range(14):
        HelpOfferFactory(site=site, status=PUBLISHED, title=f"Aanbod {number}")
    HelpRequestFactory(site=site, status=PUBLISHED, title="Een vraag")

    response = client.get(help_board.url + "?soort=aanbod&wijk=alle&pagina=2")

    query = QueryDict(response.context["filters"].query_string(pagina="3"))
    assert query["soort"] == "aanbod"
    assert query["pagina"] == "3"
    assert len(response.context["items"]) == 2
    assert "soort=aanbod" in response.content.decode()


def make_posts(site, count, *, neighbourhood, theme):
    for number in range(count):
        factory = HelpRequestFactory if number % 2 else HelpOfferFactory
        factory(
            site=site,
            status=PUBLISHED,
            title=f"Bericht {number}",
            neighbourhood=neighbourhood,
            theme=theme,
        )


def test_help_board_query_count_does_not_grow(
    client, site, help_board, neighbourhood, theme, django_assert_num_queries
):
    make_posts(site, 5, neighbourhood=neighbourhood, theme=theme)
    client.get(help_board.url)  # warm the site and root-path caches
    with CaptureQueriesContext(connection) as five:
        response = client.get(help_board.url)
    assert len(response.context["items"]) == 5
    queries_for_five = len(five)

    make_posts(site, 45, neighbourhood=neighbourhood, theme=theme)
    client.get(help_board.url)
    with django_assert_num_queries(queries_for_five):
        response = client.get(help_board.url)
    assert len(response.context["items"]) == 12
