"""The factories build live pages of every type in the right place."""

import datetime

import pytest
from wagtail.models import Page, Site

from agenda.models import EventOccurrence, EventSkippedDate
from helpboard.models import HelpStatus
from tests.factories import (
    AgendaPageFactory,
    ContentPageFactory,
    EventPageFactory,
    HelpBoardPageFactory,
    HelpOfferFactory,
    HelpRequestFactory,
    LocationFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OpeningHoursFactory,
    OrganisationPageFactory,
    ServiceFactory,
    SocialMapPageFactory,
    TargetGroupFactory,
    VacancyIndexPageFactory,
    VacancyPageFactory,
)

pytestmark = pytest.mark.django_db


def test_site_fixture_is_the_only_default_site(site, home_page, other_site):
    assert Site.objects.filter(is_default_site=True).get() == site
    assert site.hostname == "localhost"
    assert home_page.get_parent().depth == 1
    assert other_site.root_page.specific_class.__name__ == "HomePage"
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()


def test_every_page_type_is_live_under_its_parent(
    home_page, neighbourhood, theme, other_theme
):
    wijken = NeighbourhoodIndexPageFactory(parent=home_page)
    wijk = NeighbourhoodPageFactory(parent=wijken, neighbourhood=neighbourhood)
    social_map = SocialMapPageFactory(parent=home_page)
    organisation = OrganisationPageFactory(
        parent=social_map,
        themes=[theme],
        target_groups=[TargetGroupFactory(name="Ouderen")],
    )
    agenda = AgendaPageFactory(parent=home_page)
    news_index = NewsIndexPageFactory(parent=home_page)
    pages = {
        "wijken": (wijken, home_page),
        "wijk": (wijk, wijken),
        "sociale kaart": (social_map, home_page),
        "organisatie": (organisation, social_map),
        "agenda": (agenda, home_page),
        "activiteit": (EventPageFactory(parent=agenda), agenda),
        "activiteit in wijk": (EventPageFactory(parent=wijk), wijk),
        "vacatures": (VacancyIndexPageFactory(parent=home_page), home_page),
        "vacature": (VacancyPageFactory(parent=organisation), organisation),
        "nieuws": (news_index, home_page),
        "bericht": (
            NewsPageFactory(
                parent=news_index,
                neighbourhoods=[neighbourhood],
                themes=[theme, other_theme],
                tags=["buurtfeest"],
            ),
            news_index,
        ),
        "vraag en aanbod": (HelpBoardPageFactory(parent=home_page), home_page),
        "gids": (ContentPageFactory(parent=home_page), home_page),
    }
    for name, (page, parent) in pages.items():
        page.refresh_from_db()
        assert page.live, name
        assert page.get_parent().pk == parent.pk, name

    news = pages["bericht"][0]
    assert list(news.neighbourhoods.all()) == [neighbourhood]
    assert {t.slug for t in news.themes.all()} == {"wonen", "geldzaken"}
    assert list(news.tags.names()) == ["buurtfeest"]
    assert [g.name for g in organisation.target_groups.all()] == ["Ouderen"]
    assert wijk.title == "Centrum"
    assert wijk.url == "/wijken/centrum/"


def test_child_objects_and_event_occurrences(home_page):
    organisation = OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=home_page)
    )
    ServiceFactory(page=organisation, name="Formulierenhulp")
    location = LocationFactory(page=organisation)
    OpeningHoursFactory(location=location, weekday=2)
    assert [s.name for s in organisation.services.all()] == ["Formulierenhulp"]
    assert [h.weekday for h in location.opening_hours.all()] == [2]

    start = EventPageFactory._meta.declarations["start"].function()
    skipped = (start + datetime.timedelta(weeks=1)).date()
    event = EventPageFactory(
        parent=AgendaPageFactory(parent=home_page),
        repetition="weekly",
        repeat_until=(start + datetime.timedelta(weeks=3)).date(),
        skipped_dates=[EventSkippedDate(date=skipped)],
    )
    dates = [o.start.date() for o in EventOccurrence.objects.filter(event=event)]
    assert skipped not in dates
    assert len(dates) == 3


def test_help_posts_belong_to_the_default_site(site):
    request = HelpRequestFactory(status=HelpStatus.PUBLISHED)
    offer = HelpOfferFactory()
    assert request.site == site
    assert offer.site == site
    assert request.published_at is not None
    assert offer.published_at is None
