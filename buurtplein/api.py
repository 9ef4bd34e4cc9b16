"""The public API: Wagtail's API v3 (django-ninja), with the apps' own routers.

Every page type is reachable through `/api/v3/pages/` with its `api_fields`;
the OpenAPI description is at `/api/v3/openapi.json`. The domain endpoints
(agenda occurrences, sociale kaart search, wijken and postcodes, the help
board, vacancies, submissions) are the apps' routers, added here before
`api.urls` is first read; their shared parts are in `core/api.py`.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.api.v3.urls import api

from agenda.api import router as agenda_router
from buurtplein.api_hardening import install_openapi
from core.api_tips import router as tips_router
from editorial.api_writes import router as writes_router
from helpboard.api import router as helpboard_router
from integrations.api import router as preview_router
from neighbourhoods.api import router as neighbourhoods_router
from socialmap.api import router as socialmap_router
from vacancies.api import router as vacancies_router
from vacancies.api_responses import router as vacancy_responses_router

api.title = "Buurtplein API"
api.description = str(
    _(
        "Lezen (en later schrijven met een token) van alle inhoud van Buurtplein: "
        "wijken, nieuws, agenda, vrijwilligerswerk, sociale kaart en gids."
    )
)

api.add_router("/agenda/", agenda_router)
api.add_router("/sociale-kaart/", socialmap_router)
api.add_router("/", neighbourhoods_router)  # wijken/, postcodes/, themas/, ...
api.add_router("/hulp/", helpboard_router)
api.add_router("/vrijwilligerswerk/", vacancies_router)
api.add_router("/vrijwilligerswerk/", vacancy_responses_router)
api.add_router("/tips/", tips_router)
api.add_router("/preview/", preview_router)
api.add_router("/redactie/", writes_router)

# Every operation documents its error responses (buurtplein/api_hardening.py).
install_openapi(api)

__all__ = ["api"]
