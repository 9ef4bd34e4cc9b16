import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from core.api_fields import ImageField, VacancyContactField
from core.models import BasePage, IndexPage, TaxonomyMixin

TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class VacancyIndexPage(IndexPage):
    """'Vrijwilligerswerk': every open vacancy of the site, wherever it lives."""

    page_description = _("Het overzicht van alle vrijwilligersvacatures. Die is er al.")

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    listing_selector = "vacancies.selectors.vacancy_listing"

    class Meta:
        verbose_name = _("vrijwilligerswerkoverzicht")
        verbose_name_plural = _("vrijwilligerswerkoverzichten")


def closing_expiry(closing_date: datetime.date | None) -> datetime.datetime | None:
    """When a vacancy closing on ``closing_date`` goes offline: the end of that day.

    That is midnight at the start of the next day in the site's time zone
    (Europe/Amsterdam), a moment the admin's date-time field shows exactly.
    """
    if closing_date is None:
        return None
    next_day = datetime.datetime.combine(
        closing_date + datetime.timedelta(days=1), datetime.time.min
    )
    return timezone.make_aware(next_day, timezone.get_default_timezone())


class TimeCommitment(models.TextChoices):
    FEW_HOURS_MONTH = "month", _("Een paar uur per maand")
    UP_TO_4_WEEK = "week", _("Tot 4 uur per week")
    MORE_THAN_4_WEEK = "more", _("Meer dan 4 uur per week")
    FLEXIBLE = "flexible", _("In overleg")


class Engagement(models.TextChoices):
    ONE_OFF = "one_off", _("Eenmalig")
    ONGOING = "ongoing", _("Voor langere tijd")


class VacancySkill(TaggedItemBase):
    content_object = ParentalKey(
        "vacancies.VacancyPage", on_delete=models.CASCADE, related_name="tagged_skills"
    )


