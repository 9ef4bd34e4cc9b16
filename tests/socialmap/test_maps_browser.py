"""The maps in a real browser: headless Chromium against the live test server.

Map tiles would come from PDOK, which these machines cannot reach: the browser
answers tile requests itself with a blank tile (the one stand-in here) and
records them, so the tests see that tiles are asked from the configured URL.
Any other request that leaves the test server fails the test: Leaflet and the
scripts must come from our own static files.
"""

from decimal import Decimal

import pytest

from socialmap.models import Location
from tests.accounts.browser_login import log_in_with_code
from tests.factories import (
    LocationFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)

pytestmark = pytest.mark.django_db

PASSWORD = "kaart-test-wachtwoord"


@pytest.fixture
def kaart(site):
    index = SocialMapPageFactory(parent=site.root_page, slug="sociale-kaart")
    brug = OrganisationPageFactory(parent=index, title="Buurthuis De Brug")
    LocationFactory(
        page=brug,
        name="De Brug",
        street_address="Lingewal 3",
        latitude=Decimal("51.834100"),
        longitude=Decimal("4.972200"),
    )
    LocationFactory(
        page=brug,
        name="Steunpunt Oost",
        street_address="Oostdijk 8",
        latitude=Decimal("51.829000"),
        longitude=Decimal("4.990500"),
    )
    taalhuis = OrganisationPageFactory(parent=index, title="Taalhuis")
    LocationFactory(
        page=taalhuis,
        name="Bibliotheek",
        street_address="Bibliotheekplein 1",
        latitude=None,
        longitude=None,
    )
    return index


def test_the_search_page_draws_a_pin_per_located_address(browse, browser_server, kaart):
    page, traffic = browse()
    page.goto(f"{browser_server}/sociale-kaart/")
    page.wait_for_selector("[data-map-ready]")

    assert page.locator("[data-map-section]").is_visible()
    assert page.locator(".leaflet-marker-icon").count() == 2
    assert traffic.tiles
    assert all(
        "/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/" in url
        for url in traffic.tiles
    )
    assert traffic.elsewhere == []
    assert "Kadaster" in page.locator(".leaflet-control-attribution").inner_text()

    page.locator(".leaflet-marker-icon").first.click()
    link = page.locator(".leaflet-popup-content a")
    assert link.inner_text() == "Buurthuis De Brug"
    assert link.get_attribute("href") == "/sociale-kaart/buurthuis-de-brug/"


def test_without_javascript_the_list_and_addresses_are_the_page(
    browse, browser_server, kaart
):
    page, traffic = browse(javascript=False)
    page.goto(f"{browser_server}/sociale-kaart/")

    assert not page.locator("[data-map-section]").is_visible()
    assert page.locator(".leaflet-container").count() == 0
    text = page.locator("main").inner_text()
    for expected in ("Buurthuis De Brug", "Lingewal 3", "Taalhuis"):
        assert expected in text
    assert traffic.tiles == []


def test_the_profile_map_shows_its_locations(browse, browser_server, kaart):
    page, traffic = browse()
    page.goto(f"{browser_server}/sociale-kaart/buurthuis-de-brug/")
    page.wait_for_selector("[data-map-ready]")

    assert page.locator(".leaflet-marker-icon").count() == 2
    assert traffic.elsewhere == []


def log_in(page, browser_server, django_user_model) -> None:
    django_user_model.objects.create_superuser("kaartbeheer", password=PASSWORD)
    log_in_with_code(page, browser_server, "kaartbeheer", PASSWORD)


def test_the_editor_places_the_pin_by_clicking_and_typing(
    browse, browser_server, kaart, django_user_model
):
    page, traffic = browse()
    log_in(page, browser_server, django_user_model)
    taalhuis = kaart.get_children().get(title="Taalhuis")
    page.goto(f"{browser_server}/admin/pages/{taalhuis.pk}/edit/")

    pin = page.locator('[data-pin-map][data-latitude-input="id_locations-0-latitude"]')
    pin.wait_for()
    assert pin.get_attribute("data-pin-ready") == "true"
    latitude = page.locator("#id_locations-0-latitude")
    longitude = page.locator("#id_locations-0-longitude")
    assert latitude.input_value() == ""

    canvas = pin.locator("[data-pin-map-canvas]")
    canvas.scroll_into_view_if_needed()
    canvas.click()
    clicked = float(latitude.input_value()), float(longitude.input_value())
    # The map starts over the whole country: a click lands in the Netherlands.
    assert 50.5 < clicked[0] < 53.7
    assert 3.2 < clicked[1] < 7.3
    assert pin.locator(".leaflet-marker-icon").count() == 1

    # Typing the coordinates moves the pin there, in the middle of the map.
    latitude.fill("51.830945")
    longitude.fill("4.973864")
    page.wait_for_timeout(500)  # Leaflet's pan animation
    box = canvas.bounding_box()
    icon = pin.locator(".leaflet-marker-icon").bounding_box()
    assert abs(icon["x"] + icon["width"] / 2 - (box["x"] + box["width"] / 2)) < 3
    assert abs(icon["y"] + icon["height"] - (box["y"] + box["height"] / 2)) < 3

    # The address lookup is switched off in the tests: the editor is told so.
    pin.locator("[data-pin-lookup]").click()
    status = pin.locator("[data-pin-status]")
    page.wait_for_function(
        "element => element.textContent.startsWith('Adressen opzoeken staat uit')",
        arg=status.element_handle(),
    )

    # A location added in the editor gets its own map.
    page.get_by_role("button", name="Voeg locatie toe").click()
    page.locator(
        '[data-pin-map][data-latitude-input="id_locations-1-latitude"]'
        '[data-pin-ready="true"]'
    ).wait_for()

    # Saving a draft stores the typed pin in the latest revision.
    page.locator("#id_locations-1-street_address").fill("Markt 2")
    page.locator("#id_locations-1-city").fill("Merwestad")
    page.get_by_role("button", name="Bewaar concept").click()
    page.wait_for_load_state()
    revision = taalhuis.specific.get_latest_revision_as_object()
    stored = revision.locations.all()[0]
    assert (stored.latitude, stored.longitude) == (
        Decimal("51.830945"),
        Decimal("4.973864"),
    )
    assert traffic.elsewhere == []
    # The published page keeps its old (empty) pin until the draft is approved.
    assert Location.objects.get(page=taalhuis).latitude is None
