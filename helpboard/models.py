"""Vraag & aanbod: residents' requests for and offers of help.

A ``HelpPost`` is what a resident sends in without an account: a request or an
offer (``kind``). Moderators of its wijk publish it, ask for a change or reject
it; neighbours answer it through the platform (``HelpResponse``), anyone may
report it (``HelpReport``) and a moderator may refer a request to an
organisation on the sociale kaart (``HelpReferral``). Contact details are never
shown publicly. The routes of ``HelpBoardPage`` are the public side.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from core.models import IndexPage
from core.models.taxonomies import neighbourhood_site_check


class HelpBoardPage(RoutablePageMixin, IndexPage):
    """'Vraag & aanbod': the published requests and offers of help of this site.

    Routes: ``plaatsen/`` (send one in), ``verstuurd/``, ``mijn-bericht/<token>/``
    (the resident's private link), ``<id>/`` (one post), ``<id>/reageren/``,
    ``<id>/melden/`` and ``doorverwijzing/<token>/`` (an organisation's answer
    to a referral).
    """

    page_description = _(
        "Vraag & aanbod: hier vragen en bieden bewoners hulp. Die is er al."
    )

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    listing_selector = "helpboard.selectors.help_board_listing"

    class Meta:
        verbose_name = _("vraag en aanbod")
        verbose_name_plural = _("vraag en aanbod")

    @path("plaatsen/", name="submit")
    def submit_route(self, request):
        from .views import help_post_submit

        return help_post_submit(request, board=self)

    @path("verstuurd/", name="submitted")
    def submitted_route(self, request):
        from .views import help_post_submitted

        return help_post_submitted(request, board=self)

    @path("mijn-bericht/<str:token>/", name="manage")
    def manage_route(self, request, token):
        from .views import help_post_manage

        return help_post_manage(request, board=self, token=token)

    @path("mijn-bericht/<str:token>/wijzigen/", name="edit")
    def edit_route(self, request, token):
        from .views import help_post_edit

        return help_post_edit(request, board=self, token=token)

    @path("<int:post_id>/", name="post")
    def post_route(self, request, post_id):
        from .public_views import help_post_detail

        return help_post_detail(request, board=self, post_id=post_id)

    @path("<int:post_id>/reageren/", name="respond")
    def respond_route(self, request, post_id):
        from .public_views import help_post_respond

        return help_post_respond(request, board=self, post_id=post_id)

    @path("<int:post_id>/reageren/verstuurd/", name="responded")
    def responded_route(self, request, post_id):
        from .public_views import help_post_responded

        return help_post_responded(request, board=self, post_id=post_id)

    @path("<int:post_id>/melden/", name="report")
    def report_route(self, request, post_id):
        from .public_views import help_post_report

        return help_post_report(request, board=self, post_id=post_id)

    @path("doorverwijzing/<str:token>/", name="referral")
    def referral_route(self, request, token):
        from .referral_views import help_referral_decide

        return help_referral_decide(request, board=self, token=token)


class HelpCategory(models.Model):
    """What neighbours ask each other for (boodschappen, klusjes, vervoer, ...).

    The help board's own categories, per platform: a Beheerder manages them as
    a snippet. They are practical kinds of help, unlike the sociale kaart's
    themes (Geldzaken, Mantelzorg), which describe organisations.
    """

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("platform"),
        on_delete=models.CASCADE,
        related_name="help_categories",
    )
    name = models.CharField(
        _("naam"),
        max_length=60,
        help_text=_("Kort en gewoon, bijvoorbeeld: Boodschappen."),
    )
    slug = models.SlugField(
        _("korte naam voor in de adresbalk"),
        max_length=60,
        help_text=_("Kleine letters en streepjes, bijvoorbeeld 'boodschappen'."),
    )
    sort_order = models.PositiveIntegerField(
        _("volgorde"),
        default=100,
        help_text=_("Lager staat hoger in de lijst."),
    )

    class Meta:
        verbose_name = _("categorie van vraag en aanbod")
        verbose_name_plural = _("categorieën van vraag en aanbod")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "slug"], name="helpcategory_unique_slug_per_site"
            )
        ]

    def __str__(self) -> str:
        return self.name


class HelpKind(models.TextChoices):
    # The values are what a resident sees in the address bar (?soort=vraag).
    # One kind; "Hulpaanbod" is also the heading over all offers.
    REQUEST = "vraag", pgettext_lazy("help kind", "Hulpvraag")
    OFFER = "aanbod", pgettext_lazy("help kind", "Hulpaanbod")


class HelpStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Wacht op moderatie")
    CHANGES_REQUESTED = "changes_requested", _("Aanpassing gevraagd")
    PUBLISHED = "published", _("Gepubliceerd")
    CLOSED = "closed", _("Afgesloten")
    REJECTED = "rejected", _("Afgewezen")


#: Still the resident's to change; not yet decided for good.
OPEN_STATUSES = (
    HelpStatus.SUBMITTED,
    HelpStatus.CHANGES_REQUESTED,
    HelpStatus.PUBLISHED,
)
DONE_STATUSES = (HelpStatus.CLOSED, HelpStatus.REJECTED)


class HelpCloseReason(models.TextChoices):
    BY_RESIDENT = "resident", _("Door de bewoner afgesloten")
    EXPIRED = "expired", _("Verlopen")
    BY_MODERATOR = "moderator", _("Door een moderator afgesloten")


class HelpPostQuerySet(models.QuerySet):
    def public(self):
        """What the board shows: published, not hidden after reports, and not
        past its time (it leaves the board at once, before the daily
        ``close_expired_help_posts`` closes it and tells the resident)."""
        return self.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()),
            status=HelpStatus.PUBLISHED,
            hidden_at__isnull=True,
        )

    def expired(self, *, now: datetime.datetime):
        """Posts whose time has passed at ``now``: published ones on the board,
        and ones whose resident did not answer a request for a change."""
        return self.filter(
            status__in=(HelpStatus.PUBLISHED, HelpStatus.CHANGES_REQUESTED),
            expires_at__lte=now,
        )


class HelpPost(models.Model):
    """A resident's request for or offer of help. Contact details stay private."""

    kind = models.CharField(
        _("soort"), max_length=10, choices=HelpKind.choices, db_index=True
    )
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
        help_text=_("Leeg: de hele gemeente."),
    )
    category = models.ForeignKey(
        HelpCategory,
        verbose_name=_("categorie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
    )
    title = models.CharField(_("korte titel"), max_length=120)
    description = models.TextField(_("omschrijving"), max_length=2000)
    when = models.CharField(
        _("wanneer"),
        max_length=120,
        blank=True,
        help_text=_("Leeg: flexibel."),
    )
    first_name = models.CharField(
        _("voornaam"), max_length=60, help_text=_("Alleen de voornaam komt op de site.")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
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
    updated_at = models.DateTimeField(_("gewijzigd op"), null=True, blank=True)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    expires_at = models.DateTimeField(
        _("gaat dicht op"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Dan gaat het bericht vanzelf dicht en hoort de bewoner dat."),
    )
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    closed_reason = models.CharField(
        _("reden van afsluiten"),
        max_length=10,
        choices=HelpCloseReason.choices,
        blank=True,
    )
    rejected_at = models.DateTimeField(_("afgewezen op"), null=True, blank=True)
    hidden_at = models.DateTimeField(
        _("verborgen na meldingen op"),
        null=True,
        blank=True,
        help_text=_("Na meerdere meldingen van bezoekers, tot een moderator kijkt."),
    )
    #: Raised to make every private link sent so far invalid.
    link_version = models.PositiveIntegerField(default=1, editable=False)

    objects = HelpPostQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("site")]),
        FieldRowPanel([FieldPanel("neighbourhood"), FieldPanel("category")]),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("when"),
        MultiFieldPanel(
            [FieldPanel("first_name"), FieldPanel("email"), FieldPanel("phone")],
            heading=_("Contact (niet openbaar)"),
        ),
        FieldPanel("moderation_note"),
    ]

    class Meta:
        verbose_name = _("hulpvraag of -aanbod")
        verbose_name_plural = _("vraag en aanbod")
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
        if self.category_id and self.site_id and self.category.site_id != self.site_id:
            raise ValidationError(
                {"category": _("Deze categorie hoort bij een ander platform.")}
            )

    @property
    def is_request(self) -> bool:
        return self.kind == HelpKind.REQUEST

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_public(self) -> bool:
        return (
            self.status == HelpStatus.PUBLISHED
            and self.hidden_at is None
            and (self.expires_at is None or self.expires_at > timezone.now())
        )


