"""Geocoding with PDOK's Locatieserver: the client, the service and the command.

The Locatieserver is not reachable from the test machines. The client is tested
against answers in ``tests/socialmap/fixtures/pdok/``, which were recorded by
hand from PDOK's documentation; the service is not reachable from the test
machines (see the README there). They reach the client through
``RecordedTransport``, a ``requests`` transport adapter mounted on the very
session the client uses: the lowest layer of the HTTP stack, and the one fake
in these tests. Everything above it (URL and parameters, status handling, JSON
parsing, caching, saving) is the real code. Every other test gets a transport
that fails when used, so nothing here can reach the network.

The service and the command are further tested against coordinates stored on
the models: a stored pin means no request at all.
"""

import io
import logging
from decimal import Decimal
from pathlib import Path
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.core.cache import cache
from django.core.management import CommandError, call_command
from requests.adapters import BaseAdapter

from socialmap import geocoding
from socialmap.geocoding import (
    NOT_FOUND_CACHE_SECONDS,
    GeocodeResult,
    geocode_address,
    location_geocode,
    normalise_address,
    parse_point,
)
from socialmap.models import Location
from tests.factories import (
    LocationFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)

FIXTURES = Path(__file__).parent / "fixtures" / "pdok"
PDOK_URL = "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free"
GROTE_MARKT = "Grote Markt 1, Gorinchem"


def recorded(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


class RecordedTransport(BaseAdapter):
    """Answers every request with one recorded body, or raises ``error``.

    The one allowed fake: it replaces only the socket layer of ``requests``.
    """

    def __init__(
        self,
        body: bytes = b"",
        *,
        status: int = 200,
        content_type: str = "application/json",
        error: Exception | None = None,
    ) -> None:
        super().__init__()
        self.body = body
        self.status = status
        self.content_type = content_type
        self.error = error
        self.requests: list[requests.PreparedRequest] = []
        self.timeouts: list = []

    def send(
        self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None
    ):
        self.requests.append(request)
        self.timeouts.append(timeout)
        if self.error is not None:
            raise self.error
        response = requests.Response()
        response.status_code = self.status
        response.reason = "OK" if self.status < 400 else "Error"
        response.headers["Content-Type"] = self.content_type
        response._content = self.body
        response.encoding = "utf-8"
        response.url = request.url
        response.request = request
        return response

    def close(self) -> None:
        pass

    def query(self, index: int = -1) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.requests[index].url).query)


class NoNetwork(BaseAdapter):
    def send(self, request, **kwargs):
        raise AssertionError(f"unexpected request to {request.url}")

    def close(self) -> None:
        pass


def mount(monkeypatch, transport: BaseAdapter) -> None:
    for prefix in ("https://", "http://"):
        monkeypatch.setitem(geocoding.session.adapters, prefix, transport)


@pytest.fixture(autouse=True)
def geocoder(settings, monkeypatch):
    """PDOK's URL, an empty cache, and no way out to the network."""
    settings.BUURTPLEIN_GEOCODER_URL = PDOK_URL
    settings.BUURTPLEIN_GEOCODER_TIMEOUT = 5
    cache.clear()
    mount(monkeypatch, NoNetwork())
    yield
    cache.clear()


@pytest.fixture
def pdok(monkeypatch):
    """``pdok(body, status=..., error=...)``: mount a RecordedTransport, return it."""

    def answer(body: bytes = b"", **kwargs) -> RecordedTransport:
        transport = RecordedTransport(body, **kwargs)
        mount(monkeypatch, transport)
        return transport

    return answer


# The client


def test_exact_hit_gives_the_coordinates_of_the_address(pdok):
    pdok(recorded("grote_markt_1_gorinchem.json"))

    result = geocode_address(address=GROTE_MARKT)

    assert result == GeocodeResult(
        latitude=Decimal("51.830945"),
        longitude=Decimal("4.973864"),
        display_name="Grote Markt 1, 4201EB Gorinchem",
        postcode="4201EB",
    )
    assert result.latitude.as_tuple().exponent == -6
    assert result.longitude.as_tuple().exponent == -6


