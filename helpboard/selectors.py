"""Reads for vraag & aanbod: the published requests and offers of help of a site."""

from dataclasses import dataclass

from django.db.models import CharField, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from core.selectors import ListingFilters, listing_filters, paginate

from .models import HelpBoardPage, HelpOffer, HelpRequest, HelpStatus

KIND_PARAM = "soort"
REQUEST = "vraag"
OFFER = "aanbod"
KINDS = (REQUEST, OFFER)

# Only what may be shown publicly; contact details never leave the database here.
PUBLIC_FIELDS = (
    "pk",
    "title",
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


def published_help_posts(
    model, *, site, filters: HelpBoardFilters, kind: str
) -> QuerySet:
    """Public fields of the published posts of ``model``, as dicts with a ``kind``."""
    queryset = model.objects.filter(site=site, status=HelpStatus.PUBLISHED)
    if filters.neighbourhood is not None:
        # A post without a wijk concerns the whole town.
        queryset = queryset.filter(
            Q(neighbourhood=filters.neighbourhood) | Q(neighbourhood__isnull=True)
        )
    if filters.theme is not None:
        queryset = queryset.filter(theme=filters.theme)
    # No ordering here: the parts of a UNION are ordered together, afterwards.
    return (
        queryset.annotate(
            kind=Value(kind, output_field=CharField()),
            date=Coalesce("published_at", "created_at"),
        )
        .values(*PUBLIC_FIELDS, "kind", "date")
        .order_by()
    )


def help_board_listing(*, request: HttpRequest, index_page: HelpBoardPage) -> dict:
    """Published requests and offers of this site in one list, newest first.

    One UNION query per page (plus a count), however many posts there are.
    """
    site = index_page.get_site()
    filters = help_board_filters(request=request, site=site)
    parts = []
    if filters.kind in ("", REQUEST):
        parts.append(
            published_help_posts(HelpRequest, site=site, filters=filters, kind=REQUEST)
        )
    if filters.kind in ("", OFFER):
        parts.append(
            published_help_posts(HelpOffer, site=site, filters=filters, kind=OFFER)
        )
    posts = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    posts = posts.order_by("-date", "kind", "-pk")
    page_obj = paginate(request=request, queryset=posts)
    return {
        "filters": filters,
        "page_obj": page_obj,
        "items": page_obj.object_list,
        "kinds": [(REQUEST, _("Hulpvragen")), (OFFER, _("Hulpaanbod"))],
    }
