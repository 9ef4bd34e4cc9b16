"""The help board through the API v3 (helpboard/api.py): the published posts of
a site and one post, with the board page's filters, and never a name, an
e-mail address or a phone number."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from helpboard.api import API_FIELDS
from helpboard.categories import help_categories_ensure
from helpboard.models import HelpKind, HelpResponse, HelpStatus
from helpboard.selectors import PUBLIC_FIELDS
from tests.factories import (
    HelpBoardPageFactory,
    HelpOfferFactory,
    HelpRequestFactory,
    NeighbourhoodFactory,
)

pytestmark = pytest.mark.django_db

LIST = "/api/v3/hulp/berichten/"
SECRET_EMAIL = "geertruida.geheim@example.org"
SECRET_PHONE = "0698765432"
SECRET_NAME = "Geertruida"
POST_KEYS = {
    "id",
    "kind",
    "title",
    "description",
    "when",
    "neighbourhood",
    "category",
    "published_at",
    "url",
}


def detail_url(post) -> str:
    return f"{LIST}{post.pk}/"


def published(factory=HelpRequestFactory, **fields):
    return factory(status=HelpStatus.PUBLISHED, **fields)


@pytest.fixture
def board(home_page):
    return HelpBoardPageFactory(parent=home_page, slug="vraag-en-aanbod")


@pytest.fixture
def categories(site):
    return help_categories_ensure(site=site)


def ids(response) -> list[int]:
    return [item["id"] for item in response.json()["items"]]


# --- What is listed ----------------------------------------------------------------


def test_the_list_holds_the_sites_posts_on_the_board_newest_first(
    client, site, other_site, board
):
    now = timezone.now()
    older = published(site=site, published_at=now - datetime.timedelta(days=2))
    newer = published(HelpOfferFactory, site=site, published_at=now)
    hidden = published(site=site, hidden_at=now)
    expired = published(site=site, expires_at=now - datetime.timedelta(minutes=1))
    elsewhere = published(site=other_site)
    waiting = [
        HelpRequestFactory(site=site, status=status)
        for status in (
            HelpStatus.SUBMITTED,
            HelpStatus.CHANGES_REQUESTED,
            HelpStatus.REJECTED,
            HelpStatus.CLOSED,
        )
    ]

    response = client.get(LIST)

    assert response.status_code == 200
    assert response.json()["count"] == 2
    assert ids(response) == [newer.pk, older.pk]
    for post in (hidden, expired, elsewhere, *waiting):
        assert post.pk not in ids(response)
    # The other site's board, by its host or by ?site=.
    assert ids(client.get(LIST, HTTP_HOST="other.localhost")) == [elsewhere.pk]
    assert ids(client.get(LIST, {"site": "other.localhost"})) == [elsewhere.pk]


def test_a_post_has_its_public_fields_and_a_link_to_its_page(
    client, site, board, neighbourhood, categories
):
    post = published(
        site=site,
        title="Wie helpt met de tuin?",
        description="Een uurtje per week.",
        when="zaterdagochtend",
        neighbourhood=neighbourhood,
        category=categories["tuin"],
    )

    item = client.get(LIST).json()["items"][0]

    assert set(item) == POST_KEYS
    assert item["id"] == post.pk
    assert item["kind"] == "vraag"
    assert item["title"] == "Wie helpt met de tuin?"
    assert item["description"] == "Een uurtje per week."
    assert item["when"] == "zaterdagochtend"
    assert item["neighbourhood"] == {"slug": "centrum", "name": "Centrum"}
    assert item["category"] == {"slug": "tuin", "name": "Tuin"}
    published_at = datetime.datetime.fromisoformat(item["published_at"])
    assert published_at == post.published_at
    assert published_at.utcoffset() == datetime.timedelta(hours=1)  # CET
    assert item["url"] == f"http://testserver/vraag-en-aanbod/{post.pk}/"
    assert client.get(item["url"]).status_code == 200
    # The detail is the same item.
    assert client.get(detail_url(post)).json() == item


def test_a_town_wide_post_has_no_wijk_or_category(client, site, board):
    published(site=site, neighbourhood=None, category=None)

    item = client.get(LIST).json()["items"][0]

    assert item["neighbourhood"] is None
    assert item["category"] is None


def test_without_a_board_page_the_posts_have_no_url(client, site):
    post = published(site=site)

    assert client.get(LIST).json()["items"][0]["url"] is None
    assert client.get(detail_url(post)).json()["url"] is None


# --- Personal data ------------------------------------------------------------------


def test_no_name_email_or_phone_ever_leaves_the_api(client, site, board):
    post = published(
        site=site, first_name=SECRET_NAME, email=SECRET_EMAIL, phone=SECRET_PHONE
    )
    HelpResponse.objects.create(
        post=post, name="Bartholomeus", email="bart@example.org", phone="0611223344"
    )

    for url in (LIST, detail_url(post), f"{LIST}?soort=vraag"):
        content = client.get(url).content.decode()
        for secret in (
            SECRET_NAME,
            SECRET_EMAIL,
            SECRET_PHONE,
            "Bartholomeus",
            "bart@example.org",
            "0611223344",
            "first_name",
            "email",
            "phone",
        ):
            assert secret not in content, (url, secret)


def test_the_api_reads_only_public_fields_without_the_name():
    assert set(API_FIELDS) - {"neighbourhood__slug", "category__slug"} == (
        set(PUBLIC_FIELDS) - {"first_name"}
    )
    assert not {"first_name", "email", "phone"} & set(API_FIELDS)


# --- Filters, as on the board page ---------------------------------------------------


def test_filters_by_kind_category_and_wijk_with_the_town_wide_posts(
    client, site, board, neighbourhood, other_neighbourhood, categories
):
    here = published(site=site, neighbourhood=neighbourhood)
    town = published(site=site, neighbourhood=None)
    there = published(site=site, neighbourhood=other_neighbourhood)
    offer = published(
        HelpOfferFactory,
        site=site,
        neighbourhood=neighbourhood,
        category=categories["klusjes"],
    )

    assert set(ids(client.get(LIST, {"soort": "aanbod"}))) == {offer.pk}
    assert set(ids(client.get(LIST, {"soort": "vraag"}))) == {
        here.pk,
        town.pk,
        there.pk,
    }
    assert set(ids(client.get(LIST, {"categorie": "klusjes"}))) == {offer.pk}
    assert set(ids(client.get(LIST, {"wijk": "centrum"}))) == {
        here.pk,
        town.pk,
        offer.pk,
    }
    assert set(ids(client.get(LIST, {"wijk": "west", "soort": "vraag"}))) == {
        there.pk,
        town.pk,
    }
    assert len(ids(client.get(LIST, {"wijk": "alle"}))) == 4


def test_unknown_filter_values_and_parameters_are_a_dutch_422(
    client, site, other_site, board, categories
):
    NeighbourhoodFactory(site=other_site, name="Dorp", slug="dorp")

    cases = [
        ({"wijk": "dorp"}, ["query", "wijk"], "geen wijk"),
        ({"categorie": "onbekend"}, ["query", "categorie"], "geen categorie"),
        ({"soort": "vraagje"}, ["query", "soort"], "Kies een van de waarden"),
        ({"zoek": "tuin"}, ["query", "zoek"], "Deze parameter kennen we niet."),
        ({"limit": "0"}, ["query", "limit"], ""),
        ({"wijk": "x" * 101}, ["query", "wijk"], "te lang"),
    ]
    for params, loc, message in cases:
        response = client.get(LIST, params)

        assert response.status_code == 422, params
        assert response["Content-Type"] == "application/problem+json"
        errors = response.json()["errors"]
        assert errors[0]["loc"] == loc
        assert message in errors[0]["msg"]


def test_paging_gives_one_page_and_the_whole_count(client, site, board):
    now = timezone.now()
    posts = [
        published(site=site, published_at=now - datetime.timedelta(hours=hours))
        for hours in range(5)
    ]

    response = client.get(LIST, {"limit": 2, "offset": 1})

    assert response.json()["count"] == 5
    assert ids(response) == [posts[1].pk, posts[2].pk]
    assert ids(client.get(LIST, {"offset": 10})) == []


def test_the_list_takes_the_same_queries_for_3_and_30_posts(
    client, site, board, neighbourhood, categories, django_assert_num_queries
):
    def make(count):
        for index in range(count):
            published(
                site=site,
                neighbourhood=neighbourhood if index % 2 else None,
                category=categories["boodschappen"] if index % 3 else None,
            )

    make(3)
    with CaptureQueriesContext(connection) as few:
        assert len(client.get(LIST, {"limit": 100}).json()["items"]) == 3
    make(27)
    # The site, wijken and themes (the shared filter parser), the board's
    # categories (the board's own parser, as on the page), the count, the page
    # of posts, the board page and its view restrictions.
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(client.get(LIST, {"limit": 100}).json()["items"]) == 30
    assert len(few.captured_queries) == 8


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"wijk": "alle"},
        {"soort": "vraag"},
        {"soort": "aanbod"},
        {"categorie": "klusjes"},
        {"wijk": "centrum"},
        {"wijk": "west", "soort": "vraag"},
        {"wijk": "centrum", "categorie": "klusjes", "soort": "aanbod"},
        {"wijk": "west", "categorie": "boodschappen"},
    ],
)
def test_the_api_lists_what_the_board_page_lists(
    client,
    site,
    other_site,
    board,
    neighbourhood,
    other_neighbourhood,
    categories,
    params,
):
    """One query (selectors.help_posts_public) behind both: the same posts in
    the same order, the same count, for every filter."""
    now = timezone.now()

    def at(hours: int) -> dict:
        return {"site": site, "published_at": now - datetime.timedelta(hours=hours)}

    published(neighbourhood=neighbourhood, **at(1))
    published(neighbourhood=None, category=categories["klusjes"], **at(2))
    published(neighbourhood=other_neighbourhood, **at(3))
    published(HelpOfferFactory, neighbourhood=neighbourhood, **at(4))
    published(
        HelpOfferFactory,
        neighbourhood=neighbourhood,
        category=categories["klusjes"],
        **at(5),
    )
    published(
        HelpOfferFactory,
        neighbourhood=other_neighbourhood,
        category=categories["boodschappen"],
        **at(6),
    )
    published(neighbourhood=None, category=categories["boodschappen"], **at(7))
    # Same moment: the order falls back on kind, then the newest post.
    published(HelpOfferFactory, neighbourhood=None, **at(7))
    # Not on the board: waiting, hidden, past its time, another site's.
    HelpRequestFactory(site=site, status=HelpStatus.SUBMITTED)
    published(hidden_at=now, **at(1))
    published(expires_at=now - datetime.timedelta(minutes=1), **at(1))
    published(site=other_site)

    page = client.get(board.url, params)
    api = client.get(LIST, {**params, "limit": 100})

    assert page.status_code == 200
    assert api.status_code == 200
    html_ids = [item["pk"] for item in page.context["items"]]
    assert ids(api) == html_ids
    assert api.json()["count"] == page.context["page_obj"].paginator.count
    assert len(html_ids) < page.context["page_obj"].paginator.per_page
    assert html_ids or params.get("wijk") == "west"


# --- One post -------------------------------------------------------------------------


def test_a_post_not_on_the_board_is_a_404(client, site, other_site, board):
    waiting = HelpRequestFactory(site=site, status=HelpStatus.SUBMITTED)
    rejected = HelpRequestFactory(site=site, status=HelpStatus.REJECTED)
    hidden = published(site=site, hidden_at=timezone.now())
    elsewhere = published(site=other_site, email=SECRET_EMAIL)

    for post in (waiting, rejected, hidden, elsewhere):
        response = client.get(detail_url(post))
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
        assert "prikbord" in response.json()["detail"]
        assert SECRET_EMAIL not in response.content.decode()
    assert client.get(f"{LIST}987654/").status_code == 404
    assert client.get(detail_url(elsewhere), {"site": "other.localhost"}).json()[
        "kind"
    ] == (HelpKind.REQUEST.value)


@pytest.mark.parametrize("post_id", ["0", "-1", "9223372036854775808", "abc"])
def test_an_impossible_id_is_a_422_never_a_500(client, site, post_id):
    response = client.get(f"{LIST}{post_id}/")

    assert response.status_code in (404, 422)
    if response.status_code == 422:
        assert response.json()["errors"][0]["loc"] == ["path", "post_id"]
