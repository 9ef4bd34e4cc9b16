from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.api_fields import HomeHighlightsField, StreamBodyField, TaxonomyListField
from core.blocks import BodyStreamBlock
from core.inline_panels import InlinePanel
from core.models import BasePage


class HomePage(BasePage):
    """The start page of one municipality platform (the root of a Wagtail Site)."""

    page_description = _("De voorpagina van het platform. Die is er al.")

    welcome = models.CharField(
        _("welkomstkop"),
        max_length=120,
        blank=True,
        help_text=_("Een korte zin bovenaan, bijvoorbeeld 'Samen maken we de buurt'."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("welcome"),
        InlinePanel(
            "highlights",
            heading=_("Uitgelicht"),
            label=_("uitgelicht item"),
            max_num=6,
            help_text=_(
                "Pagina's die je extra aandacht wilt geven, bovenaan de homepage."
            ),
        ),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("welcome"),
        APIField("highlighted_pages", serializer=HomeHighlightsField()),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "neighbourhoods.NeighbourhoodIndexPage",
        "socialmap.SocialMapPage",
        "agenda.AgendaPage",
        "vacancies.VacancyIndexPage",
        "news.NewsIndexPage",
        "helpboard.HelpBoardPage",
        "home.ContentPage",
    ]

    class Meta:
        verbose_name = _("homepage")
        verbose_name_plural = _("homepages")

    @property
    def highlighted_pages(self) -> list[dict]:
        """The highlights that are live and public, for the API."""
        from home.selectors import live_highlights

        # A path on this site, not its stored host (Site.root_url).
        site = self.get_site()
        return [
            {
                "id": highlight["page"].pk,
                "title": highlight["title"],
                "introduction": highlight["introduction"],
                "url": highlight["page"].relative_url(site),
            }
            for highlight in live_highlights(page=self)
        ]

    def get_context(self, request, *args, **kwargs):
        from home.selectors import home_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_page_context(page=self, request=request))
        return context


class HomePageHighlight(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="highlights")
    highlighted_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("pagina"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("andere titel"),
        max_length=120,
        blank=True,
        help_text=_("Leeg laten om de titel van de pagina te gebruiken."),
    )

    panels = [FieldPanel("highlighted_page"), FieldPanel("title")]
    api_fields = [APIField("highlighted_page"), APIField("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("uitgelicht item")
        verbose_name_plural = _("uitgelichte items")

    @property
    def display_title(self) -> str:
        return self.title or self.highlighted_page.title


class ContentPage(BasePage):
    """A guide (gids) page: plain information, nestable into chapters."""

    page_description = _(
        "Een gewone pagina met uitleg, bijvoorbeeld 'Over ons' of een handleiding."
    )

    body = StreamField(BodyStreamBlock(), verbose_name=_("inhoud"), blank=True)
    themes = ParentalManyToManyField(
        "core.Theme", verbose_name=_("thema's"), blank=True, related_name="+"
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("body"),
        FieldPanel("themes"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("body", serializer=StreamBodyField()),
        APIField("themes", serializer=TaxonomyListField()),
    ]

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]

    class Meta:
        verbose_name = _("gidspagina")
        verbose_name_plural = _("gidspagina's")

    def get_context(self, request, *args, **kwargs):
        from home.selectors import guide_chapters

        context = super().get_context(request, *args, **kwargs)
        context["chapters"] = guide_chapters(page=self)
        return context
