"""Reads for vraag & aanbod: the published requests and offers of help of a site.

Only public fields leave the database here (``PUBLIC_FIELDS``): what reaches a
public template is a dict without the resident's e-mail address or phone
number, so no template can show them by mistake.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from core.selectors import ListingFilters, listing_filters, paginate

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


def help_board_filters(*, request: HttpRequest, site) -> HelpBoardFilters:
    base = listing_filters(request=request, site=site)
    filters = HelpBoardFilters(**vars(base))
    # Themes describe the sociale kaart; the board filters on its categories.
    filters.theme, filters.themes = None, []
    filters.invalid = [name for name in filters.invalid if name != "thema"]
    filters.categories = help_categories_for_site(site=site)
    slug = request.GET.get(CATEGORY_PARAM, "").strip()
    if slug:
        filters.category = next((c for c in filters.categories if c.slug == slug), None)
        if filters.category is None:
            filters.invalid.append(CATEGORY_PARAM)
    kind = request.GET.get(KIND_PARAM, "").strip()
    if kind in KINDS:
        filters.kind = kind
    elif kind:
        filters.invalid.append(KIND_PARAM)
    return filters


def _public_values(queryset):
    return queryset.annotate(date=Coalesce("published_at", "created_at")).values(
        *PUBLIC_FIELDS, "date"
    )


def help_board_listing(*, request: HttpRequest, index_page: HelpBoardPage) -> dict:
    """Published requests and offers of this site in one list, newest first.

    Public fields only, plus ``url``: the post's own page on the board.
    """
    site = index_page.get_site()
    filters = help_board_filters(request=request, site=site)
    posts = HelpPost.objects.public().filter(site=site)
    if filters.neighbourhood is not None:
        # A post without a wijk concerns the whole town.
        posts = posts.filter(
            Q(neighbourhood=filters.neighbourhood) | Q(neighbourhood__isnull=True)
        )
    if filters.category is not None:
        posts = posts.filter(category=filters.category)
    if filters.kind:
        posts = posts.filter(kind=filters.kind)
    posts = _public_values(posts).order_by("-date", "kind", "-pk")
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
    return (
        _public_values(HelpPost.objects.public().filter(site=site, pk=post_id))
        .order_by()
        .first()
    )


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
