"""Builds the benchmark's sociale kaart: one site, nine wijken, N organisations.

The organisations are made the way the project makes them: Wagtail's
``add_child`` with their services, locations and opening hours as cluster
children, in one transaction, so Wagtail's own work on a new page (paths,
reference index, log entries) is done. Two things are done in bulk afterwards,
with the same result: every organisation's editorial team (``teams_create``),
and the search index (``manage.py update_index``), because indexing on save
indexes a page before its services exist and would need a second pass anyway.
"""

import datetime
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.text import slugify
from modelsearch import index as search_index
from modelsearch.signal_handlers import (
    post_delete_signal_handler,
    post_save_signal_handler,
)
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
)

from core.models import Neighbourhood, PostcodeRange, TargetGroup, Theme
from editorial.models import Team, TeamRole
from editorial.services import (
    EDITOR_PAGE_PERMISSIONS,
    TEAM_COLLECTION_PERMISSIONS,
    communicatie_grant,
    communicatie_team_ensure,
    page_permissions_get,
    permissions_get,
    site_label,
    team_ensure,
)
from editorial.signals import team_for_new_page
from home.models import HomePage
from socialmap.models import (
    Location,
    OpeningHours,
    OpeningHoursException,
    OrganisationPage,
    Service,
    SocialMapPage,
    SupportLevel,
)

from . import vocabulary as words

SEED = 20250427
SITE_HOSTNAME = "localhost"
IMPORT_USERNAME = "bench-communicatie"
COLLEAGUE = "bench-communicatie-2"
EXTERNAL_ID_PREFIX = "RIV"
BATCH = 1000
SUPPORT_LEVEL_WEIGHTS = {
    SupportLevel.SELF: 20,
    SupportLevel.NETWORK: 20,
    SupportLevel.GENERAL: 45,
    SupportLevel.INDIVIDUAL: 10,
    "": 5,
}


@dataclass(frozen=True)
class Taxonomies:
    neighbourhoods: list[Neighbourhood]
    themes: list[Theme]
    target_groups: list[TargetGroup]


@dataclass(frozen=True)
class Built:
    site: Site
    social_map: SocialMapPage
    taxonomies: Taxonomies
    organisations: int
    timings: dict[str, float]


def weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def parse_time(value: str) -> datetime.time:
    hours, minutes = value.split(":")
    return datetime.time(int(hours), int(minutes))


class team_signal_paused:
    """No editorial team per new organisation inside this block (they are made
    in bulk afterwards, see ``teams_create``)."""

    uid = "editorial_team_for_new_socialmap.organisationpage"

    def __enter__(self):
        if not post_save.disconnect(sender=OrganisationPage, dispatch_uid=self.uid):
            # One by one, 10,000 teams would take hours: better stop.
            raise RuntimeError(
                f"No post_save receiver {self.uid!r} (editorial/signals.py): "
                "bench/dataset.py needs to know how teams are made now."
            )
        return self

    def __exit__(self, *exc_info):
        post_save.connect(
            team_for_new_page, sender=OrganisationPage, dispatch_uid=self.uid
        )


class search_signals_paused:
    """Wagtail's search index is not updated on each save inside this block."""

    def __enter__(self):
        self.models = [
            model
            for model in search_index.get_indexed_models()
            if getattr(model, "search_auto_update", True)
        ]
        for model in self.models:
            post_save.disconnect(post_save_signal_handler, sender=model)
            post_delete.disconnect(post_delete_signal_handler, sender=model)
        return self

    def __exit__(self, *exc_info):
        for model in self.models:
            post_save.connect(post_save_signal_handler, sender=model)
            post_delete.connect(post_delete_signal_handler, sender=model)


def site_create() -> tuple[Site, HomePage, SocialMapPage]:
    """The default site on a HomePage with the sociale kaart under it, as
    ``load_demo`` makes a platform (Wagtail's welcome page goes)."""
    root = Page.get_first_root_node()
    now = timezone.now()
    home = root.add_child(
        instance=HomePage(
            title=words.SITE_NAME,
            slug=slugify(words.SITE_NAME),
            introduction="Nieuws, activiteiten en hulp bij jou in de buurt.",
            welcome="Samen maken we de buurt",
            first_published_at=now,
            last_published_at=now,
        )
    )
    site = Site.objects.filter(is_default_site=True).first() or Site(
        is_default_site=True
    )
    welcome = site.root_page if site.pk else None
    site.hostname = SITE_HOSTNAME
    site.port = 80
    site.site_name = words.SITE_NAME
    site.root_page = home
    site.save()
    if welcome is not None and welcome.specific_class is Page:
        welcome.delete()
    social_map = home.add_child(
        instance=SocialMapPage(
            title="Sociale kaart",
            slug="sociale-kaart",
            introduction=f"Wie helpt waarmee in {words.CITY}? Zoek op thema.",
            show_in_menus=True,
            first_published_at=now,
            last_published_at=now,
        )
    )
    return site, home, social_map


