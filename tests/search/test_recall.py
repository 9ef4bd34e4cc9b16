"""Residents' words find the help: queries as residents type them (plain
words, typing errors, words with the same meaning, compounds, with and
without a postcode) and the demo organisations each must find, or must not.

Every row runs through the sociale kaart page on the demo, loaded once for
this module; the same table passes on SQLite and on PostgreSQL (the search
compares stems made in Python, socialmap/search.py).
"""

import pytest

from socialmap.models import OrganisationPage
from tests.search.conftest import DORPEN, MERWESTAD

pytestmark = pytest.mark.django_db

M, D = MERWESTAD, DORPEN
MERWESTAD_POSTCODE = "4205 AB"
DORPEN_POSTCODE = "4241 AB"

# (site, query, postcode, must be found, must not be found)
ROWS = [
    # Money: the words residents use, not the organisations' words.
    (
        M,
        "schulden",
        "",
        {
            "Gemeente Merwestad",
            "Rechtswinkel Merwestad",
            "Humanitas Merwestad",
            "Formulierenbrigade Merwestad",
            "Diaconie De Hoeksteen",
        },
        {"Jongerenwerk Merwestad", "Repair Café Merwestad"},
    ),
    (
        M,
        "schulden",
        MERWESTAD_POSTCODE,
        {"Gemeente Merwestad", "Rechtswinkel Merwestad", "Sociaal Wijkteam Merwestad"},
        {"Taalcafé De Brug"},
    ),
    (M, "schuld", "", {"Gemeente Merwestad", "Rechtswinkel Merwestad"}, set()),
    (M, "Schulden", "", {"Gemeente Merwestad"}, set()),
    (
        M,
        "rekeningen",
        "",
        {"Gemeente Merwestad", "Rechtswinkel Merwestad"},
        {"Buurtbus Merwestad"},
    ),
    (M, "geldzorgen", "", {"Gemeente Merwestad", "Humanitas Merwestad"}, set()),
    (M, "betalingsachterstand", MERWESTAD_POSTCODE, {"Gemeente Merwestad"}, set()),
    (
        M,
        "schuldhulpverlening",
        "",
        {"Gemeente Merwestad"},
        {"Speeltuinvereniging De Wielen"},
    ),
    (M, "schludhulp", "", {"Gemeente Merwestad"}, set()),
    (M, "hulp bij schulden", "", {"Gemeente Merwestad"}, set()),
    # Loneliness.
    (
        M,
        "eenzaam",
        "",
        {
            "Buurthuis De Schakel",
            "Welzijn Merwestad",
            "Wijkrestaurant Het Zoete Water",
            "Seniorenvereniging Merwestad",
        },
        {"Voedselbank Merwestad", "Werkplein Merwestad"},
    ),
    (M, "eenzaam", MERWESTAD_POSTCODE, {"Buurthuis De Schakel"}, set()),
    (M, "eenzaamheid", "", {"Buurthuis De Schakel", "Diaconie De Hoeksteen"}, set()),
    (M, "eenzam", "", {"Buurthuis De Schakel"}, set()),
    (M, "koffie", "", {"Buurthuis De Schakel", "Repair Café Merwestad"}, set()),
    # Groceries and food.
    (M, "boodschappen", "", {"Voedselbank Merwestad"}, {"Rechtswinkel Merwestad"}),
    (M, "boodschapen", MERWESTAD_POSTCODE, {"Voedselbank Merwestad"}, set()),
    (M, "supermarkt", "", {"Voedselbank Merwestad"}, set()),
    (M, "voedselbank", "", {"Voedselbank Merwestad"}, {"Kledingbank De Knoop"}),
    # Language: compounds.
    (
        M,
        "taal",
        "",
        {"Taalcafé De Brug", "VluchtelingenWerk Merwestad", "Bibliotheek Merwestad"},
        {"Rechtswinkel Merwestad"},
    ),
    (M, "taalcafé", "", {"Taalcafé De Brug"}, set()),
    (M, "Taalcafe", MERWESTAD_POSTCODE, {"Taalcafé De Brug"}, set()),
    (M, "inburgering", "", {"VluchtelingenWerk Merwestad", "Taalcafé De Brug"}, set()),
    (M, "administratie", "", {"Humanitas Merwestad"}, set()),
    # Care.
    (
        M,
        "mantelzorg",
        "",
        {"Mantelzorgcentrum Merwestad", "Alzheimer Café Merwestad"},
        {"Voedselbank Merwestad"},
    ),
    (M, "mantelzorger", MERWESTAD_POSTCODE, {"Mantelzorgcentrum Merwestad"}, set()),
    (M, "mantelzrog", "", {"Mantelzorgcentrum Merwestad"}, set()),
    (M, "dementie", "", {"Alzheimer Café Merwestad"}, {"Werkplein Merwestad"}),
    (M, "vergeetachtig", "", {"Alzheimer Café Merwestad"}, set()),
    (M, "rolstoel", "", {"Gemeente Merwestad"}, {"Voedselbank Merwestad"}),
    (
        M,
        "gezondheid",
        "",
        {"Gezondheidscentrum Lingeoever", "Thuiszorg De Rivier"},
        set(),
    ),
    (M, "huisarts", "", {"Gezondheidscentrum Lingeoever"}, set()),
    # Transport, work, housing, upbringing.
    (M, "vervoer", "", {"Buurtbus Merwestad"}, {"Woonstichting Merwewonen"}),
    (M, "vervoer", MERWESTAD_POSTCODE, {"Buurtbus Merwestad"}, set()),
    (M, "werk", "", {"Werkplein Merwestad", "Vrijwilligerscentrale Merwestad"}, set()),
    (M, "sollicitatie", "", {"Werkplein Merwestad"}, set()),
    (M, "vrijwilligerswerk", "", {"Vrijwilligerscentrale Merwestad"}, set()),
    (
        M,
        "wonen",
        "",
        {"Woonstichting Merwewonen", "Huurdersvereniging De Sleutel"},
        {"Gezondheidscentrum Lingeoever"},
    ),
    (
        M,
        "huur",
        MERWESTAD_POSTCODE,
        {
            "Huurdersvereniging De Sleutel",
            "Woonstichting Merwewonen",
            "Rechtswinkel Merwestad",
        },
        set(),
    ),
    (M, "opvoeding", "", {"Jeugdgezondheidszorg Merwestad"}, set()),
    (
        M,
        "sport kinderen",
        "",
        {"Stichting Leergeld Merwestad", "Beweegteam Merwestad"},
        set(),
    ),
    (M, "zwemles", "", {"Stichting Leergeld Merwestad"}, set()),
    (M, "kleding", "", {"Kledingbank De Knoop"}, set()),
    (M, "rouw", "", {"Humanitas Merwestad"}, set()),
    (M, "computer", "", {"Bibliotheek Merwestad"}, set()),
    (M, "klusjes", "", {"Repair Café Merwestad"}, set()),
    (M, "jongeren", "", {"Jongerenwerk Merwestad"}, set()),
    # The village platform: its own organisations only.
    (
        D,
        "schulden",
        "",
        {"Steunpunt Geldzaken Lingedorpen", "Gemeente Lingedorpen"},
        {"Rechtswinkel Merwestad", "Gemeente Merwestad"},
    ),
    (D, "schuldhulpverlening", DORPEN_POSTCODE, {"Gemeente Lingedorpen"}, set()),
    (
        D,
        "boodschappen",
        "",
        {"Zorgcoöperatie Spijkerdam", "Voedselhulp Lingedorpen"},
        set(),
    ),
    (
        D,
        "eenzaam",
        DORPEN_POSTCODE,
        {"Dorpshuis Arkelveen", "Dorpshuis Heukelwaard"},
        set(),
    ),
    (D, "vervoer", "", {"Vervoersdienst De Dorpsrijder"}, {"Buurtbus Merwestad"}),
    (D, "mantelzorg", "", {"Mantelzorg Lingedorpen"}, set()),
    (D, "taalcafé", "", set(), {"Taalcafé De Brug"}),
]