class VacancyPage(RoutablePageMixin, TaxonomyMixin, BasePage):
    """A volunteer vacancy. ``reageren/`` is where a resident says "Ik wil helpen"."""

    page_description = _(
        "Vrijwilligerswerk: wat iemand komt doen en wat diegene ervoor terugkrijgt."
    )

    what_you_do = RichTextField(_("wat ga je doen"), features=TEXT_FEATURES)
    what_we_ask = RichTextField(_("wat vragen we"), blank=True, features=TEXT_FEATURES)
    what_we_offer = RichTextField(
        _("wat bieden we"),
        blank=True,
        features=TEXT_FEATURES,
        help_text=_(
            "Bijvoorbeeld begeleiding, onkostenvergoeding, een VOG, gezelligheid."
        ),
    )
    time_commitment = models.CharField(
        _("hoeveel tijd"), max_length=10, choices=TimeCommitment.choices
    )
    time_commitment_note = models.CharField(
        _("toelichting op de tijd"),
        max_length=150,
        blank=True,
        help_text=_("Bijvoorbeeld 'dinsdagochtend, 2 uur'."),
    )
    engagement = models.CharField(
        _("eenmalig of langer"),
        max_length=10,
        choices=Engagement.choices,
        default=Engagement.ONGOING,
    )
    start_date = models.DateField(_("vanaf"), null=True, blank=True)
    end_date = models.DateField(_("tot en met"), null=True, blank=True)
    closing_date = models.DateField(
        _("reageren kan tot en met"),
        null=True,
        blank=True,
        help_text=_("Daarna staat de vacature niet meer in de overzichten."),
    )
    location_text = models.CharField(_("waar"), max_length=250, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("afbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    skills = ClusterTaggableManager(
        through=VacancySkill,
        verbose_name=_("vaardigheden"),
        blank=True,
        help_text=_("Bijvoorbeeld 'koken', 'computer', 'rijbewijs'."),
    )
    contact_name = models.CharField(_("contactpersoon"), max_length=100, blank=True)
    contact_email = models.EmailField(_("e-mail contactpersoon"), blank=True)
    contact_phone = models.CharField(
        _("telefoon contactpersoon"), max_length=30, blank=True
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("what_you_do"),
        FieldPanel("what_we_ask"),
        FieldPanel("what_we_offer"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("time_commitment"), FieldPanel("engagement")]
                ),
                FieldPanel("time_commitment_note"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("closing_date"),
            ],
            heading=_("Tijd"),
        ),
        FieldPanel("location_text"),
        FieldPanel("image"),
        FieldPanel("skills"),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
            ],
            heading=_("Contact"),
        ),
        *TaxonomyMixin.taxonomy_panels,
    ]
    search_fields = [
        *BasePage.search_fields,
        *TaxonomyMixin.taxonomy_search_fields,
        index.SearchField("what_you_do"),
        index.SearchField("what_we_ask"),
        index.SearchField("location_text"),
        index.FilterField("closing_date"),
        index.FilterField("time_commitment"),
        index.FilterField("engagement"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("what_you_do"),
        APIField("what_we_ask"),
        APIField("what_we_offer"),
        APIField("time_commitment"),
        APIField("time_commitment_note"),
        APIField("engagement"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("closing_date"),
        APIField("location_text"),
        APIField("image", serializer=ImageField()),
        APIField("skills"),
        APIField("contact", serializer=VacancyContactField()),
        *TaxonomyMixin.taxonomy_api_fields,
    ]

    parent_page_types = [
        "neighbourhoods.NeighbourhoodPage",
        "socialmap.OrganisationPage",
    ]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("vacature")
        verbose_name_plural = _("vacatures")

    @path("reageren/", name="respond")
    def respond_route(self, request):
        from .views import vacancy_respond

        return vacancy_respond(request, vacancy=self)

    @path("reageren/bedankt/", name="responded")
    def responded_route(self, request):
        from .views import vacancy_responded

        return vacancy_responded(request, vacancy=self)

    @property
    def contact(self) -> dict | None:
        """Who to contact, for the API; gone once the vacancy has closed."""
        if not self.is_open:
            return None
        return {
            "name": self.contact_name,
            "email": self.contact_email,
            "phone": self.contact_phone,
        }

    @property
    def is_open(self) -> bool:
        return self.closing_date is None or self.closing_date >= timezone.localdate()

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("De einddatum ligt vóór de begindatum.")}
            )
        self._expire_after_closing_date()

    def _expire_after_closing_date(self) -> None:
        """Let Wagtail's scheduled unpublishing take the vacancy offline once closed.

        ``expire_at`` follows the closing date (``publish_scheduled`` then
        unpublishes the page), unless the editor chose an earlier moment
        themselves. An expiry that still matches the previous closing date was
        not chosen by the editor, so it moves along when the date changes.
        """
        closes_at = closing_expiry(self.closing_date)
        followed_previous = self.expire_at == closing_expiry(self._saved_closing_date())
        if self.expire_at is None or followed_previous:
            self.expire_at = closes_at
        elif closes_at is not None and self.expire_at > closes_at:
            self.expire_at = closes_at
        if self.go_live_at and self.expire_at and self.go_live_at >= self.expire_at:
            raise ValidationError(
                {
                    "closing_date": _(
                        "De sluitingsdatum ligt vóór het moment dat de vacature "
                        "online komt."
                    )
                }
            )

    def _saved_closing_date(self) -> datetime.date | None:
        """The closing date of the last saved draft (or of the page itself)."""
        if self.pk is None:
            return None
        revision = self.get_latest_revision()
        if revision is not None:
            return parse_date(revision.content.get("closing_date") or "")
        return (
            VacancyPage.objects.filter(pk=self.pk)
            .values_list("closing_date", flat=True)
            .first()
        )


class VacancyResponse(models.Model):
    """A resident's "Ik wil helpen": personal data, deleted after the retention
    period (``manage.py purge_vacancy_responses``).

    Only the editors who may change the vacancy page see it in the admin.
    """

    vacancy = models.ForeignKey(
        VacancyPage,
        verbose_name=_("vacature"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("platform"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    name = models.CharField(_("naam"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    message = models.TextField(
        pgettext_lazy("message from a resident", "bericht"),
        max_length=2000,
        blank=True,
    )
    consent = models.BooleanField(
        _("toestemming"),
        default=False,
        help_text=_("De inwoner vindt het goed dat de organisatie dit krijgt."),
    )
    created_at = models.DateTimeField(
        _("ontvangen op"), default=timezone.now, db_index=True
    )
    emailed_at = models.DateTimeField(
        _("gemaild naar de contactpersoon op"), null=True, blank=True
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("reactie op vrijwilligerswerk")
        verbose_name_plural = _("reacties op vrijwilligerswerk")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(email="", phone=""),
                name="vacancy_response_email_or_phone",
                violation_error_message=_(
                    "Vul je e-mailadres of je telefoonnummer in."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(consent=True),
                name="vacancy_response_consent",
                violation_error_message=_("Zonder toestemming sturen we niets door."),
            ),
        ]

    def __str__(self) -> str:
        # No personal data: this label also ends up in the admin's history log,
        # which outlives the response itself.
        return gettext("Reactie op %(title)s") % {"title": self.vacancy.title}

    @property
    def contact_display(self) -> str:
        return " · ".join(value for value in (self.email, self.phone) if value)
