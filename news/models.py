from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from core.api_fields import ImageField, StreamBodyField
from core.blocks import BodyStreamBlock
from core.models import BasePage, IndexPage, TaxonomyMixin

from .forms import NewsPageForm


class NewsIndexPage(IndexPage):
    """'Nieuws': every news item of the site, newest first, per wijk and theme."""

    page_description = _(
        "Het overzicht van alle nieuwsberichten. Die is er al; je maakt er zelf geen."
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    listing_selector = "news.selectors.news_listing"

    class Meta:
        verbose_name = _("nieuwsoverzicht")
        verbose_name_plural = _("nieuwsoverzichten")


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPage(TaxonomyMixin, BasePage):
    page_description = _(
        "Een nieuwsbericht: iets wat er gebeurd is of gaat gebeuren in de buurt."
    )
    # No callable default (see news/forms.py): a new item gets today's date
    # from its form, or when it is first validated (add_child, the API, imports).
    date = models.DateField(
        _("datum"), help_text=_("De datum die bij het bericht staat.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("afbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("bericht"), blank=True)
    tags = ClusterTaggableManager(
        through=NewsPageTag,
        verbose_name=_("trefwoorden"),
        blank=True,
        help_text=_("Losse woorden waarop je het bericht kunt vinden."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("date"),
        FieldPanel("image"),
        FieldPanel("body"),
        *TaxonomyMixin.taxonomy_panels,
        FieldPanel("tags"),
    ]
    search_fields = [
        *BasePage.search_fields,
        *TaxonomyMixin.taxonomy_search_fields,
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("date"),
        APIField("image", serializer=ImageField()),
        APIField("body", serializer=StreamBodyField()),
        *TaxonomyMixin.taxonomy_api_fields,
        APIField("tags"),
    ]

    parent_page_types = [
        "news.NewsIndexPage",
        "neighbourhoods.NeighbourhoodPage",
        "socialmap.OrganisationPage",
    ]
    subpage_types: list[str] = []
    base_form_class = NewsPageForm

    def _date_default(self) -> None:
        if self.date is None:
            self.date = timezone.localdate()

    def full_clean(self, *args, **kwargs):
        self._date_default()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        self._date_default()
        super().minimal_clean()

    class Meta:
        verbose_name = _("nieuwsbericht")
        verbose_name_plural = _("nieuwsberichten")
