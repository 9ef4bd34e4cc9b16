"""CORS per site: the origins the site's active API clients list.

django-cors-headers allows the origins of ``CORS_ALLOWED_ORIGINS`` (settings,
for every site) by itself and asks the ``check_request_enabled`` signal about
any other origin. This receiver answers for the site the request is for (its
``site`` parameter as the API reads it, else ``Site.find_for_request`` by
host): an origin one site lists is no reason for another site's API to answer
it.

The middleware also asks the signal whether CORS applies to a path at all; the
receiver only ever says yes under ``CORS_URLS_REGEX`` (``/api/``), and only for
a request with an ``Origin`` header, so other requests cost no query.
"""

import re

from corsheaders.conf import conf
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja.errors import HttpError
from wagtail.models import Site

from core.api import api_site

from .models import ApiClient
from .validators import origin_normalise

CACHE_ATTRIBUTE = "_integrations_cors_allowed"


def site_origins(site: Site) -> set[str]:
    """Every origin an active client of ``site`` lists."""
    lists = ApiClient.objects.filter(site=site, is_active=True).values_list(
        "allowed_origins", flat=True
    )
    return {origin for origins in lists for origin in origins or ()}


def request_site(request: HttpRequest) -> Site | None:
    """The site the API request is about: ``?site=host[:port]`` as the API
    reads it (``core.api.api_site``), else the host; None when neither names one."""
    name = request.GET.get("site")
    if name:
        try:
            return api_site(request, name)
        except HttpError:
            return None
    return Site.find_for_request(request)


def origin_allowed_for_request(request: HttpRequest) -> bool:
    origin = request.headers.get("origin")
    if not origin or not re.match(conf.CORS_URLS_REGEX, request.path_info):
        return False
    try:
        origin = origin_normalise(origin)
    except ValidationError:
        return False
    site = request_site(request)
    if site is None:
        return False
    return origin in site_origins(site)


def cors_allow_site_origins(sender, request: HttpRequest, **kwargs) -> bool:
    """Receiver of ``corsheaders.signals.check_request_enabled``."""
    cached = getattr(request, CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = origin_allowed_for_request(request)
        setattr(request, CACHE_ATTRIBUTE, cached)
    return cached
