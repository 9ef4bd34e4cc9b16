"""Residents' requests for and offers of help: moderated models, not pages."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from core.models import IndexPage
from core.models.taxonomies import neighbourhood_site_check


class HelpBoardPage(IndexPage):
    """'Vraag & aanbod': the published requests and offers of help of this site."""

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    listing_selector = "helpboard.selectors.help_board_listing"

    class Meta:
        verbose_name = _("vraag en aanbod")
        verbose_name_plural = _("vraag en aanbod")


class HelpStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Ingediend")
    PUBLISHED = "published", _("Gepubliceerd")
    CLOSED = "closed", _("Afgesloten")
    REJECTED = "rejected", _("Afgewezen")


class HelpPost(models.Model):
    """What a request and an offer share. Contact details are never shown publicly."""

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("platform"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood",
        verbose_name=_("wijk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    theme = models.ForeignKey(
        "core.Theme",
        verbose_name=_("thema"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("korte titel"), max_length=120)
    description = models.TextField(_("omschrijving"), max_length=2000)
    first_name = models.CharField(
        _("voornaam"), max_length=60, help_text=_("Alleen de voornaam komt op de site.")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=HelpStatus.choices,
        default=HelpStatus.SUBMITTED,
        db_index=True,
    )
    moderation_note = models.TextField(
        _("notitie van de moderator"),
        blank=True,
        help_text=_("Alleen zichtbaar voor buurtverbinders en communicatie."),
    )
    created_at = models.DateTimeField(_("ingediend op"), default=timezone.now)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)

    panels = [
        FieldRowPanel(
            [FieldPanel("site"), FieldPanel("neighbourhood"), FieldPanel("theme")]
        ),
        FieldPanel("title"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("first_name"), FieldPanel("email"), FieldPanel("phone")],
            heading=_("Contact (niet openbaar)"),
        ),
        FieldPanel("status"),
        FieldPanel("moderation_note"),
    ]

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        neighbourhood_site_check(
            neighbourhood_id=self.neighbourhood_id,
            neighbourhood=self.neighbourhood,
            site_id=self.site_id,
        )


class HelpRequest(HelpPost):
    class Meta(HelpPost.Meta):
        verbose_name = _("hulpvraag")
        verbose_name_plural = _("hulpvragen")


class HelpOffer(HelpPost):
    class Meta(HelpPost.Meta):
        verbose_name = _("hulpaanbod")
        verbose_name_plural = _("hulpaanbiedingen")
