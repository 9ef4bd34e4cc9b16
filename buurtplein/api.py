"""The public API: Wagtail's API v3 (django-ninja), with the apps' own routers.

Every page type is reachable through `/api/v3/pages/` with its `api_fields`;
the OpenAPI description is at `/api/v3/openapi.json`. Apps that need more than
pages add a router here, before `api.urls` is first read.
"""

from wagtail.api.v3.urls import api

api.title = "Buurtplein API"
api.description = (
    "Lezen (en later schrijven met een token) van alle inhoud van Buurtplein: "
    "wijken, nieuws, agenda, vrijwilligerswerk, sociale kaart en gids."
)

__all__ = ["api"]
