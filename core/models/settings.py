"""Branding, footer and statements of one municipality platform (one per Site).

The privacy and accessibility statements are generated from these settings
and the privacy register (``core/statements.py``); a link in
``privacy_statement_url`` or ``accessibility_statement_url`` replaces them
with the municipality's own statement.
"""

from dataclasses import dataclass

from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from core.validators import safe_link_or_path

colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Geef een kleur als #rrggbb, bijvoorbeeld #005a9c.")
)


@dataclass(frozen=True)
class AreaWords:
    """What a platform calls its areas, in every form a sentence needs.

    ``{{ area_word }}`` in a template reads "wijk" or "dorp";
    ``{{ area_word.plural }}`` "wijken" or "dorpen"; ``{{ area_word.the }}``
    "de wijk" or "het dorp"; ``{{ area_word.this }}`` "deze wijk" or "dit dorp";
    ``{{ area_word.which }}`` "welke wijk" or "welk dorp".
    """

    singular: str
    plural: str
    the: str
    this: str
    which: str

    def __str__(self) -> str:
        return str(self.singular)


class AreaTerm(models.TextChoices):
    WIJK = "wijk", _("wijk (wijken)")
    DORP = "dorp", _("dorp (dorpen)")
    KERN = "kern", _("kern (kernen)")
    BUURT = "buurt", _("buurt (buurten)")


AREA_WORDS = {
    AreaTerm.WIJK: AreaWords(
        singular=pgettext_lazy("area", "wijk"),
        plural=pgettext_lazy("area", "wijken"),
        the=pgettext_lazy("area", "de wijk"),
        this=pgettext_lazy("area", "deze wijk"),
        which=pgettext_lazy("area", "welke wijk"),
    ),
    AreaTerm.DORP: AreaWords(
        singular=pgettext_lazy("area", "dorp"),
        plural=pgettext_lazy("area", "dorpen"),
        the=pgettext_lazy("area", "het dorp"),
        this=pgettext_lazy("area", "dit dorp"),
        which=pgettext_lazy("area", "welk dorp"),
    ),
    AreaTerm.KERN: AreaWords(
        singular=pgettext_lazy("area", "kern"),
        plural=pgettext_lazy("area", "kernen"),
        the=pgettext_lazy("area", "de kern"),
        this=pgettext_lazy("area", "deze kern"),
        which=pgettext_lazy("area", "welke kern"),
    ),
    AreaTerm.BUURT: AreaWords(
        singular=pgettext_lazy("area", "buurt"),
        plural=pgettext_lazy("area", "buurten"),
        the=pgettext_lazy("area", "de buurt"),
        this=pgettext_lazy("area", "deze buurt"),
        which=pgettext_lazy("area", "welke buurt"),
    ),
}


