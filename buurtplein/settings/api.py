"""The headless API (API v3 and the project's routers, buurtplein/api.py).

- ``BUURTPLEIN_API_BASE_URL``: the public origin that links in API responses
  start with (``https://samen.gemeente.nl``). Empty: the origin of the request.
- CORS (django-cors-headers) only under ``/api/``. Which origins may call a
  site's API is set per site in the admin (integrations); the environment
  variable ``CORS_ALLOWED_ORIGINS`` adds origins allowed for every site.
- Webhooks (integrations/webhooks.py) never call addresses inside the network
  (private, loopback, link-local) unless ``BUURTPLEIN_WEBHOOKS_ALLOW_PRIVATE``
  is on: for a receiver on the same machine or network, never by default.
"""

from .env import env_bool, env_int, env_list, env_str

BUURTPLEIN_API_BASE_URL = env_str("BUURTPLEIN_API_BASE_URL").rstrip("/")

CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
# Tokens travel in the Authorization header, never in cookies.
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_HEADERS = (
    "accept",
    "authorization",
    "content-type",
    "if-none-match",
    "if-modified-since",
    "x-buurtplein-client",
)
CORS_EXPOSE_HEADERS = ("etag", "last-modified", "retry-after")
CORS_PREFLIGHT_MAX_AGE = env_int("CORS_PREFLIGHT_MAX_AGE", 3600)

BUURTPLEIN_WEBHOOKS_ALLOW_PRIVATE = env_bool("BUURTPLEIN_WEBHOOKS_ALLOW_PRIVATE", False)

# A bearer token older than this many days is refused (401); 0: no limit.
# Wagtail's APIToken has no expiry of its own.
BUURTPLEIN_API_TOKEN_MAX_AGE_DAYS = (
    env_int("BUURTPLEIN_API_TOKEN_MAX_AGE_DAYS", 0) or None
)
