"""Factories for every model, built on wagtail-factories and factory_boy.

Page factories create live pages under ``parent``::

    NewsPageFactory(parent=news_index, title="Buurtfeest", neighbourhoods=[wijk])

Many-to-many fields (``neighbourhoods``, ``themes``, ``target_groups``) and child
objects (``skipped_dates``, ``connectors``) are plain keyword arguments: they are
saved with the page's first save. Tags go in ``tags=[...]`` / ``skills=[...]``.
Without ``parent`` a page gets a fresh chain of parents of the right types.
"""

from .agenda import AgendaPageFactory, EventPageFactory
from .core import (
    CollectionFactory,
    ImageFactory,
    NeighbourhoodFactory,
    PostcodeRangeFactory,
    SiteFactory,
    TargetGroupFactory,
    ThemeFactory,
    default_site,
    tree_root,
)
from .helpboard import (
    HelpBoardPageFactory,
    HelpOfferFactory,
    HelpPostFactory,
    HelpRequestFactory,
)
from .home import ContentPageFactory, HomePageFactory, HomePageHighlightFactory
from .neighbourhoods import (
    ConnectorFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
)
from .news import NewsIndexPageFactory, NewsPageFactory
from .socialmap import (
    LocationFactory,
    OpeningHoursExceptionFactory,
    OpeningHoursFactory,
    OrganisationPageFactory,
    ServiceFactory,
    SocialMapPageFactory,
)
from .vacancies import VacancyIndexPageFactory, VacancyPageFactory

__all__ = [
    "AgendaPageFactory",
    "CollectionFactory",
    "ConnectorFactory",
    "ContentPageFactory",
    "EventPageFactory",
    "HelpBoardPageFactory",
    "HelpOfferFactory",
    "HelpPostFactory",
    "HelpRequestFactory",
    "HomePageFactory",
    "HomePageHighlightFactory",
    "ImageFactory",
    "LocationFactory",
    "NeighbourhoodFactory",
    "NeighbourhoodIndexPageFactory",
    "NeighbourhoodPageFactory",
    "NewsIndexPageFactory",
    "NewsPageFactory",
    "OpeningHoursExceptionFactory",
    "OpeningHoursFactory",
    "OrganisationPageFactory",
    "PostcodeRangeFactory",
    "ServiceFactory",
    "SiteFactory",
    "SocialMapPageFactory",
    "TargetGroupFactory",
    "ThemeFactory",
    "VacancyIndexPageFactory",
    "VacancyPageFactory",
    "default_site",
    "tree_root",
]
