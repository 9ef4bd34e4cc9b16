from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.api_fields import (
    ImageField,
    PublicConnectorsField,
    StreamBodyField,
    TaxonomyItemField,
)
from core.blocks import BodyStreamBlock, image_api_representation
from core.inline_panels import InlinePanel
from core.models import BasePage, IndexPage


class NeighbourhoodIndexPage(IndexPage):
    """'Wijken': every wijk of the platform, and 'find your wijk by postcode'."""

    page_description = _("Het overzicht van alle wijken. Die is er al.")

    parent_page_types = ["home.HomePage"]
    subpage_types = ["neighbourhoods.NeighbourhoodPage"]

    class Meta:
        verbose_name = _("wijkenoverzicht")
        verbose_name_plural = _("wijkenoverzichten")

    def get_context(self, request, *args, **kwargs):
        from neighbourhoods.selectors import neighbourhood_pages

        context = super().get_context(request, *args, **kwargs)
        context["neighbourhood_pages"] = neighbourhood_pages(index_page=self)
        return context


class NeighbourhoodPage(RoutablePageMixin, BasePage):
    """A wijk or village kern: its buurtverbinders, news, events and initiatives."""

    page_description = _(
        "De pagina van één wijk of dorpskern, met de buurtverbinders en het nieuws "
        "van daar."
    )

    neighbourhood = models.OneToOneField(
        "core.Neighbourhood",
        verbose_name=_("wijk"),
        on_delete=models.PROTECT,
        related_name="page",
        help_text=_("Welke wijk deze pagina beschrijft."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("foto van de wijk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("over de wijk"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("neighbourhood"),
        FieldPanel("image"),
        FieldPanel("body"),
        InlinePanel(
            "connectors",
            heading=_("Buurtverbinders"),
            label=_("buurtverbinder"),
            help_text=_(
                "Alleen zichtbaar als de buurtverbinder toestemming heeft gegeven."
            ),
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.RelatedFields("neighbourhood", [index.SearchField("name")]),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("neighbourhood", serializer=TaxonomyItemField()),
        APIField("image", serializer=ImageField()),
        APIField("body", serializer=StreamBodyField()),
        APIField("public_connectors", serializer=PublicConnectorsField()),
    ]

    parent_page_types = ["neighbourhoods.NeighbourhoodIndexPage"]
    subpage_types = ["news.NewsPage", "agenda.EventPage", "vacancies.VacancyPage"]

    class Meta:
        verbose_name = _("wijkpagina")
        verbose_name_plural = _("wijkpagina's")

    @property
    def public_connectors(self) -> list[dict]:
        """Buurtverbinders who consented to be shown, for the API."""
        return [
            {
                "name": connector.name,
                "text": connector.text,
                "consultation_when": connector.consultation_when,
                "consultation_where": connector.consultation_where,
                "photo": image_api_representation(connector.photo, spec="fill-400x400"),
            }
            for connector in self.connectors.all()
            if connector.consent
        ]

    @path("buurtverbinder/<int:connector_id>/vraag/", name="connector_question")
    def connector_question_route(self, request, connector_id):
        from .views import connector_question

        return connector_question(request, wijk_page=self, connector_id=connector_id)

    @path(
        "buurtverbinder/<int:connector_id>/vraag/verstuurd/",
        name="connector_question_sent",
    )
    def connector_question_sent_route(self, request, connector_id):
        from .views import connector_question_sent

        return connector_question_sent(
            request, wijk_page=self, connector_id=connector_id
        )

    def get_context(self, request, *args, **kwargs):
        from neighbourhoods.selectors import neighbourhood_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(neighbourhood_page_context(page=self, request=request))
        return context


class Connector(Orderable):
    """A buurtverbinder: a resident who connects people in the wijk."""

    page = ParentalKey(
        NeighbourhoodPage, on_delete=models.CASCADE, related_name="connectors"
    )
    name = models.CharField(_("naam"), max_length=100)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(
        _("korte tekst"),
        blank=True,
        max_length=400,
        help_text=_("Wie ben je en waarvoor kunnen buren je vinden?"),
    )
    consultation_when = models.CharField(
        _("spreekuur: wanneer"),
        max_length=120,
        blank=True,
        help_text=_("Bijvoorbeeld 'Elke dinsdag van 10.00 tot 12.00 uur'."),
    )
    consultation_where = models.CharField(
        _("spreekuur: waar"),
        max_length=120,
        blank=True,
        help_text=_("Bijvoorbeeld 'Buurthuis De Brug, Molenstraat 4'."),
    )
    email = models.EmailField(
        _("e-mailadres"),
        blank=True,
        help_text=_(
            "Vragen via 'Stel je vraag' komen hier binnen. Het adres staat niet "
            "op de site."
        ),
    )
    consent = models.BooleanField(
        _("toestemming om naam en foto te tonen"),
        default=False,
        help_text=_("Zonder toestemming staat deze buurtverbinder niet op de site."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("photo"),
        FieldPanel("text"),
        FieldPanel("consultation_when"),
        FieldPanel("consultation_where"),
        FieldPanel("email"),
        FieldPanel("consent"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("buurtverbinder")
        verbose_name_plural = _("buurtverbinders")

    def __str__(self) -> str:
        return self.name
