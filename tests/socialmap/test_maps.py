"""The sociale kaart's maps as HTML: what the page hands to the map script.

The map is progressive enhancement, so these tests read the page as a browser
without JavaScript would, with ``html.parser``: the map section is hidden, the
list and the addresses are all there, and the markers (JSON in a script
element) are exactly the located addresses of the organisations listed. The
browser itself draws them in ``test_maps_browser.py``.
"""

import json
from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from tests.factories import (
    LocationFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)

pytestmark = pytest.mark.django_db

PDOK_TILES = (
    "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/"
    "{z}/{x}/{y}.png"
)


class MapPage(HTMLParser):
    """The map elements, the JSON scripts by id, and every script and stylesheet."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: dict[str, dict[str, str | None]] = {}
        self.pins: list[dict[str, str | None]] = []
        self.scripts: dict[str, str] = {}
        self.sources: list[str] = []
        self._script_id: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for marker in ("data-map", "data-map-section"):
            if marker in attributes:
                self.elements[marker] = attributes
        if "data-pin-map" in attributes:
            self.pins.append(attributes)
        if tag == "script":
            self._script_id = attributes.get("id")
            if attributes.get("src"):
                self.sources.append(attributes["src"])
        if tag == "link" and attributes.get("rel") == "stylesheet":
            self.sources.append(attributes["href"])

    def handle_endtag(self, tag):
        if tag == "script":
            self._script_id = None

    def handle_data(self, data):
        if self._script_id:
            self.scripts[self._script_id] = self.scripts.get(self._script_id, "") + data

    def markers(self) -> list[dict]:
        return json.loads(self.scripts[self.elements["data-map"]["data-map-markers"]])


def read(response) -> MapPage:
    assert response.status_code == 200
    page = MapPage()
    page.feed(response.content.decode())
    return page


@pytest.fixture
def kaart(site):
    index = SocialMapPageFactory(parent=site.root_page, slug="sociale-kaart")
    brug = OrganisationPageFactory(parent=index, title="Buurthuis De Brug")
    LocationFactory(
        page=brug,
        name="De Brug",
        street_address="Lingewal 3",
        postcode="4201 AB",
        city="Merwestad",
        latitude=Decimal("51.834100"),
        longitude=Decimal("4.972200"),
    )
    LocationFactory(
        page=brug,
        name="Steunpunt Oost",
        street_address="Oostdijk 8",
        postcode="4205 CD",
        city="Merwestad",
        latitude=Decimal("51.829000"),
        longitude=Decimal("4.990500"),
    )
    # An address nobody placed on the map yet: in the list, not on the map.
    unplaced = OrganisationPageFactory(parent=index, title="Taalhuis")
    LocationFactory(
        page=unplaced,
        street_address="Bibliotheekplein 1",
        city="Merwestad",
        latitude=None,
        longitude=None,
    )
    OrganisationPageFactory(parent=index, title="Formulierenhulp aan huis")
    return index


def test_the_search_page_maps_every_located_address_of_the_results(client, kaart):
    response = client.get("/sociale-kaart/")
    page = read(response)

    assert page.markers() == [
        {
            "lat": 51.8341,
            "lng": 4.9722,
            "title": "Buurthuis De Brug",
            "place": "De Brug",
            "address": "Lingewal 3, 4201 AB Merwestad",
            "url": "/sociale-kaart/buurthuis-de-brug/",
        },
        {
            "lat": 51.829,
            "lng": 4.9905,
            "title": "Buurthuis De Brug",
            "place": "Steunpunt Oost",
            "address": "Oostdijk 8, 4205 CD Merwestad",
            "url": "/sociale-kaart/buurthuis-de-brug/",
        },
    ]
    # Without JavaScript the map stays hidden; the list says it all.
    assert "hidden" in page.elements["data-map-section"]
    html = response.content.decode()
    for text in ("Taalhuis", "Bibliotheekplein 1", "Lingewal 3", "Oostdijk 8"):
        assert text in html


def test_the_map_follows_the_search(client, kaart):
    page = read(client.get("/sociale-kaart/", {"q": "Taalhuis"}))

    # The one result has no pin, so there is no map at all.
    assert "data-map" not in page.elements


def test_tiles_come_from_the_setting_and_scripts_from_our_own_static_files(
    client, kaart, settings
):
    page = read(client.get("/sociale-kaart/"))

    map_settings = json.loads(page.elements["data-map"]["data-map-settings"])
    assert map_settings["tiles"] == PDOK_TILES
    assert "Kadaster" in map_settings["attribution"]
    assert map_settings["icon"]["iconUrl"] == "/static/leaflet/images/marker-icon.png"
    assert "/static/leaflet/leaflet.js" in page.sources
    assert "/static/leaflet/leaflet.css" in page.sources
    assert "/static/js/maps.js" in page.sources
    # No CDN: every script and stylesheet is served by this site.
    assert all(not urlsplit(source).netloc for source in page.sources)

    settings.BUURTPLEIN_MAP_TILES_URL = "https://tiles.example/{z}/{x}/{y}.png"
    page = read(client.get("/sociale-kaart/"))
    map_settings = json.loads(page.elements["data-map"]["data-map-settings"])
    assert map_settings["tiles"] == "https://tiles.example/{z}/{x}/{y}.png"


def test_an_empty_tiles_setting_switches_the_maps_off(client, kaart, settings):
    settings.BUURTPLEIN_MAP_TILES_URL = ""

    page = read(client.get("/sociale-kaart/"))

    assert "data-map" not in page.elements
    assert "/static/leaflet/leaflet.js" not in page.sources
    assert "Lingewal 3" in client.get("/sociale-kaart/").content.decode()


def test_a_name_cannot_break_out_of_the_marker_script(client, kaart):
    brug = kaart.get_children().get(title="Buurthuis De Brug").specific
    brug.title = "</script><script>alert(1)</script> & <!--"
    brug.save_revision().publish()

    response = client.get("/sociale-kaart/")
    page = read(response)

    assert "<script>alert(1)" not in response.content.decode()
    titles = {marker["title"] for marker in page.markers()}
    assert titles == {"</script><script>alert(1)</script> & <!--"}


def test_the_profile_maps_its_own_locations(client, kaart):
    page = read(client.get("/sociale-kaart/buurthuis-de-brug/"))

    assert [(marker["place"], marker["url"]) for marker in page.markers()] == [
        ("De Brug", ""),
        ("Steunpunt Oost", ""),
    ]
    assert "hidden" in page.elements["data-map-section"]


def test_a_profile_without_pins_has_no_map(client, kaart):
    page = read(client.get("/sociale-kaart/taalhuis/"))

    assert "data-map" not in page.elements
    assert "/static/leaflet/leaflet.js" not in page.sources


def test_the_editor_gets_a_pin_map_wired_to_the_location_fields(
    client, kaart, django_user_model
):
    client.force_login(django_user_model.objects.create_superuser("root"))
    brug = kaart.get_children().get(title="Buurthuis De Brug")

    page = read(client.get(f"/admin/pages/{brug.pk}/edit/"))

    # One map per location, and one in the template for "Locatie toevoegen".
    assert [pin["data-latitude-input"] for pin in page.pins] == [
        "id_locations-0-latitude",
        "id_locations-1-latitude",
        "id_locations-__prefix__-latitude",
    ]
    pin = page.pins[1]
    assert pin["data-longitude-input"] == "id_locations-1-longitude"
    assert pin["data-address-inputs"] == (
        "id_locations-1-street_address id_locations-1-postcode id_locations-1-city"
    )
    assert pin["data-lookup-url"] == "/admin/sociale-kaart/adres-opzoeken/"
    assert json.loads(pin["data-map-settings"])["tiles"] == PDOK_TILES
    assert "/static/leaflet/leaflet.js" in page.sources
    assert "/static/js/location-pin.js" in page.sources
