"""Reads for vraag & aanbod: the published requests and offers of help of a site.

Only public fields leave the database here (``PUBLIC_FIELDS``): what reaches a
public template is a dict without the resident's e-mail address or phone
number, so no template can show them by mistake.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from core.selectors import (
    ListingFilters,
    chosen_neighbourhood_id,
    paginate,
    parse_listing_filters,
)

from .models import HelpBoardPage, HelpCategory, HelpKind, HelpPost

KIND_PARAM = "soort"
CATEGORY_PARAM = "categorie"
REQUEST = HelpKind.REQUEST.value
OFFER = HelpKind.OFFER.value
KINDS = (REQUEST, OFFER)

# Only what may be shown publicly; contact details never leave the database here.
PUBLIC_FIELDS = (
    "pk",
    "kind",
    "title",
    "when",
    "description",
    "first_name",
    "neighbourhood__name",
    "category__name",
)


@dataclass
class HelpBoardFilters(ListingFilters):
    """The wijk filter plus ``?soort=vraag|aanbod`` and ``?categorie=<slug>``:
    the board's own categories (HelpCategory), not the sociale kaart's themes."""

    kind: str = ""
    category: HelpCategory | None = None
    categories: list[HelpCategory] = field(default_factory=list)

    @property
    def is_filtered(self) -> bool:
        return super().is_filtered or bool(self.kind) or self.category is not None

    def query_string(self, **overrides: str) -> str:
        params = {
            KIND_PARAM: self.kind,
            CATEGORY_PARAM: self.category.slug if self.category else "",
        }
        params.update(overrides)
        return super().query_string(**params)


def help_categories_for_site(*, site) -> list[HelpCategory]:
    """The help board's categories of ``site``, in their order."""
    if site is None:
        return []
    return list(HelpCategory.objects.filter(site=site))


def parse_help_board_filters(
    *,
    params: Mapping[str, str],
    site,
    chosen_neighbourhood_id: int | None = None,
) -> HelpBoardFilters:
    """The board's filters from plain values (``wijk``, ``soort``,
    ``categorie``), for the HTML board and the API alike (see
    ``core.selectors.parse_listing_filters``); unknown values are listed in
    ``invalid`` and filter nothing. ``chosen_neighbourhood_id``: the
    resident's own wijk, when ``wijk`` is not given (the API passes None)."""
    base = parse_listing_filters(
        params=params, site=site, chosen_neighbourhood_id=chosen_neighbourhood_id
    )
    filters = HelpBoardFilters(**vars(base))
    # Themes describe the sociale kaart; the board filters on its categories.
    filters.theme, filters.themes = None, []
    filters.invalid = [name for name in filters.invalid if name != "thema"]
    filters.categories = help_categories_for_site(site=site)
    slug = (params.get(CATEGORY_PARAM) or "").strip()
    if slug:
        filters.category = next((c for c in filters.categories if c.slug == slug), None)
        if filters.category is None:
            filters.invalid.append(CATEGORY_PARAM)
    kind = (params.get(KIND_PARAM) or "").strip()
    if kind in KINDS:
        filters.kind = kind
    elif kind:
        filters.invalid.append(KIND_PARAM)
    return filters


def help_board_filters(*, request: HttpRequest, site) -> HelpBoardFilters:
    """The HTML board's filters: its query parameters and, without ``wijk``,
    the resident's own wijk (the 'mijn wijk' cookie)."""
    return parse_help_board_filters(
        params=request.GET,
        site=site,
        chosen_neighbourhood_id=chosen_neighbourhood_id(request=request),
    )


def help_posts_public(*, site, filters: HelpBoardFilters) -> QuerySet[HelpPost]:
    """The posts on the board of ``site`` that ``filters`` select, newest first:
    the one query behind the HTML board and the API's list.

    On the board means ``HelpPost.objects.public()`` (published, not hidden
    after reports, not past its time). A post without a wijk concerns the
    whole town, so it is in every wijk's list. ``date`` is when it came on the
    board. It holds every field: take ``.values(*PUBLIC_FIELDS, "date")`` (or
    fewer) before anything reaches a page or a response.
    """
    posts = HelpPost.objects.public().filter(site=site)
    if filters.neighbourhood is not None:
        posts = posts.filter(
            Q(neighbourhood=filters.neighbourhood) | Q(neighbourhood__isnull=True)
        )
    if filters.category is not None:
        posts = posts.filter(category=filters.category)
    if filters.kind:
        posts = posts.filter(kind=filters.kind)
    return posts.annotate(date=Coalesce("published_at", "created_at")).order_by(
        "-date", "kind", "-pk"
    )


def help_board_listing(*, request: HttpRequest, index_page: HelpBoardPage) -> dict:
    """Published requests and offers of this site in one list, newest first.

    Public fields only, plus ``url``: the post's own page on the board.
    """
    site = index_page.get_site()
    filters = help_board_filters(request=request, site=site)
    posts = help_posts_public(site=site, filters=filters).values(*PUBLIC_FIELDS, "date")
    page_obj = paginate(request=request, queryset=posts)
    board_url = index_page.get_url(request)
    items = [
        {
            **item,
            "url": board_url + index_page.reverse_subpage("post", args=[item["pk"]]),
        }
        for item in page_obj.object_list
    ]
    return {
        "filters": filters,
        "page_obj": page_obj,
        "items": items,
        "kinds": [(REQUEST, _("Hulpvragen")), (OFFER, _("Hulpaanbod"))],
        "submit_url": board_url + index_page.reverse_subpage("submit"),
    }


def help_post_public(*, site, post_id: int) -> dict | None:
    """The public fields of one post on the board of ``site``; None when it is
    not there (another site's, not published, hidden or past its time)."""
    posts = help_posts_public(site=site, filters=HelpBoardFilters())
    return posts.filter(pk=post_id).values(*PUBLIC_FIELDS, "date").first()


def help_post_of_site(*, site, post_id: int) -> HelpPost | None:
    """Any post of ``site``, whatever its status: for the forms that answer or
    report it, which say so when it is no longer public. Never give it to a
    template: it holds the resident's contact details."""
    return (
        HelpPost.objects.filter(site=site, pk=post_id)
        .select_related("site", "neighbourhood", "category")
        .first()
    )


def public_fields(post: HelpPost) -> dict:
    """What a public page may show of ``post`` (the same keys as the listing)."""
    return {
        "pk": post.pk,
        "kind": post.kind,
        "title": post.title,
        "when": post.when,
        "description": post.description,
        "first_name": post.first_name,
        "neighbourhood__name": post.neighbourhood.name if post.neighbourhood else None,
        "category__name": post.category.name if post.category else None,
        "date": post.published_at or post.created_at,
    }
