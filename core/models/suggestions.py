"""Residents' tips for the agenda and the sociale kaart: moderated, not pages."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from core.validators import safe_web_url

from .taxonomies import neighbourhood_site_check


class ReadOnlyURLPanel(FieldPanel):
    """A web address shown as text, not a link. FieldPanel's read-only display
    builds a form field to look for choices; a URL field has none, and building
    one warns about Django 6's default scheme."""

    def __init__(self, field_name, **kwargs):
        kwargs["read_only"] = True
        super().__init__(field_name, **kwargs)

    def format_value_for_display(self, value):
        return value


class SuggestionKind(models.TextChoices):
    # The values are what a resident sees in the address bar (/tip/?soort=...).
    EVENT = "activiteit", _("Activiteit")
    ORGANISATION = "organisatie", _("Organisatie")


class SuggestionStatus(models.TextChoices):
    NEW = "new", _("Nieuw")
    IN_PROGRESS = "in_progress", _("In behandeling")
    PROCESSED = "processed", _("Verwerkt")
    REJECTED = "rejected", _("Afgewezen")


HANDLED_STATUSES = (SuggestionStatus.PROCESSED, SuggestionStatus.REJECTED)


class Suggestion(models.Model):
    """An event or organisation a resident suggests; the moderators add it (or not).

    The resident's contact details are optional and never shown publicly.
    """

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("platform"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(
        _("soort tip"), max_length=20, choices=SuggestionKind.choices
    )
    title = models.CharField(_("naam"), max_length=150)
    description = models.TextField(_("omschrijving"), max_length=2000)
    when = models.CharField(
        _("wanneer"),
        max_length=200,
        blank=True,
        help_text=_("Alleen bij een activiteit, zoals de bewoner het schreef."),
    )
    where = models.CharField(
        _("waar"),
        max_length=200,
        blank=True,
        help_text=_("Alleen bij een activiteit, zoals de bewoner het schreef."),
    )
    website = models.URLField(
        _("website"), max_length=200, blank=True, validators=[safe_web_url]
    )
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood",
        verbose_name=_("wijk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leeg: de hele gemeente, of de bewoner wist het niet."),
    )
    name = models.CharField(_("naam van de bewoner"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail van de bewoner"), blank=True)
    contact_consent = models.BooleanField(
        _("mag gemaild worden"),
        default=False,
        help_text=_("De bewoner vindt het goed dat we mailen over deze tip."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SuggestionStatus.choices,
        default=SuggestionStatus.NEW,
        db_index=True,
    )
    moderator_note = models.TextField(
        _("notitie van de moderator"),
        blank=True,
        help_text=_(
            "Alleen zichtbaar voor buurtverbinders en communicatie. "
            "Bijvoorbeeld: wat je ermee deed, of waarom niet."
        ),
    )
    created_at = models.DateTimeField(_("ingestuurd op"), default=timezone.now)
    handled_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)

    # What the resident wrote is shown, not edited: moderators only set the
    # status and their note.
    panels = [
        FieldRowPanel(
            [
                FieldPanel("kind", read_only=True),
                FieldPanel("neighbourhood", read_only=True),
                FieldPanel("created_at", read_only=True),
            ]
        ),
        FieldPanel("title", read_only=True),
        FieldPanel("description", read_only=True),
        FieldRowPanel(
            [FieldPanel("when", read_only=True), FieldPanel("where", read_only=True)]
        ),
        ReadOnlyURLPanel("website"),
        MultiFieldPanel(
            [
                FieldPanel("name", read_only=True),
                FieldPanel("email", read_only=True),
                FieldPanel("contact_consent", read_only=True),
            ],
            heading=_("Contact (niet openbaar)"),
        ),
        FieldPanel("status"),
        FieldPanel("moderator_note"),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("tip van een bewoner")
        verbose_name_plural = _("tips van bewoners")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        neighbourhood_site_check(
            neighbourhood_id=self.neighbourhood_id,
            neighbourhood=self.neighbourhood,
            site_id=self.site_id,
        )
        if self.email and not self.contact_consent:
            raise ValidationError(
                {
                    "contact_consent": _(
                        "Een e-mailadres bewaren we alleen met toestemming."
                    )
                }
            )
