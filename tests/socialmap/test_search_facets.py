"""The sociale kaart's search: words, facets with exact counts, "nu open",
the leefringen order, through the page a resident uses."""

import datetime

import bs4
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from socialmap.models import Location, OrganisationPage, SupportLevel
from tests.factories import (
    HomePageFactory,
    LocationFactory,
    OrganisationPageFactory,
    ServiceFactory,
    SocialMapPageFactory,
    TargetGroupFactory,
)
from tests.factories.socialmap import OpeningHoursFactory

pytestmark = pytest.mark.django_db


def organisation(parent, title, *, wijken=(), themes=(), groups=(), **kwargs):
    page = OrganisationPageFactory(parent=parent, title=title, **kwargs)
    page.neighbourhoods.set(wijken)
    page.themes.set(themes)
    page.target_groups.set(groups)
    page.save_revision().publish()
    return page


@pytest.fixture
def kaart(site, other_site, neighbourhood, other_neighbourhood, theme, other_theme):
    """Three live organisations of this site, a draft and one of another site."""
    index = SocialMapPageFactory(parent=site.root_page, slug="sociale-kaart")
    ouderen = TargetGroupFactory(name="Ouderen", slug="ouderen")
    schuldhulp = organisation(
        index, "Schuldhulp Merwestad", wijken=[neighbourhood], themes=[other_theme]
    )
    ServiceFactory(
        page=schuldhulp,
        name="Schuldhulpverlening",
        support_level=SupportLevel.INDIVIDUAL,
        is_free=False,
    )
    always = LocationFactory(page=schuldhulp)
    for weekday in range(7):  # open day and night, so "nu open" whenever the test runs
        OpeningHoursFactory(
            location=always,
            weekday=weekday,
            opens=datetime.time(0, 0),
            closes=datetime.time(0, 0),
        )
    brug = organisation(
        index,
        "Buurthuis De Brug",
        wijken=[other_neighbourhood],
        themes=[theme],
        groups=[ouderen],
    )
    ServiceFactory(page=brug, name="Koffieochtend", support_level=SupportLevel.GENERAL)
    ServiceFactory(page=brug, name="Klusjesdienst", support_level=SupportLevel.NETWORK)
    digitaal = organisation(index, "Digitaal Spreekuur", themes=[other_theme])
    ServiceFactory(
        page=digitaal, name="Hulp met formulieren", support_level=SupportLevel.SELF
    )
    for page in (schuldhulp, brug, digitaal):  # index the services too
        page.refresh_from_db()
        page.save_revision().publish()
    draft = OrganisationPageFactory(parent=index, title="Verborgen Schuldhulp")
    draft.unpublish()
    elsewhere = SocialMapPageFactory(
        parent=HomePageFactory(parent=other_site.root_page), slug="kaart-elders"
    )
    organisation(elsewhere, "Schuldhulp Anderdorp", themes=[other_theme])
    return index


def search(client, **params):
    response = client.get("/sociale-kaart/", params)
    assert response.status_code == 200
    return response


def titles(response):
    return [page.title for page in response.context["items"]]


def counts(facet):
    return {choice.value: choice.count for choice in facet}


def test_without_choices_the_lightest_help_comes_first_with_all_counts(client, kaart):
    response = search(client)

    facets = response.context["facets"]
    assert titles(response) == [
        "Digitaal Spreekuur",
        "Buurthuis De Brug",
        "Schuldhulp Merwestad",
    ]
    assert counts(facets.neighbourhoods) == {"centrum": 2, "west": 2}
    assert counts(facets.themes) == {"wonen": 1, "geldzaken": 2}
    assert counts(facets.target_groups) == {"ouderen": 1}
    assert counts(facets.support_levels) == {
        "self": 1,
        "network": 1,
        "general": 1,
        "individual": 1,
    }
    assert facets.free == 2
    assert facets.open_now == 1
    html = response.content.decode()
    assert "Centrum (2)" in html
    assert "nu open (1)" in html
    assert html.count('class="badge badge--open"') == 1


def test_a_chosen_facet_narrows_the_others_but_not_itself(client, kaart):
    response = search(client, wijk="centrum")

    facets = response.context["facets"]
    assert titles(response) == ["Digitaal Spreekuur", "Schuldhulp Merwestad"]
    assert counts(facets.neighbourhoods) == {"centrum": 2, "west": 2}
    assert counts(facets.themes) == {"wonen": 0, "geldzaken": 2}
    assert facets.free == 1
    assert facets.open_now == 1


def test_free_and_open_now(client, kaart):
    free = search(client, gratis="1")
    open_now = search(client, open="1")

    assert titles(free) == ["Digitaal Spreekuur", "Buurthuis De Brug"]
    assert counts(free.context["facets"].support_levels) == {
        "self": 1,
        "network": 1,
        "general": 1,
        "individual": 0,
    }
    assert titles(open_now) == ["Schuldhulp Merwestad"]
    assert open_now.context["facets"].open_now == 1


