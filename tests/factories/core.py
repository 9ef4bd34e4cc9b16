"""Factories for what every app shares: sites, taxonomies, images."""

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from wagtail.models import Collection, Page, Site

from core.models import (
    Neighbourhood,
    PostcodeRange,
    Suggestion,
    SuggestionKind,
    SuggestionStatus,
    TargetGroup,
    Theme,
)


def tree_root() -> Page:
    """Wagtail's invisible root page (depth 1); every HomePage hangs under it."""
    return Page.get_first_root_node()


def default_site() -> Site:
    """The default Site; content that needs a site lands there unless told otherwise."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = SiteFactory(is_default_site=True)
    return site


class CollectionFactory(wagtail_factories.CollectionFactory):
    """A collection under Wagtail's root collection (not a second root)."""

    name = factory.Sequence(lambda n: f"Map {n}")
    parent = factory.LazyFunction(Collection.get_first_root_node)


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Foto {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.ImageField(width=800, height=450, color="#0b5394")


class SiteFactory(DjangoModelFactory):
    """A Wagtail Site whose root page is a fresh HomePage under the tree root."""

    hostname = factory.Sequence(lambda n: f"gemeente{n}.localhost")
    port = 80
    site_name = factory.Sequence(lambda n: f"Samen Gemeente {n}")
    root_page = factory.SubFactory(
        "tests.factories.home.HomePageFactory",
        title=factory.SelfAttribute("..site_name"),
    )
    is_default_site = False

    class Meta:
        model = Site


class ThemeFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.name))
    description = ""

    class Meta:
        model = Theme
        django_get_or_create = ("slug",)


class TargetGroupFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Doelgroep {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.name))

    class Meta:
        model = TargetGroup
        django_get_or_create = ("slug",)


class NeighbourhoodFactory(DjangoModelFactory):
    """A wijk. ``postcode_ranges=[("4201", "4203")]`` adds postcode areas."""

    site = factory.LazyFunction(default_site)
    name = factory.Sequence(lambda n: f"Wijk {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.name))
    cbs_code = ""

    class Meta:
        model = Neighbourhood
        skip_postgeneration_save = True

    @factory.post_generation
    def postcode_ranges(obj, create, extracted, **kwargs):
        if not create or not extracted:
            return
        for start, end in extracted:
            PostcodeRangeFactory(neighbourhood=obj, start=start, end=end)


class PostcodeRangeFactory(DjangoModelFactory):
    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    start = "4201"
    end = "4203"

    class Meta:
        model = PostcodeRange


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A live page with publication dates, as if an editor had published it."""

    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.SelfAttribute("first_published_at")

    class Meta:
        abstract = True


class SuggestionFactory(DjangoModelFactory):
    """A resident's tip; ``kind="organisatie"`` for the sociale kaart."""

    site = factory.LazyFunction(default_site)
    kind = SuggestionKind.EVENT
    title = factory.Sequence(lambda n: f"Koffieochtend in de buurt ({n})")
    description = "Elke week koffie en een praatje, iedereen is welkom."
    when = factory.LazyAttribute(
        lambda obj: "elke dinsdag 10 uur" if obj.kind == SuggestionKind.EVENT else ""
    )
    where = factory.LazyAttribute(
        lambda obj: "Buurthuis De Linde" if obj.kind == SuggestionKind.EVENT else ""
    )
    website = ""
    neighbourhood = None
    name = "Ans"
    email = ""
    contact_consent = False
    status = SuggestionStatus.NEW

    class Meta:
        model = Suggestion
