import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from helpboard.models import (
    HelpBoardPage,
    HelpCategory,
    HelpKind,
    HelpPost,
    HelpStatus,
)

from .core import PublishedPageFactory, default_site
from .home import HomePageFactory


class HelpBoardPageFactory(PublishedPageFactory):
    title = "Vraag en aanbod"
    introduction = "Vraag hulp of bied hulp aan in je buurt."
    parent = factory.SubFactory(HomePageFactory)

    class Meta:
        model = HelpBoardPage


class HelpCategoryFactory(DjangoModelFactory):
    site = factory.LazyFunction(default_site)
    name = factory.Sequence(lambda n: f"Boodschappen {n}")
    slug = factory.Sequence(lambda n: f"boodschappen-{n}")

    class Meta:
        model = HelpCategory


class HelpPostFactory(DjangoModelFactory):
    kind = HelpKind.REQUEST
    title = factory.Sequence(lambda n: f"Wie helpt me met boodschappen? ({n})")
    site = factory.LazyFunction(default_site)
    neighbourhood = None
    category = None
    description = "Het gaat om een uurtje per week, in overleg."
    first_name = "Ans"
    email = factory.Sequence(lambda n: f"buur{n}@example.org")
    phone = ""
    status = HelpStatus.SUBMITTED
    published_at = factory.LazyAttribute(
        lambda obj: (
            timezone.now()
            if obj.status in (HelpStatus.PUBLISHED, HelpStatus.CLOSED)
            else None
        )
    )
    closed_at = factory.LazyAttribute(
        lambda obj: timezone.now() if obj.status == HelpStatus.CLOSED else None
    )

    expires_at = factory.LazyAttribute(
        lambda obj: (
            obj.published_at + datetime.timedelta(days=28) if obj.published_at else None
        )
    )

    class Meta:
        model = HelpPost


class HelpRequestFactory(HelpPostFactory):
    """A request for help (the default kind)."""


class HelpOfferFactory(HelpPostFactory):
    kind = HelpKind.OFFER
    title = factory.Sequence(lambda n: f"Ik wil graag helpen in de tuin ({n})")
