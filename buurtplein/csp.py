"""The Content-Security-Policy per part of the site (docs/security-csp.md).

django-csp's middleware sends ``settings.CONTENT_SECURITY_POLICY``. This
subclass adds what only other settings know, at request time (so a changed
``BUURTPLEIN_MAP_TILES_URL`` or media storage is followed): the origins of the
map tiles and of uploaded images on object storage. And it gives the admin,
apart from its login pages, the directives of
``BUURTPLEIN_CSP_ADMIN_REPLACE``. A view's own ``@csp_replace``/``@csp``
decorator still wins.
"""

from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponseBase


def origin_of(url: str) -> str | None:
    """``https://host:port`` of an absolute URL; None for a path on this site."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def external_image_origins() -> list[str]:
    """Where pages load images from besides this site: tiles and media."""
    urls = [
        settings.BUURTPLEIN_MAP_TILES_URL,
        settings.MEDIA_URL,
        default_storage.url("buurtplein-csp"),
    ]
    origins = [origin_of(url) for url in urls if url]
    return list(dict.fromkeys(origin for origin in origins if origin))


def is_admin_path(path: str) -> bool:
    return path.startswith(settings.BUURTPLEIN_CSP_ADMIN_PATH) and not path.startswith(
        tuple(settings.BUURTPLEIN_CSP_ADMIN_STRICT_PATHS)
    )


class BuurtpleinCSPMiddleware(CSPMiddleware):
    def get_policy_parts(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        report_only: bool = False,
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if is_admin_path(request.path_info) and settings.BUURTPLEIN_CSP_ADMIN_REPLACE:
            parts.replace = {
                **settings.BUURTPLEIN_CSP_ADMIN_REPLACE,
                **(parts.replace or {}),
            }
        origins = external_image_origins()
        if origins:
            update = dict(parts.update or {})
            update["img-src"] = [*update.get("img-src", []), *origins]
            parts.update = update
        return parts
