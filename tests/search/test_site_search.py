"""The site search points at the sociale kaart when it finds help there: its
own search knows no words with the same meaning, the kaart's does."""

import pytest

from tests.factories import (
    OrganisationPageFactory,
    ServiceFactory,
    SocialMapPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def kaart(site):
    index = SocialMapPageFactory(parent=site.root_page, slug="sociale-kaart")
    for title in ("Schuldhulp Teststad", "Geldloket Teststad"):
        page = OrganisationPageFactory(parent=index, title=title)
        ServiceFactory(page=page, name="Schuldhulpverlening")
        page.save_revision().publish()
    return index


def test_the_site_search_links_to_what_the_kaart_finds(client, kaart):
    response = client.get("/zoeken/", {"q": "rekeningen"})

    html = response.content.decode()
    assert "data-social-map-matches" in html
    assert (
        'Op de sociale kaart helpen <a href="/sociale-kaart/?q=rekeningen">'
        "2 organisaties</a> bij wat je zoekt." in html
    )


def test_no_link_when_the_kaart_finds_nothing_or_there_is_none(client, site, kaart):
    html = client.get("/zoeken/", {"q": "xyzzyq"}).content.decode()
    assert "data-social-map-matches" not in html

    kaart.unpublish()
    html = client.get("/zoeken/", {"q": "rekeningen"}).content.decode()
    assert "data-social-map-matches" not in html
