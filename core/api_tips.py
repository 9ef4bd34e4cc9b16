"""The tip endpoint of the API v3 (added in buurtplein/api.py)."""

from ninja import Router

router = Router(tags=["tips"])
