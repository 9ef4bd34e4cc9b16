"""The public taxonomies of a site in the API v3 (added at the API's root in
buurtplein/api.py): wijken with their postcode ranges, postcode → wijk, themes
and target groups.

Anonymous, per site (``?site=`` or the host, ``core.api.api_site``): this is
what every resident sees on the site, while Wagtail's snippet API shows wijken
only to a superuser. A token is accepted but changes nothing.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Annotated

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Field, Path, Router, Schema
from pydantic import WithJsonSchema
from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth
from wagtail.api.v3.errors import problem_response
from wagtail.models import Site

from core.api import SiteParam, api_link, api_site, page_url, problems
from core.models import Neighbourhood
from core.models.taxonomies import POSTCODE_PATTERN, normalise_postcode

from .selectors import (
    neighbourhood_by_postcode,
    neighbourhood_by_slug,
    public_neighbourhoods,
    public_target_groups,
    public_themes,
)

router = Router(tags=["neighbourhoods"], auth=[BearerTokenAuth(), AllowAnonymous()])

# Stored postcodes are normalised: four digits and two capitals.
NORMALISED_POSTCODE = r"^[1-9]\d{3}[A-Z]{2}$"
# What the postcode endpoint accepts (normalise_postcode): 4205 AB, 4205ab, 4205.
POSTCODE_INPUT = r"^\s*[1-9]\d{3}\s*([A-Za-z]{2})?\s*$"

# -- Shapes ------------------------------------------------------------------


class NeighbourhoodPostcodeRange(Schema):
    """Een postcodegebied van een wijk, beide grenzen inbegrepen."""

    from_: str = Field(
        ...,
        serialization_alias="from",
        pattern=NORMALISED_POSTCODE,
        description="Eerste postcode van het gebied (4201AA).",
    )
    to: str = Field(
        ...,
        pattern=NORMALISED_POSTCODE,
        description="Laatste postcode van het gebied, inbegrepen (4203ZZ).",
    )


class PublicNeighbourhood(Schema):
    """Een wijk (of dorpskern) van het platform."""

    id: int
    name: str = Field(..., max_length=100, description="Naam van de wijk.")
    slug: str = Field(
        ...,
        max_length=100,
        description="Voor filters elders in de API en op de site: ?wijk=<slug>.",
    )
    cbs_code: str = Field(
        ...,
        max_length=8,
        description="CBS-wijkcode (WK051201), of leeg.",
    )
    url: str | None = Field(
        ..., description="Adres van de wijkpagina op de site; null zonder pagina."
    )
    api_url: str = Field(..., description="Deze wijk in de API.")
    postcode_ranges: list[NeighbourhoodPostcodeRange] = Field(
        ..., description="Postcodegebieden, op volgorde van de eerste postcode."
    )


class NeighbourhoodList(Schema):
    count: int = Field(..., ge=0, description="Aantal wijken.")
    items: list[PublicNeighbourhood]


class PostcodeNeighbourhood(Schema):
    """De wijk waar een postcode bij hoort."""

    postcode: str = Field(
        ...,
        pattern=r"^[1-9]\d{3}( [A-Z]{2})?$",
        description="De gevraagde postcode, netjes geschreven (4205 AB of 4205).",
    )
    neighbourhood: PublicNeighbourhood


class PublicTheme(Schema):
    """Een thema, voor alle platforms van deze installatie hetzelfde."""

    id: int
    name: str = Field(..., max_length=100)
    slug: str = Field(..., max_length=100, description="Voor filters: ?thema=<slug>.")
    description: str = Field(..., description="Omschrijving, of leeg.")


class ThemeList(Schema):
    count: int = Field(..., ge=0)
    items: list[PublicTheme]


class PublicTargetGroup(Schema):
    """Een doelgroep, voor alle platforms van deze installatie hetzelfde."""

    id: int
    name: str = Field(..., max_length=100)
    slug: str = Field(
        ...,
        max_length=100,
        description="Voor filters: ?doelgroep=<slug>.",
    )


class TargetGroupList(Schema):
    count: int = Field(..., ge=0)
    items: list[PublicTargetGroup]


# -- Representation ----------------------------------------------------------


def neighbourhood_out(
    request: HttpRequest,
    neighbourhood: Neighbourhood,
    *,
    site: Site,
    site_param: str | None,
) -> dict:
    """A wijk as the API shows it; it needs ``public_neighbourhoods``' prefetches."""
    page = getattr(neighbourhood, "live_page", None)
    return {
        "id": neighbourhood.pk,
        "name": neighbourhood.name,
        "slug": neighbourhood.slug,
        "cbs_code": neighbourhood.cbs_code,
        "url": (
            page_url(request, page, site=site, site_param=site_param)
            if page is not None
            else None
        ),
        "api_url": api_link(
            request,
            reverse(
                "wagtailapi_v3:neighbourhood_detail",
                kwargs={"slug": neighbourhood.slug},
            ),
            site=site_param,
        ),
        "postcode_ranges": postcode_ranges_out(neighbourhood),
    }


