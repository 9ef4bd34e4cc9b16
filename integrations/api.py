"""``GET /api/v3/preview/?token=…``: a page's draft for an external front end.

Mounted by ``buurtplein/api.py`` as ``/preview/``. The answer has the same
shape as Wagtail's page detail (``GET /api/v3/pages/{id}/``, its schema
reused), with the content of the latest revision when the token was made
(``integrations.preview``). 401 for a token that is not valid, 422 for none
or an overlong one, 410 for one that is too old (30 minutes) or whose page or
revision no longer exists.
Drafts are never cached.
"""

from http import HTTPStatus

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from wagtail.api.v3.routers.pages import PageDetailSchema

from core.api import problems

from .preview import (
    PreviewTokenExpired,
    PreviewTokenInvalid,
    preview_from_token,
)

INVALID_MESSAGE = (
    "Dit voorbeeld-token is ongeldig, of wie het maakte mag deze pagina niet meer "
    "bewerken. Vraag in de beheeromgeving een nieuw voorbeeld aan."
)
EXPIRED_MESSAGE = (
    "Dit voorbeeld is verlopen (een token geldt 30 minuten) of de pagina bestaat "
    "niet meer. Vraag in de beheeromgeving een nieuw voorbeeld aan."
)


class PreviewQuery(Schema):
    token: str = Field(
        ...,
        min_length=1,
        max_length=500,
        description="Het voorbeeld-token uit de beheeromgeving (30 minuten geldig).",
    )


def build_router() -> Router:
    """A fresh router (a ninja router belongs to one API object)."""
    preview_router = Router(tags=["voorbeeld"])

    @preview_router.get(
        "/",
        response={200: PageDetailSchema, **problems(401, 410, 422)},
        url_name="integrations_preview",
        summary="Concept van een pagina (voorbeeld)",
        description=(
            "De nieuwste versie van een pagina zoals die in de beheeromgeving is "
            "opgeslagen maar nog niet gepubliceerd, in dezelfde vorm als "
            "`GET /api/v3/pages/{id}/`. Het token komt uit de beheeromgeving "
            "('Voorbeeld in front-end') en geldt 30 minuten."
        ),
        operation_id="preview_detail",
    )
    def preview_detail(
        request: HttpRequest, response: HttpResponse, query: Query[PreviewQuery]
    ):
        try:
            preview = preview_from_token(query.token)
        except PreviewTokenExpired:
            raise HttpError(HTTPStatus.GONE, EXPIRED_MESSAGE) from None
        except PreviewTokenInvalid:
            raise HttpError(HTTPStatus.UNAUTHORIZED, INVALID_MESSAGE) from None
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex"
        return preview.page

    return preview_router


router = build_router()
