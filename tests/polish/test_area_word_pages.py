"""On a platform of villages (PlatformSettings.area_term "dorp") every public
page says "dorp" and "dorpen" where a town's says "wijk" and "wijken": the
home page, the wijken pages, the filters, tags and empty lists of the news,
the agenda, the vacatures and the sociale kaart, and an organisation."""

import re
from html import unescape

import pytest

from core.models import PlatformSettings
from tests.factories import (
    AgendaPageFactory,
    EventPageFactory,
    NeighbourhoodFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
    VacancyIndexPageFactory,
    VacancyPageFactory,
)

pytestmark = pytest.mark.django_db

VILLAGE = "other.localhost"
TOWN_WORD = re.compile(r"\bwijk(en)?\b", re.I)


def visible_text(response) -> str:
    """The body's text and its aria-labels (what a screen reader reads too)."""
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    body = re.search(r"<body[^>]*>(.*)</body>", html, re.S)[1]
    body = re.sub(r"<(script|style|template)\b.*?</\1>", " ", body, flags=re.S)
    labels = " ".join(re.findall(r'aria-label="([^"]*)"', body))
    text = re.sub(r"<[^>]+>", " ", body)
    return " ".join(unescape(f"{text} {labels}").split())


@pytest.fixture
def village(other_site):
    settings = PlatformSettings.for_site(other_site)
    settings.area_term = "dorp"
    settings.save()
    home = other_site.root_page.specific
    arkel = NeighbourhoodFactory(
        site=other_site, name="Arkelveen", slug="arkelveen", postcode_ranges=[]
    )
    quiet = NeighbourhoodFactory(
        site=other_site, name="Stilbroek", slug="stilbroek", postcode_ranges=[]
    )
    index = NeighbourhoodIndexPageFactory(
        parent=home, title="Dorpen", slug="dorpen", introduction="Onze dorpen."
    )
    arkel_page = NeighbourhoodPageFactory(parent=index, neighbourhood=arkel)
    quiet_page = NeighbourhoodPageFactory(parent=index, neighbourhood=quiet)
    news = NewsIndexPageFactory(parent=home)
    NewsPageFactory(parent=news, title="Dorpsfeest", neighbourhoods=[arkel])
    agenda = AgendaPageFactory(parent=home)
    EventPageFactory(parent=agenda, title="Koffieochtend", neighbourhoods=[arkel])
    social_map = SocialMapPageFactory(parent=home)
    organisation = OrganisationPageFactory(
        parent=social_map, title="Dorpshuis De Linde", neighbourhoods=[arkel]
    )
    vacancies = VacancyIndexPageFactory(parent=home)
    VacancyPageFactory(parent=organisation, title="Gastvrouw", neighbourhoods=[arkel])
    return {
        "home": home,
        "index": index,
        "arkel": arkel,
        "arkel_page": arkel_page,
        "quiet_page": quiet_page,
        "news": news,
        "agenda": agenda,
        "social_map": social_map,
        "organisation": organisation,
        "vacancies": vacancies,
    }


def path(page) -> str:
    return page.get_url_parts()[2]


def read(client, url) -> str:
    return visible_text(client.get(url, HTTP_HOST=VILLAGE))


def says_dorp_not_wijk(text: str, *words: str) -> None:
    for words_ in words:
        assert words_ in text
    assert not TOWN_WORD.search(text), TOWN_WORD.findall(text)


