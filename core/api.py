"""Shared parts of the project's own API v3 routers (django-ninja).

The apps' routers (``agenda/api.py``, ``socialmap/api.py``, ...) are added to
Wagtail's API object in ``buurtplein/api.py``, so they share its OpenAPI
description, its error format (RFC 7807 ``application/problem+json``, see
``wagtail.api.v3.errors``) and its token authentication.

What every domain endpoint uses from here:

- ``api_site(request, site)``: the site a request is about. The ``site`` query
  parameter (a hostname, as in Wagtail's page API) wins over the request's
  host; an unknown or malformed one is a 400, never a 500.
- ``Paging``: ``limit`` (1–100, default 20) and ``offset`` (0–10 000 000) as a
  query schema with the bounds in the OpenAPI; ``page_of(items, paging)``
  slices a queryset or a list into ``{"count": …, "items": …}``.
- ``problems(*statuses)``: the documented error responses of an operation,
  for ``response={200: Out, **problems(400, 404)}``.
- ``absolute_url(request, path)``: links in responses, from
  ``BUURTPLEIN_API_BASE_URL`` when it is set, else from the request's origin
  (never ``Site.root_url``, which says ``localhost`` on most installations).
- ``SiteParam``: the documented ``site`` query parameter; ``page_url`` (a
  page's absolute URL on its own site's origin) and ``api_link`` (an API URL
  that keeps the ``site`` parameter).
- ``local_iso(value)``: a datetime as ISO 8601 with the Europe/Amsterdam
  offset (``2026-03-29T10:00:00+02:00``).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from http import HTTPStatus
from typing import Annotated
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Schema
from ninja.errors import HttpError
from wagtail.api.v3.errors import ProblemDetail
from wagtail.models import Page, Site

MAX_LIMIT = 100

SITE_DESCRIPTION = (
    "Het platform: hostnaam, eventueel met :poort (samen.gemeente.nl). "
    "Zonder deze parameter het platform van de host van het verzoek."
)
# The ``site`` query parameter of every per-site operation.
SiteParam = Annotated[
    str | None, Query(None, description=SITE_DESCRIPTION, max_length=255)
]
MAX_OFFSET = 10_000_000


class Paging(Schema):
    limit: int = Field(
        20, ge=1, le=MAX_LIMIT, description="Hoeveel resultaten (1–100)."
    )
    offset: int = Field(
        0, ge=0, le=MAX_OFFSET, description="Hoeveel resultaten overslaan."
    )


def page_of(items: QuerySet | Sequence, paging: Paging) -> dict:
    """``{"count": N, "items": [...]}`` for one page of ``items``."""
    count = items.count() if isinstance(items, QuerySet) else len(items)
    window = items[paging.offset : paging.offset + paging.limit]
    return {"count": count, "items": list(window)}


def problems(*statuses: int) -> dict[int, type[ProblemDetail]]:
    """Documented error responses: ``{400: ProblemDetail, 404: ProblemDetail}``."""
    return dict.fromkeys(statuses, ProblemDetail)


def api_site(request: HttpRequest, site: str | None = None) -> Site:
    """The site the request is about: ``?site=host[:port]`` or the request's host.

    400 for a malformed ``site``, 404 when no site matches.
    """
    if site:
        hostname, _, port = site.partition(":")
        if not hostname or (port and not port.isdigit()) or len(site) > 255:
            raise HttpError(
                HTTPStatus.BAD_REQUEST,
                "site: verwacht een hostnaam, eventueel met :poort.",
            )
        sites = Site.objects.filter(hostname__iexact=hostname).select_related(
            "root_page"
        )
        if port:
            sites = sites.filter(port=int(port))
        found = list(sites[:2])
        if len(found) != 1:
            raise HttpError(HTTPStatus.NOT_FOUND, f"Geen (unieke) site {site}.")
        return found[0]
    found = Site.find_for_request(request)
    if found is None:
        raise HttpError(HTTPStatus.NOT_FOUND, "Geen site voor deze host.")
    return found


def absolute_url(request: HttpRequest, path: str) -> str:
    """An absolute URL for ``path`` (which starts with ``/``)."""
    base = getattr(settings, "BUURTPLEIN_API_BASE_URL", "")
    if base:
        return base + path
    return request.build_absolute_uri(path)


def local_iso(value: datetime.datetime | None) -> str | None:
    """ISO 8601 in the site's time zone, with its offset; None stays None."""
    if value is None:
        return None
    return timezone.localtime(value).isoformat()


def page_url(
    request: HttpRequest, page: Page, *, site: Site, site_param: str | None
) -> str | None:
    """The absolute URL of a page of ``site``; None when no site routes to it.

    ``absolute_url`` gives the configured base URL or the request's origin. A
    request that names another site than its own host (``?site=``), or a page
    filed under another site's tree, gets the site's root URL instead, so a
    link never points at the wrong platform.
    """
    url_parts = page.get_url_parts(request=request)
    if url_parts is None:
        return None
    page_site_id, root_url, path = url_parts
    if getattr(settings, "BUURTPLEIN_API_BASE_URL", ""):
        return absolute_url(request, path)
    hostname = request.get_host().rsplit(":", 1)[0].lower()
    on_request_host = not site_param or hostname == site.hostname.lower()
    if page_site_id == site.pk and on_request_host:
        return absolute_url(request, path)
    return root_url + path


def api_link(request: HttpRequest, path: str, *, site: str | None) -> str:
    """An absolute API URL that keeps the ``site`` parameter the client gave."""
    url = absolute_url(request, path)
    if site:
        url += "?" + urlencode({"site": site})
    return url
