"""``?search=`` on the HSDS API (/api/hsds/): the sociale kaart's own word search.

The sociale kaart of tests/api/test_socialmap_api.py, built once for the module.
"""

import pytest
from django.db import transaction

from tests.api.test_socialmap_api import _build_kaart

pytestmark = pytest.mark.django_db

HSDS = "/api/hsds"


@pytest.fixture(scope="module")
def _kaart_for_the_module(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_kaart()
        transaction.set_rollback(True)


@pytest.fixture
def kaart(_kaart_for_the_module, db):
    return _kaart_for_the_module


def names(client, path, **params):
    response = client.get(f"{HSDS}/{path}", params)
    assert response.status_code == 200, response.content
    return [item["name"] for item in response.json()["contents"]]


def test_organisations_found_by_words_with_synonyms(client, kaart):
    everything = names(client, "organizations")
    # "geldzorgen" is in no text: the platform's synonyms find the help with money.
    by_synonym = names(client, "organizations", search="geldzorgen")
    by_service = names(client, "organizations", search="klusjesdienst", full="true")

    assert everything == [
        "Buurthuis De Brug",
        "Digitaal Spreekuur",
        "Schuldhulp Merwestad",
        "Taalhuis",
    ]
    assert "Schuldhulp Merwestad" in by_synonym
    assert "Taalhuis" not in by_synonym
    assert by_service == ["Buurthuis De Brug"]
    assert names(client, "organizations", search="zwembadtegels") == []


@pytest.mark.parametrize("words", ["geldzorgen", "klusjes", "formulieren taal"])
def test_the_same_organisations_as_the_sociale_kaart_finds(client, kaart, words):
    sociale_kaart = client.get("/api/v3/sociale-kaart/organisaties/", {"q": words})

    found = {item["title"] for item in sociale_kaart.json()["items"]}
    assert found
    assert set(names(client, "organizations", search=words)) == found


def test_services_of_the_organisations_found(client, kaart):
    services = names(client, "services", search="klusjesdienst")
    with_other_filters = client.get(
        f"{HSDS}/services", {"search": "klusjesdienst", "per_page": 1}
    ).json()

    assert sorted(services) == ["Klusjesdienst", "Koffieochtend"]
    assert with_other_filters["total_items"] == 2
    assert with_other_filters["size"] == 1


def test_another_sites_organisations_are_never_found(client, kaart):
    here = names(client, "organizations", search="schuldhulp")
    response = client.get(
        f"{HSDS}/organizations", {"search": "schuldhulp"}, HTTP_HOST="other.localhost"
    )

    assert "Schuldhulp Anderdorp" not in here
    assert [item["name"] for item in response.json()["contents"]] == [
        "Schuldhulp Anderdorp"
    ]


def test_taxonomies_and_terms_by_their_words(client, kaart):
    assert names(client, "taxonomies", search="doelgroepen") == [
        "Buurtplein doelgroepen"
    ]
    assert names(client, "taxonomy_terms", search="OUDEREN") == ["Ouderen"]
    assert len(names(client, "taxonomy_terms", search="")) == len(
        names(client, "taxonomy_terms")
    )


def test_words_without_meaning_find_all_and_too_many_a_400(client, kaart):
    assert len(names(client, "organizations", search="   ")) == 4
    response = client.get(f"{HSDS}/organizations", {"search": "x" * 201})

    assert response.status_code == 400
    assert "search" in response.json()["detail"]


def test_the_openapi_says_what_search_does(client, kaart):
    document = client.get(f"{HSDS}/openapi.json").json()

    search = document["components"]["parameters"]["search"]
    assert "sociale kaart" in search["description"]
    assert search["schema"]["maxLength"] == 200
