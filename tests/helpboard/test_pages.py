import datetime

import pytest
from django.http import QueryDict
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
    client, site, other_site, help_board, neighbourhood, help_category
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
        category=help_category,
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
        "Boodschappen",
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
        ("?categorie=boodschappen", {"Vraag centrum", "Aanbod centrum"}),
        ("?soort=vraag&categorie=boodschappen&wijk=centrum", {"Vraag centrum"}),
        (
            "?soort=iets",
            {"Vraag centrum", "Vraag west", "Vraag overal", "Aanbod centrum"},
        ),
    ],
)
def test_help_board_filters(
    client,
    site,
    help_board,
    neighbourhood,
    other_neighbourhood,
    help_category,
    query,
    expected,
):
    HelpRequestFactory(
        site=site,
        status=PUBLISHED,
        title="Vraag centrum",
        neighbourhood=neighbourhood,
        category=help_category,
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
        category=help_category,
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


def make_posts(site, count, *, neighbourhood, category):
    for number in range(count):
        factory = HelpRequestFactory if number % 2 else HelpOfferFactory
        factory(
            site=site,
            status=PUBLISHED,
            title=f"Bericht {number}",
            neighbourhood=neighbourhood,
            category=category,
        )


# What every page of the board costs: Wagtail's routing, view restrictions and
# the board's site (7), the layout's settings, menu and breadcrumbs (4).
PAGE_QUERIES = 11
# Plus the wijken, themes and the board's categories of the filters, the count
# and one page of posts: nothing per post.
LISTING_QUERIES = PAGE_QUERIES + 5


@pytest.mark.parametrize("count", [3, 30])
def test_help_board_query_count_does_not_grow(
    client,
    site,
    help_board,
    neighbourhood,
    help_category,
    count,
    django_assert_num_queries,
):
    make_posts(site, count, neighbourhood=neighbourhood, category=help_category)
    client.get(help_board.url)  # warm the site and root-path caches

    with django_assert_num_queries(LISTING_QUERIES):
        response = client.get(help_board.url)

    assert len(response.context["items"]) == min(count, 12)


def test_help_board_links_to_placing_a_request_or_an_offer(client, help_board):
    content = client.get(help_board.url).content.decode()

    assert f'href="{help_board.url}plaatsen/?soort=vraag">Vraag hulp</a>' in content
    assert f'href="{help_board.url}plaatsen/?soort=aanbod">Bied hulp aan</a>' in (
        content
    )


def test_each_card_links_to_its_post_and_shows_its_facts(
    client, site, help_board, neighbourhood, help_category
):
    post = HelpRequestFactory(
        site=site,
        status=PUBLISHED,
        title="Wie helpt met de tuin?",
        when="zaterdagochtend",
        neighbourhood=neighbourhood,
        category=help_category,
        first_name="Ans",
    )
    offer = HelpOfferFactory(site=site, status=PUBLISHED, title="Ik kook", when="")

    content = client.get(help_board.url + "?wijk=alle").content.decode()

    assert f'<a href="{help_board.url}{post.pk}/">Wie helpt met de tuin?</a>' in (
        content
    )
    assert f'<a href="{help_board.url}{offer.pk}/">Ik kook</a>' in content
    for text in [
        "Vraag</span>",
        "Aanbod</span>",
        "Wanneer: zaterdagochtend",
        "Wanneer: Flexibel",
        "Categorie:</span> Boodschappen",
        "Wijk:</span> Centrum",
        "Gevraagd door Ans",
        f"{timezone.localdate():%Y}",
    ]:
        assert text in content, text


def test_hidden_and_expired_posts_are_not_listed(client, site, help_board):
    HelpRequestFactory(site=site, status=PUBLISHED, title="Zichtbaar")
    HelpRequestFactory(
        site=site, status=PUBLISHED, title="Verborgen", hidden_at=timezone.now()
    )
    HelpRequestFactory(
        site=site,
        status=PUBLISHED,
        title="Verlopen",
        expires_at=timezone.now() - datetime.timedelta(minutes=1),
    )

    response = client.get(help_board.url)

    assert titles(response) == {"Zichtbaar"}


# One post's page


def detail_url(board, post) -> str:
    return board.url + board.reverse_subpage("post", args=[post.pk])


def test_the_post_page_shows_the_post_without_contact_details(
    client, site, help_board, neighbourhood, help_category
):
    post = HelpRequestFactory(
        site=site,
        status=PUBLISHED,
        title="Wie helpt met de tuin?",
        description="Mijn heg is te hoog.\nHet duurt een uurtje.",
        when="",
        first_name="Ans",
        email="ans@example.org",
        phone="0612345678",
        neighbourhood=neighbourhood,
        category=help_category,
    )

    response = client.get(detail_url(help_board, post))

    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("<h1") == 1
    assert "<h1>Wie helpt met de tuin?</h1>" in content
    for text in [
        "Mijn heg is te hoog.<br>Het duurt een uurtje.",
        "Vraag</span>",
        "<dd>Centrum</dd>",
        "<dd>Boodschappen</dd>",
        "<dd>Flexibel</dd>",
        "<dd>Ans</dd>",
        f'href="{help_board.url}{post.pk}/reageren/">Ik wil helpen</a>',
        f'href="{help_board.url}{post.pk}/melden/">Meld dit bericht</a>',
    ]:
        assert text in content, text
    for text in ["ans@example.org", "0612345678", "06 12"]:
        assert text not in content, text
    assert "email" not in response.context["post"]
    assert "phone" not in response.context["post"]


@pytest.mark.parametrize(
    "changes",
    [
        {"status": HelpStatus.SUBMITTED},
        {"status": HelpStatus.CHANGES_REQUESTED},
        {"status": HelpStatus.REJECTED},
        {"status": HelpStatus.CLOSED},
        {"status": PUBLISHED, "hidden_at": timezone.now()},
        {
            "status": PUBLISHED,
            "expires_at": timezone.now() - datetime.timedelta(minutes=1),
        },
    ],
)
def test_the_post_page_is_404_unless_the_post_is_public(
    client, site, help_board, changes
):
    post = HelpRequestFactory(site=site, **changes)

    assert client.get(detail_url(help_board, post)).status_code == 404


def test_the_post_page_is_404_for_another_site_or_an_unknown_id(
    client, help_board, other_site
):
    elsewhere = HelpRequestFactory(site=other_site, status=PUBLISHED)

    for post_id in (elsewhere.pk, 999999, 10**30):
        assert client.get(help_board.url + f"{post_id}/").status_code == 404


def test_the_post_page_shows_a_script_escaped(client, site, help_board):
    script = "<script>alert(1)</script>"
    post = HelpRequestFactory(
        site=site,
        status=PUBLISHED,
        title=script,
        description=script,
        first_name=script,
        when=script,
    )

    for url in (detail_url(help_board, post), help_board.url + "?wijk=alle"):
        content = client.get(url).content.decode()
        assert script not in content
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


# Plus the post with its wijk and category, in one query.
DETAIL_QUERIES = PAGE_QUERIES + 1


def test_the_post_page_query_count(
    client, site, help_board, neighbourhood, help_category, django_assert_num_queries
):
    post = HelpRequestFactory(
        site=site, status=PUBLISHED, neighbourhood=neighbourhood, category=help_category
    )
    client.get(detail_url(help_board, post))  # warm the site and root-path caches

    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(detail_url(help_board, post))

    assert response.status_code == 200


def test_the_board_filters_on_its_own_categories_not_the_themes(
    client, help_board, help_category, theme
):
    html = client.get(help_board.url).content.decode()

    assert '<label for="filter-categorie">Categorie</label>' in html
    assert '<option value="boodschappen">Boodschappen</option>' in html
    assert "Alle categorieën" in html
    assert 'name="thema"' not in html
