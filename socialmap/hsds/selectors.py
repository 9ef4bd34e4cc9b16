"""What the HSDS API shows: the live, public organisations of one site.

Drafts never leave the building: an organisation is exported as it was last
published, and only when it is live and public (no view restriction), like the
public API. Every list is fetched with a fixed number of queries, however many
items a page holds.
"""

import datetime

from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from wagtail.models import Site

from core.selectors import live_pages_in_site
from socialmap.models import Location, OrganisationPage, Service
from socialmap.search import organisation_search

from .ids import hsds_id, parse_uuid
from .taxonomies import (
    SUPPORT_LEVELS,
    TARGET_GROUPS,
    THEMES,
    Taxonomy,
    Term,
)

#: When the live version of an organisation changed, in SQL; the same order as
#: ``serializers.organisation_modified``. Its services share it.
MODIFIED_FIELDS = (
    "last_published_at",
    "first_published_at",
    "latest_revision_created_at",
)


def _modified(prefix: str = "") -> Coalesce:
    return Coalesce(*(f"{prefix}{name}" for name in MODIFIED_FIELDS))


def organisations_for_site(*, site: Site | None) -> QuerySet[OrganisationPage]:
    if site is None:
        return OrganisationPage.objects.none()
    return live_pages_in_site(OrganisationPage, site=site)


def _locations_with_hours(lookup: str = "locations") -> Prefetch:
    return Prefetch(
        lookup,
        queryset=Location.objects.order_by("sort_order", "pk").prefetch_related(
            "opening_hours", "hours_exceptions"
        ),
    )


def _services_in_order() -> Prefetch:
    return Prefetch("services", queryset=Service.objects.order_by("sort_order", "pk"))


def modified_since(
    queryset: QuerySet, *, since: datetime.datetime | None, prefix: str = ""
) -> QuerySet:
    """Items changed on or after ``since``.

    A page without any publication date (made by a script) is always included:
    nobody can tell when it changed, and a harvester must not miss it.
    """
    if since is None:
        return queryset
    return queryset.annotate(hsds_modified=_modified(prefix)).filter(
        Q(hsds_modified__gte=since) | Q(hsds_modified__isnull=True)
    )


def found_by_words(*, site: Site | None, words: str) -> QuerySet[OrganisationPage]:
    """The site's organisations that the sociale kaart finds for ``words``
    (with the platform's synonyms and small typing errors), as a subquery."""
    found = organisation_search(
        organisations=organisations_for_site(site=site), site=site, query=words
    )
    return OrganisationPage.objects.filter(pk__in=found.ids)


def organisation_list(
    *,
    site: Site | None,
    since: datetime.datetime | None = None,
    full: bool = False,
    words: str = "",
) -> QuerySet[OrganisationPage]:
    """The site's organisations by name; with ``words``, only those the sociale
    kaart's search finds (still by name: a harvester pages through them)."""
    organisations = modified_since(organisations_for_site(site=site), since=since)
    if words:
        organisations = organisations.filter(
            pk__in=found_by_words(site=site, words=words).values("pk")
        )
    organisations = organisations.select_related("logo").order_by("title", "pk")
    if full:
        organisations = organisations.prefetch_related(
            "themes",
            "target_groups",
            "neighbourhoods",
            _services_in_order(),
            _locations_with_hours(),
        )
    return organisations


def organisation_by_hsds_id(*, site: Site | None, value: str) -> OrganisationPage:
    """The organisation with this HSDS id; raises ``DoesNotExist``."""
    key = parse_uuid(value)
    if key is None:
        raise OrganisationPage.DoesNotExist
    return organisation_list(site=site, full=True).get(translation_key=key)


def _site_services(*, site: Site | None) -> QuerySet[Service]:
    return Service.objects.filter(
        page__in=organisations_for_site(site=site).values("pk")
    )


def service_list(
    *,
    site: Site | None,
    since: datetime.datetime | None = None,
    full: bool = False,
    organisation_key: str | None = None,
    term: Term | None = None,
    taxonomy: Taxonomy | None = None,
    words: str = "",
) -> QuerySet[Service]:
    """The services of the site's organisations; with ``words``, the services
    of the organisations the sociale kaart's search finds (its search entry
    holds the services' texts)."""
    services = modified_since(_site_services(site=site), since=since, prefix="page__")
    if words:
        services = services.filter(
            page__in=found_by_words(site=site, words=words).values("pk")
        )
    if organisation_key is not None:
        services = services.filter(page__translation_key=organisation_key)
    if term is not None:
        services = filter_by_term(services, term=term)
    if taxonomy is not None:
        services = filter_by_taxonomy(services, taxonomy=taxonomy)
    services = services.select_related("page", "page__logo").order_by(
        "page__title", "page_id", "sort_order", "pk"
    )
    if full:
        services = services.prefetch_related(
            "page__themes",
            "page__target_groups",
            "page__neighbourhoods",
            _locations_with_hours("page__locations"),
        )
    return services


def filter_by_term(services: QuerySet[Service], *, term: Term) -> QuerySet[Service]:
    if term.taxonomy == THEMES:
        return services.filter(
            page__in=OrganisationPage.objects.filter(themes__slug=term.code).values(
                "pk"
            )
        )
    if term.taxonomy == TARGET_GROUPS:
        return services.filter(
            page__in=OrganisationPage.objects.filter(
                target_groups__slug=term.code
            ).values("pk")
        )
    return services.filter(support_level=term.code)


def filter_by_taxonomy(
    services: QuerySet[Service], *, taxonomy: Taxonomy
) -> QuerySet[Service]:
    if taxonomy == SUPPORT_LEVELS:
        return services.exclude(support_level="")
    if taxonomy == THEMES:
        pages = OrganisationPage.objects.filter(themes__isnull=False)
    else:
        pages = OrganisationPage.objects.filter(target_groups__isnull=False)
    return services.filter(page__in=pages.values("pk"))


def service_by_hsds_id(*, site: Site | None, value: str) -> Service:
    """The service with this HSDS id; raises ``DoesNotExist``.

    The id is a hash of the primary key, so the site's service keys are hashed
    until one matches (one narrow query; thousands of services take
    milliseconds).
    """
    wanted = parse_uuid(value)
    keys = _site_services(site=site).values_list("pk", flat=True)
    pk = next((key for key in keys if hsds_id("service", key) == wanted), None)
    if wanted is None or pk is None:
        raise Service.DoesNotExist
    return service_list(site=site, full=True).get(pk=pk)
