"""A site with one live page of every type, for the project-wide tests."""

import pytest
from wagtail.blocks import StreamValue

from tests.factories import (
    AgendaPageFactory,
    ConnectorFactory,
    ContentPageFactory,
    EventPageFactory,
    HelpBoardPageFactory,
    ImageFactory,
    LocationFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OpeningHoursFactory,
    OrganisationPageFactory,
    ServiceFactory,
    SocialMapPageFactory,
    VacancyIndexPageFactory,
    VacancyPageFactory,
)


@pytest.fixture
def tree(home_page, neighbourhood, theme):
    """One live page of every type, in the places the content tree allows."""
    image = ImageFactory(title="Buurtfeest op het plein")
    wijken = NeighbourhoodIndexPageFactory(parent=home_page, title="Wijken")
    wijk = NeighbourhoodPageFactory(
        parent=wijken, title="Centrum", neighbourhood=neighbourhood
    )
    ConnectorFactory(page=wijk, name="Anouk", consent=True)
    ConnectorFactory(page=wijk, name="Geheim", consent=False)
    social_map = SocialMapPageFactory(parent=home_page)
    organisation = OrganisationPageFactory(
        parent=social_map, title="Stichting Welzijn", themes=[theme]
    )
    ServiceFactory(page=organisation, name="Formulierenhulp", is_free=True)
    location = LocationFactory(page=organisation, name="Het Trefpunt")
    OpeningHoursFactory(location=location)
    agenda = AgendaPageFactory(parent=home_page)
    news_index = NewsIndexPageFactory(parent=home_page)
    guide = ContentPageFactory(parent=home_page, title="Geldzaken")
    guide.body = StreamValue(
        guide.body.stream_block,
        [
            ("heading", {"text": "Hulp bij je post", "level": "h2"}),
            ("image", {"image": image, "alt_text": "Mensen op het plein"}),
        ],
    )
    guide.save_revision().publish()
    return {
        "home.HomePage": home_page,
        "home.ContentPage": guide,
        "neighbourhoods.NeighbourhoodIndexPage": wijken,
        "neighbourhoods.NeighbourhoodPage": wijk,
        "news.NewsIndexPage": news_index,
        "news.NewsPage": NewsPageFactory(
            parent=wijk, title="Nieuwe bankjes", neighbourhoods=[neighbourhood]
        ),
        "socialmap.SocialMapPage": social_map,
        "socialmap.OrganisationPage": organisation,
        "agenda.AgendaPage": agenda,
        "agenda.EventPage": EventPageFactory(
            parent=agenda, title="Koffieochtend", repetition="weekly"
        ),
        "vacancies.VacancyIndexPage": VacancyIndexPageFactory(parent=home_page),
        "vacancies.VacancyPage": VacancyPageFactory(
            parent=organisation, title="Maatje gezocht"
        ),
        "helpboard.HelpBoardPage": HelpBoardPageFactory(parent=home_page),
    }