class HelpResponse(models.Model):
    """A neighbour's answer to a post, forwarded by mail to its resident.

    Kept for the moderators (abuse) and the reports ("reacties"), until the
    retention period has passed.
    """

    post = models.ForeignKey(
        HelpPost,
        verbose_name=_("vraag of aanbod"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    name = models.CharField(_("naam"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    #: Optional: a name and a way to reach someone is enough to offer help.
    message = models.TextField(_("reactie"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)
    forwarded_at = models.DateTimeField(_("doorgestuurd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("reactie op vraag of aanbod")
        verbose_name_plural = _("reacties op vraag en aanbod")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} → {self.post}"

    def clean(self) -> None:
        super().clean()
        if not self.email and not self.phone:
            raise ValidationError(
                _("Een reactie heeft een e-mailadres of een telefoonnummer nodig.")
            )


class HelpReportReason(models.TextChoices):
    SPAM = "spam", _("Reclame of spam")
    OFFENSIVE = "offensive", _("Beledigend of discriminerend")
    PRIVACY = "privacy", _("Er staan persoonlijke gegevens in")
    UNSAFE = "unsafe", _("Onveilig of oplichting")
    OTHER = "other", _("Iets anders")


class HelpReport(models.Model):
    """A visitor's report that a post is inappropriate. Anonymous."""

    post = models.ForeignKey(
        HelpPost,
        verbose_name=_("vraag of aanbod"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    reason = models.CharField(
        _("reden"), max_length=10, choices=HelpReportReason.choices
    )
    explanation = models.TextField(_("toelichting"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("gemeld op"), default=timezone.now)
    reviewed_at = models.DateTimeField(_("bekeken op"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bekeken door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_reason_display()}: {self.post}"


class HelpReferralStatus(models.TextChoices):
    PENDING = "pending", _("Wacht op antwoord")
    ACCEPTED = "accepted", _("Aangenomen")
    DECLINED = "declined", _("Afgewezen")


class HelpReferral(models.Model):
    """A request a moderator passed on to an organisation of the sociale kaart."""

    post = models.ForeignKey(
        HelpPost,
        verbose_name=_("hulpvraag"),
        on_delete=models.CASCADE,
        related_name="referrals",
    )
    organisation = models.ForeignKey(
        "socialmap.OrganisationPage",
        verbose_name=_("organisatie"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: Kept so reports still name the organisation after its page is gone.
    organisation_name = models.CharField(_("naam organisatie"), max_length=255)
    sent_to = models.EmailField(_("gestuurd naar"))
    note = models.TextField(_("toelichting voor de organisatie"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=HelpReferralStatus.choices,
        default=HelpReferralStatus.PENDING,
        db_index=True,
    )
    decline_reason = models.TextField(_("reden van afwijzen"), blank=True)
    created_at = models.DateTimeField(_("doorverwezen op"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("doorverwezen door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)

    class Meta:
        verbose_name = _("doorverwijzing")
        verbose_name_plural = _("doorverwijzingen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.post} → {self.organisation_name}"
