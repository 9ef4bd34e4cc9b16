"""Reads for the wijken: the overview and one wijk's page.

A wijk page shows what concerns the wijk: items that live under its page, or
that are tagged with its wijk, anywhere in the site. Town-wide items (no wijk)
are left to the index pages. The item models belong to other apps, so they
are resolved by name instead of imported.
"""

from datetime import datetime

from django.apps import apps
from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from agenda.selectors import events_by_next_date
from core.selectors import live_pages_in_site

from .models import NeighbourhoodPage

WIJK_NEWS_LIMIT = 6
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


def _concerning(queryset: QuerySet, *, page: NeighbourhoodPage) -> QuerySet:
    """Items living under the wijk page, or tagged with its wijk."""
    tagged = queryset.model.objects.filter(neighbourhoods=page.neighbourhood_id)
    return queryset.filter(
        Q(path__startswith=page.path, depth__gt=page.depth)
        | Q(pk__in=tagged.values("pk"))
    )


def _site_items(model_label: str, *, page: NeighbourhoodPage, site: Site | None):
    app_label, model_name = model_label.split(".")
    model = apps.get_model(app_label, model_name)
    return _concerning(live_pages_in_site(model, site=site), page=page)


def news_for_neighbourhood(
    *, page: NeighbourhoodPage, site: Site | None, limit: int = WIJK_NEWS_LIMIT
) -> QuerySet:
    return (
        _site_items("news.NewsPage", page=page, site=site)
        .prefetch_related(_image_prefetch("image", CARD_IMAGE_SPEC))
        .order_by("-date", _newest_first, "-pk")[:limit]
    )


def upcoming_events_for_neighbourhood(
    *,
    page: NeighbourhoodPage,
    site: Site | None,
    now: datetime | None = None,
    limit: int = WIJK_EVENTS_LIMIT,
) -> QuerySet:
    """Events that still take place, each once, annotated with ``next_start``."""
    events = _site_items("agenda.EventPage", page=page, site=site)
    return events_by_next_date(events, now=now)[:limit]


def open_vacancies_for_neighbourhood(
    *, page: NeighbourhoodPage, site: Site | None, limit: int = WIJK_VACANCIES_LIMIT
) -> QuerySet:
    today = timezone.localdate()
    return (
        _site_items("vacancies.VacancyPage", page=page, site=site)
        .filter(Q(closing_date__isnull=True) | Q(closing_date__gte=today))
        .order_by(_newest_first, "-pk")[:limit]
    )


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


def neighbourhood_page_context(*, page: NeighbourhoodPage) -> dict:
    """Buurtverbinders who consented, and the news, events and vacancies of the wijk."""
    site = page.get_site()
    return {
        "connectors": page.connectors.filter(consent=True).prefetch_related(
            _image_prefetch("photo", CONNECTOR_PHOTO_SPEC)
        ),
        "news_items": news_for_neighbourhood(page=page, site=site),
        "upcoming_events": upcoming_events_for_neighbourhood(page=page, site=site),
        "open_vacancies": open_vacancies_for_neighbourhood(page=page, site=site),
        **_index_pages(site=site),
    }