def test_the_request_asks_for_one_address_within_the_timeout(pdok, settings):
    settings.BUURTPLEIN_GEOCODER_TIMEOUT = 3
    transport = pdok(recorded("grote_markt_1_gorinchem.json"))

    geocode_address(address=GROTE_MARKT)

    (request,) = transport.requests
    assert request.method == "GET"
    assert request.url.startswith(PDOK_URL + "?")
    query = transport.query()
    assert query["q"] == ["grote markt 1 gorinchem"]
    assert query["fq"] == ["type:adres"]
    assert query["rows"] == ["1"]
    assert set(query["fl"][0].split(",")) >= {
        "weergavenaam",
        "postcode",
        "centroide_ll",
    }
    assert transport.timeouts == [3]


def test_the_configured_url_is_used(pdok, settings):
    settings.BUURTPLEIN_GEOCODER_URL = "https://geocoder.gemeente.example/free"
    transport = pdok(recorded("grote_markt_1_gorinchem.json"))

    assert geocode_address(address=GROTE_MARKT) is not None
    assert transport.requests[0].url.startswith(
        "https://geocoder.gemeente.example/free?"
    )


@pytest.mark.parametrize(
    ("wkt", "expected"),
    [
        # WKT writes longitude first: POINT(x y) = POINT(lon lat).
        ("POINT(4.97386422 51.83094531)", ("51.830945", "4.973864")),
        ("POINT (5.0700096 52.0266669)", ("52.026667", "5.070010")),
        ("point( 6 53 )", ("53.000000", "6.000000")),
        ("POINT(-0.1276 51.5072)", ("51.507200", "-0.127600")),
        ("POINT(4.9738645 51.8309455)", ("51.830946", "4.973865")),  # half up
    ],
)
def test_centroide_ll_is_read_as_longitude_then_latitude(wkt, expected):
    latitude, longitude = parse_point(wkt)

    assert (str(latitude), str(longitude)) == expected


@pytest.mark.parametrize(
    "wkt",
    [
        "",
        "POINT(4.97)",
        "POINT(4.97 51.83 2.0)",
        "POINT(abc def)",
        "MULTIPOLYGON(((5.1 52.0,5.3 52.0,5.3 52.2,5.1 52.0)))",
        "POINT(200 52)",
        "POINT(5 95)",
    ],
)
def test_anything_but_a_valid_point_is_refused(wkt):
    assert parse_point(wkt) is None


@pytest.mark.parametrize(
    "address",
    [
        "Grote Markt 1, Gorinchem",
        "grote markt 1 gorinchem",
        "  GROTE  MARKT 1 ,  Gorinchem ",
    ],
)
def test_addresses_are_normalised_for_the_cache(address):
    assert normalise_address(address) == "grote markt 1 gorinchem"


def test_postcodes_are_normalised_with_and_without_space():
    assert normalise_address("Kerkstraat 12, 4201 AB Merwestad") == normalise_address(
        "Kerkstraat 12, 4201ab Merwestad"
    )


def test_a_second_call_is_served_from_the_cache(pdok):
    transport = pdok(recorded("grote_markt_1_gorinchem.json"))

    first = geocode_address(address=GROTE_MARKT)
    second = geocode_address(address="grote markt 1,  GORINCHEM")

    assert second == first
    assert len(transport.requests) == 1


def test_no_hit_is_none_and_cached_for_a_shorter_time(pdok):
    transport = pdok(recorded("not_found.json"))

    with mock.patch.object(geocoding.cache, "set", wraps=geocoding.cache.set) as spy:
        assert geocode_address(address="Nergensstraat 999, Gorinchem") is None
    assert geocode_address(address="Nergensstraat 999, Gorinchem") is None

    assert len(transport.requests) == 1
    (call,) = spy.call_args_list
    assert call.args[1] == {"found": False}
    assert call.args[2] == NOT_FOUND_CACHE_SECONDS
    assert NOT_FOUND_CACHE_SECONDS < geocoding.FOUND_CACHE_SECONDS