def taxonomies_create(*, site: Site) -> Taxonomies:
    neighbourhoods = []
    for wijk in words.WIJKEN:
        neighbourhood = Neighbourhood.objects.create(
            site=site, name=wijk.name, slug=wijk.slug
        )
        PostcodeRange(
            neighbourhood=neighbourhood, start=wijk.postcode, end=wijk.postcode
        ).save()
        neighbourhoods.append(neighbourhood)
    themes = [Theme.objects.create(name=t.name, slug=t.slug) for t in words.THEMES]
    groups = [
        TargetGroup.objects.create(name=name, slug=slug)
        for name, slug in words.TARGET_GROUPS
    ]
    return Taxonomies(neighbourhoods, themes, groups)


def taxonomies_load() -> Taxonomies:
    return Taxonomies(
        neighbourhoods=list(Neighbourhood.objects.order_by("pk")),
        themes=list(Theme.objects.order_by("pk")),
        target_groups=list(TargetGroup.objects.order_by("pk")),
    )


def import_users_create(*, site: Site):
    """Communicatie of the site, two people: the first imports (so may), the
    second gets the moderation e-mails (Wagtail does not mail the submitter)."""
    users = []
    for username, first_name in ((IMPORT_USERNAME, "Carla"), (COLLEAGUE, "Chris")):
        user = get_user_model().objects.create_user(
            username=username,
            email=f"{username}@rivierstad.example",
            first_name=first_name,
            last_name="Communicatie",
        )
        communicatie_grant(user=user, site=site)
        users.append(user)
    return users[0]


