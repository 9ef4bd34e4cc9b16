"""Branding and footer of one municipality platform (one per Wagtail Site)."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from core.validators import safe_link_or_path

colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Geef een kleur als #rrggbb, bijvoorbeeld #005a9c.")
)


@register_setting(icon="site")
class PlatformSettings(BaseSiteSetting):
    platform_name = models.CharField(
        _("naam van het platform"),
        max_length=100,
        default="Buurtplein",
        help_text=_("Staat bovenaan elke pagina, bijvoorbeeld 'Samen Gorinchem'."),
    )
    municipality = models.CharField(_("gemeente"), max_length=100, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    primary_colour = models.CharField(
        _("hoofdkleur"),
        max_length=7,
        default="#0b5394",
        validators=[colour_validator],
        help_text=_(
            "Voor koppen en knoppen. Kies een donkere kleur: witte tekst erop moet "
            "goed leesbaar blijven."
        ),
    )
    accent_colour = models.CharField(
        _("accentkleur"),
        max_length=7,
        default="#f6b26b",
        validators=[colour_validator],
        help_text=_("Voor lijnen en markeringen, niet voor tekst."),
    )
    footer_text = models.TextField(
        _("tekst onderaan"),
        blank=True,
        help_text=_("Bijvoorbeeld wie het platform maakt en hoe je meedoet."),
    )
    contact_email = models.EmailField(_("e-mailadres voor contact"), blank=True)
    contact_phone = models.CharField(
        _("telefoon voor contact"), max_length=30, blank=True
    )
    privacy_statement_url = models.CharField(
        _("link naar de privacyverklaring"),
        max_length=255,
        blank=True,
        validators=[safe_link_or_path],
        help_text=_("Een volledig webadres of een pad op deze site, zoals /privacy/."),
    )
    accessibility_statement_url = models.CharField(
        _("link naar de toegankelijkheidsverklaring"),
        max_length=255,
        blank=True,
        validators=[safe_link_or_path],
        help_text=_(
            "Een volledig webadres of een pad op deze site, zoals /toegankelijkheid/."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("platform_name"),
                FieldPanel("municipality"),
                FieldPanel("logo"),
            ],
            heading=_("Platform"),
        ),
        MultiFieldPanel(
            [FieldPanel("primary_colour"), FieldPanel("accent_colour")],
            heading=_("Kleuren"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("footer_text"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("privacy_statement_url"),
                FieldPanel("accessibility_statement_url"),
            ],
            heading=_("Onderaan elke pagina"),
        ),
    ]

    class Meta:
        verbose_name = _("platforminstellingen")
        # Not about branding, but core needs one model to hang a permission on:
        # the Beheerders' right to export and erase residents' personal data
        # (Instellingen → Persoonsgegevens, core/personal_data.py).
        permissions = [
            (
                "manage_personal_data",
                _("Persoonsgegevens van bewoners inzien, exporteren en wissen"),
            )
        ]