def test_a_malformed_body_is_none_with_a_warning_and_not_cached(pdok, caplog):
    transport = pdok(recorded("malformed_body.txt"))

    with caplog.at_level(logging.WARNING, logger="socialmap.geocoding"):
        assert geocode_address(address=GROTE_MARKT) is None
        assert geocode_address(address=GROTE_MARKT) is None

    assert len(transport.requests) == 2
    assert "not JSON" in caplog.text


@pytest.mark.parametrize(
    "body",
    [
        b'{"error": "Solr is busy"}',
        b'{"response": {"numFound": 1, "docs": {}}}',
        b'{"response": {"numFound": 1, "docs": ["Grote Markt 1"]}}',
        b'{"response": {"numFound": 1, "docs": [{"weergavenaam": "Grote Markt 1"}]}}',
        b'{"response": {"numFound": 1, "docs": [{"centroide_ll": "POINT(51.8)"}]}}',
        b"[]",
    ],
)
def test_json_of_another_shape_is_none_with_a_warning(pdok, caplog, body):
    pdok(body)

    with caplog.at_level(logging.WARNING, logger="socialmap.geocoding"):
        assert geocode_address(address=GROTE_MARKT) is None

    assert "unexpected answer" in caplog.text


@pytest.mark.parametrize("status", [500, 502, 503, 504, 429, 400])
def test_an_http_error_is_none_with_a_warning_and_not_cached(pdok, caplog, status):
    transport = pdok(
        b"<html><body>Service Unavailable</body></html>",
        status=status,
        content_type="text/html",
    )

    with caplog.at_level(logging.WARNING, logger="socialmap.geocoding"):
        assert geocode_address(address=GROTE_MARKT) is None
        assert geocode_address(address=GROTE_MARKT) is None

    assert len(transport.requests) == 2
    assert str(status) in caplog.text


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (requests.ConnectTimeout("connect timed out"), "did not answer in time"),
        (requests.ReadTimeout("read timed out"), "did not answer in time"),
        (requests.ConnectionError("Name or service not known"), "unreachable"),
        (requests.exceptions.SSLError("certificate verify failed"), "unreachable"),
    ],
)
def test_network_errors_and_timeouts_are_none_with_a_warning(
    pdok, caplog, error, message
):
    transport = pdok(error=error)

    with caplog.at_level(logging.WARNING, logger="socialmap.geocoding"):
        assert geocode_address(address=GROTE_MARKT) is None
        assert geocode_address(address=GROTE_MARKT) is None

    assert message in caplog.text
    assert len(transport.requests) == 2  # a failure is not remembered


def test_an_empty_url_switches_geocoding_off(settings):
    # The autouse NoNetwork transport fails the test if a request goes out.
    settings.BUURTPLEIN_GEOCODER_URL = ""

    assert not geocoding.geocoding_enabled()
    assert geocode_address(address=GROTE_MARKT) is None


def test_an_empty_address_asks_nothing():
    assert geocode_address(address=" , ") is None


# The service, against the coordinates stored on the models


@pytest.fixture
def organisation(home_page):
    return OrganisationPageFactory(parent=SocialMapPageFactory(parent=home_page))


def town_hall(organisation, **kwargs) -> Location:
    values = {
        "page": organisation,
        "street_address": "Grote Markt 1",
        "postcode": "4201 EB",
        "city": "Gorinchem",
        "latitude": None,
        "longitude": None,
    }
    values.update(kwargs)
    return LocationFactory(**values)


def test_location_without_coordinates_gets_them(pdok, organisation):
    location = town_hall(organisation)
    transport = pdok(recorded("grote_markt_1_gorinchem.json"))

    assert location_geocode(location=location)

    location.refresh_from_db()
    assert (location.latitude, location.longitude) == (
        Decimal("51.830945"),
        Decimal("4.973864"),
    )
    assert transport.query()["q"] == ["grote markt 1 4201eb gorinchem"]


def test_the_coordinates_also_go_into_the_latest_revision(pdok, organisation):
    location = town_hall(organisation)
    organisation.save_revision()
    pdok(recorded("grote_markt_1_gorinchem.json"))

    location_geocode(location=location)

    organisation.refresh_from_db()
    draft = organisation.get_latest_revision_as_object()
    (draft_location,) = draft.locations.all()
    assert draft_location.latitude == Decimal("51.830945")
    assert draft_location.longitude == Decimal("4.973864")


