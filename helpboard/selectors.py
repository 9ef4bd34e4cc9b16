"""Reads for vraag & aanbod: the published requests and offers of help of a site."""

from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from core.selectors import ListingFilters, listing_filters, paginate

from .models import HelpBoardPage, HelpKind, HelpPost

KIND_PARAM = "soort"
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
    "theme__name",
)


@dataclass
class HelpBoardFilters(ListingFilters):
    """The wijk and theme filters plus ``?soort=vraag|aanbod``."""

    kind: str = ""

    @property
    def is_filtered(self) -> bool:
        return super().is_filtered or bool(self.kind)

    def query_string(self, **overrides: str) -> str:
        params = {KIND_PARAM: self.kind}
        params.update(overrides)
        return super().query_string(**params)


def help_board_filters(*, request: HttpRequest, site) -> HelpBoardFilters:
    base = listing_filters(request=request, site=site)
    filters = HelpBoardFilters(**vars(base))
    kind = request.GET.get(KIND_PARAM, "").strip()
    if kind in KINDS:
        filters.kind = kind
    elif kind:
        filters.invalid.append(KIND_PARAM)
    return filters


def help_board_listing(*, request: HttpRequest, index_page: HelpBoardPage) -> dict:
    """Published requests and offers of this site in one list, newest first.

    Public fields only: contact details never leave the database here.
    """
    site = index_page.get_site()
    filters = help_board_filters(request=request, site=site)
    posts = HelpPost.objects.public().filter(site=site)
    if filters.neighbourhood is not None:
        # A post without a wijk concerns the whole town.
        posts = posts.filter(
            Q(neighbourhood=filters.neighbourhood) | Q(neighbourhood__isnull=True)
        )
    if filters.theme is not None:
        posts = posts.filter(theme=filters.theme)
    if filters.kind:
        posts = posts.filter(kind=filters.kind)
    posts = (
        posts.annotate(date=Coalesce("published_at", "created_at"))
        .values(*PUBLIC_FIELDS, "date")
        .order_by("-date", "kind", "-pk")
    )
    page_obj = paginate(request=request, queryset=posts)
    return {
        "filters": filters,
        "page_obj": page_obj,
        "items": page_obj.object_list,
        "kinds": [(REQUEST, _("Hulpvragen")), (OFFER, _("Hulpaanbod"))],
    }
