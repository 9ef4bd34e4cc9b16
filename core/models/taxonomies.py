"""Taxonomies shared by all content: wijken (per site), themes and target groups."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.search import index

from core.inline_panels import InlinePanel

POSTCODE_PATTERN = re.compile(r"^\s*(\d{4})\s*([A-Za-z]{2})?\s*$")


def normalise_postcode(value: str, *, upper_bound: bool = False) -> str | None:
    """'4205 ab' -> '4205AB'; '4205' -> '4205AA' (or '4205ZZ' as an upper bound).

    Returns None for anything that is not a Dutch postcode.
    """
    match = POSTCODE_PATTERN.match(value or "")
    if not match:
        return None
    digits, letters = match.groups()
    if digits.startswith("0"):
        return None
    if letters is None:
        letters = "ZZ" if upper_bound else "AA"
    return f"{digits}{letters.upper()}"


class Theme(index.Indexed, models.Model):
    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(
        _("korte naam voor in de adresbalk"),
        max_length=100,
        unique=True,
        help_text=_("Kleine letters en streepjes, bijvoorbeeld 'geldzaken'."),
    )
    description = models.TextField(_("omschrijving"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    api_fields = [APIField("name"), APIField("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")

    def __str__(self) -> str:
        return self.name


class TargetGroup(index.Indexed, models.Model):
    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(
        _("korte naam voor in de adresbalk"), max_length=100, unique=True
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    api_fields = [APIField("name"), APIField("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")

    def __str__(self) -> str:
        return self.name


def neighbourhood_site_check(*, neighbourhood_id, neighbourhood, site_id) -> None:
    """A resident's submission names a wijk of its own platform, or none."""
    if neighbourhood_id and site_id and neighbourhood.site_id != site_id:
        raise ValidationError(
            {"neighbourhood": _("Deze wijk hoort bij een ander platform.")}
        )


class Neighbourhood(index.Indexed, ClusterableModel):
    """A wijk (or a village kern) of one municipality platform (Wagtail Site)."""

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("platform"),
        on_delete=models.CASCADE,
        related_name="neighbourhoods",
        help_text=_("Het platform (de gemeente) waar deze wijk bij hoort."),
    )
    name = models.CharField(_("naam"), max_length=100)
    slug = models.SlugField(
        _("korte naam voor in de adresbalk"),
        max_length=100,
        help_text=_("Kleine letters en streepjes, bijvoorbeeld 'west'."),
    )
    cbs_code = models.CharField(
        _("CBS-wijkcode"),
        max_length=8,
        blank=True,
        validators=[
            RegexValidator(
                r"^WK\d{6}$",
                _("Een CBS-wijkcode is 'WK' met zes cijfers, bijvoorbeeld WK051201."),
            )
        ],
        help_text=_("Niet verplicht. Zo koppel je de wijk aan cijfers van het CBS."),
    )

    panels = [
        FieldPanel("site"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("cbs_code"),
        InlinePanel(
            "postcode_ranges",
            heading=_("Postcodes"),
            label=_("postcodegebied"),
            help_text=_("Zo vinden bewoners hun wijk met hun postcode."),
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    api_fields = [APIField("name"), APIField("slug"), APIField("cbs_code")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "slug"], name="unique_neighbourhood_slug_per_site"
            ),
            models.UniqueConstraint(
                fields=["site", "name"], name="unique_neighbourhood_name_per_site"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PostcodeRange(models.Model):
    """A range of postcodes, inclusive: 4201 to 4203, or 4204AA to 4204KZ."""

    neighbourhood = ParentalKey(
        Neighbourhood, on_delete=models.CASCADE, related_name="postcode_ranges"
    )
    start = models.CharField(
        _("van postcode"),
        max_length=7,
        help_text=_("Vier cijfers, eventueel met letters: 4201 of 4201 AA."),
    )
    end = models.CharField(
        _("tot en met postcode"),
        max_length=7,
        help_text=_("Vier cijfers, eventueel met letters: 4203 of 4203 ZZ."),
    )

    panels = [FieldPanel("start"), FieldPanel("end")]

    class Meta:
        ordering = ["start"]
        verbose_name = _("postcodegebied")
        verbose_name_plural = _("postcodegebieden")

    def __str__(self) -> str:
        return f"{self.start} - {self.end}"

    def save(self, *args, **kwargs):
        # Stored normalised ('4201AA'), so a range lookup is a string comparison.
        self.start = normalise_postcode(self.start) or self.start
        self.end = normalise_postcode(self.end, upper_bound=True) or self.end
        super().save(*args, **kwargs)

    def clean(self) -> None:
        start = normalise_postcode(self.start)
        end = normalise_postcode(self.end, upper_bound=True)
        errors = {}
        if start is None:
            errors["start"] = _(
                "Dit is geen Nederlandse postcode, zoals 4201 of 4201 AA."
            )
        if end is None:
            errors["end"] = _(
                "Dit is geen Nederlandse postcode, zoals 4203 of 4203 ZZ."
            )
        if errors:
            raise ValidationError(errors)
        if start > end:
            raise ValidationError(
                {"end": _("De laatste postcode komt vóór de eerste. Draai ze om.")}
            )
        self.start, self.end = start, end