class OrganisationMaker:
    """One organisation at a time, made of the vocabulary's Dutch words."""

    def __init__(
        self,
        *,
        taxonomies: Taxonomies,
        rng: random.Random,
        opening_patterns: dict[str, int] = words.OPENING_PATTERN_WEIGHTS,
    ) -> None:
        self.rng = rng
        self.opening_patterns = opening_patterns
        self.taxonomies = taxonomies
        self.today = timezone.localdate()
        self.slugs: set[str] = set()
        self.theme_words = {t.slug: t for t in words.THEMES}
        self.wijk_words = {w.slug: w for w in words.WIJKEN}

    def title(self, wijk: Neighbourhood | None) -> str:
        rng = self.rng
        title = f"{rng.choice(words.KINDS)} {rng.choice(words.NAMES)}"
        if wijk is not None and rng.random() < 0.6:
            title = f"{title} {wijk.name}"
        return title

    def slug(self, title: str) -> str:
        base = slugify(title)
        slug, number = base, 1
        while slug in self.slugs:
            number += 1
            slug = f"{base}-{number}"
        self.slugs.add(slug)
        return slug

    def address(self, wijk: Neighbourhood | None) -> dict:
        rng = self.rng
        spec = self.wijk_words[wijk.slug] if wijk else rng.choice(words.WIJKEN)
        return {
            "street_address": f"{rng.choice(spec.streets)} {rng.randint(1, 180)}",
            "postcode": f"{spec.postcode} {rng.choice(words.POSTCODE_LETTERS)}",
            "city": words.CITY,
            "latitude": Decimal(f"{spec.latitude + rng.uniform(-0.006, 0.006):.6f}"),
            "longitude": Decimal(f"{spec.longitude + rng.uniform(-0.006, 0.006):.6f}"),
        }

    def hours_exceptions(self, number: int) -> list[OpeningHoursException]:
        """Holidays for one location in three, like the demo town's."""
        if number % 3:
            return []
        year = self.today.year + (1 if self.today.month == 12 else 0)
        return [
            OpeningHoursException(
                date=datetime.date(year + 1, 4, 27), reason="Koningsdag"
            ),
            OpeningHoursException(
                date=datetime.date(year, 12, 25), reason="Eerste kerstdag"
            ),
            OpeningHoursException(
                date=datetime.date(year, 12, 26), reason="Tweede kerstdag"
            ),
        ]

    def location(self, *, wijk, page_title: str, number: int) -> Location:
        rng = self.rng
        pattern = weighted(rng, self.opening_patterns)
        slots = [
            OpeningHours(
                sort_order=position,
                weekday=weekday,
                opens=parse_time(opens),
                closes=parse_time(closes),
            )
            for position, (weekday, opens, closes) in enumerate(
                (weekday, opens, closes)
                for weekdays, opens, closes in words.OPENING_HOURS[pattern]
                for weekday in weekdays
            )
        ]
        return Location(
            name=page_title if rng.random() < 0.5 else "",
            accessibility_notes=rng.choice(words.ACCESSIBILITY_NOTES),
            opening_hours=slots,
            hours_exceptions=self.hours_exceptions(number),
            **self.address(wijk),
        )

    def service(self, *, theme_slug: str, for_whom: str) -> Service:
        rng = self.rng
        theme = self.theme_words[theme_slug]
        level = weighted(rng, SUPPORT_LEVEL_WEIGHTS)
        free = rng.random() < 0.6
        return Service(
            name=rng.choice(theme.services),
            description=" ".join(rng.sample(theme.sentences, 2)),
            for_whom=for_whom,
            cost=rng.choice(words.FREE_COSTS if free else words.COSTS[1:]),
            is_free=free,
            how_to_apply=words.HOW_TO_APPLY[level],
            support_level=level,
        )

    def page(self, number: int, *, external_id: str = "") -> OrganisationPage:
        """An unsaved organisation with its services, locations and taxonomies
        in memory (modelcluster), ready for ``add_child``."""
        rng = self.rng
        tax = self.taxonomies
        wijken_count = rng.choices((0, 1, 2), weights=(20, 65, 15))[0]
        wijken = rng.sample(tax.neighbourhoods, wijken_count)
        themes = rng.sample(tax.themes, rng.choices((1, 2), weights=(60, 40))[0])
        groups = rng.sample(tax.target_groups, rng.choice((0, 1, 1, 2)))
        first_wijk = wijken[0] if wijken else None
        title = self.title(first_wijk)
        theme_specs = [self.theme_words[t.slug] for t in themes]
        sentences = [s for spec in theme_specs for s in rng.sample(spec.sentences, 2)]
        for_whom = ", ".join(g.name.lower() for g in groups).capitalize() or "Iedereen"
        services = []
        for position in range(rng.choices((1, 2, 3), weights=(40, 40, 20))[0]):
            service = self.service(
                theme_slug=rng.choice(themes).slug, for_whom=for_whom
            )
            if any(s.name == service.name for s in services):
                continue
            service.sort_order = position
            services.append(service)
        locations = [
            self.location(wijk=first_wijk, page_title=title, number=number)
            for _ in range(rng.choices((1, 2), weights=(75, 25))[0])
        ]
        for position, location in enumerate(locations):
            location.sort_order = position
        slug = self.slug(title)
        paragraphs = [
            " ".join(sentences[:2]),
            " ".join(sentences[2:]) or rng.choice(words.GENERAL_SENTENCES),
            rng.choice(words.GENERAL_SENTENCES),
        ]
        published = timezone.now() - datetime.timedelta(days=rng.randint(1, 1500))
        page = OrganisationPage(
            title=title,
            slug=slug,
            introduction=sentences[0],
            description="".join(f"<p>{p}</p>" for p in paragraphs),
            phone=f"{words.PHONE_PREFIX} {rng.randint(100, 999)} "
            f"{rng.randint(100, 999)}",
            email=f"info@{slug}.example",
            website=f"https://www.{slug}.example" if rng.random() < 0.8 else "",
            external_id=external_id or f"{EXTERNAL_ID_PREFIX}-{number:05d}",
            last_checked=self.today - datetime.timedelta(days=rng.randint(0, 800))
            if rng.random() < 0.8
            else None,
            first_published_at=published,
            last_published_at=published,
            live=True,
        )
        page.neighbourhoods = wijken
        page.themes = themes
        page.target_groups = groups
        page.services = services
        page.locations = locations
        return page


def organisations_create(
    *,
    social_map: SocialMapPage,
    taxonomies: Taxonomies,
    count: int,
    progress: Callable[[int], object] | None = None,
) -> None:
    # Seeded, so every run builds the same town (no secrets involved).
    maker = OrganisationMaker(taxonomies=taxonomies, rng=random.Random(SEED))  # noqa: S311
    # add_child asks the parent for its last child every time: keep one copy
    # whose numchild stays current instead of reloading it.
    parent = SocialMapPage.objects.get(pk=social_map.pk)
    for number in range(1, count + 1):
        parent.add_child(instance=maker.page(number))
        if progress is not None:
            progress(number)


