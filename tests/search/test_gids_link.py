"""The gids's way to the sociale kaart: "Hulp nodig? → Geldzaken → naar de
sociale kaart" lands on the kaart filtered on that theme."""

import pytest

from tests.factories import (
    ContentPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)

pytestmark = pytest.mark.django_db


def cta(page, **extra):
    return (
        "call_to_action",
        {
            "title": "Zoek hulp op de sociale kaart",
            "text": "",
            "page": page,
            "url": "",
            "button_text": "Naar de sociale kaart",
            **extra,
        },
    )


@pytest.fixture
def kaart(site, theme, other_theme):
    index = SocialMapPageFactory(parent=site.root_page, slug="sociale-kaart")
    for title, themes in (("Geldloket", [other_theme]), ("Woonhulp", [theme])):
        page = OrganisationPageFactory(parent=index, title=title)
        page.themes.set(themes)
        page.save_revision().publish()
    return index


def test_a_gids_chapter_links_to_the_kaart_filtered_on_its_theme(
    client, site, kaart, other_theme
):
    gids = ContentPageFactory(parent=site.root_page, title="Gids", slug="gids")
    geldzaken = ContentPageFactory(
        parent=gids, title="Geldzaken", slug="geldzaken", body=[cta(kaart)]
    )
    geldzaken.themes.set([other_theme])
    geldzaken.save_revision().publish()

    html = client.get("/gids/geldzaken/").content.decode()
    assert 'href="/sociale-kaart/?thema=geldzaken"' in html

    landing = client.get("/sociale-kaart/?thema=geldzaken")
    assert [page.title for page in landing.context["items"]] == ["Geldloket"]


def test_a_page_without_themes_links_to_the_whole_kaart(client, site, kaart):
    ContentPageFactory(parent=site.root_page, slug="over", body=[cta(kaart)])

    html = client.get("/over/").content.decode()
    assert 'href="/sociale-kaart/"' in html


def test_a_link_to_a_web_address_stays_as_it_is(client, site, other_theme):
    page = ContentPageFactory(
        parent=site.root_page,
        slug="extern",
        body=[
            (
                "call_to_action",
                {
                    "title": "Het Juridisch Loket",
                    "text": "",
                    "page": None,
                    "url": "https://www.juridischloket.nl/",
                    "button_text": "Naar het loket",
                },
            )
        ],
    )
    page.themes.set([other_theme])
    page.save_revision().publish()

    html = client.get("/extern/").content.decode()
    assert 'href="https://www.juridischloket.nl/"' in html
