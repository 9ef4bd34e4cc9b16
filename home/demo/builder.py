"""Builds the demo town from :mod:`home.demo.data` with the test factories.

Idempotent per platform: a platform whose Site (hostname and port) already
exists is left alone, so running ``load_demo`` twice changes nothing.
Random choices use a fixed seed; dates are relative to today so events are
upcoming and news is recent.
"""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page, Site
from wagtail.search import index as search_index

from agenda.models import EventDateChange, EventSkippedDate
from agenda.recurrence import occurrence_starts
from core.models import Neighbourhood, PlatformSettings, TargetGroup, Theme
from editorial.services import (
    beheerder_grant,
    buurtverbinder_grant,
    communicatie_grant,
    organisation_editor_grant,
    site_beheerder_grant,
)
from helpboard.models import HelpCloseReason, HelpStatus
from home.models import HomePage
from neighbourhoods.models import Connector, NeighbourhoodPage
from socialmap.models import OrganisationPage
from tests.factories import (
    AgendaPageFactory,
    ContentPageFactory,
    EventPageFactory,
    HelpBoardPageFactory,
    HelpOfferFactory,
    HelpRequestFactory,
    HomePageFactory,
    HomePageHighlightFactory,
    LocationFactory,
    NeighbourhoodFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OpeningHoursExceptionFactory,
    OpeningHoursFactory,
    OrganisationPageFactory,
    ServiceFactory,
    SocialMapPageFactory,
    TargetGroupFactory,
    ThemeFactory,
    VacancyIndexPageFactory,
    VacancyPageFactory,
    tree_root,
)

from . import data
from .images import demo_images_ensure, demo_portrait_ensure

SEED = 20240427
POSTCODE_LETTERS = ("AB", "AC", "BD", "CE", "DG", "EH", "GK", "HL", "JM", "KN", "LP")

# Opening hours per pattern: (weekdays, opens, closes); 0 is Monday.
OPENING_HOURS = {
    "office": [
        ((0, 1, 2, 3, 4), "09:00", "12:30"),
        ((0, 1, 2, 3, 4), "13:30", "17:00"),
    ],
    "mornings": [((1, 3), "09:30", "12:00")],
    "friday": [((4,), "13:00", "16:00")],
    "library": [
        ((0,), "13:00", "17:00"),
        ((1, 2, 3, 4), "10:00", "17:00"),
        ((2,), "19:00", "21:00"),
        ((5,), "10:00", "14:00"),
    ],
    "community": [
        ((0, 1, 2, 3), "09:00", "17:00"),
        ((1, 3), "19:00", "22:30"),
        ((4,), "09:00", "13:00"),
    ],
    "evenings": [((2,), "19:00", "21:30"), ((4,), "20:00", "00:30")],
    "saturday": [((5,), "10:00", "13:00")],
    "playground": [
        ((2,), "13:00", "17:00"),
        ((5,), "10:00", "17:00"),
        ((6,), "12:00", "17:00"),
    ],
}

# Roles are per site: each municipality has its own Communicatie, who approves
# only that platform's pages (and sees nothing of the other's moderation).
ROLE_USERS = (
    ("admin", "Ada", "Admin", "Superuser: mag alles, op beide platforms"),
    ("beheerder", "Bram", "Beheer", "Beheerder van beide platforms: rollen, sites"),
    (
        "beheerder-dorpen",
        "Bea",
        "Bakker",
        "Beheerder van Buurtkanaal Lingedorpen: rollen en bewonersgegevens daar",
    ),
    (
        "communicatie",
        "Carla",
        "Communicatie",
        "Communicatie van Samen Merwestad: keurt goed, publiceert",
    ),
    (
        "communicatie-dorpen",
        "Dirk",
        "de Vries",
        "Communicatie van Buurtkanaal Lingedorpen: keurt goed, publiceert",
    ),
    (
        "buurtverbinder",
        "Fatma",
        "Yilmaz",
        "Buurtverbinder van Binnenstad (Samen Merwestad)",
    ),
    (
        "organisatie",
        "Olaf",
        "Oranje",
        "Redacteur van Welzijn Merwestad (Samen Merwestad)",
    ),
)
# The authenticator "app" the demo gives users who must log in with a second
# step (`manage.py demo_code USERNAME` prints its current code).
DEMO_DEVICE_NAME = "Demo (manage.py demo_code)"
# Which platform's Communicatie each demo Communicatie user is.
COMMUNICATIE_USERS = {
    "communicatie": "localhost",
    "communicatie-dorpen": "dorpen.localhost",
}