def found_titles(response) -> list[str]:
    """Every organisation found, on every page of the results."""
    ids = list(response.context["page_obj"].paginator.object_list)
    titles = dict(
        OrganisationPage.objects.filter(pk__in=ids).values_list("pk", "title")
    )
    return [titles[pk] for pk in ids]


@pytest.mark.parametrize(
    ("host", "query", "postcode", "must_find", "must_not_find"),
    ROWS,
    ids=[
        f"{host.split('.')[0]}-{query}-{postcode or 'geen postcode'}"
        for host, query, postcode, *_ in ROWS
    ],
)
def test_residents_words_find_the_help(
    demo, client, host, query, postcode, must_find, must_not_find
):
    params = {"q": query, **({"postcode": postcode} if postcode else {})}
    response = client.get("/sociale-kaart/", params, HTTP_HOST=host)

    assert response.status_code == 200
    titles = found_titles(response)
    assert must_find <= set(titles), f"missing: {must_find - set(titles)}"
    assert not must_not_find & set(titles)


def test_the_table_is_long_enough():
    assert len(ROWS) >= 40
    assert {host for host, *_ in ROWS} == {MERWESTAD, DORPEN}
    assert any(postcode for _h, _q, postcode, *_ in ROWS)


def test_stop_words_and_nonsense_find_nothing_but_say_where_to_turn(demo, client):
    for query in ("de", "xyzzyq"):
        response = client.get("/sociale-kaart/", {"q": query}, HTTP_HOST=MERWESTAD)
        assert found_titles(response) == []
        assert response.context["no_results"] is not None


def test_the_gids_route_to_the_kaart_keeps_the_theme(demo, client):
    """Hulp nodig? → Geldzaken → naar de sociale kaart: the help with money."""
    gids = client.get("/gids/geldzaken/", HTTP_HOST=MERWESTAD).content.decode()
    assert 'href="/sociale-kaart/?thema=geldzaken"' in gids

    response = client.get("/sociale-kaart/?thema=geldzaken", HTTP_HOST=MERWESTAD)
    titles = {page.title for page in response.context["items"]}
    geldzaken = set(
        OrganisationPage.objects.live()
        .filter(themes__slug="geldzaken", url_path__contains="/samen-merwestad/")
        .values_list("title", flat=True)
    )
    assert len(geldzaken) == 12
    assert response.context["page_obj"].paginator.count == 12
    assert titles <= geldzaken
