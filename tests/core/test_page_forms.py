"""Editors choose wijken and locations of their own municipality platform only."""

import pytest
from django.core.exceptions import ValidationError

from news.models import NewsPage
from tests.factories import (
    AgendaPageFactory,
    HelpRequestFactory,
    LocationFactory,
    NeighbourhoodFactory,
    NewsIndexPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def elsewhere(other_site):
    return NeighbourhoodFactory(site=other_site, name="Kernzicht", slug="kernzicht")


def news_form(parent):
    form_class = NewsPage.get_edit_handler().get_form_class()
    return form_class(instance=NewsPage(), parent_page=parent, for_user=None)


def test_the_add_view_offers_only_this_sites_wijken(
    admin_client, home_page, neighbourhood, elsewhere
):
    index = NewsIndexPageFactory(parent=home_page)

    html = admin_client.get(f"/admin/pages/add/news/newspage/{index.pk}/").content

    assert b"Centrum" in html
    assert b"Kernzicht" not in html


def test_a_wijk_of_another_site_fails_validation(home_page, neighbourhood, elsewhere):
    index = NewsIndexPageFactory(parent=home_page)
    field = news_form(index).fields["neighbourhoods"]

    assert set(field.queryset) == {neighbourhood}
    assert list(field.clean([neighbourhood.pk])) == [neighbourhood]
    with pytest.raises(ValidationError):
        field.clean([elsewhere.pk])


def test_event_locations_come_from_this_sites_organisations(
    admin_client, home_page, other_site
):
    here = OrganisationPageFactory(parent=SocialMapPageFactory(parent=home_page))
    there = OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=other_site.root_page)
    )
    LocationFactory(page=here, name="Buurthuis Hier")
    LocationFactory(page=there, name="Dorpshuis Daar")
    agenda = AgendaPageFactory(parent=home_page)

    html = admin_client.get(f"/admin/pages/add/agenda/eventpage/{agenda.pk}/").content

    assert b"Buurthuis Hier" in html
    assert b"Dorpshuis Daar" not in html


def test_a_help_request_cannot_use_another_sites_wijk(site, elsewhere):
    request = HelpRequestFactory.build(site=site, neighbourhood=elsewhere)

    with pytest.raises(ValidationError) as error:
        request.full_clean()

    assert "neighbourhood" in error.value.message_dict