def teams_create(*, site: Site, social_map: SocialMapPage) -> int:
    """Every organisation's editorial team, as ``editorial.services.team_ensure``
    makes it when the page is created: a group, the group's add and change
    rights on the page, and a collection (under the site's Communicatie
    collection) with the team's rights on images and documents.

    In bulk, in a few seconds: one by one it takes some 25 queries per team
    (and before commit a871a17, which stopped sorting team collections by
    name, hours: bench/README.md, "Findings"). The collections follow one
    another in creation order, as ``TeamCollection.add_child`` appends them.
    """
    communicatie = communicatie_team_ensure(site=site)
    parent = Collection.objects.get(pk=communicatie.collection_id)
    if parent.numchild:
        raise RuntimeError("teams_create expects a site without organisation teams")
    pages = list(
        OrganisationPage.objects.child_of(social_map)
        .filter(editorial_team__isnull=True)
        .values_list("pk", "title")
        .order_by("pk")
    )
    label = site_label(site)
    seen: set[str] = set()
    groups = []
    for pk, title in pages:
        name = f"Redactie {title} ({label})"
        if name in seen:
            name = f"{name} [{pk}]"
        seen.add(name)
        groups.append(Group(name=name[:150]))
    Group.objects.bulk_create(groups, batch_size=BATCH)
    depth = parent.depth + 1
    collections = [
        Collection(
            name=title,
            depth=depth,
            numchild=0,
            path=Collection._get_path(parent.path, depth, number),
        )
        for number, (_pk, title) in enumerate(pages, start=1)
    ]
    Collection.objects.bulk_create(collections, batch_size=BATCH)
    Collection.objects.filter(pk=parent.pk).update(numchild=len(collections))
    Team.objects.bulk_create(
        [
            Team(
                role=TeamRole.ORGANISATION_EDITORS,
                page_id=pk,
                group=group,
                collection=collection,
            )
            for (pk, _title), group, collection in zip(
                pages, groups, collections, strict=True
            )
        ],
        batch_size=BATCH,
    )
    page_rights = page_permissions_get(codenames=EDITOR_PAGE_PERMISSIONS)
    GroupPagePermission.objects.bulk_create(
        [
            GroupPagePermission(group=group, page_id=pk, permission=permission)
            for (pk, _title), group in zip(pages, groups, strict=True)
            for permission in page_rights
        ],
        batch_size=BATCH,
    )
    media_rights = permissions_get(names=TEAM_COLLECTION_PERMISSIONS)
    GroupCollectionPermission.objects.bulk_create(
        [
            GroupCollectionPermission(
                group=group, collection=collection, permission=permission
            )
            for group, collection in zip(groups, collections, strict=True)
            for permission in media_rights
        ],
        batch_size=BATCH,
    )
    return len(pages)


def teams_check(*, social_map: SocialMapPage) -> None:
    """``team_ensure`` finds nothing to add to a bulk-made team."""
    page = OrganisationPage.objects.child_of(social_map).order_by("-pk").first()
    tables = (Group, Collection, Team, GroupPagePermission, GroupCollectionPermission)
    before = [model.objects.count() for model in tables]
    team_ensure(page=page, role=TeamRole.ORGANISATION_EDITORS)
    after = [model.objects.count() for model in tables]
    if before != after:
        raise RuntimeError(f"bulk teams differ from team_ensure: {before} {after}")


def search_index_fill() -> None:
    """``manage.py update_index``: every indexed model, in chunks of 1,000."""
    call_command("update_index", verbosity=0)


def statistics_update() -> None:
    """Planner statistics, as a database in use has them (autovacuum, or
    SQLite's ANALYZE): without them the first plans after a bulk load are
    guesses, and autovacuum would start in the middle of a measurement."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")


def build(*, count: int, progress: Callable[[int], object] | None = None) -> Built:
    """The whole sociale kaart, with how long each step took (seconds)."""
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = now - clock
        clock = now

    with transaction.atomic(), search_signals_paused(), team_signal_paused():
        site, _home, social_map = site_create()
        taxonomies = taxonomies_create(site=site)
        import_users_create(site=site)
        organisations_create(
            social_map=social_map,
            taxonomies=taxonomies,
            count=count,
            progress=progress,
        )
        lap("organisations")
        teams_create(site=site, social_map=social_map)
        teams_check(social_map=social_map)
        lap("teams")
    search_index_fill()
    lap("search_index")
    statistics_update()
    lap("analyze")
    return Built(
        site=site,
        social_map=social_map,
        taxonomies=taxonomies,
        organisations=count,
        timings=timings,
    )


def built_load() -> Built:
    """What an earlier run built (``--reuse``)."""
    site = Site.objects.get(is_default_site=True)
    social_map = SocialMapPage.objects.descendant_of(site.root_page).get()
    return Built(
        site=site,
        social_map=social_map,
        taxonomies=taxonomies_load(),
        organisations=OrganisationPage.objects.child_of(social_map).live().count(),
        timings={},
    )
