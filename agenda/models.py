from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.search import index

from core.api_fields import (
    DateListField,
    ImageField,
    MovedDatesField,
    TaxonomyListField,
    TextField,
)
from core.inline_panels import InlinePanel
from core.models import BasePage, IndexPage, TaxonomyMixin
from core.validators import safe_web_url

from .forms import EventPageForm


class AgendaPage(IndexPage):
    """'Agenda': every event of the site, each date on its own line, with iCal feeds."""

    page_description = _(
        "Het overzicht van alle activiteiten. Die is er al; je maakt er zelf geen."
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = ["agenda.EventPage"]
    listing_selector = "agenda.views.agenda_page_context"

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agenda's")


class Repetition(models.TextChoices):
    NONE = "", _("Niet, het is één keer")
    WEEKLY = "weekly", _("Elke week")
    BIWEEKLY = "biweekly", _("Om de week")
    MONTHLY = "monthly", _("Elke maand, op dezelfde weekdag (bijv. 2e dinsdag)")


class WeekOfMonth(models.IntegerChoices):
    FIRST = 1, _("eerste")
    SECOND = 2, _("tweede")
    THIRD = 3, _("derde")
    FOURTH = 4, _("vierde")
    LAST = -1, _("laatste")


class EventPage(TaxonomyMixin, BasePage):
    page_description = _(
        "Een activiteit in de agenda, met datum, tijd en plek. "
        "Kan ook elke week terugkomen."
    )
    base_form_class = EventPageForm

    start = models.DateTimeField(_("begint"))
    end = models.DateTimeField(
        _("eindigt"),
        null=True,
        blank=True,
        help_text=_("Mag leeg als je het niet weet."),
    )
    all_day = models.BooleanField(
        _("hele dag"), default=False, help_text=_("Dan tonen we geen tijden.")
    )
    repetition = models.CharField(
        _("herhaling"), max_length=10, choices=Repetition.choices, blank=True
    )
    week_of_month = models.SmallIntegerField(
        _("welke week van de maand"),
        choices=WeekOfMonth.choices,
        null=True,
        blank=True,
        help_text=_(
            "Alleen bij 'elke maand'. Leeg laten: dezelfde week als de eerste datum."
        ),
    )
    repeat_until = models.DateField(
        _("herhalen tot en met"),
        null=True,
        blank=True,
        help_text=_("Leeg laten als het doorloopt."),
    )
    body = RichTextField(
        _("beschrijving"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("afbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    location = models.ForeignKey(
        "socialmap.Location",
        verbose_name=_("locatie van een organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Kies een bekende locatie, of vul hieronder een adres in."),
    )
    location_text = models.CharField(
        _("of een ander adres"),
        max_length=250,
        blank=True,
        help_text=_("Bijvoorbeeld 'Speeltuin Oost, Lingestraat 4'."),
    )
    organiser = models.CharField(
        _("organisator"),
        max_length=150,
        blank=True,
        help_text=_("Leeg laten: de organisatie of wijk waaronder dit staat."),
    )
    cost = models.CharField(_("kosten"), max_length=150, blank=True)
    is_free = models.BooleanField(_("gratis"), default=False)
    registration_url = models.URLField(
        _("link om je aan te melden"), blank=True, validators=[safe_web_url]
    )
    registration_contact = models.CharField(
        _("of aanmelden bij"),
        max_length=150,
        blank=True,
        help_text=_("Een telefoonnummer of e-mailadres."),
    )
    accessibility = models.TextField(
        _("toegankelijkheid"),
        blank=True,
        help_text=_("Bijvoorbeeld: rolstoeltoegankelijk, tolk gebarentaal."),
    )
    target_groups = ParentalManyToManyField(
        "core.TargetGroup", verbose_name=_("doelgroepen"), blank=True, related_name="+"
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("all_day"),
                FieldRowPanel([FieldPanel("repetition"), FieldPanel("week_of_month")]),
                FieldPanel("repeat_until"),
                InlinePanel(
                    "skipped_dates",
                    heading=_("Overgeslagen datums"),
                    label=_("overgeslagen datum"),
                ),
                InlinePanel(
                    "changed_dates",
                    heading=_("Verplaatste datums"),
                    label=_("verplaatste datum"),
                    help_text=_(
                        "Gaat het één keer op een andere dag of tijd? Kies de "
                        "datum uit de herhaling en vul in wanneer het dan is."
                    ),
                ),
            ],
            heading=_("Wanneer"),
        ),
        FieldPanel("body"),
        FieldPanel("image"),
        MultiFieldPanel(
            [
                FieldPanel("location"),
                FieldPanel("location_text"),
                FieldPanel("accessibility"),
            ],
            heading=_("Waar"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("organiser"),
                FieldRowPanel([FieldPanel("cost"), FieldPanel("is_free")]),
                FieldPanel("registration_url"),
                FieldPanel("registration_contact"),
            ],
            heading=_("Organisatie en aanmelden"),
        ),
        *TaxonomyMixin.taxonomy_panels,
        FieldPanel("target_groups"),
    ]
    search_fields = [
        *BasePage.search_fields,
        *TaxonomyMixin.taxonomy_search_fields,
        index.SearchField("body"),
        index.SearchField("location_text"),
        index.SearchField("accessibility"),
        index.SearchField("organiser"),
        index.FilterField("start"),
        index.FilterField("is_free"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("start"),
        APIField("end"),
        APIField("all_day"),
        APIField("repetition"),
        APIField("week_of_month"),
        APIField("repeat_until"),
        APIField("skipped", serializer=DateListField()),
        APIField("changed", serializer=MovedDatesField()),
        APIField("body"),
        APIField("image", serializer=ImageField()),
        APIField("location"),
        APIField("place", serializer=TextField()),
        APIField("organiser_name", serializer=TextField()),
        APIField("cost"),
        APIField("is_free"),
        APIField("registration_url"),
        APIField("registration_contact"),
        APIField("accessibility"),
        *TaxonomyMixin.taxonomy_api_fields,
        APIField("target_groups", serializer=TaxonomyListField()),
    ]

    parent_page_types = [
        "neighbourhoods.NeighbourhoodPage",
        "socialmap.OrganisationPage",
        "agenda.AgendaPage",
    ]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("Het einde ligt vóór het begin.")
        if self.repeat_until and not self.repetition:
            errors["repeat_until"] = _("Kies eerst hoe vaak het herhaalt.")
        if (
            self.repeat_until
            and self.start
            and self.repeat_until < timezone.localdate(self.start)
        ):
            errors["repeat_until"] = _("De laatste datum ligt vóór de eerste.")
        if self.week_of_month and self.repetition != Repetition.MONTHLY:
            errors["week_of_month"] = _("Dit hoort alleen bij 'elke maand'.")
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        from agenda.selectors import event_page_context

        context = super().get_context(request, *args, **kwargs)
        context["when"] = event_page_context(page=self)
        return context

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Occurrences are derived from the saved row (and its skipped dates, saved
        # by the cluster above), whoever saves: editor, importer or demo loader.
        from agenda.services import event_occurrences_refresh

        event_occurrences_refresh(event=self)

    @property
    def skipped(self) -> list[str]:
        return [skipped.date.isoformat() for skipped in self.skipped_dates.all()]

    @property
    def changed(self) -> list[dict[str, str | None]]:
        """Moved dates: the date in the rule and when it is instead."""
        return [
            {
                "original_date": change.original_date.isoformat(),
                "start": timezone.localtime(change.new_start).isoformat(),
                "end": timezone.localtime(change.new_end).isoformat()
                if change.new_end
                else None,
            }
            for change in self.changed_dates.all()
        ]

    @property
    def place(self) -> str:
        """Where it is, in words: a known location or the free text."""
        return str(self.location) if self.location_id else self.location_text

    @property
    def organiser_name(self) -> str:
        if self.organiser:
            return self.organiser
        parent = self.get_parent()
        return (
            parent.title
            if parent and not isinstance(parent.specific, AgendaPage)
            else ""
        )


class EventSkippedDate(models.Model):
    page = ParentalKey(
        EventPage, on_delete=models.CASCADE, related_name="skipped_dates"
    )
    date = models.DateField(
        _("datum"), help_text=_("Op deze datum gaat het niet door.")
    )

    panels = [FieldPanel("date")]

    class Meta:
        ordering = ["date"]
        verbose_name = _("overgeslagen datum")
        verbose_name_plural = _("overgeslagen datums")

    def __str__(self) -> str:
        return self.date.isoformat()


class EventDateChange(models.Model):
    """One date of a repeating event that takes place at another day or time."""

    page = ParentalKey(
        EventPage, on_delete=models.CASCADE, related_name="changed_dates"
    )
    original_date = models.DateField(
        _("oorspronkelijke datum"),
        help_text=_("De datum uit de herhaling die verschuift."),
    )
    new_start = models.DateTimeField(
        _("nieuwe begintijd"), help_text=_("Wanneer het deze keer begint.")
    )
    new_end = models.DateTimeField(
        _("nieuwe eindtijd"),
        null=True,
        blank=True,
        help_text=_("Leeg laten: het duurt even lang als anders."),
    )

    panels = [
        FieldPanel("original_date"),
        FieldRowPanel([FieldPanel("new_start"), FieldPanel("new_end")]),
    ]

    class Meta:
        ordering = ["original_date"]
        verbose_name = _("verplaatste datum")
        verbose_name_plural = _("verplaatste datums")

    def __str__(self) -> str:
        return f"{self.original_date.isoformat()} → {self.new_start:%Y-%m-%d %H:%M}"

    def clean(self) -> None:
        super().clean()
        if self.new_start and self.new_end and self.new_end <= self.new_start:
            raise ValidationError(
                {"new_end": _("De nieuwe eindtijd moet na de nieuwe begintijd liggen.")}
            )


class EventOccurrence(models.Model):
    """One date of an event, derived from its repetition rule, for listing queries."""

    event = models.ForeignKey(
        EventPage, on_delete=models.CASCADE, related_name="occurrences"
    )
    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField(null=True, blank=True)
    # For a moved date: when it would have been by the rule.
    original_start = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["start"]
        verbose_name = _("datum van een activiteit")
        verbose_name_plural = _("datums van activiteiten")
        indexes = [
            models.Index(fields=["event", "start"], name="agenda_occurrence_event")
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.start:%Y-%m-%d %H:%M}"