def postcode_ranges_out(neighbourhood: Neighbourhood) -> list[dict]:
    """The wijk's ranges, normalised (4201AA–4203ZZ). A range stored without
    the admin's checks that is no postcode at all is left out, not an error."""
    ranges = []
    for postcode_range in neighbourhood.postcode_ranges.all():
        start = normalise_postcode(postcode_range.start)
        end = normalise_postcode(postcode_range.end, upper_bound=True)
        if start and end:
            ranges.append({"from_": start, "to": end})
    return ranges


def _written_postcode(value: str) -> str:
    """'4205ab' → '4205 AB'; '4205' stays '4205'."""
    digits, letters = POSTCODE_PATTERN.match(value).groups()
    return f"{digits} {letters.upper()}" if letters else digits


# -- Operations --------------------------------------------------------------


@router.get(
    "/wijken/",
    response={200: NeighbourhoodList, **problems(400, 404, 422)},
    url_name="neighbourhood_list",
    operation_id="neighbourhoods_list",
    summary="Wijken van het platform",
    description=(
        "Alle wijken (of dorpskernen) van het platform op naam, met hun "
        "postcodegebieden en de wijkpagina. Zonder token te lezen."
    ),
    by_alias=True,
)
def neighbourhood_list(request: HttpRequest, site: SiteParam = None):
    found = api_site(request, site)
    items = [
        neighbourhood_out(request, neighbourhood, site=found, site_param=site)
        for neighbourhood in public_neighbourhoods(site=found)
    ]
    return {"count": len(items), "items": items}


@router.get(
    "/wijken/{slug}/",
    response={200: PublicNeighbourhood, **problems(400, 404, 422)},
    url_name="neighbourhood_detail",
    operation_id="neighbourhoods_detail",
    summary="Eén wijk",
    description="Een wijk van het platform op zijn korte naam (slug).",
    by_alias=True,
)
def neighbourhood_detail(
    request: HttpRequest,
    slug: Annotated[str, Path(..., max_length=100, description="Korte naam.")],
    site: SiteParam = None,
):
    found = api_site(request, site)
    neighbourhood = neighbourhood_by_slug(site=found, slug=slug)
    if neighbourhood is None:
        raise Http404(f"Dit platform heeft geen wijk '{slug}'.")
    return neighbourhood_out(request, neighbourhood, site=found, site_param=site)


@router.get(
    "/postcodes/{postcode}/",
    response={200: PostcodeNeighbourhood, **problems(400, 404, 422)},
    url_name="postcode_neighbourhood",
    operation_id="postcodes_neighbourhood",
    summary="Wijk bij een postcode",
    description=(
        "De wijk van dit platform waar een postcode bij hoort: 4205 AB, 4205ab "
        "of alleen de cijfers 4205. Geen Nederlandse postcode: 422; een postcode "
        "buiten de wijken van het platform: 404."
    ),
    by_alias=True,
)
def postcode_neighbourhood(
    request: HttpRequest,
    postcode: Annotated[
        str,
        Path(..., description="Een Nederlandse postcode: 4205 AB, 4205AB of 4205."),
        # The pattern is documented here and checked below, with a Dutch message.
        WithJsonSchema(
            {
                "type": "string",
                "pattern": POSTCODE_INPUT,
                "maxLength": 10,
                "description": "Een Nederlandse postcode: 4205 AB, 4205AB of 4205.",
            }
        ),
    ],
    site: SiteParam = None,
):
    found = api_site(request, site)
    if len(postcode) > 10 or normalise_postcode(postcode) is None:
        message = (
            "Dit is geen Nederlandse postcode. Schrijf vier cijfers en eventueel "
            "twee letters, zoals 4205 AB."
        )
        return problem_response(
            status=HTTPStatus.UNPROCESSABLE_ENTITY,
            detail=message,
            errors=[{"type": "postcode", "loc": ["path", "postcode"], "msg": message}],
        )
    neighbourhood = neighbourhood_by_postcode(site=found, postcode=postcode)
    written = _written_postcode(postcode)
    if neighbourhood is None:
        raise Http404(f"Postcode {written} hoort bij geen wijk van dit platform.")
    return {
        "postcode": written,
        "neighbourhood": neighbourhood_out(
            request, neighbourhood, site=found, site_param=site
        ),
    }


@router.get(
    "/themas/",
    response={200: ThemeList, **problems(400, 404, 422)},
    url_name="theme_list",
    operation_id="themes_list",
    summary="Thema's",
    description="De thema's op naam; ze gelden voor alle platforms.",
)
def theme_list(request: HttpRequest, site: SiteParam = None):
    api_site(request, site)
    items = [
        {
            "id": theme.pk,
            "name": theme.name,
            "slug": theme.slug,
            "description": theme.description,
        }
        for theme in public_themes()
    ]
    return {"count": len(items), "items": items}


@router.get(
    "/doelgroepen/",
    response={200: TargetGroupList, **problems(400, 404, 422)},
    url_name="target_group_list",
    operation_id="target_groups_list",
    summary="Doelgroepen",
    description="De doelgroepen op naam; ze gelden voor alle platforms.",
)
def target_group_list(request: HttpRequest, site: SiteParam = None):
    api_site(request, site)
    items = [
        {"id": group.pk, "name": group.name, "slug": group.slug}
        for group in public_target_groups()
    ]
    return {"count": len(items), "items": items}
