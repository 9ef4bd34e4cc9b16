"""When the sociale kaart finds nothing, it still says where to turn: the
loket's phone number, the gids and "vraag hulp aan je buren". And the search
takes the same number of queries however many organisations there are."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import PlatformSettings
from socialmap.search import OrganisationSearchEntry
from tests.factories import (
    ContentPageFactory,
    HelpBoardPageFactory,
    OrganisationPageFactory,
    ServiceFactory,
    SocialMapPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def kaart(site):
    settings = PlatformSettings.for_site(site)
    settings.contact_phone = "0183 20 30 40"
    settings.save()
    index = SocialMapPageFactory(parent=site.root_page, slug="sociale-kaart")
    page = OrganisationPageFactory(parent=index, title="Schuldhulp Teststad")
    ServiceFactory(page=page, name="Schuldhulpverlening")
    page.save_revision().publish()
    gids = ContentPageFactory(parent=site.root_page, title="Gids", slug="gids")
    ContentPageFactory(parent=gids, title="Geldzaken", slug="geldzaken")
    HelpBoardPageFactory(parent=site.root_page, title="Vraag en aanbod", slug="buren")
    return index


def test_nothing_found_offers_the_loket_the_gids_and_the_neighbours(client, kaart):
    response = client.get("/sociale-kaart/", {"q": "xyzzyq"})

    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 0
    html = response.content.decode()
    assert "data-no-results" in html
    assert '<a href="tel:0183203040">0183 20 30 40</a>' in html
    assert '<a href="/gids/">Lees de gids: Gids</a>' in html
    assert '<a href="/buren/plaatsen/">Vraag hulp aan je buren</a>' in html


def test_when_something_is_found_there_is_no_such_notice(client, kaart):
    response = client.get("/sociale-kaart/", {"q": "schulden"})

    assert [page.title for page in response.context["items"]] == ["Schuldhulp Teststad"]
    assert "data-no-results" not in response.content.decode()


def test_without_a_phone_number_gids_or_board_the_notice_leaves_them_out(client, site):
    SocialMapPageFactory(parent=site.root_page, slug="sociale-kaart")
    html = client.get("/sociale-kaart/", {"q": "xyzzyq"}).content.decode()

    assert "data-no-results" in html
    assert "tel:" not in html
    assert "Lees de gids" not in html
    assert "Vraag hulp aan je buren" not in html


def add_organisations(index, numbers):
    for number in numbers:
        page = OrganisationPageFactory(parent=index, title=f"Geldhulp {number:03}")
        ServiceFactory(page=page, name="Schuldhulp", description="Hulp bij rekeningen")
        page.save_revision().publish()


QUERIES = {"schulden": 1, "schludhulp": 1, "xyzzyq": 0}  # words, a typo, nothing


def count_queries(client, query) -> int:
    params = {"q": query, "postcode": "4201 AB"}
    client.get("/sociale-kaart/", params)  # warm the caches; build new entries
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/sociale-kaart/", params)
    return len(queries), response.context["page_obj"].paginator.count


def test_the_search_takes_as_many_queries_for_20_organisations_as_for_2(client, kaart):
    add_organisations(kaart, range(1))
    before = {query: count_queries(client, query) for query in QUERIES}
    add_organisations(kaart, range(1, 19))
    after = {query: count_queries(client, query) for query in QUERIES}

    for query, found in QUERIES.items():
        assert before[query] == (before[query][0], 2 * found)
        assert after[query] == (before[query][0], 20 * found)


def test_a_changed_organisation_is_found_by_its_new_words(client, kaart):
    assert client.get("/sociale-kaart/", {"q": "rolstoel"}).context["items"] == []
    page = kaart.get_children().get().specific
    page.introduction = "We lenen je een rolstoel."
    page.save_revision().publish()

    response = client.get("/sociale-kaart/", {"q": "rolstoel"})
    assert [p.title for p in response.context["items"]] == ["Schuldhulp Teststad"]


def test_a_renamed_theme_is_found_by_its_new_name(client, kaart, other_theme):
    page = kaart.get_children().get().specific
    page.themes.set([other_theme])
    page.save_revision().publish()
    assert client.get("/sociale-kaart/", {"q": "portemonnee"}).context["items"] == []

    other_theme.name = "Portemonnee"
    other_theme.save()

    response = client.get("/sociale-kaart/", {"q": "portemonnee"})
    assert [p.title for p in response.context["items"]] == ["Schuldhulp Teststad"]


def test_the_entries_can_be_built_ahead(kaart):
    out = StringIO()
    call_command("build_search_index", stdout=out)
    assert "Samen Teststad: 1" in out.getvalue()
    assert OrganisationSearchEntry.objects.count() == 1
    out = StringIO()
    call_command("build_search_index", stdout=out)
    assert "Samen Teststad: 0" in out.getvalue()
