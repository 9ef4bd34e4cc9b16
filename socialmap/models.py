from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from core.api_fields import (
    ImageField,
    OpeningHoursExceptionsField,
    OpeningHoursField,
    TaxonomyListField,
)
from core.inline_panels import InlinePanel
from core.models import BasePage, IndexPage, TaxonomyMixin
from core.validators import safe_web_url

from .hours_widget import WeekHoursPanel
from .panels import FactChangesPanel, LocationPinPanel

# Suggestions change only when an organisation is published or renamed.
SUGGESTIONS_MAX_AGE = 300


class SocialMapPage(RoutablePageMixin, IndexPage):
    """'Sociale kaart': who offers which help, where and when."""

    page_description = _(
        "De sociale kaart: het overzicht van alle organisaties. Die is er al."
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = ["socialmap.OrganisationPage"]
    listing_selector = "socialmap.selectors.organisation_listing"

    @path("suggesties/", name="suggestions")
    def suggestions(self, request):
        """Organisation names like what the resident is typing, as JSON for
        the search box (static/js/suggestions.js)."""
        from .suggestions import organisation_suggestions

        query = request.GET.get("q", "")
        found = organisation_suggestions(
            query=query, site=self.get_site(), request=request
        )
        response = JsonResponse(
            {
                "query": query,
                "suggestions": [{"name": item.name, "url": item.url} for item in found],
            }
        )
        patch_cache_control(response, public=True, max_age=SUGGESTIONS_MAX_AGE)
        return response

    class Meta:
        verbose_name = _("sociale kaart")
        verbose_name_plural = _("sociale kaarten")


class OrganisationPage(TaxonomyMixin, BasePage):
    """An organisation's profile; the municipality itself is one of them."""

    page_description = _(
        "Een organisatie op de sociale kaart: wat ze doen, "
        "waar en wanneer ze open zijn."
    )

    description = RichTextField(
        _("beschrijving"),
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("Wat doet de organisatie, voor wie, en hoe kom je in contact?"),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True, validators=[safe_web_url])
    target_groups = ParentalManyToManyField(
        "core.TargetGroup", verbose_name=_("doelgroepen"), blank=True, related_name="+"
    )
    external_id = models.CharField(
        _("extern kenmerk"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_(
            "Het nummer in de spreadsheet of het bronsysteem. Een nieuwe import "
            "werkt de organisatie met dit kenmerk bij."
        ),
    )
    last_checked = models.DateField(
        _("laatst gecontroleerd"),
        null=True,
        blank=True,
        help_text=_("Wanneer iemand de gegevens voor het laatst heeft nagelopen."),
    )

    content_panels = [
        FactChangesPanel(),
        FieldPanel("title", heading=_("Naam van de organisatie")),
        FieldPanel("introduction", heading=_("Samenvatting")),
        FieldPanel("description"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")],
            heading=_("Contact"),
        ),
        InlinePanel("services", heading=_("Diensten"), label=_("dienst")),
        InlinePanel("locations", heading=_("Locaties"), label=_("locatie")),
        *TaxonomyMixin.taxonomy_panels,
        FieldPanel("target_groups"),
        MultiFieldPanel(
            [FieldPanel("last_checked"), FieldPanel("external_id")],
            heading=_("Bijhouden"),
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        *TaxonomyMixin.taxonomy_search_fields,
        index.SearchField("description"),
        index.RelatedFields(
            "services",
            [index.SearchField("name"), index.SearchField("description")],
        ),
        index.RelatedFields(
            "locations",
            [
                index.SearchField("city"),
                index.SearchField("street_address"),
                index.SearchField("accessibility_notes"),
            ],
        ),
        index.RelatedFields("target_groups", [index.SearchField("name")]),
        index.FilterField("target_groups"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("description"),
        APIField("logo", serializer=ImageField(spec="max-400x400")),
        APIField("phone"),
        APIField("email"),
        APIField("website"),
        APIField("services"),
        APIField("locations"),
        *TaxonomyMixin.taxonomy_api_fields,
        APIField("target_groups", serializer=TaxonomyListField()),
        APIField("last_checked"),
    ]

    parent_page_types = ["socialmap.SocialMapPage"]
    subpage_types = ["agenda.EventPage", "vacancies.VacancyPage", "news.NewsPage"]

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    # Facts (editorial.fact_changes): a change to only these, here and in the
    # locations, skips the taalcheck and shows Communicatie old → new.
    fact_fields = ("phone", "email", "website", "last_checked")

    def fact_summary(self) -> dict[str, str]:
        from .facts import organisation_facts

        return organisation_facts(self)

    def get_context(self, request, *args, **kwargs):
        from socialmap.selectors import organisation_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(organisation_page_context(page=self))
        return context


class SupportLevel(models.TextChoices):
    """The 'leefringen': the lightest fitting help comes first."""

    SELF = "self", _("Zelf doen")
    NETWORK = "network", _("Met je eigen netwerk")
    GENERAL = "general", _("Algemene voorziening, voor iedereen")
    INDIVIDUAL = "individual", _("Maatwerk via de gemeente")


class Service(Orderable):
    page = ParentalKey(
        OrganisationPage, on_delete=models.CASCADE, related_name="services"
    )
    name = models.CharField(_("naam"), max_length=150)
    description = models.TextField(_("wat houdt het in"), blank=True)
    for_whom = models.CharField(
        _("voor wie"),
        max_length=250,
        blank=True,
        help_text=_("Bijvoorbeeld 'ouderen in de wijk' of 'iedereen'."),
    )
    cost = models.CharField(
        _("kosten"),
        max_length=150,
        blank=True,
        help_text=_("Bijvoorbeeld 'gratis' of '€ 2,50 per keer'."),
    )
    is_free = models.BooleanField(_("gratis"), default=False)
    how_to_apply = models.TextField(
        _("hoe vraag je het aan"),
        blank=True,
        help_text=_("Gewoon binnenlopen, bellen, of een aanvraag bij de gemeente?"),
    )
    support_level = models.CharField(
        _("soort hulp"),
        max_length=20,
        choices=SupportLevel.choices,
        blank=True,
        help_text=_("Zo zien bewoners de lichtste passende hulp eerst."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("for_whom"),
        FieldRowPanel([FieldPanel("cost"), FieldPanel("is_free")]),
        FieldPanel("how_to_apply"),
        FieldPanel("support_level"),
    ]
    api_fields = [
        APIField("name"),
        APIField("description"),
        APIField("for_whom"),
        APIField("cost"),
        APIField("is_free"),
        APIField("how_to_apply"),
        APIField("support_level"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("dienst")
        verbose_name_plural = _("diensten")

    def __str__(self) -> str:
        return self.name


class Location(Orderable, ClusterableModel):
    page = ParentalKey(
        OrganisationPage, on_delete=models.CASCADE, related_name="locations"
    )
    name = models.CharField(
        _("naam van de locatie"),
        max_length=150,
        blank=True,
        help_text=_("Bijvoorbeeld 'Buurthuis De Schakel'. Mag leeg."),
    )
    street_address = models.CharField(_("straat en huisnummer"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("plaats"), max_length=100)
    latitude = models.DecimalField(
        _("breedtegraad"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("lengtegraad"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    accessibility_notes = models.TextField(
        _("toegankelijkheid"),
        blank=True,
        help_text=_(
            "Bijvoorbeeld: drempelvrij, invalidentoilet, ringleiding, parkeren."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("street_address"),
        FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        LocationPinPanel(),
        FieldPanel("accessibility_notes"),
        WeekHoursPanel(
            "opening_hours", heading=_("Openingstijden"), label=_("openingstijd")
        ),
        InlinePanel(
            "hours_exceptions",
            heading=_("Afwijkende dagen"),
            label=_("afwijkende dag"),
            help_text=_("Feestdagen, vakanties of een dag dicht."),
        ),
    ]
    api_fields = [
        APIField("name"),
        APIField("street_address"),
        APIField("postcode"),
        APIField("city"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("accessibility_notes"),
        APIField("hours", serializer=OpeningHoursField()),
        APIField("exceptions", serializer=OpeningHoursExceptionsField()),
    ]

    fact_fields = (
        "street_address",
        "postcode",
        "city",
        "latitude",
        "longitude",
        "opening_hours",
        "hours_exceptions",
    )

    class Meta(Orderable.Meta):
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")

    def __str__(self) -> str:
        place = f"{self.street_address}, {self.city}"
        return f"{self.name} ({place})" if self.name else place

    @property
    def hours(self) -> list[dict]:
        """Opening hours per weekday (0 = Monday), for the API."""
        return [
            {
                "weekday": slot.weekday,
                "opens": slot.opens.isoformat("minutes"),
                "closes": slot.closes.isoformat("minutes"),
            }
            for slot in self.opening_hours.all()
        ]

    @property
    def exceptions(self) -> list[dict]:
        return [
            {
                "date": exception.date.isoformat(),
                "closed": exception.closed,
                "opens": exception.opens.isoformat("minutes")
                if exception.opens
                else None,
                "closes": exception.closes.isoformat("minutes")
                if exception.closes
                else None,
                "reason": exception.reason,
            }
            for exception in self.hours_exceptions.all()
        ]


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("maandag")
    TUESDAY = 1, _("dinsdag")
    WEDNESDAY = 2, _("woensdag")
    THURSDAY = 3, _("donderdag")
    FRIDAY = 4, _("vrijdag")
    SATURDAY = 5, _("zaterdag")
    SUNDAY = 6, _("zondag")


class OpeningHours(Orderable):
    """One opening period on a weekday; a day can have several (morning, evening)."""

    location = ParentalKey(
        Location, on_delete=models.CASCADE, related_name="opening_hours"
    )
    weekday = models.PositiveSmallIntegerField(_("dag"), choices=Weekday.choices)
    opens = models.TimeField(_("open vanaf"))
    closes = models.TimeField(
        _("dicht om"), help_text=_("Na middernacht? Vul dan bijvoorbeeld 00:30 in.")
    )

    panels = [
        FieldRowPanel(
            [FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")]
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("openingstijd")
        verbose_name_plural = _("openingstijden")

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"


class OpeningHoursException(models.Model):
    """A date with other hours than usual: a holiday, a closure, a late opening."""

    location = ParentalKey(
        Location, on_delete=models.CASCADE, related_name="hours_exceptions"
    )
    date = models.DateField(_("datum"))
    closed = models.BooleanField(_("de hele dag dicht"), default=True)
    opens = models.TimeField(_("open vanaf"), null=True, blank=True)
    closes = models.TimeField(_("dicht om"), null=True, blank=True)
    reason = models.CharField(
        _("reden"),
        max_length=100,
        blank=True,
        help_text=_("Bijvoorbeeld 'Koningsdag'."),
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("closed")]),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
        FieldPanel("reason"),
    ]

    class Meta:
        ordering = ["date"]
        verbose_name = _("afwijkende dag")
        verbose_name_plural = _("afwijkende dagen")

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.reason}".strip()

    def clean(self) -> None:
        if not self.closed and (self.opens is None or self.closes is None):
            raise ValidationError(
                _("Vul de tijden in, of vink 'de hele dag dicht' aan.")
            )
        if not self.closed:
            from .hours_widget import period_problem

            problem = period_problem(self.opens, self.closes)
            if problem:
                raise ValidationError({"closes": problem})


# Models of their own modules: the search entries and the synonym list.
from .search import OrganisationSearchEntry  # noqa: E402, F401
from .synonyms import SearchSynonym  # noqa: E402, F401
