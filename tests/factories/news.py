import factory
from django.utils import timezone

from news.models import NewsIndexPage, NewsPage

from .core import PublishedPageFactory
from .home import HomePageFactory


class NewsIndexPageFactory(PublishedPageFactory):
    title = "Nieuws"
    introduction = "Nieuws uit de buurt en van de organisaties."
    parent = factory.SubFactory(HomePageFactory)

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(PublishedPageFactory):
    """A news item. Pass ``neighbourhoods=[...]``, ``themes=[...]``, ``tags=[...]``."""

    title = factory.Sequence(lambda n: f"Nieuws uit de buurt {n}")
    introduction = "Kort nieuws uit de buurt."
    date = factory.LazyFunction(timezone.localdate)
    body = factory.LazyFunction(
        lambda: [("paragraph", "<p>Buren hebben samen iets moois neergezet.</p>")]
    )
    parent = factory.SubFactory(NewsIndexPageFactory)

    class Meta:
        model = NewsPage
        skip_postgeneration_save = True

    @factory.post_generation
    def tags(obj, create, extracted, **kwargs):
        if extracted:
            obj.tags.set(extracted)
            if create:
                obj.save()
