"""The report of organisations nobody checked for over a year, for the
people who keep the sociale kaart up to date."""

import csv
import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from editorial.services import buurtverbinder_grant
from socialmap.selectors import organisations_not_checked
from tests.factories import (
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def kaart(site, other_site, neighbourhood):
    today = timezone.localdate()
    index = SocialMapPageFactory(parent=site.root_page)
    OrganisationPageFactory(
        parent=index,
        title="Lang geleden",
        last_checked=today - datetime.timedelta(days=730),
    )
    OrganisationPageFactory(parent=index, title="Nooit gecontroleerd")
    OrganisationPageFactory(
        parent=index,
        title="Net gecontroleerd",
        last_checked=today - datetime.timedelta(days=30),
    )
    OrganisationPageFactory(
        parent=index,
        title="Precies een jaar",
        last_checked=today - datetime.timedelta(days=365),
    )
    OrganisationPageFactory(parent=index, title="Concept", live=False)
    OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=other_site.root_page), title="Elders"
    )
    wijk = NeighbourhoodPageFactory(
        parent=NeighbourhoodIndexPageFactory(parent=site.root_page),
        neighbourhood=neighbourhood,
    )
    buurtverbinder = get_user_model().objects.create_user("anouk", "a@example.org")
    buurtverbinder_grant(user=buurtverbinder, neighbourhood_page=wijk)
    return buurtverbinder


def test_the_selector_lists_the_unchecked_longest_first(site, kaart):
    pages = organisations_not_checked(sites=[site], today=timezone.localdate())

    assert [page.title for page in pages] == ["Nooit gecontroleerd", "Lang geleden"]


def test_a_buurtverbinder_sees_their_sites_list_and_exports_it(client, kaart):
    client.force_login(kaart)
    url = reverse("socialmap_reports:not_checked")

    response = client.get(url)
    export = client.get(url, {"export": "csv"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Nooit gecontroleerd" in html
    assert "Lang geleden" in html
    assert "Net gecontroleerd" not in html
    assert "Elders" not in html
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == [
        "Organisatie",
        "Laatst gecontroleerd",
        "Telefoon",
        "E-mail",
        "Website",
    ]
    assert [row[0] for row in rows[1:]] == ["Nooit gecontroleerd", "Lang geleden"]


def test_someone_without_page_rights_gets_no_report(client, kaart):
    client.force_login(get_user_model().objects.create_user("nobody", "n@x.org"))

    response = client.get(reverse("socialmap_reports:not_checked"))

    assert response.status_code in (302, 403)
