"""Writes through the API v3 with a token: organisations, events, vacancies."""

from ninja import Router

router = Router(tags=["redactie"])
