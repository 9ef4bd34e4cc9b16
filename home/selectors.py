"""Reads for the home page and the site search.

Home shows content of other apps (news, events, wijken, help posts) without
importing their internals: it resolves their models by name, uses Wagtail's
generic page queries and the other apps' selectors.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import capfirst
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from agenda.selectors import events_by_next_date
from core.models import BasePage, IndexPage, Theme
from core.search import MAX_SEARCH_QUERY_LENGTH, clean_search_query, search_words
from core.selectors import chosen_neighbourhood_id, paginate
from helpboard.selectors import PUBLIC_FIELDS as HELP_POST_PUBLIC_FIELDS
from neighbourhoods.selectors import concerning_neighbourhood_q, public_connectors

HOME_NEWS_LIMIT = 3
HOME_EVENTS_LIMIT = 4
HOME_HELP_POSTS_LIMIT = 3
QUICK_THEMES_LIMIT = 6
# The rendition components/card.html asks for; prefetched so listings stay flat.
CARD_IMAGE_SPEC = "fill-640x360"


def _card_image_prefetch(field: str = "image") -> Prefetch:
    return Prefetch(
        field, queryset=get_image_model().objects.prefetch_renditions(CARD_IMAGE_SPEC)
    )


def _attach_card_images(pages) -> None:
    """Give pages of several types their card image (and its rendition) in two
    queries, whatever the number of pages (a page without the field has none)."""
    pages = [page for page in pages if getattr(page, "image_id", None)]
    images = (
        get_image_model()
        .objects.prefetch_renditions(CARD_IMAGE_SPEC)
        .in_bulk({page.image_id for page in pages})
    )
    for page in pages:
        page.image = images.get(page.image_id)


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
    _attach_card_images(specific_pages.values())
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


def _wijk_first(model: type[Page], wijk_page: Page | None):
    """0 for items concerning the chosen wijk, 1 for the rest (all 1 without one)."""
    if wijk_page is None:
        return Value(1)
    return Case(
        When(concerning_neighbourhood_q(model, page=wijk_page), then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )


def quick_themes(*, page: Page, limit: int = QUICK_THEMES_LIMIT) -> QuerySet:
    """The themes with the most organisations on the site's sociale kaart: the
    common needs the home page links to."""
    organisation_page = apps.get_model("socialmap", "OrganisationPage")
    organisations = organisation_page.objects.live().public().descendant_of(page)
    through = organisation_page.themes.through
    per_theme = (
        through.objects.filter(
            theme=OuterRef("pk"), organisationpage__in=organisations.values("pk")
        )
        .order_by()
        .values("theme")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        Theme.objects.annotate(organisation_count=Subquery(per_theme))
        .filter(organisation_count__gt=0)
        .order_by("-organisation_count", "name")[:limit]
    )


def help_posts_for_home(
    *, page: Page, neighbourhood_id: int | None, limit: int = HOME_HELP_POSTS_LIMIT
) -> list[dict]:
    """The newest public requests and offers of the site, public fields only.

    With a chosen wijk, its own posts come first, then the town-wide ones.
    """
    help_post = apps.get_model("helpboard", "HelpPost")
    if neighbourhood_id is None:
        rank = Value(0)
    else:
        rank = Case(
            When(neighbourhood_id=neighbourhood_id, then=Value(0)),
            When(neighbourhood__isnull=True, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    posts = (
        help_post.objects.public()
        .filter(site__root_page=page)
        .annotate(date=Coalesce("published_at", "created_at"), wijk_rank=rank)
        .order_by("wijk_rank", "-date", "-pk")
        .values(*HELP_POST_PUBLIC_FIELDS, "date")
    )
    return list(posts[:limit])


def home_page_context(*, page: Page, request: HttpRequest | None = None) -> dict:
    """What the home page shows, each item once.

    The highlights come first; the index cards, news and events leave out what
    is highlighted. With a 'mijn wijk' (the cookie), its news, events and help
    posts come first and its buurtverbinders are shown; without one, the
    town-wide view and a prompt to choose a wijk.
    """
    news_page = apps.get_model("news", "NewsPage")
    event_page = apps.get_model("agenda", "EventPage")
    neighbourhood_page = apps.get_model("neighbourhoods", "NeighbourhoodPage")

    neighbourhood_pages = list(
        neighbourhood_page.objects.live()
        .public()
        .descendant_of(page)
        .select_related("neighbourhood")
        .order_by("title")
    )
    chosen_id = chosen_neighbourhood_id(request=request) if request else None
    # A wijk of another site (or without a live page here) counts as no choice.
    wijk_page = next(
        (p for p in neighbourhood_pages if p.neighbourhood_id == chosen_id), None
    )
    highlights = live_highlights(page=page)
    highlighted = [highlight["page"].pk for highlight in highlights]

    latest_news = (
        news_page.objects.live()
        .public()
        .descendant_of(page)
        .exclude(pk__in=highlighted)
        .annotate(wijk_rank=_wijk_first(news_page, wijk_page))
        .prefetch_related(_card_image_prefetch())
        .order_by(
            "wijk_rank",
            "-date",
            F("first_published_at").desc(nulls_last=True),
            "-pk",
        )
    )
    upcoming_events = events_by_next_date(
        event_page.objects.live()
        .public()
        .descendant_of(page)
        .exclude(pk__in=highlighted)
        .annotate(wijk_rank=_wijk_first(event_page, wijk_page))
    ).order_by("wijk_rank", "next_start", "title")[:HOME_EVENTS_LIMIT]
    index_pages = list(page.get_children().live().public().type(IndexPage).specific())
    index_page_by_type = {
        index_page._meta.model_name: index_page for index_page in index_pages
    }
    help_board = index_page_by_type.get("helpboardpage")
    help_posts, ask_help_url = [], ""
    if help_board is not None:
        board_url = help_board.get_url(request)
        ask_help_url = board_url + help_board.reverse_subpage("submit")
        help_posts = [
            {
                **post,
                "url": board_url
                + help_board.reverse_subpage("post", args=[post["pk"]]),
            }
            for post in help_posts_for_home(
                page=page,
                neighbourhood_id=wijk_page.neighbourhood_id if wijk_page else None,
            )
        ]
    return {
        "highlights": highlights,
        "neighbourhood_pages": neighbourhood_pages,
        "wijk_page": wijk_page,
        "connectors": public_connectors(page=wijk_page) if wijk_page else [],
        "latest_news": latest_news[:HOME_NEWS_LIMIT],
        "upcoming_events": upcoming_events,
        "help_posts": help_posts,
        "ask_help_url": ask_help_url,
        "quick_themes": quick_themes(page=page),
        "index_pages": [p for p in index_pages if p.pk not in highlighted],
        # e.g. index_page_by_type.newsindexpage, for the 'see all' links.
        "index_page_by_type": index_page_by_type,
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
