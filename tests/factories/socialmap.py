import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from socialmap.models import (
    Location,
    OpeningHours,
    OpeningHoursException,
    OrganisationPage,
    Service,
    SocialMapPage,
    SupportLevel,
    Weekday,
)

from .core import PublishedPageFactory
from .home import HomePageFactory


class SocialMapPageFactory(PublishedPageFactory):
    title = "Sociale kaart"
    introduction = "Wie helpt waarmee, waar en wanneer."
    parent = factory.SubFactory(HomePageFactory)

    class Meta:
        model = SocialMapPage


class OrganisationPageFactory(PublishedPageFactory):
    """An organisation. Pass ``neighbourhoods``, ``themes``, ``target_groups``."""

    title = factory.Sequence(lambda n: f"Stichting Samen Sterk {n}")
    introduction = "Wij helpen buurtbewoners met vragen over geld, wonen en zorg."
    description = "<p>Loop gerust binnen. Een kop koffie staat klaar.</p>"
    phone = "0183 123 456"
    email = factory.Sequence(lambda n: f"info{n}@samensterk.example")
    website = ""
    parent = factory.SubFactory(SocialMapPageFactory)

    class Meta:
        model = OrganisationPage


class ServiceFactory(DjangoModelFactory):
    page = factory.SubFactory(OrganisationPageFactory)
    name = factory.Sequence(lambda n: f"Spreekuur {n}")
    description = "Je kunt zonder afspraak langskomen met je vraag."
    for_whom = "Iedereen"
    cost = "Gratis"
    is_free = True
    how_to_apply = "Gewoon binnenlopen."
    support_level = SupportLevel.GENERAL

    class Meta:
        model = Service


class LocationFactory(DjangoModelFactory):
    page = factory.SubFactory(OrganisationPageFactory)
    name = factory.Sequence(lambda n: f"Buurthuis De Schakel {n}")
    street_address = factory.Sequence(lambda n: f"Kerkstraat {n + 1}")
    postcode = "4201 AB"
    city = "Merwestad"
    latitude = Decimal("51.834000")
    longitude = Decimal("4.972000")
    accessibility_notes = "Drempelvrij, met een invalidentoilet."

    class Meta:
        model = Location


class OpeningHoursFactory(DjangoModelFactory):
    location = factory.SubFactory(LocationFactory)
    weekday = Weekday.MONDAY
    opens = datetime.time(9, 0)
    closes = datetime.time(17, 0)

    class Meta:
        model = OpeningHours


class OpeningHoursExceptionFactory(DjangoModelFactory):
    location = factory.SubFactory(LocationFactory)
    date = factory.LazyFunction(
        lambda: datetime.date(datetime.date.today().year + 1, 4, 27)
    )
    closed = True
    reason = "Koningsdag"

    class Meta:
        model = OpeningHoursException
