"""Reads for the wijken: the overview and one wijk's page.

A wijk page shows what concerns the wijk: items that live under its page, or
that are tagged with its wijk, anywhere in the site. Town-wide items (no wijk)
are left to the index pages. The item models belong to other apps, so they
are resolved by name instead of imported.

The page is a listing for its own wijk: ``?thema=<slug>`` filters its news,
events and vacancies, and ``?pagina=N`` pages through its news. The wijk is
the page's own, so ``?wijk=`` and the resident's 'mijn wijk' play no part.

The public taxonomies (``public_neighbourhoods``, ``neighbourhood_by_postcode``,
``public_themes``, ``public_target_groups``) are what the API shows anonymously.
"""

import dataclasses
from datetime import datetime
from urllib.parse import urlencode

from django.apps import apps
from django.db.models import F, Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import HttpRequest
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from agenda.selectors import events_by_next_date
from core.models import Neighbourhood, TargetGroup, Theme
from core.selectors import (
    ListingFilters,
    filter_by_taxonomy,
    listing_filters,
    live_pages_in_site,
    neighbourhood_for_postcode,
    neighbourhoods_for_site,
    paginate,
)
from vacancies.selectors import open_vacancies

from .models import NeighbourhoodPage

WIJK_EVENTS_LIMIT = 6
WIJK_VACANCIES_LIMIT = 6
# Renditions the templates ask for, prefetched so the query count stays flat.
CARD_IMAGE_SPEC = "fill-640x360"
CONNECTOR_PHOTO_SPEC = "fill-160x160"
# The same order on SQLite and PostgreSQL, which sort NULLs differently.
_newest_first = F("first_published_at").desc(nulls_last=True)


def _image_prefetch(field: str, spec: str) -> Prefetch:
    return Prefetch(field, queryset=get_image_model().objects.prefetch_renditions(spec))


def neighbourhood_pages(*, index_page: Page) -> QuerySet[NeighbourhoodPage]:
    """The live wijk pages of an overview, by name, with their wijk and photo."""
    return (
        NeighbourhoodPage.objects.child_of(index_page)
        .live()
        .public()
        .select_related("neighbourhood")
        .prefetch_related(_image_prefetch("image", CARD_IMAGE_SPEC))
        .order_by("title")
    )


def concerning_neighbourhood_q(model: type[Page], *, page: NeighbourhoodPage) -> Q:
    """Items of ``model`` living under the wijk page, or tagged with its wijk."""
    tagged = model.objects.filter(neighbourhoods=page.neighbourhood_id)
    return Q(path__startswith=page.path, depth__gt=page.depth) | Q(
        pk__in=tagged.values("pk")
    )


def _concerning(queryset: QuerySet, *, page: NeighbourhoodPage) -> QuerySet:
    return queryset.filter(concerning_neighbourhood_q(queryset.model, page=page))


def public_connectors(*, page: NeighbourhoodPage) -> QuerySet:
    """The wijk's buurtverbinders who consented to be shown, with their photo."""
    return page.connectors.filter(consent=True).prefetch_related(
        _image_prefetch("photo", CONNECTOR_PHOTO_SPEC)
    )


def _site_items(
    model_label: str,
    *,
    page: NeighbourhoodPage,
    site: Site | None,
    theme: Theme | None = None,
):
    app_label, model_name = model_label.split(".")
    model = apps.get_model(app_label, model_name)
    items = _concerning(live_pages_in_site(model, site=site), page=page)
    return filter_by_taxonomy(items, theme=theme)


def news_for_neighbourhood(
    *, page: NeighbourhoodPage, site: Site | None, theme: Theme | None = None
) -> QuerySet:
    """All news of the wijk, newest first; slice or paginate it."""
    return (
        _site_items("news.NewsPage", page=page, site=site, theme=theme)
        .prefetch_related(_image_prefetch("image", CARD_IMAGE_SPEC))
        .order_by("-date", _newest_first, "-pk")
    )


def upcoming_events_for_neighbourhood(
    *,
    page: NeighbourhoodPage,
    site: Site | None,
    theme: Theme | None = None,
    now: datetime | None = None,
    limit: int = WIJK_EVENTS_LIMIT,
) -> QuerySet:
    """Events that still take place, each once, annotated with ``next_start``."""
    events = _site_items("agenda.EventPage", page=page, site=site, theme=theme)
    return events_by_next_date(events, now=now)[:limit]