@dataclass
class DemoReport:
    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    users: list[tuple[str, str, str]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def demo_users_present() -> list[tuple[str, str, str]]:
    """(username, password, role) of the demo users that exist."""
    existing = set(
        get_user_model()
        .objects.filter(username__in=[u[0] for u in ROLE_USERS])
        .values_list("username", flat=True)
    )
    return [
        (username, data.DEMO_PASSWORD, role)
        for username, _first, _last, role in ROLE_USERS
        if username in existing
    ]


def demo_counts() -> dict[str, int]:
    from agenda.models import EventOccurrence, EventPage
    from helpboard.models import HelpKind, HelpPost
    from news.models import NewsPage
    from vacancies.models import VacancyPage

    return {
        "sites": Site.objects.count(),
        "wijken": Neighbourhood.objects.count(),
        "themes": Theme.objects.count(),
        "target groups": TargetGroup.objects.count(),
        "pages": Page.objects.filter(depth__gt=1).count(),
        "organisations": OrganisationPage.objects.count(),
        "events": EventPage.objects.count(),
        "event dates": EventOccurrence.objects.count(),
        "vacancies": VacancyPage.objects.count(),
        "news": NewsPage.objects.count(),
        "help requests": HelpPost.objects.filter(kind=HelpKind.REQUEST).count(),
        "help offers": HelpPost.objects.filter(kind=HelpKind.OFFER).count(),
        "users": get_user_model().objects.count(),
    }


@transaction.atomic
def demo_load(*, with_users: bool, if_empty: bool = False) -> DemoReport:
    report = DemoReport()
    if if_empty and HomePage.objects.exists():
        report.skipped.append("*")
        report.users = demo_users_present()
        report.counts = demo_counts()
        return report

    themes = {
        slug: ThemeFactory(name=name, slug=slug, description=description)
        for name, slug, description in data.THEMES
    }
    target_groups = {
        slug: TargetGroupFactory(name=name, slug=slug)
        for name, slug in data.TARGET_GROUPS
    }
    images = demo_images_ensure()
    for index, platform in enumerate(data.PLATFORMS):
        if Site.objects.filter(hostname=platform.hostname, port=platform.port).exists():
            report.skipped.append(platform.site_name)
            continue
        PlatformBuilder(
            platform=platform,
            themes=themes,
            target_groups=target_groups,
            images=images,
            rng=random.Random(SEED + index),  # noqa: S311 - demo data
        ).build()
        report.built.append(platform.site_name)
    welcome_page_delete()

    if with_users:
        users_ensure()
        report.users = demo_users_present()
    report.counts = demo_counts()
    return report


def welcome_page_delete() -> None:
    """Remove Wagtail's 'Welcome to your new Wagtail site!' page if nothing uses it."""
    for page in Page.objects.filter(
        depth=2, content_type__app_label="wagtailcore", content_type__model="page"
    ):
        if (
            page.specific_class is Page
            and not Site.objects.filter(root_page=page).exists()
        ):
            page.delete()


def users_ensure() -> None:
    """One user per role with the demo password; existing users are left alone."""
    merwestad = Site.objects.filter(hostname="localhost", port=8000).first()
    if merwestad is None:
        return
    users = {}
    for username, first_name, last_name, _role in ROLE_USERS:
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@merwestad.example",
                "is_superuser": username == "admin",
                "is_staff": username == "admin",
            },
        )
        if created:
            user.set_password(data.DEMO_PASSWORD)
            user.save()
        users[username] = user

    home = merwestad.root_page
    wijk = NeighbourhoodPage.objects.descendant_of(home).get(slug="binnenstad")
    organisation = OrganisationPage.objects.descendant_of(home).get(
        slug="welzijn-merwestad"
    )
    buurtverbinder_grant(user=users["buurtverbinder"], neighbourhood_page=wijk)
    organisation_editor_grant(user=users["organisatie"], organisation_page=organisation)
    for username, hostname in COMMUNICATIE_USERS.items():
        site = Site.objects.filter(hostname=hostname, port=8000).first()
        if site is not None:
            communicatie_grant(user=users[username], site=site)
    beheerder_grant(user=users["beheerder"])
    village = Site.objects.filter(hostname="dorpen.localhost", port=8000).first()
    if village is not None:
        site_beheerder_grant(user=users["beheerder-dorpen"], site=village)
    demo_two_factor_ensure(users=users.values())
    moderation_examples_ensure(wijk=wijk, organisation=organisation, users=users)