class AccessibilityStatus(models.TextChoices):
    """The statuses of the Dutch model accessibility statement
    (toegankelijkheidsverklaring.nl), from best to worst."""

    A = "A", _("A: voldoet volledig")
    B = "B", _("B: voldoet gedeeltelijk")
    C = "C", _("C: eerste maatregelen genomen")
    D = "D", _("D: eerste maatregelen nog niet genomen")
    E = "E", _("E: voldoet niet")


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
    area_term = models.CharField(
        _("woord voor de gebieden"),
        max_length=10,
        choices=AreaTerm.choices,
        default=AreaTerm.WIJK,
        help_text=_(
            "Hoe bewoners hun gebied noemen. Een gemeente met dorpen kiest "
            "'dorp': dan staat er overal 'Kies je dorp' en 'Alle dorpen'."
        ),
    )
    privacy_statement_url = models.CharField(
        _("link naar een eigen privacyverklaring"),
        max_length=255,
        blank=True,
        validators=[safe_link_or_path],
        help_text=_(
            "Laat leeg: dan maakt het platform de privacyverklaring zelf, uit "
            "het privacyregister en de gegevens hieronder (op /privacyverklaring/). "
            "Vul alleen iets in als de gemeente een eigen verklaring heeft: een "
            "volledig webadres of een pad op deze site."
        ),
    )
    privacy_contact_email = models.EmailField(
        _("e-mailadres voor vragen over privacy"),
        blank=True,
        help_text=_(
            "Waar een bewoner zijn gegevens kan opvragen of laten wissen. Leeg: "
            "het e-mailadres voor contact."
        ),
    )
    privacy_postal_address = models.TextField(
        _("postadres van de gemeente"),
        blank=True,
        help_text=_(
            "Voor wie liever een brief stuurt. Bijvoorbeeld: Postbus 1, "
            "4200 AA Merwestad."
        ),
    )
    dpo_name = models.CharField(
        _("functionaris gegevensbescherming"),
        max_length=100,
        blank=True,
        help_text=_(
            "Naam of functie van de functionaris gegevensbescherming (FG) van "
            "de gemeente."
        ),
    )
    dpo_email = models.EmailField(
        _("e-mailadres van de functionaris gegevensbescherming"), blank=True
    )
    accessibility_statement_url = models.CharField(
        _("link naar een eigen toegankelijkheidsverklaring"),
        max_length=255,
        blank=True,
        validators=[safe_link_or_path],
        help_text=_(
            "Laat leeg: dan maakt het platform de toegankelijkheidsverklaring "
            "zelf, uit de gegevens hieronder (op /toegankelijkheidsverklaring/). "
            "Vul alleen iets in als de gemeente een eigen verklaring heeft, "
            "bijvoorbeeld in het register van toegankelijkheidsverklaring.nl."
        ),
    )
    accessibility_status = models.CharField(
        _("status van de toegankelijkheid"),
        max_length=1,
        choices=AccessibilityStatus.choices,
        default=AccessibilityStatus.C,
        help_text=_(
            "Zoals in het model van toegankelijkheidsverklaring.nl. A of B mag "
            "alleen na een onderzoek door een deskundige partij (een audit) "
            "volgens WCAG 2.1 AA."
        ),
    )
    accessibility_evaluated_on = models.DateField(
        _("datum van de verklaring of het laatste onderzoek"),
        null=True,
        blank=True,
    )
    accessibility_audit_url = models.CharField(
        _("link naar het onderzoeksrapport"),
        max_length=255,
        blank=True,
        validators=[safe_link_or_path],
        help_text=_("Het rapport van de audit, als die er is."),
    )
    accessibility_known_issues = models.TextField(
        _("bekende problemen"),
        blank=True,
        help_text=_(
            "Wat nog niet goed werkt en wanneer het opgelost is, één probleem "
            "per regel. Bijvoorbeeld: 'Sommige oude pdf's zijn niet "
            "toegankelijk. Vraag ons de tekst.'"
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
            ],
            heading=_("Onderaan elke pagina"),
        ),
        FieldPanel("area_term"),
        MultiFieldPanel(
            [
                FieldPanel("privacy_contact_email"),
                FieldPanel("privacy_postal_address"),
                FieldPanel("dpo_name"),
                FieldPanel("dpo_email"),
                FieldPanel("privacy_statement_url"),
            ],
            heading=_("Privacyverklaring"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("accessibility_status"),
                FieldPanel("accessibility_evaluated_on"),
                FieldPanel("accessibility_audit_url"),
                FieldPanel("accessibility_known_issues"),
                FieldPanel("accessibility_statement_url"),
            ],
            heading=_("Toegankelijkheidsverklaring"),
        ),
    ]

    @property
    def area_words(self) -> AreaWords:
        return AREA_WORDS.get(self.area_term, AREA_WORDS[AreaTerm.WIJK])

    @property
    def privacy_statement_link(self) -> str:
        """Where every link to the privacy statement points: the municipality's
        own statement, or the one this platform generates."""
        return self.privacy_statement_url or reverse("privacy_statement")

    @property
    def accessibility_statement_link(self) -> str:
        return self.accessibility_statement_url or reverse("accessibility_statement")

    @property
    def privacy_email(self) -> str:
        return self.privacy_contact_email or self.contact_email

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