def test_before_choosing_a_village(client, village):
    says_dorp_not_wijk(
        read(client, "/"),
        "Kies je dorp",
        "van jouw dorp.",
        "Kies mijn dorp",
        "Of kijk eerst bij een dorp:",
    )
    says_dorp_not_wijk(
        read(client, path(village["index"])),
        "Vind je dorp met je postcode",
        "Zoek mijn dorp",
        "We onthouden je dorp in deze browser.",
        "Alle dorpen",
    )
    arkel = path(village["arkel_page"])
    says_dorp_not_wijk(
        read(client, arkel),
        "Maak Arkelveen mijn dorp",
        "Dorpsfeest",
    )
    says_dorp_not_wijk(
        read(client, path(village["quiet_page"])),
        "Er is nog geen nieuws uit dit dorp.",
        "Er staan nog geen activiteiten in dit dorp gepland.",
        "Er is nu geen vrijwilligerswerk in dit dorp.",
    )
    says_dorp_not_wijk(
        read(client, path(village["news"])), "Dorp: Arkelveen", "Dorpen en thema"
    )
    says_dorp_not_wijk(
        read(client, path(village["news"]) + "?wijk=stilbroek"),
        "Er is geen nieuws dat bij je keuze past. Kies alle dorpen of een ander thema.",
    )
    says_dorp_not_wijk(
        read(client, path(village["agenda"])), "Dorp Alle dorpen", "Dorp: Arkelveen"
    )
    says_dorp_not_wijk(
        read(client, path(village["agenda"]) + "?wijk=stilbroek"),
        "Kies alle dorpen, een ander thema of een andere periode.",
    )
    says_dorp_not_wijk(
        read(client, path(village["vacancies"]) + "?wijk=stilbroek"),
        "Dorp Alle dorpen",
        "Kies alle dorpen, een ander thema of minder filters.",
    )
    says_dorp_not_wijk(
        read(client, path(village["social_map"]) + "?wijk=stilbroek"),
        "Dan zie je eerst wat er in je eigen dorp is.",
        "Dorp Alle dorpen",
        "of kies alle dorpen, een ander thema of een andere doelgroep.",
    )
    says_dorp_not_wijk(read(client, path(village["organisation"])), "Dorpen Arkelveen")


def test_with_a_chosen_village(client, village):
    response = client.post(
        "/mijn-wijk/",
        {"neighbourhood": village["arkel"].pk, "next": "/"},
        HTTP_HOST=VILLAGE,
    )
    assert response.status_code == 302

    says_dorp_not_wijk(
        read(client, "/"), "Jouw dorp: Arkelveen", "Kies je dorp opnieuw"
    )
    says_dorp_not_wijk(read(client, path(village["index"])), "Jouw dorp is Arkelveen.")
    says_dorp_not_wijk(
        read(client, path(village["arkel_page"])),
        "Dit is jouw dorp.",
        "Kies je dorp opnieuw",
    )
    says_dorp_not_wijk(
        read(client, path(village["agenda"])),
        "Je ziet wat er speelt in je eigen dorp, Arkelveen, en in de hele gemeente.",
        "Toon alle dorpen",
    )


def test_a_town_still_says_wijk(client, site, neighbourhood):
    NewsPageFactory(
        parent=NewsIndexPageFactory(parent=site.root_page),
        neighbourhoods=[neighbourhood],
    )

    text = visible_text(client.get("/nieuws/"))

    assert "Wijk Alle wijken" in text and "Wijk: Centrum" in text
    assert "dorp" not in text.lower()


def test_the_help_board_of_a_village_says_dorp(client, village):
    from helpboard.models import HelpStatus
    from tests.factories import HelpBoardPageFactory, HelpRequestFactory

    board = HelpBoardPageFactory(parent=village["home"], slug="vraag-en-aanbod")
    post = HelpRequestFactory(
        site=village["home"].get_site(),
        neighbourhood=village["arkel"],
        status=HelpStatus.PUBLISHED,
        title="Wie haalt mijn boodschappen?",
    )
    listing = read(client, path(board))
    assert "Dorp: Arkelveen" in listing
    assert "Dorp en categorie" in listing
    assert "Wijk:" not in listing and "Wijk en categorie" not in listing
    detail = read(client, f"{path(board)}{post.pk}/")
    assert "Dorp Arkelveen" in detail
    assert "Wijk Arkelveen" not in detail
    form = read(client, f"{path(board)}plaatsen/")
    assert "je tekst, het dorp en de categorie komen op de site" in form