def open_vacancies_for_neighbourhood(
    *,
    page: NeighbourhoodPage,
    site: Site | None,
    theme: Theme | None = None,
    limit: int = WIJK_VACANCIES_LIMIT,
) -> QuerySet:
    vacancies = _site_items("vacancies.VacancyPage", page=page, site=site, theme=theme)
    return open_vacancies(vacancies).order_by(_newest_first, "-pk")[:limit]


def _index_pages(*, site: Site | None) -> dict[str, Page]:
    """The site's news, agenda and vacancy overviews, for 'see all' links."""
    labels = {
        "news_index": ("news", "NewsIndexPage"),
        "agenda_page": ("agenda", "AgendaPage"),
        "vacancy_index": ("vacancies", "VacancyIndexPage"),
    }
    models = {key: apps.get_model(*label) for key, label in labels.items()}
    pages = live_pages_in_site(Page, site=site).type(*models.values()).order_by("path")
    found: dict[str, Page] = {}
    for index_page in pages:
        for key, model in models.items():
            if index_page.specific_class is model:
                found.setdefault(key, index_page)
    return {key: found.get(key) for key in models}


def theme_filters(*, request: HttpRequest | None, site: Site | None) -> ListingFilters:
    """The shared listing filters, with the theme only: a wijk page's wijk is fixed.

    ``?wijk=`` and the 'mijn wijk' cookie are dropped, so the form offers no
    wijk select and the pagination links carry only ``thema``.
    """
    if request is None:
        return ListingFilters()
    filters = listing_filters(request=request, site=site)
    return dataclasses.replace(
        filters,
        neighbourhood=None,
        neighbourhood_from_cookie=False,
        neighbourhoods=[],
        invalid=[name for name in filters.invalid if name != "wijk"],
    )


def neighbourhood_page_context(
    *, page: NeighbourhoodPage, request: HttpRequest | None = None
) -> dict:
    """Buurtverbinders who consented, and the news, events and vacancies of the wijk.

    Without a request (no query parameters) nothing is filtered and the news
    shows its first page.
    """
    site = page.get_site()
    filters = theme_filters(request=request, site=site)
    news = news_for_neighbourhood(page=page, site=site, theme=filters.theme)
    news_page = paginate(request=request or HttpRequest(), queryset=news)
    # The 'see all' links: this wijk, and the theme chosen here.
    index_query = {"wijk": page.neighbourhood.slug}
    if filters.theme is not None:
        index_query["thema"] = filters.theme.slug
    return {
        "connectors": public_connectors(page=page),
        "filters": filters,
        "page_obj": news_page,
        "news_items": news_page.object_list,
        "upcoming_events": upcoming_events_for_neighbourhood(
            page=page, site=site, theme=filters.theme
        ),
        "open_vacancies": open_vacancies_for_neighbourhood(
            page=page, site=site, theme=filters.theme
        ),
        "index_query_string": urlencode(index_query),
        **_index_pages(site=site),
    }


# The public taxonomies of a site (the API's wijken, postcodes, themas, doelgroepen)


def _public_wijk_prefetches() -> list:
    """What a wijk shows publicly besides its own fields: its postcode ranges
    and its live, public wijk page (``live_page``, None without one)."""
    return [
        "postcode_ranges",
        Prefetch(
            "page",
            queryset=NeighbourhoodPage.objects.live().public(),
            to_attr="live_page",
        ),
    ]


def public_neighbourhoods(*, site: Site) -> QuerySet[Neighbourhood]:
    """The wijken of ``site`` by name, with postcode ranges and live wijk page.

    Three queries whatever their number.
    """
    return neighbourhoods_for_site(site=site).prefetch_related(
        *_public_wijk_prefetches()
    )


def neighbourhood_by_slug(*, site: Site, slug: str) -> Neighbourhood | None:
    return public_neighbourhoods(site=site).filter(slug=slug).first()


def neighbourhood_by_postcode(*, site: Site, postcode: str) -> Neighbourhood | None:
    """The wijk of ``site`` whose postcode ranges hold ``postcode``, with the
    same related data as ``public_neighbourhoods``; None when none does."""
    neighbourhood = neighbourhood_for_postcode(site=site, postcode=postcode)
    if neighbourhood is not None:
        prefetch_related_objects([neighbourhood], *_public_wijk_prefetches())
    return neighbourhood


def public_themes() -> QuerySet[Theme]:
    """Themes are shared by every site of the installation."""
    return Theme.objects.order_by("name")


def public_target_groups() -> QuerySet[TargetGroup]:
    return TargetGroup.objects.order_by("name")
