import factory
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from neighbourhoods.models import Connector, NeighbourhoodIndexPage, NeighbourhoodPage

from .core import NeighbourhoodFactory, PublishedPageFactory
from .home import HomePageFactory


class NeighbourhoodIndexPageFactory(PublishedPageFactory):
    title = "Wijken"
    introduction = "Kies je wijk en zie wat er bij jou in de buurt gebeurt."
    parent = factory.SubFactory(HomePageFactory)

    class Meta:
        model = NeighbourhoodIndexPage


class NeighbourhoodPageFactory(PublishedPageFactory):
    """A wijk page; its title follows the wijk's name unless you give one."""

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    title = factory.LazyAttribute(lambda obj: obj.neighbourhood.name)
    slug = factory.LazyAttribute(lambda obj: slugify(obj.title))
    introduction = factory.LazyAttribute(
        lambda obj: f"Nieuws, activiteiten en buurtverbinders in {obj.title}."
    )
    parent = factory.SubFactory(NeighbourhoodIndexPageFactory)

    class Meta:
        model = NeighbourhoodPage


class ConnectorFactory(DjangoModelFactory):
    page = factory.SubFactory(NeighbourhoodPageFactory)
    name = factory.Sequence(lambda n: f"Buurtverbinder {n}")
    text = "Ik ken de buurt goed. Loop gerust even binnen of bel me."
    consent = True

    class Meta:
        model = Connector
