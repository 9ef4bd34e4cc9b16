import factory
from factory.django import DjangoModelFactory

from home.models import ContentPage, HomePage, HomePageHighlight

from .core import PublishedPageFactory, tree_root


class HomePageFactory(PublishedPageFactory):
    """A HomePage under the tree root; make it a site's root with SiteFactory."""

    title = factory.Sequence(lambda n: f"Samen Gemeente {n}")
    introduction = "Nieuws, activiteiten en hulp bij jou in de buurt."
    welcome = "Samen maken we de buurt"
    parent = factory.LazyFunction(tree_root)

    class Meta:
        model = HomePage


class HomePageHighlightFactory(DjangoModelFactory):
    page = factory.SubFactory(HomePageFactory)
    highlighted_page = factory.SubFactory(
        "tests.factories.home.ContentPageFactory",
        parent=factory.SelfAttribute("..page"),
    )
    title = ""

    class Meta:
        model = HomePageHighlight


class ContentPageFactory(PublishedPageFactory):
    """A gids page. ``body`` takes a StreamField value: [("paragraph", "<p>…</p>")]."""

    title = factory.Sequence(lambda n: f"Gidspagina {n}")
    introduction = "Wat je moet weten, in gewone woorden."
    body = factory.LazyFunction(
        lambda: [
            ("paragraph", "<p>Hier lees je hoe het werkt en wie je kan helpen.</p>")
        ]
    )
    parent = factory.SubFactory(HomePageFactory)

    class Meta:
        model = ContentPage
