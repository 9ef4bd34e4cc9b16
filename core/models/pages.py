"""The abstract page every Buurtplein page type builds on, and its field groups."""

from django.db import models
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index
from wagtail.utils.decorators import cached_classmethod

from core.api_fields import TaxonomyListField
from core.page_forms import SiteScopedPageForm
from core.panels import EditorAdvicePanel, LiveAdvicePanel
from core.rich_text import page_rich_text_normalise


class BasePage(Page):
    """Title and a short plain-language introduction, shown in listings too."""

    introduction = models.TextField(
        _("inleiding"),
        blank=True,
        max_length=500,
        help_text=_(
            "Eén of twee zinnen: waar gaat het over? Staat ook in overzichten en "
            "zoekresultaten."
        ),
    )

    base_form_class = SiteScopedPageForm

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.AutocompleteField("title"),
    ]
    api_fields = [APIField("introduction")]

    # Wagtail validates a page before every save and every new revision, by
    # whichever way it comes (editor, API, imports, the demo): its rich text is
    # put in the editor's format there, so that opening the page in the editor
    # and saving it unchanged is no change (see core/rich_text.py).
    def full_clean(self, *args, **kwargs):
        page_rich_text_normalise(page=self)
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        page_rich_text_normalise(page=self)
        super().minimal_clean()

    @cached_classmethod
    def get_edit_handler(cls):
        """Wagtail's tabs (content, promote, settings) plus "Advies": what the
        apps advise on the page, such as the taalcheck, before it is submitted.
        """
        tabs = [
            ObjectList(panels, heading=heading)
            for panels, heading in (
                ([*cls.content_panels, LiveAdvicePanel()], _("Inhoud")),
                (cls.promote_panels, _("Promotie")),
                (cls.settings_panels, _("Instellingen")),
            )
            if panels
        ]
        tabs.append(ObjectList([EditorAdvicePanel()], heading=_("Advies")))
        return TabbedInterface(tabs, base_form_class=cls.base_form_class).bind_to_model(
            cls
        )

    class Meta:
        abstract = True


class IndexPage(BasePage):
    """A page that gathers items from the whole site (agenda, nieuws, ...)."""

    max_count_per_parent = 1
    #: Dotted path of the selector giving the listing's template context; it is
    #: called as ``selector(request=request, index_page=page)``.
    listing_selector = ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.listing_selector:
            selector = import_string(self.listing_selector)
            context.update(selector(request=request, index_page=self))
        return context

    class Meta:
        abstract = True


class TaxonomyMixin(models.Model):
    """Which wijken and themes an item concerns. No wijk means the whole town."""

    neighbourhoods = ParentalManyToManyField(
        "core.Neighbourhood",
        verbose_name=_("wijken"),
        blank=True,
        related_name="+",
        help_text=_(
            "Over welke wijken gaat het? Leeg laten als het voor de hele gemeente is."
        ),
    )
    themes = ParentalManyToManyField(
        "core.Theme", verbose_name=_("thema's"), blank=True, related_name="+"
    )

    taxonomy_panels = [
        MultiFieldPanel(
            [FieldPanel("neighbourhoods"), FieldPanel("themes")],
            heading=_("Wijken en thema's"),
        )
    ]
    taxonomy_search_fields = [
        index.RelatedFields("neighbourhoods", [index.SearchField("name")]),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.FilterField("neighbourhoods"),
        index.FilterField("themes"),
    ]
    taxonomy_api_fields = [
        APIField("neighbourhoods", serializer=TaxonomyListField()),
        APIField("themes", serializer=TaxonomyListField()),
    ]

    class Meta:
        abstract = True
