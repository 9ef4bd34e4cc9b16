"""Reads for the home page and the site search.

Home shows content of other apps (news, events, wijken) without importing
their internals: it resolves their models by name and uses Wagtail's generic
page queries.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import F, Prefetch, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import capfirst
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from agenda.selectors import events_by_next_date
from core.models import BasePage, IndexPage
from core.search import MAX_SEARCH_QUERY_LENGTH, clean_search_query, search_words
from core.selectors import paginate

HOME_NEWS_LIMIT = 3
HOME_EVENTS_LIMIT = 4
# The rendition components/card.html asks for; prefetched so listings stay flat.
CARD_IMAGE_SPEC = "fill-640x360"


def _card_image_prefetch(field: str = "image") -> Prefetch:
    return Prefetch(
        field, queryset=get_image_model().objects.prefetch_renditions(CARD_IMAGE_SPEC)
    )


def live_highlights(*, page: Page) -> list[dict]:
    """The highlighted pages that are live and public, with their display title."""
    highlights = list(page.highlights.select_related("highlighted_page"))
    # One query per page type, however many highlights there are.
    specific_pages = {
        specific.pk: specific
        for specific in Page.objects.live()
        .public()
        .filter(pk__in=[h.highlighted_page_id for h in highlights])
        .specific()
    }
    return [
        {
            "page": specific_pages[highlight.highlighted_page_id],
            "title": highlight.display_title,
            "introduction": getattr(
                specific_pages[highlight.highlighted_page_id], "introduction", ""
            ),
        }
        for highlight in highlights
        if highlight.highlighted_page_id in specific_pages
    ]


def home_page_context(*, page: Page) -> dict:
    """Highlights, the wijken, latest news, upcoming events and the index pages."""
    news_page = apps.get_model("news", "NewsPage")
    event_page = apps.get_model("agenda", "EventPage")
    neighbourhood_page = apps.get_model("neighbourhoods", "NeighbourhoodPage")

    neighbourhood_pages = (
        neighbourhood_page.objects.live()
        .public()
        .descendant_of(page)
        .select_related("neighbourhood")
        .order_by("title")
    )
    latest_news = (
        news_page.objects.live()
        .public()
        .descendant_of(page)
        .prefetch_related(_card_image_prefetch())
        .order_by("-date", F("first_published_at").desc(nulls_last=True), "-pk")
    )
    upcoming_events = events_by_next_date(
        event_page.objects.live().public().descendant_of(page)
    )[:HOME_EVENTS_LIMIT]
    index_pages = list(page.get_children().live().public().type(IndexPage).specific())
    return {
        "highlights": live_highlights(page=page),
        "neighbourhood_pages": neighbourhood_pages,
        "latest_news": latest_news[:HOME_NEWS_LIMIT],
        "upcoming_events": upcoming_events,
        "index_pages": index_pages,
        # e.g. index_page_by_type.newsindexpage, for the 'see all' links.
        "index_page_by_type": {
            index_page._meta.model_name: index_page for index_page in index_pages
        },
    }


# Site search


@dataclass(frozen=True)
class SearchPageType:
    """A kind of content a resident can narrow the search to."""

    key: str
    label: str
    model: type[Page]


def searchable_page_types() -> list[SearchPageType]:
    """Every content page type, found from the models rather than a fixed list.

    Index pages (agenda, nieuws, ...) and site roots only gather other pages,
    so they are not offered as a type of their own.
    """
    types = []
    for model in apps.get_models():
        if not issubclass(model, BasePage) or issubclass(model, IndexPage):
            continue
        if Page in model.allowed_parent_page_models():
            continue
        types.append(
            SearchPageType(
                key=model._meta.model_name,
                label=capfirst(model._meta.verbose_name_plural),
                model=model,
            )
        )
    return sorted(types, key=lambda page_type: str(page_type.label))


def site_search(
    *, site: Site | None, query: str, page_type: SearchPageType | None = None
):
    """Live, public pages of ``site`` matching ``query``, best match first.

    Vacancies past their closing date are left out, as in every listing.
    """
    if site is None or not query:
        return Page.objects.none()
    vacancy_page = apps.get_model("vacancies", "VacancyPage")
    closed = vacancy_page.objects.filter(closing_date__lt=timezone.localdate())
    pages = (
        Page.objects.live()
        .public()
        .descendant_of(site.root_page, inclusive=True)
        .exclude(id__in=closed.values("pk"))
    )
    if page_type is not None:
        pages = pages.type(page_type.model)
    return pages.search(query, operator="and")


@dataclass(frozen=True)
class SearchResult:
    page: Page
    type_label: str

    @property
    def title(self) -> str:
        return self.page.title

    @property
    def introduction(self) -> str:
        return getattr(self.page, "introduction", "") or self.page.search_description


@dataclass
class SearchParams:
    """What was asked, to fill in the form and build the pagination links."""

    query: str = ""
    page_type: SearchPageType | None = None
    query_shortened: bool = False
    unknown_type: bool = False

    def query_string(self) -> str:
        params = {"q": self.query}
        if self.page_type is not None:
            params["type"] = self.page_type.key
        return urlencode(params)


def _search_results(*, pages) -> list[SearchResult]:
    """The specific pages (for their introduction and type), one query per type."""
    pages = list(pages)
    specific_pages = {
        specific.pk: specific
        for specific in Page.objects.filter(pk__in=[p.pk for p in pages]).specific()
    }
    results = []
    for page in pages:
        specific = specific_pages.get(page.pk, page)
        results.append(
            SearchResult(
                page=specific,
                type_label=capfirst(specific._meta.verbose_name),
            )
        )
    return results


def search_page_context(*, request: HttpRequest, site: Site | None) -> dict:
    """The search form, and a page of results when something was asked."""
    raw_query = request.GET.get("q", "")
    query = clean_search_query(raw_query)
    page_types = searchable_page_types()
    type_key = request.GET.get("type", "").strip()
    page_type = next((t for t in page_types if t.key == type_key), None)
    params = SearchParams(
        query=query,
        page_type=page_type,
        query_shortened=len(search_words(raw_query)) > MAX_SEARCH_QUERY_LENGTH,
        unknown_type=bool(type_key) and page_type is None,
    )
    context = {
        "search_query": query,
        "search_params": params,
        "page_types": page_types,
        "searched": bool(query),
        "page_obj": None,
        "results": [],
    }
    if query:
        page_obj = paginate(
            request=request,
            queryset=site_search(site=site, query=query, page_type=page_type),
        )
        context["page_obj"] = page_obj
        context["results"] = _search_results(pages=page_obj.object_list)
    return context


def guide_chapters(*, page: Page) -> QuerySet:
    """The live, public guide pages directly under a guide page, in tree order."""
    content_page = apps.get_model("home", "ContentPage")
    return content_page.objects.child_of(page).live().public().order_by("path")