def demo_two_factor_ensure(*, users) -> None:
    """Give every demo user who must use two-factor authentication (Communicatie,
    Beheerders, superusers) a confirmed authenticator device, so a newcomer can
    log in as each role with ``make code USER=...`` instead of a phone."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.selectors import two_factor_required

    for user in users:
        if two_factor_required(user=user):
            TOTPDevice.objects.get_or_create(
                user=user, name=DEMO_DEVICE_NAME, defaults={"confirmed": True}
            )


def moderation_examples_ensure(*, wijk, organisation, users) -> None:
    """Two drafts in the workflow, so Communicatie has something to review: one
    waiting for approval, one sent back with a comment. Demo data sends no mail."""
    from django.test.utils import override_settings

    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"
    ):
        _moderation_examples_create(wijk=wijk, organisation=organisation, users=users)


def _moderation_examples_create(*, wijk, organisation, users) -> None:
    from news.models import NewsPage

    examples = (
        (
            wijk,
            users["buurtverbinder"],
            "Buurtbarbecue in de Binnenstad",
            "Middels dit bericht nodigen wij alle bewoners uit teneinde "
            "kennis te maken met de buren.",
            None,
        ),
        (
            organisation,
            users["organisatie"],
            "Nieuwe openingstijden inloopspreekuur",
            "Het inloopspreekuur is thans op dinsdag en donderdag.",
            "Zet de tijden erbij, dan weten mensen wanneer ze kunnen komen.",
        ),
    )
    for parent, author, title, introduction, rejection in examples:
        if NewsPage.objects.child_of(parent).filter(title=title).exists():
            continue
        page = parent.add_child(
            instance=NewsPage(
                title=title, introduction=introduction, live=False, owner=author
            )
        )
        page.save_revision(user=author)
        state = page.get_workflow().start(page, author)
        if rejection:
            state.current_task_state.specific.reject(
                user=users["communicatie"], comment=rejection
            )


def aware(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(hour, minute))
    )


def next_weekday(day: datetime.date, weekday: int) -> datetime.date:
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def next_yearly(today: datetime.date, month: int, day: int) -> datetime.date:
    candidate = datetime.date(today.year, month, day)
    if candidate < today:
        candidate = datetime.date(today.year + 1, month, day)
    return candidate


def parse_time(value: str) -> datetime.time:
    hours, minutes = value.split(":")
    return datetime.time(int(hours), int(minutes))


class PlatformBuilder:
    """Builds one municipality platform: its site, tree, wijken and content."""

    def __init__(self, *, platform, themes, target_groups, images, rng: random.Random):
        self.platform = platform
        self.images = images
        self.themes = themes
        self.target_groups = target_groups
        self.rng = rng
        self.today = timezone.localdate()
        self.wijken: dict[str, tuple[data.Wijk, Neighbourhood, NeighbourhoodPage]] = {}
        self.organisations: list[tuple[data.Organisation, OrganisationPage]] = []
        self.locations: dict[int, object] = {}

    def image_for(self, title: str, *, every: int = 1):
        """A drawing for about one in ``every`` items, the same one on every run."""
        number = sum(map(ord, title))
        if number % every:
            return None
        return self.images[number % len(self.images)]

    def build(self) -> None:
        self.site_create()
        self.settings_save()
        self.index_pages_create()
        self.wijken_create()
        self.organisations_create()
        self.events_create()
        self.vacancies_create()
        self.news_create()
        self.content_pages_create()
        self.help_posts_create()
        self.highlights_create()

    # Site and tree -------------------------------------------------------

    def site_create(self) -> None:
        platform = self.platform
        self.home = HomePageFactory(
            parent=tree_root(),
            title=platform.site_name,
            slug=slugify(platform.site_name),
            welcome=platform.welcome,
            introduction=platform.introduction,
        )
        site = None
        if platform.is_default_site:
            site = Site.objects.filter(is_default_site=True).first()
            if site is not None and site.root_page.specific_class is not Page:
                # Someone's own default site: leave it, add ours beside it.
                site = None
        if site is None:
            site = Site(
                is_default_site=platform.is_default_site
                and not Site.objects.filter(is_default_site=True).exists()
            )
        site.hostname = platform.hostname
        site.port = platform.port
        site.site_name = platform.site_name
        site.root_page = self.home
        site.save()
        self.site = site

    def settings_save(self) -> None:
        platform = self.platform
        settings = PlatformSettings.for_site(self.site)
        settings.platform_name = platform.site_name
        settings.municipality = platform.municipality
        settings.primary_colour = platform.primary_colour
        settings.accent_colour = platform.accent_colour
        settings.footer_text = (
            f"{platform.site_name} is van en voor bewoners, met steun van de "
            f"{platform.municipality.lower()}. Wil je meedoen? Mail ons."
        )
        settings.contact_email = f"redactie@{platform.email_domain}"
        settings.contact_phone = f"{platform.phone_prefix} 20 30 40"
        settings.area_term = platform.area_term
        # No links: the platform's own statements (core/statements.py) are shown.
        settings.privacy_statement_url = ""
        settings.accessibility_statement_url = ""
        settings.privacy_contact_email = f"privacy@{platform.email_domain}"
        settings.privacy_postal_address = (
            f"{platform.municipality}\nPostbus 1\n4200 AA {platform.city}"
        )
        settings.dpo_name = f"Functionaris gegevensbescherming {platform.municipality}"
        settings.dpo_email = f"fg@{platform.email_domain}"
        settings.save()

    def index_pages_create(self) -> None:
        platform = self.platform
        self.wijk_index = NeighbourhoodIndexPageFactory(
            parent=self.home,
            show_in_menus=True,
            title=platform.wijk_index_title,
            slug=platform.wijk_index_slug,
            introduction=platform.wijk_index_intro,
        )
        self.social_map = SocialMapPageFactory(
            parent=self.home,
            show_in_menus=True,
            title="Sociale kaart",
            slug="sociale-kaart",
            introduction=f"Wie helpt waarmee in {platform.city}? Zoek op thema.",
        )
        self.agenda = AgendaPageFactory(
            parent=self.home,
            show_in_menus=True,
            title="Agenda",
            slug="agenda",
            introduction=f"Wat is er te doen in {platform.city}?",
        )
        self.vacancy_index = VacancyIndexPageFactory(
            parent=self.home,
            show_in_menus=True,
            title="Vrijwilligerswerk",
            slug="vrijwilligerswerk",
            introduction="Doe mee in de buurt. Kies wat bij je past.",
        )
        self.news_index = NewsIndexPageFactory(
            parent=self.home,
            show_in_menus=True,
            title="Nieuws",
            slug="nieuws",
            introduction=f"Nieuws uit {platform.city} en je eigen buurt.",
        )
        self.help_board = HelpBoardPageFactory(
            parent=self.home,
            show_in_menus=True,
            title="Vraag en aanbod",
            slug="vraag-en-aanbod",
            introduction="Vraag hulp aan je buren, of bied zelf hulp aan.",
        )

    def wijken_create(self) -> None:
        for wijk in self.platform.wijken:
            neighbourhood = NeighbourhoodFactory(
                site=self.site,
                name=wijk.name,
                slug=wijk.slug,
                cbs_code=wijk.cbs_code,
                postcode_ranges=[(wijk.postcode, wijk.postcode)],
            )
            page = NeighbourhoodPageFactory(
                parent=self.wijk_index,
                neighbourhood=neighbourhood,
                title=wijk.name,
                slug=wijk.slug,
                introduction=wijk.introduction,
                image=self.image_for(wijk.name),
                body=[
                    ("heading", {"text": f"Wonen in {wijk.name}", "level": "h2"}),
                    (
                        "paragraph",
                        f"<p>{wijk.introduction} Heb je een idee voor de buurt? "
                        "Vertel het een buurtverbinder.</p>",
                    ),
                ],
                connectors=[
                    Connector(
                        name=c.name,
                        text=c.text,
                        consent=c.consent,
                        photo=demo_portrait_ensure(c.name),
                        consultation_when=SPREEKUUR_TIMES[
                            number % len(SPREEKUUR_TIMES)
                        ],
                        consultation_where=f"Buurtkamer, {wijk.streets[0]} 1",
                        email=f"{slugify(c.name)}@{self.platform.email_domain}",
                    )
                    for number, c in enumerate(wijk.connectors)
                ],
            )
            self.wijken[wijk.slug] = (wijk, neighbourhood, page)

    # Sociale kaart -------------------------------------------------------

    def address(self, wijk_slug: str | None) -> dict:
        wijk = self.wijken[wijk_slug][0] if wijk_slug else self.platform.wijken[0]
        rng = self.rng
        return {
            "street_address": f"{rng.choice(wijk.streets)} {rng.randint(1, 120)}",
            "postcode": f"{wijk.postcode} {rng.choice(POSTCODE_LETTERS)}",
            "city": wijk.name
            if self.platform.key == "lingedorpen"
            else self.platform.city,
            "latitude": Decimal(f"{wijk.latitude + rng.uniform(-0.004, 0.004):.6f}"),
            "longitude": Decimal(f"{wijk.longitude + rng.uniform(-0.004, 0.004):.6f}"),
        }

    def organisations_create(self) -> None:
        platform = self.platform
        for number, spec in enumerate(platform.organisations):
            slug = slugify(spec.name)
            neighbourhoods = [self.wijken[spec.wijk][1]] if spec.wijk else []
            page = OrganisationPageFactory(
                parent=self.social_map,
                title=spec.name,
                slug=slug,
                introduction=spec.introduction,
                description=(
                    f"<p>{spec.introduction}</p><p>Je kunt bellen, mailen of gewoon "
                    "binnenlopen tijdens de openingstijden.</p>"
                ),
                phone=f"{platform.phone_prefix} {self.rng.randint(10, 99)} "
                f"{self.rng.randint(10, 99)} {self.rng.randint(10, 99)}",
                email=f"info@{slug}.example",
                website=spec.website or f"https://www.{slug}.example",
                neighbourhoods=neighbourhoods,
                themes=[self.themes[t] for t in spec.themes],
                target_groups=[self.target_groups[t] for t in spec.target_groups],
            )
            for_whom = ", ".join(
                self.target_groups[t].name.lower() for t in spec.target_groups
            )
            for service_name, level, cost in spec.services:
                ServiceFactory(
                    page=page,
                    name=service_name,
                    description=f"{service_name} van {spec.name}.",
                    for_whom=for_whom.capitalize() if for_whom else "Iedereen",
                    cost=cost or "Gratis",
                    is_free=not cost or "vrijwillige" in cost,
                    how_to_apply=HOW_TO_APPLY[level],
                    support_level=level,
                )
            location = LocationFactory(
                page=page,
                name=spec.name
                if spec.hours in ("community", "library", "playground")
                else "",
                accessibility_notes=self.rng.choice(ACCESSIBILITY_NOTES),
                **self.address(spec.wijk),
            )
            for weekdays, opens, closes in OPENING_HOURS[spec.hours]:
                for weekday in weekdays:
                    OpeningHoursFactory(
                        location=location,
                        weekday=weekday,
                        opens=parse_time(opens),
                        closes=parse_time(closes),
                    )
            if number % 3 == 0:
                self.holiday_exceptions_create(location, late_christmas=number % 2 == 0)
            self.locations[page.pk] = location
            # Indexed once more now its services and locations exist.
            search_index.insert_or_update_object(page)
            self.organisations.append((spec, page))

    def holiday_exceptions_create(self, location, *, late_christmas: bool) -> None:
        kingsday = next_yearly(self.today, 4, 27)
        if kingsday.weekday() == 6:
            kingsday -= datetime.timedelta(days=1)
        OpeningHoursExceptionFactory(
            location=location, date=kingsday, reason="Koningsdag"
        )
        christmas = next_yearly(self.today, 12, 25)
        OpeningHoursExceptionFactory(
            location=location, date=christmas, reason="Eerste kerstdag"
        )
        OpeningHoursExceptionFactory(
            location=location,
            date=christmas + datetime.timedelta(days=1),
            reason="Tweede kerstdag",
        )
        if late_christmas:
            OpeningHoursExceptionFactory(
                location=location,
                date=christmas - datetime.timedelta(days=1),
                closed=False,
                opens=datetime.time(9, 0),
                closes=datetime.time(13, 0),
                reason="Kerstavond: korter open",
            )

    # Agenda --------------------------------------------------------------

    def event_create(
        self,
        *,
        parent,
        title: str,
        introduction: str,
        repetition: str,
        weekday: int,
        hour: int,
        minute: int,
        duration_minutes: int,
        cost: str,
        themes,
        target_groups,
        neighbourhoods,
        location=None,
        location_text: str = "",
        organiser: str = "",
    ) -> None:
        rng = self.rng
        # Repeating events have been running for a few weeks already, so the
        # agenda is full from today on; one-off events are spread over the next
        # two months, from tomorrow (today's evening may already be over).
        first_offset = rng.randint(-35, 0) if repetition else rng.randint(1, 60)
        day = next_weekday(self.today + datetime.timedelta(days=first_offset), weekday)
        if repetition == "monthly" and day.day > 28:
            day += datetime.timedelta(days=7)
        start = aware(day, hour, minute)
        all_day = duration_minutes >= 360
        repeat_until = None
        if repetition and rng.random() < 0.4:
            repeat_until = day + datetime.timedelta(days=rng.choice((90, 120, 180)))
        skipped = []
        changed = []
        if repetition and rng.random() < 0.6:
            starts = occurrence_starts(
                start=start,
                repetition=repetition,
                until=repeat_until,
                horizon=aware(self.today, 0) + datetime.timedelta(days=100),
            )
            coming = [s for s in starts if timezone.localdate(s) > self.today]
            if len(coming) > 2:
                skipped = [EventSkippedDate(date=timezone.localdate(coming[2]))]
            # Some of those also move a later date a day on, as happens when
            # the buurthuis is booked: the agenda shows it as 'verplaatst'.
            if len(coming) > 4 and len(title) % 2:
                changed = [
                    EventDateChange(
                        original_date=timezone.localdate(coming[4]),
                        new_start=coming[4] + datetime.timedelta(days=1),
                    )
                ]
        registration = rng.random() < 0.3
        EventPageFactory(
            parent=parent,
            title=title,
            slug=slugify(title),
            introduction=introduction,
            start=start,
            image=self.image_for(title, every=2),
            end=None
            if all_day
            else start + datetime.timedelta(minutes=duration_minutes),
            all_day=all_day,
            repetition=repetition,
            repeat_until=repeat_until,
            skipped_dates=skipped,
            changed_dates=changed,
            body=f"<p>{introduction}</p><p>Vragen? Kom gerust langs of bel ons.</p>",
            location=location,
            location_text="" if location else location_text,
            organiser=organiser,
            cost=cost or "Gratis",
            is_free=not cost,
            registration_contact=(
                f"{self.platform.phone_prefix} 20 30 40" if registration else ""
            ),
            accessibility=rng.choice(ACCESSIBILITY_NOTES),
            neighbourhoods=neighbourhoods,
            themes=[self.themes[t] for t in themes],
            target_groups=[self.target_groups[t] for t in target_groups],
        )

    def events_create(self) -> None:
        platform = self.platform
        for wijk, neighbourhood, page in self.wijken.values():
            for template in self.rng.sample(
                data.NEIGHBOURHOOD_EVENTS, platform.events_per_wijk
            ):
                self.event_create(
                    parent=page,
                    title=template.title.format(place=wijk.name),
                    introduction=template.introduction,
                    repetition=template.repetition,
                    weekday=template.weekday,
                    hour=template.hour,
                    minute=template.minute,
                    duration_minutes=template.duration_minutes,
                    cost=template.cost,
                    themes=template.themes,
                    target_groups=template.target_groups,
                    neighbourhoods=[neighbourhood],
                    location_text=(
                        f"Buurtkamer {wijk.name}, {self.rng.choice(wijk.streets)} 1"
                    ),
                )
        for spec, page in self.organisations:
            for title in spec.events:
                repetition = self.rng.choice(("", "weekly", "biweekly", "monthly"))
                self.event_create(
                    parent=page,
                    title=title,
                    introduction=f"Een activiteit van {spec.name}. Iedereen is welkom.",
                    repetition=repetition,
                    weekday=self.rng.randint(0, 5),
                    hour=self.rng.choice((10, 14, 19)),
                    minute=self.rng.choice((0, 30)),
                    duration_minutes=self.rng.choice((60, 90, 120)),
                    cost=self.rng.choice(("", "", "€ 2,50")),
                    themes=spec.themes[:1],
                    target_groups=spec.target_groups,
                    neighbourhoods=[self.wijken[spec.wijk][1]] if spec.wijk else [],
                    location=self.locations[page.pk],
                )
        neighbourhoods = [n for _w, n, _p in self.wijken.values()]
        for template in data.TOWN_EVENTS[: platform.events_in_agenda]:
            self.event_create(
                parent=self.agenda,
                title=template.title.format(place=platform.city),
                introduction=template.introduction,
                repetition=template.repetition,
                weekday=template.weekday,
                hour=template.hour,
                minute=template.minute,
                duration_minutes=template.duration_minutes,
                cost=template.cost,
                themes=template.themes,
                target_groups=template.target_groups,
                neighbourhoods=self.rng.sample(
                    neighbourhoods, self.rng.choice((0, 0, 2))
                ),
                location_text=f"Gemeentehuis {platform.city}",
                organiser=platform.municipality,
            )

    # Vrijwilligerswerk ---------------------------------------------------

    def vacancies_create(self) -> None:
        platform = self.platform
        offset = 0 if platform.key == "merwestad" else 5
        wijk_pages = [(w, n, p) for w, n, p in self.wijken.values()]
        for number in range(platform.vacancies):
            template = data.VACANCIES[(number + offset) % len(data.VACANCIES)]
            if number % 3 == 2:
                wijk, neighbourhood, parent = wijk_pages[number % len(wijk_pages)]
                neighbourhoods, place, contact = (
                    [neighbourhood],
                    wijk.name,
                    wijk.connectors,
                )
                contact_name = contact[0].name if contact else ""
            else:
                spec, parent = self.organisations[
                    (number * 2) % len(self.organisations)
                ]
                neighbourhoods = [self.wijken[spec.wijk][1]] if spec.wijk else []
                place, contact_name = platform.city, "Petra de Vries"
            closing_date = None
            if number % 5 == 4:
                closing_date = self.today - datetime.timedelta(days=10 + number)
            elif number % 2 == 0:
                closing_date = self.today + datetime.timedelta(days=20 + 3 * number)
            VacancyPageFactory(
                parent=parent,
                title=template.title,
                slug=slugify(template.title),
                introduction=template.introduction,
                image=self.image_for(template.title, every=2),
                what_you_do=f"<p>{template.what_you_do}</p>",
                what_we_ask="<p>Je bent betrouwbaar en je vindt het leuk om met "
                "mensen om te gaan.</p>",
                what_we_offer="<p>Een gezellig team, begeleiding en een "
                "onkostenvergoeding. De VOG is gratis.</p>",
                time_commitment=template.time_commitment,
                time_commitment_note=template.note,
                engagement=template.engagement,
                closing_date=closing_date,
                location_text=place,
                contact_name=contact_name,
                contact_email=f"vrijwilligers@{platform.email_domain}",
                contact_phone=f"{platform.phone_prefix} 20 30 41",
                skills=list(template.skills),
                neighbourhoods=neighbourhoods,
                themes=[self.themes[t] for t in template.themes],
            )

    # Nieuws --------------------------------------------------------------

    def news_create(self) -> None:
        platform = self.platform
        templates = iter(self.rng.sample(data.NEWS, len(data.NEWS)) * 4)
        neighbourhoods = [n for _w, n, _p in self.wijken.values()]

        def news(parent, template, *, place, tagged):
            title = template.title.format(place=place)
            NewsPageFactory(
                parent=parent,
                title=title,
                slug=slugify(title),
                introduction=template.introduction,
                image=self.image_for(title),
                date=self.today - datetime.timedelta(days=self.rng.randint(0, 120)),
                body=[
                    ("paragraph", f"<p>{template.paragraph}</p>"),
                    (
                        "contact_card",
                        {
                            "name": "Redactie " + platform.site_name,
                            "role": "Vragen over dit bericht?",
                            "email": f"redactie@{platform.email_domain}",
                            "phone": "",
                            "text": "",
                        },
                    ),
                ],
                neighbourhoods=tagged,
                themes=[self.themes[t] for t in template.themes],
                tags=list(template.tags),
            )

        used = set()
        for _ in range(platform.news_in_index):
            template = next(templates)
            while template.title in used:
                template = next(templates)
            used.add(template.title)
            tagged = self.rng.sample(neighbourhoods, self.rng.choice((0, 0, 1, 2)))
            news(self.news_index, template, place=platform.city, tagged=tagged)
        for wijk, neighbourhood, page in self.wijken.values():
            for template in self.rng.sample(data.NEWS, platform.news_per_wijk):
                news(page, template, place=wijk.name, tagged=[neighbourhood])
        for spec, page in self.organisations[: platform.news_per_organisation_count]:
            template = next(templates)
            tagged = [self.wijken[spec.wijk][1]] if spec.wijk else []
            news(page, template, place=platform.city, tagged=tagged)

    # Gids ----------------------------------------------------------------

    def content_pages_create(self) -> None:
        self.content_pages = {}
        for spec in data.CONTENT_PAGES:
            self.content_page_create(self.home, spec)

    def content_page_create(self, parent, spec) -> None:
        page = ContentPageFactory(
            parent=parent,
            title=spec["title"],
            slug=spec["slug"],
            introduction=spec["introduction"],
            body=self.guide_body(spec),
            themes=[self.themes[t] for t in spec.get("themes", ())],
        )
        self.content_pages[spec["slug"]] = page
        for child in spec.get("children", ()):
            self.content_page_create(page, child)

    def guide_body(self, spec) -> list:
        platform = self.platform
        return [
            ("heading", {"text": "Wat kun je zelf doen?", "level": "h2"}),
            (
                "paragraph",
                f"<p>{spec['introduction']} Veel kun je zelf regelen of samen met "
                "mensen om je heen. Lukt dat niet? Dan helpen organisaties in "
                f"{platform.city} je verder.</p>",
            ),
            (
                "faq",
                {
                    "heading": "Veelgestelde vragen",
                    "items": [
                        {
                            "question": "Kost het geld?",
                            "answer": "<p>Meestal niet. Staat er een prijs bij, dan "
                            "kun je vaak korting krijgen.</p>",
                        },
                        {
                            "question": "Moet ik een afspraak maken?",
                            "answer": "<p>Bij een inloopspreekuur niet. Anders "
                            "bel je even.</p>",
                        },
                    ],
                },
            ),
            (
                "contact_card",
                {
                    "name": f"Loket {platform.municipality}",
                    "role": "Voor vragen over zorg, geld en wonen",
                    "phone": "14 0183" if platform.key == "merwestad" else "14 0345",
                    "email": f"loket@{platform.email_domain}",
                    "text": "Bereikbaar op werkdagen van 9 tot 17 uur.",
                },
            ),
            (
                "call_to_action",
                {
                    "title": "Zoek hulp op de sociale kaart",
                    "text": "Vind organisaties bij jou in de buurt.",
                    "page": self.social_map,
                    "url": "",
                    "button_text": "Naar de sociale kaart",
                },
            ),
        ]

    # Vraag en aanbod -----------------------------------------------------

    def help_posts_create(self) -> None:
        statuses = (
            HelpStatus.PUBLISHED,
            HelpStatus.SUBMITTED,
            HelpStatus.CLOSED,
            HelpStatus.REJECTED,
            HelpStatus.PUBLISHED,
            HelpStatus.PUBLISHED,
        )
        from helpboard.categories import help_categories_ensure

        neighbourhoods = [n for _w, n, _p in self.wijken.values()]
        categories = help_categories_ensure(site=self.site)
        now = timezone.now()
        for factory, posts in (
            (HelpRequestFactory, data.HELP_REQUESTS),
            (HelpOfferFactory, data.HELP_OFFERS),
        ):
            for number, (title, description, first_name) in enumerate(posts):
                status = statuses[number % len(statuses)]
                created = now - datetime.timedelta(days=self.rng.randint(2, 40))
                factory(
                    site=self.site,
                    neighbourhood=neighbourhoods[number % len(neighbourhoods)],
                    category=categories[data.HELP_POST_CATEGORIES[title]],
                    title=title,
                    description=description,
                    first_name=first_name,
                    email=f"{slugify(first_name)}@example.org",
                    status=status,
                    moderation_note=(
                        "Dubbel ingediend." if status == HelpStatus.REJECTED else ""
                    ),
                    created_at=created,
                    published_at=(
                        created + datetime.timedelta(days=1)
                        if status in (HelpStatus.PUBLISHED, HelpStatus.CLOSED)
                        else None
                    ),
                    closed_at=(
                        created + datetime.timedelta(days=7)
                        if status == HelpStatus.CLOSED
                        else None
                    ),
                    closed_reason=(
                        HelpCloseReason.BY_RESIDENT
                        if status == HelpStatus.CLOSED
                        else ""
                    ),
                    rejected_at=(
                        created + datetime.timedelta(days=1)
                        if status == HelpStatus.REJECTED
                        else None
                    ),
                    # Still some weeks on the board, whenever the demo loads.
                    expires_at=(
                        now + datetime.timedelta(days=self.rng.randint(5, 25))
                        if status == HelpStatus.PUBLISHED
                        else None
                    ),
                    when="" if number % 3 else "Doordeweeks, overdag",
                )
        self.help_contacts_create()

    def help_contacts_create(self) -> None:
        """An answer, a referral each way and a report, so the moderation
        screen and the referrals report have something to show."""
        from helpboard.models import (
            HelpKind,
            HelpPost,
            HelpReferral,
            HelpReferralStatus,
            HelpReport,
            HelpReportReason,
            HelpResponse,
        )

        requests = list(
            HelpPost.objects.filter(
                site=self.site, kind=HelpKind.REQUEST, status=HelpStatus.PUBLISHED
            ).order_by("pk")
        )
        organisations = [page for _spec, page in self.organisations if page.email]
        if not requests or not organisations:
            return
        now = timezone.now()
        HelpResponse.objects.create(
            post=requests[0],
            name="Kees Bakker",
            email="kees@example.org",
            message="Ik heb donderdag tijd en een auto. Zal ik je bellen?",
            forwarded_at=now,
        )
        for number, (post, status) in enumerate(
            zip(
                requests[1:],
                (HelpReferralStatus.ACCEPTED, HelpReferralStatus.DECLINED),
                strict=False,
            )
        ):
            organisation = organisations[number % len(organisations)]
            HelpReferral.objects.create(
                post=post,
                organisation=organisation,
                organisation_name=organisation.title,
                sent_to=organisation.email,
                note="Dit past goed bij jullie vrijwilligers.",
                status=status,
                decline_reason=(
                    "We hebben nu geen vrijwilliger vrij."
                    if status == HelpReferralStatus.DECLINED
                    else ""
                ),
                decided_at=now,
            )
        HelpReport.objects.create(
            post=requests[-1],
            reason=HelpReportReason.SPAM,
            explanation="Lijkt op reclame.",
        )

    def highlights_create(self) -> None:
        highlighted = (
            (self.content_pages["gids"], "Hulp nodig? Begin hier"),
            (self.help_board, ""),
            (self.vacancy_index, "Doe mee als vrijwilliger"),
        )
        for order, (page, title) in enumerate(highlighted):
            HomePageHighlightFactory(
                page=self.home, highlighted_page=page, title=title, sort_order=order
            )


SPREEKUUR_TIMES = (
    "Elke dinsdag van 10.00 tot 12.00 uur",
    "Elke donderdag van 14.00 tot 16.00 uur",
    "Elke eerste zaterdag van de maand, 10.00 tot 12.00 uur",
)

HOW_TO_APPLY = {
    "self": "Je kunt gewoon zelf aan de slag. Kijk op de website of loop even binnen.",
    "network": "Bel of mail ons. Een vrijwilliger neemt binnen een week contact op.",
    "general": "Loop binnen tijdens de openingstijden. Je hebt geen verwijzing nodig.",
    "individual": "Bel de gemeente. Een consulent maakt een afspraak voor een gesprek.",
}

ACCESSIBILITY_NOTES = (
    "Drempelvrij, met een invalidentoilet.",
    "Rolstoeltoegankelijk. Er is een ringleiding.",
    "Eerste verdieping, met een lift.",
    "Drempelvrij. Gratis parkeren voor de deur.",
)