def test_words_find_services_too_and_sort_by_relevance_or_name(client, kaart):
    by_words = search(client, q="schuldhulpverlening")
    formulieren = search(client, q="formulieren", leefring="self")
    by_name = search(client, sorteer="naam")

    # The service's own word first; then help with money through the
    # platform's words with the same meaning (tests/search/ has the rest).
    assert titles(by_words) == ["Schuldhulp Merwestad", "Digitaal Spreekuur"]
    assert by_words.context["sort"] == "relevantie"
    assert titles(formulieren) == ["Digitaal Spreekuur"]
    assert titles(by_name) == [
        "Buurthuis De Brug",
        "Digitaal Spreekuur",
        "Schuldhulp Merwestad",
    ]


def test_unknown_choices_get_a_clear_notice_and_no_error(client, kaart):
    response = search(client, leefring="<script>", sorteer="prijs", q='"\x00')

    assert "Dit filter kennen we niet" in response.content.decode()
    assert len(titles(response)) == 3


def test_the_count_of_queries_does_not_grow_with_the_results(
    client, kaart, django_assert_num_queries
):
    search(client)  # warm the caches (site root paths, settings)
    with CaptureQueriesContext(connection) as few:
        search(client)
    for number in range(20):
        page = organisation(kaart, f"Extra {number}")
        ServiceFactory(page=page)
        LocationFactory(page=page)
    with django_assert_num_queries(len(few.captured_queries)):
        search(client)


def test_a_postcode_puts_the_residents_own_wijk_first(client, kaart):
    # 4205 AB lies in West (4204-4206): De Brug first, then the town-wide offer.
    response = search(client, postcode="4205ab")

    assert titles(response) == [
        "Buurthuis De Brug",
        "Digitaal Spreekuur",
        "Schuldhulp Merwestad",
    ]
    html = response.content.decode()
    assert 'value="4205 AB"' in html
    assert "Je woont in West: daar beginnen we." in html


def test_sort_by_distance_from_a_postcode_uses_the_stored_coordinates(client, kaart):
    brug = OrganisationPage.objects.get(title="Buurthuis De Brug")
    digitaal = OrganisationPage.objects.get(title="Digitaal Spreekuur")
    Location.objects.filter(page__title="Schuldhulp Merwestad").update(
        postcode="4201 AB", latitude="51.8300", longitude="4.9700"
    )
    LocationFactory(
        page=brug, postcode="4205 AB", latitude="51.8500", longitude="4.9900"
    )
    LocationFactory(
        page=digitaal, postcode="4209 XX", latitude="51.9500", longitude="5.1000"
    )

    near_centrum = search(client, postcode="4201 CD", sorteer="afstand")
    near_west = search(client, postcode="4205 AB", sorteer="afstand")

    assert titles(near_centrum) == [
        "Schuldhulp Merwestad",
        "Buurthuis De Brug",
        "Digitaal Spreekuur",
    ]
    assert titles(near_west) == [
        "Buurthuis De Brug",
        "Schuldhulp Merwestad",
        "Digitaal Spreekuur",
    ]


def test_a_postcode_that_is_not_one_gets_a_notice(client, kaart):
    response = search(client, postcode="12345")

    assert "Dit filter kennen we niet" in response.content.decode()
    assert len(titles(response)) == 3


def test_singulars_find_plurals_and_stop_words_find_nothing(client, site):
    index = SocialMapPageFactory(parent=site.root_page, slug="sociale-kaart")
    steunpunt = organisation(index, "Steunpunt Thuis")
    ServiceFactory(
        page=steunpunt,
        name="Samen op pad",
        description="Vrijwilligers helpen mantelzorgers met wandelingen.",
    )
    steunpunt.save_revision().publish()  # index the service too
    organisation(index, "Taalhuis")

    response = search(client, q="mantelzorger wandeling")

    # The singulars find the plurals through the search's own Dutch stemming,
    # the same on SQLite and PostgreSQL (socialmap/text.py).
    assert titles(response) == ["Steunpunt Thuis"]
    # Dutch stop words are no search words: "de" alone matches nothing.
    assert titles(search(client, q="de")) == []


def test_words_typed_into_the_listings_form_come_in_best_match_order(client, kaart):
    """The form of the unfiltered list, with words typed in and sent as it is:
    its order field has chosen nothing, so the words decide the order."""
    listing = search(client).content.decode()
    form = bs4.BeautifulSoup(listing, "html.parser").find("select", id="filter-sorteer")
    [chosen] = [
        option for option in form.find_all("option") if option.has_attr("selected")
    ]

    response = search(client, q="schuldhulpverlening", sorteer=chosen["value"])

    assert chosen["value"] == ""
    assert response.context["sort"] == "relevantie"
    assert titles(response) == ["Schuldhulp Merwestad", "Digitaal Spreekuur"]
