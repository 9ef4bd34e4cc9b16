"""Reads shared by every app: the resident's wijk, taxonomy filters, pagination."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from wagtail.models import Page, Site
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import Neighbourhood, PostcodeRange, Theme
from .models.taxonomies import normalise_postcode

ALL_NEIGHBOURHOODS = "alle"


def neighbourhoods_for_site(*, site: Site | None) -> QuerySet[Neighbourhood]:
    if site is None:
        return Neighbourhood.objects.none()
    return Neighbourhood.objects.filter(site=site).order_by("name")


def neighbourhood_for_postcode(*, site: Site, postcode: str) -> Neighbourhood | None:
    """The wijk whose postcode ranges hold ``postcode`` ('4205 AB'), or None."""
    normalised = normalise_postcode(postcode)
    if normalised is None:
        return None
    postcode_range = (
        PostcodeRange.objects.filter(
            neighbourhood__site=site, start__lte=normalised, end__gte=normalised
        )
        .select_related("neighbourhood")
        .order_by("neighbourhood__name")
        .first()
    )
    return postcode_range.neighbourhood if postcode_range else None


def chosen_neighbourhood_id(*, request: HttpRequest) -> int | None:
    """The id in the 'mijn wijk' cookie; None when absent or not a plain number."""
    value = request.COOKIES.get(settings.BUURTPLEIN_NEIGHBOURHOOD_COOKIE, "")
    if not (value.isascii() and value.isdigit()):
        return None
    return int(value)


def chosen_neighbourhood(
    *, request: HttpRequest, site: Site | None
) -> Neighbourhood | None:
    """The wijk the resident chose as 'mijn wijk' (kept in a cookie), if any."""
    chosen_id = chosen_neighbourhood_id(request=request)
    if site is None or chosen_id is None:
        return None
    return Neighbourhood.objects.filter(site=site, pk=chosen_id).first()


@dataclass
class ListingFilters:
    """The wijk and theme a listing is filtered on, read from plain query parameters.

    ``?wijk=<slug>`` and ``?thema=<slug>``; without ``wijk`` the resident's own
    wijk ('mijn wijk') applies, and ``?wijk=alle`` shows everything.
    """

    neighbourhood: Neighbourhood | None = None
    theme: Theme | None = None
    neighbourhood_from_cookie: bool = False
    neighbourhoods: list[Neighbourhood] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)

    @property
    def is_filtered(self) -> bool:
        return self.neighbourhood is not None or self.theme is not None

    def query_string(self, **overrides: str) -> str:
        params = {}
        if self.neighbourhood is not None:
            params["wijk"] = self.neighbourhood.slug
        elif self.neighbourhoods and not self.neighbourhood_from_cookie:
            params["wijk"] = ALL_NEIGHBOURHOODS
        if self.theme is not None:
            params["thema"] = self.theme.slug
        params.update(overrides)
        return urlencode({key: value for key, value in params.items() if value})

    @property
    def all_neighbourhoods_query_string(self) -> str:
        return self.query_string(wijk=ALL_NEIGHBOURHOODS)


def listing_filters(*, request: HttpRequest, site: Site | None) -> ListingFilters:
    """The filters of a public listing page: its query parameters and, without
    ``wijk``, the resident's own wijk (the 'mijn wijk' cookie)."""
    return parse_listing_filters(
        params=request.GET,
        site=site,
        chosen_neighbourhood_id=chosen_neighbourhood_id(request=request),
    )


def parse_listing_filters(
    *,
    params: Mapping[str, str],
    site: Site | None,
    chosen_neighbourhood_id: int | None = None,
) -> ListingFilters:
    """The wijk and theme filters from plain values (``wijk``, ``thema``), for
    the HTML pages and the API alike; unknown slugs are listed in ``invalid``.

    ``chosen_neighbourhood_id`` is the resident's own wijk, which applies when
    ``wijk`` is not given (the API passes None: it has no 'mijn wijk').
    """
    neighbourhoods = list(neighbourhoods_for_site(site=site))
    themes = list(Theme.objects.order_by("name"))
    filters = ListingFilters(neighbourhoods=neighbourhoods, themes=themes)

    wijk = (params.get("wijk") or "").strip()
    if wijk == ALL_NEIGHBOURHOODS:
        filters.neighbourhood = None
    elif wijk:
        filters.neighbourhood = next(
            (n for n in neighbourhoods if n.slug == wijk), None
        )
        if filters.neighbourhood is None:
            filters.invalid.append("wijk")
    elif chosen_neighbourhood_id is not None:
        filters.neighbourhood = next(
            (n for n in neighbourhoods if n.pk == chosen_neighbourhood_id), None
        )
        filters.neighbourhood_from_cookie = filters.neighbourhood is not None

    thema = (params.get("thema") or "").strip()
    if thema:
        filters.theme = next((t for t in themes if t.slug == thema), None)
        if filters.theme is None:
            filters.invalid.append("thema")
    return filters


def filter_by_taxonomy(
    queryset: QuerySet,
    *,
    neighbourhood: Neighbourhood | None = None,
    theme: Theme | None = None,
    include_town_wide: bool = True,
) -> QuerySet:
    """Items that concern ``neighbourhood`` and have ``theme``.

    An item without wijken concerns the whole town, so it shows in every wijk's
    listing unless ``include_town_wide`` is False.
    """
    if neighbourhood is not None:
        condition = Q(neighbourhoods=neighbourhood)
        if include_town_wide:
            condition |= Q(neighbourhoods__isnull=True)
        queryset = queryset.filter(
            pk__in=queryset.model.objects.filter(condition).values("pk")
        )
    if theme is not None:
        queryset = queryset.filter(
            pk__in=queryset.model.objects.filter(themes=theme).values("pk")
        )
    return queryset


def live_pages_in_site(model: type[Page], *, site: Site | None) -> QuerySet:
    """Live, public pages of ``model`` anywhere in ``site``'s tree."""
    queryset = model.objects.live().public()
    if site is not None:
        queryset = queryset.descendant_of(site.root_page, inclusive=True)
    return queryset


def paginate(*, request: HttpRequest, queryset, per_page: int | None = None):
    """One page of results; a page number out of range gives the nearest page.

    ``page_obj.shown_numbers`` are the page numbers the pager shows (first,
    last, and two on each side of this one, with ``…`` between), so a listing
    of thousands of pages does not walk every number.
    """
    paginator = Paginator(queryset, per_page or settings.BUURTPLEIN_PAGE_SIZE)
    number = request.GET.get("pagina", 1)
    try:
        page_obj = paginator.page(number)
    except PageNotAnInteger:
        page_obj = paginator.page(1)
    except EmptyPage:
        # Past the end: the last page; zero or negative: the first.
        too_far = str(number).isdigit() and int(number) > paginator.num_pages
        page_obj = paginator.page(paginator.num_pages if too_far else 1)
    page_obj.shown_numbers = list(
        paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
    )
    return page_obj


def sites_moderated_by(*, user) -> QuerySet[Site]:
    """The sites whose root page ``user`` may publish: where they moderate.

    Residents' submissions (help requests, offers) are not pages; this is how
    their admin follows the page rights, so a role in one site gives nothing
    in another.
    """
    if user.is_superuser:
        return Site.objects.all()
    publishable = PagePermissionPolicy().instances_user_has_permission_for(
        user, "publish"
    )
    return Site.objects.filter(root_page__in=publishable)