def test_a_pin_placed_in_a_draft_is_kept(pdok, organisation):
    location = town_hall(organisation)
    revision = organisation.save_revision()
    for item in revision.content["locations"]:
        item["latitude"], item["longitude"] = "51.830000", "4.970000"
    revision.save(update_fields=["content"])
    pdok(recorded("grote_markt_1_gorinchem.json"))

    assert location_geocode(location=location)

    revision.refresh_from_db()
    assert revision.content["locations"][0]["latitude"] == "51.830000"


def test_stored_coordinates_are_kept_and_nothing_is_asked(organisation):
    # An editor placed the pin by hand; NoNetwork fails the test on any request.
    location = town_hall(
        organisation, latitude=Decimal("51.831000"), longitude=Decimal("4.975000")
    )

    assert not location_geocode(location=location)

    location.refresh_from_db()
    assert (location.latitude, location.longitude) == (
        Decimal("51.831000"),
        Decimal("4.975000"),
    )


def test_force_replaces_stored_coordinates(pdok, organisation):
    location = town_hall(
        organisation, latitude=Decimal("51.831000"), longitude=Decimal("4.975000")
    )
    pdok(recorded("grote_markt_1_gorinchem.json"))

    assert location_geocode(location=location, force=True)

    location.refresh_from_db()
    assert location.latitude == Decimal("51.830945")


def test_no_hit_leaves_the_location_without_coordinates(pdok, organisation):
    location = town_hall(organisation)
    pdok(recorded("not_found.json"))

    assert not location_geocode(location=location)

    location.refresh_from_db()
    assert location.latitude is None
    assert location.longitude is None


def test_a_match_in_another_postcode_is_refused(pdok, organisation, caplog):
    location = town_hall(organisation, postcode="4205 AB")
    pdok(recorded("grote_markt_1_gorinchem.json"))

    with caplog.at_level(logging.WARNING, logger="socialmap.geocoding"):
        assert not location_geocode(location=location)

    location.refresh_from_db()
    assert location.latitude is None
    assert "another postcode" in caplog.text


def test_commit_false_saves_nothing(pdok, organisation):
    location = town_hall(organisation)
    pdok(recorded("grote_markt_1_gorinchem.json"))

    assert location_geocode(location=location, commit=False)

    assert location.latitude == Decimal("51.830945")
    location.refresh_from_db()
    assert location.latitude is None


def test_an_unreachable_service_leaves_the_location_alone(pdok, organisation):
    location = town_hall(organisation)
    pdok(error=requests.ConnectTimeout("connect timed out"))

    assert not location_geocode(location=location)

    location.refresh_from_db()
    assert location.latitude is None


# The management command


def run(*args) -> str:
    output = io.StringIO()
    call_command("geocode_locations", *args, stdout=output)
    return output.getvalue()


def test_command_geocodes_the_locations_without_coordinates(pdok, organisation):
    empty = town_hall(organisation)
    pinned = town_hall(
        organisation,
        street_address="Molenstraat 3",
        latitude=Decimal("51.832000"),
        longitude=Decimal("4.971000"),
    )
    transport = pdok(recorded("grote_markt_1_gorinchem.json"))

    output = run()

    assert "Set Grote Markt 1, 4201 EB Gorinchem: 51.830945, 4.973864" in output
    assert "1 of 2 locations geocoded, 0 not found, 1 kept their coordinates." in output
    assert len(transport.requests) == 1
    empty.refresh_from_db()
    pinned.refresh_from_db()
    assert empty.latitude == Decimal("51.830945")
    assert pinned.latitude == Decimal("51.832000")


def test_command_reports_addresses_it_cannot_find(pdok, organisation):
    town_hall(organisation, street_address="Nergensstraat 999")
    pdok(recorded("not_found.json"))

    output = run()

    assert "Not found: Nergensstraat 999, 4201 EB Gorinchem" in output
    assert "0 of 1 locations geocoded, 1 not found" in output


