"""'Mijn wijk' at /mijn-wijk/: by postcode or from the list, kept in a cookie."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db

URL = reverse("choose_neighbourhood")
COOKIE = settings.BUURTPLEIN_NEIGHBOURHOOD_COOKIE


def input_value(html: str, name: str) -> str | None:
    match = re.search(rf"<input[^>]*name=\"{name}\"[^>]*>", html)
    if match is None:
        return None
    value = re.search(r'value="([^"]*)"', match.group(0))
    return value.group(1) if value else ""


def test_form_has_labelled_fields_and_every_wijk(
    client, neighbourhood, other_neighbourhood
):
    response = client.get(URL, {"next": "/nieuws/"})

    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert '<label for="id_postcode">' in html
    assert '<label for="id_neighbourhood">' in html
    assert 'aria-describedby="id_postcode_helptext"' in html
    assert 'id="id_postcode_helptext"' in html
    select = re.search(r'<select name="neighbourhood".*?</select>', html, re.S)
    options = re.findall(r"<option value=\"[^\"]*\"[^>]*>([^<]+)</option>", select[0])
    assert options == ["Alle wijken", "Centrum", "West"]
    assert input_value(html, "next") == "/nieuws/"


def test_a_postcode_sets_the_cookie_to_its_wijk_and_redirects(
    client, neighbourhood, other_neighbourhood
):
    response = client.post(URL, {"postcode": "4205 AB", "next": "/nieuws/"})

    assert response.status_code == 302
    assert response["Location"] == "/nieuws/"
    cookie = response.cookies[COOKIE]
    assert cookie.value == str(other_neighbourhood.pk)
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) > 0


@pytest.mark.parametrize(
    "postcode", ["4205ab", " 4205 AB ", "4205", "4206 ZZ", "4205Ab"]
)
def test_postcode_spelling_does_not_matter(
    client, neighbourhood, other_neighbourhood, postcode
):
    response = client.post(URL, {"postcode": postcode})

    assert response.status_code == 302
    assert response.cookies[COOKIE].value == str(other_neighbourhood.pk)


@pytest.mark.parametrize("postcode", ["12345", "0123 AB", "abcd", "4205 A1"])
def test_an_invalid_postcode_is_refused_in_dutch_and_kept(
    client, neighbourhood, postcode
):
    response = client.post(URL, {"postcode": postcode, "next": "/agenda/"})

    assert response.status_code == 400
    assert COOKIE not in response.cookies
    html = response.content.decode()
    assert "Dit is geen postcode" in html
    assert 'role="alert"' in html
    assert 'href="#id_postcode"' in html  # the error summary links to the field
    assert 'aria-invalid="true"' in html
    assert 'id="id_postcode_error"' in html
    assert input_value(html, "postcode") == postcode.strip()
    assert input_value(html, "next") == "/agenda/"


def test_a_postcode_outside_every_wijk_says_so(client, neighbourhood):
    response = client.post(URL, {"postcode": "9999 ZZ"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "We vinden geen wijk bij deze postcode" in html
    assert input_value(html, "postcode") == "9999 ZZ"


def test_choosing_from_the_list_sets_the_cookie(client, neighbourhood):
    response = client.post(URL, {"neighbourhood": neighbourhood.pk})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies[COOKIE].value == str(neighbourhood.pk)


def test_the_postcode_wins_over_the_list(client, neighbourhood, other_neighbourhood):
    response = client.post(
        URL, {"postcode": "4201 AA", "neighbourhood": other_neighbourhood.pk}
    )

    assert response.cookies[COOKIE].value == str(neighbourhood.pk)


def test_all_wijken_clears_the_cookie(client, neighbourhood):
    client.cookies[COOKIE] = str(neighbourhood.pk)

    response = client.post(URL, {"neighbourhood": "", "next": "/agenda/"})

    assert response.status_code == 302
    assert response["Location"] == "/agenda/"
    cookie = response.cookies[COOKIE]
    assert cookie.value == ""
    assert int(cookie["max-age"]) == 0


def test_a_wijk_of_another_site_cannot_be_chosen(client, neighbourhood, other_site):
    elsewhere = NeighbourhoodFactory(site=other_site, name="Elders")

    response = client.post(URL, {"neighbourhood": elsewhere.pk})

    assert response.status_code == 400
    assert COOKIE not in response.cookies


def test_next_may_not_lead_to_another_site(client, neighbourhood):
    response = client.post(
        URL, {"neighbourhood": neighbourhood.pk, "next": "https://evil.example/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_the_chosen_wijk_shows_on_every_page(client, home_page, neighbourhood):
    client.post(URL, {"postcode": "4202 CD"})

    html = client.get(home_page.url).content.decode()
    form = client.get(URL).content.decode()

    assert "Mijn wijk: <strong>Centrum</strong>" in html
    assert "Je wijk is nu Centrum." in form
