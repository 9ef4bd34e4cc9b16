"""Shared reads: postcodes to wijken, the chosen wijk, taxonomy filters, pages."""

import pytest
from django.conf import settings
from django.test import RequestFactory

from core.models.taxonomies import normalise_postcode
from core.selectors import (
    chosen_neighbourhood,
    filter_by_taxonomy,
    neighbourhood_for_postcode,
    paginate,
)
from news.models import NewsPage
from tests.factories import NeighbourhoodFactory, NewsIndexPageFactory, NewsPageFactory

COOKIE = settings.BUURTPLEIN_NEIGHBOURHOOD_COOKIE


# normalise_postcode: no database needed


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("4205 AB", "4205AB"),
        ("4205ab", "4205AB"),
        ("  4205   ab  ", "4205AB"),
        ("4205", "4205AA"),
        ("9999 ZZ", "9999ZZ"),
        ("1000 AA", "1000AA"),
    ],
)
def test_normalise_postcode(value, expected):
    assert normalise_postcode(value) == expected


def test_normalise_postcode_as_an_upper_bound():
    assert normalise_postcode("4203", upper_bound=True) == "4203ZZ"
    assert normalise_postcode("4203 KZ", upper_bound=True) == "4203KZ"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "0123 AB",
        "0999",
        "123 AB",
        "42055",
        "4205 A",
        "4205 ABC",
        "AB 4205",
        "4205-AB",
        None,
    ],
)
def test_normalise_postcode_refuses_what_is_not_a_postcode(value):
    assert normalise_postcode(value) is None


# neighbourhood_for_postcode


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("postcode", "expected"),
    [
        ("4201", "Centrum"),  # a range's first postcode
        ("4201 AA", "Centrum"),
        ("4203 ZZ", "Centrum"),  # a range's last postcode
        ("4203zz", "Centrum"),
        (" 4202 mn ", "Centrum"),
        ("4204", "West"),
        ("4206 ZZ", "West"),
        ("4200 ZZ", None),  # just before the first range
        ("4207 AA", None),  # just after the last range
        ("0123 AB", None),  # not a postcode
        ("abcd", None),
    ],
)
def test_neighbourhood_for_postcode(
    site, neighbourhood, other_neighbourhood, postcode, expected
):
    found = neighbourhood_for_postcode(site=site, postcode=postcode)

    assert (found.name if found else None) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("postcode", "expected"),
    [
        ("4207 AA", "Oost-Noord"),
        ("4207 KZ", "Oost-Noord"),
        ("4207 LA", "Oost-Zuid"),
        ("4207 ZZ", "Oost-Zuid"),
        ("4207", "Oost-Noord"),  # without letters: the first postcode, 4207 AA
        ("4208 AA", None),
    ],
)
def test_ranges_with_letters_split_one_postcode_number(site, postcode, expected):
    NeighbourhoodFactory(
        site=site, name="Oost-Noord", postcode_ranges=[("4207 AA", "4207 KZ")]
    )
    NeighbourhoodFactory(
        site=site, name="Oost-Zuid", postcode_ranges=[("4207LA", "4207ZZ")]
    )

    found = neighbourhood_for_postcode(site=site, postcode=postcode)

    assert (found.name if found else None) == expected


@pytest.mark.django_db
def test_neighbourhood_for_postcode_stays_within_the_site(
    site, other_site, neighbourhood
):
    NeighbourhoodFactory(
        site=other_site, name="Elders", postcode_ranges=[("4201", "4203")]
    )
    NeighbourhoodFactory(
        site=other_site, name="Alleen daar", postcode_ranges=[("5000", "5001")]
    )

    assert neighbourhood_for_postcode(site=site, postcode="4202 AB") == neighbourhood
    assert neighbourhood_for_postcode(site=other_site, postcode="4202 AB").name == (
        "Elders"
    )
    assert neighbourhood_for_postcode(site=site, postcode="5000 AB") is None


# chosen_neighbourhood


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("cookie", "expected"),
    [
        (None, None),
        ("", None),
        ("abc", None),
        ("-1", None),
        ("999999", None),
        ("²", None),
        ("\u0661", None),
    ],
)
def test_chosen_neighbourhood_ignores_a_bad_cookie(
    site, neighbourhood, cookie, expected
):
    request = RequestFactory().get("/")
    if cookie is not None:
        request.COOKIES[COOKIE] = cookie

    assert chosen_neighbourhood(request=request, site=site) is expected


@pytest.mark.django_db
def test_chosen_neighbourhood_reads_the_cookie_for_this_site_only(
    site, other_site, neighbourhood
):
    request = RequestFactory().get("/")
    request.COOKIES[COOKIE] = str(neighbourhood.pk)

    assert chosen_neighbourhood(request=request, site=site) == neighbourhood
    assert chosen_neighbourhood(request=request, site=other_site) is None
    assert chosen_neighbourhood(request=request, site=None) is None


# filter_by_taxonomy and paginate


@pytest.mark.django_db
def test_filter_by_taxonomy_includes_town_wide_items_unless_asked(
    home_page, neighbourhood, other_neighbourhood, theme
):
    news_index = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news_index, title="Centrum", neighbourhoods=[neighbourhood])
    NewsPageFactory(
        parent=news_index,
        title="Beide",
        neighbourhoods=[neighbourhood, other_neighbourhood],
    )
    NewsPageFactory(
        parent=news_index, title="West", neighbourhoods=[other_neighbourhood]
    )
    NewsPageFactory(parent=news_index, title="Hele stad", themes=[theme])

    def titles(**kwargs):
        return set(
            filter_by_taxonomy(NewsPage.objects.all(), **kwargs).values_list(
                "title", flat=True
            )
        )

    assert titles(neighbourhood=neighbourhood) == {"Centrum", "Beide", "Hele stad"}
    assert titles(neighbourhood=neighbourhood, include_town_wide=False) == {
        "Centrum",
        "Beide",
    }
    assert titles(theme=theme) == {"Hele stad"}
    assert titles(neighbourhood=other_neighbourhood, theme=theme) == {"Hele stad"}
    assert titles() == {"Centrum", "Beide", "West", "Hele stad"}


@pytest.mark.parametrize(
    ("pagina", "expected"),
    [
        ("1", 1),
        ("2", 2),
        ("3", 3),
        ("99", 3),
        ("abc", 1),
        ("", 1),
        ("0", 1),
        ("-2", 1),
    ],
)
def test_paginate_never_fails_on_a_bad_page_number(pagina, expected):
    request = RequestFactory().get("/", {"pagina": pagina})

    page = paginate(request=request, queryset=list(range(30)), per_page=12)

    assert page.number == expected


@pytest.mark.parametrize(
    ("pagina", "shown"),
    [
        ("1", [1, 2, 3, "…", 834]),
        ("400", [1, "…", 398, 399, 400, 401, 402, "…", 834]),
        ("834", [1, "…", 832, 833, 834]),
    ],
)
def test_the_pager_shows_a_few_numbers_of_a_long_listing(pagina, shown):
    request = RequestFactory().get("/", {"pagina": pagina})

    page = paginate(request=request, queryset=list(range(10_000)), per_page=12)

    assert page.shown_numbers == shown


@pytest.mark.django_db
@pytest.mark.parametrize("cookie", ["²", "1e3", "%00"])
def test_a_crafted_cookie_never_breaks_a_page(client, home_page, neighbourhood, cookie):
    client.cookies[COOKIE] = cookie

    response = client.get("/zoeken/")

    assert response.status_code == 200
    assert "Kies je wijk" in response.content.decode()