def test_command_dry_run_saves_nothing(pdok, organisation):
    location = town_hall(organisation)
    pdok(recorded("grote_markt_1_gorinchem.json"))

    output = run("--dry-run")

    assert "Would set Grote Markt 1, 4201 EB Gorinchem: 51.830945, 4.973864" in output
    assert "1 of 1 locations would be geocoded" in output
    location.refresh_from_db()
    assert location.latitude is None


def test_command_force_looks_up_stored_coordinates_again(pdok, organisation):
    location = town_hall(
        organisation, latitude=Decimal("51.831000"), longitude=Decimal("4.975000")
    )
    pdok(recorded("grote_markt_1_gorinchem.json"))

    output = run("--force")

    assert "1 of 1 locations geocoded" in output
    location.refresh_from_db()
    assert location.latitude == Decimal("51.830945")


def test_command_force_keeps_coordinates_it_cannot_replace(pdok, organisation):
    location = town_hall(
        organisation, latitude=Decimal("51.831000"), longitude=Decimal("4.975000")
    )
    pdok(error=requests.ConnectionError("Name or service not known"))

    output = run("--force")

    assert "Kept: Grote Markt 1, 4201 EB Gorinchem (no other coordinates found)" in (
        output
    )
    assert "0 of 1 locations geocoded, 0 not found, 1 kept their coordinates." in (
        output
    )
    location.refresh_from_db()
    assert location.latitude == Decimal("51.831000")


def test_command_with_site_touches_only_that_site(pdok, organisation, other_site):
    here = town_hall(organisation)
    elsewhere = town_hall(
        OrganisationPageFactory(
            parent=SocialMapPageFactory(parent=other_site.root_page)
        )
    )
    transport = pdok(recorded("grote_markt_1_gorinchem.json"))

    output = run("--site", "other.localhost")

    assert "1 of 1 locations geocoded" in output
    assert len(transport.requests) == 1
    here.refresh_from_db()
    elsewhere.refresh_from_db()
    assert here.latitude is None
    assert elsewhere.latitude == Decimal("51.830945")


def test_command_refuses_an_unknown_site(organisation):
    with pytest.raises(CommandError, match="No site with hostname"):
        run("--site", "nergens.localhost")


def test_command_refuses_to_run_when_geocoding_is_off(settings, organisation):
    settings.BUURTPLEIN_GEOCODER_URL = ""

    with pytest.raises(CommandError, match="switched off"):
        run()


# The editor's "Zoek het adres op de kaart" (admin JSON view)

LOOKUP_URL = "/admin/sociale-kaart/adres-opzoeken/"


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root"))
    return client


def test_the_lookup_gives_the_editor_the_coordinates(editor_client, pdok):
    transport = pdok(recorded("grote_markt_1_gorinchem.json"))

    response = editor_client.get(LOOKUP_URL, {"adres": "Grote Markt 1,  Gorinchem"})

    assert response.status_code == 200
    assert response.json() == {
        "latitude": "51.830945",
        "longitude": "4.973864",
        "message": "Gevonden: Grote Markt 1, 4201EB Gorinchem",
    }
    assert transport.query()["q"] == ["grote markt 1 gorinchem"]


def test_the_lookup_explains_in_dutch_what_went_wrong(editor_client, pdok, settings):
    pdok(recorded("not_found.json"))
    response = editor_client.get(LOOKUP_URL, {"adres": "Nergensweg 99, Niemandsland"})
    assert response.status_code == 404
    assert response.json()["error"].startswith("We vonden dit adres niet.")

    response = editor_client.get(LOOKUP_URL, {"adres": "   "})
    assert response.status_code == 400
    assert response.json() == {"error": "Vul eerst het adres in."}

    settings.BUURTPLEIN_GEOCODER_URL = ""
    response = editor_client.get(LOOKUP_URL, {"adres": GROTE_MARKT})
    assert response.status_code == 404
    assert response.json()["error"].startswith("Adressen opzoeken staat uit.")


def test_the_lookup_is_for_the_admin_only(client, pdok):
    transport = pdok(recorded("grote_markt_1_gorinchem.json"))

    response = client.get(LOOKUP_URL, {"adres": GROTE_MARKT})

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
    assert transport.requests == []
