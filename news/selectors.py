"""Reads for news: every news item of a site, newest first, per wijk and theme."""

from django.apps import apps
from django.db.models import Prefetch, Q, QuerySet, Subquery
from django.http import HttpRequest
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from core.models import Neighbourhood, Theme
from core.selectors import (
    filter_by_taxonomy,
    listing_filters,
    live_pages_in_site,
    paginate,
)

from .models import NewsIndexPage, NewsPage

NEWEST_FIRST = ("-date", "-first_published_at", "-pk")
# The rendition components/card.html asks for; prefetched so a listing of N
# items with images does not fetch N renditions one by one.
CARD_IMAGE_SPEC = "fill-640x360"
# How many items a feed carries: feed readers only want what is recent.
FEED_LIMIT = 30


def news_items(
    *,
    site: Site | None,
    neighbourhood: Neighbourhood | None = None,
    theme: Theme | None = None,
    include_town_wide: bool = True,
) -> QuerySet[NewsPage]:
    """Live, public news of ``site``, newest first, ready for a listing.

    Filtering on a wijk keeps town-wide news (no wijk) unless
    ``include_town_wide`` is False.
    """
    queryset = filter_by_taxonomy(
        live_pages_in_site(NewsPage, site=site),
        neighbourhood=neighbourhood,
        theme=theme,
        include_town_wide=include_town_wide,
    )
    return _for_listing(queryset)


def _for_listing(queryset: QuerySet[NewsPage]) -> QuerySet[NewsPage]:
    renditions = (
        get_image_model()
        .get_rendition_model()
        .objects.filter(filter_spec=CARD_IMAGE_SPEC)
    )
    return (
        queryset.select_related("image")
        .prefetch_related(
            Prefetch(
                "image__renditions",
                queryset=renditions,
                to_attr="prefetched_renditions",
            ),
            "neighbourhoods",
            "themes",
        )
        .order_by(*NEWEST_FIRST)
    )


def news_for_neighbourhood(
    *, site: Site | None, neighbourhood: Neighbourhood
) -> QuerySet[NewsPage]:
    """The news of one wijk as its wijk page shows it, newest first.

    Items living under the wijk's page or tagged with the wijk; town-wide news
    (no wijk) is left to the site's news, as on the wijk page.
    """
    neighbourhood_page_model = apps.get_model("neighbourhoods", "NeighbourhoodPage")
    # The wijk page's path, in the same query: items under it start with it.
    wijk_page_path = Subquery(
        neighbourhood_page_model.objects.filter(neighbourhood=neighbourhood).values(
            "path"
        )[:1]
    )
    tagged = NewsPage.objects.filter(neighbourhoods=neighbourhood).values("pk")
    queryset = live_pages_in_site(NewsPage, site=site).filter(
        Q(pk__in=tagged) | Q(path__startswith=wijk_page_path)
    )
    return _for_listing(queryset)


def news_under(*, page: Page) -> QuerySet[NewsPage]:
    """Live, public news living under ``page`` (an organisation), newest first."""
    return _for_listing(NewsPage.objects.live().public().descendant_of(page))


def latest_news_for_neighbourhood_page(
    *, page: Page, neighbourhood: Neighbourhood, limit: int = 3
) -> list[NewsPage]:
    """News for a wijk page: items under it or tagged with its wijk, not town-wide."""
    return list(
        news_for_neighbourhood(site=page.get_site(), neighbourhood=neighbourhood)[
            :limit
        ]
    )


def latest_news_under(*, page: Page, limit: int = 3) -> list[NewsPage]:
    """The newest items that live under ``page`` (an organisation)."""
    return list(news_under(page=page)[:limit])


def attach_sources(items: list[NewsPage]) -> list[NewsPage]:
    """Give each item ``source``: the wijk or organisation page it lives under.

    Items on the news index itself have ``source`` None (the platform's own
    news). One query for all the parents, whatever the number of items.
    """
    steplen = Page.steplen
    parent_paths = {item.path[:-steplen] for item in items}
    parents = {
        parent.path: parent
        for parent in Page.objects.filter(path__in=parent_paths).not_type(NewsIndexPage)
    }
    for item in items:
        item.source = parents.get(item.path[:-steplen])
    return items


def news_listing(*, request: HttpRequest, index_page: Page) -> dict:
    """The news index: every news item of the site, filtered by wijk and theme.

    Query parameters: ``wijk``, ``thema`` (see core.selectors.listing_filters)
    and ``pagina``.
    """
    site = index_page.get_site()
    filters = listing_filters(request=request, site=site)
    page_obj = paginate(
        request=request,
        queryset=news_items(
            site=site, neighbourhood=filters.neighbourhood, theme=filters.theme
        ),
    )
    return {
        "filters": filters,
        "page_obj": page_obj,
        "items": attach_sources(list(page_obj.object_list)),
    }
