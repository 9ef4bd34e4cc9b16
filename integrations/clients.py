"""Which front end sends a submission: the per-site client key.

A honeypot and a fill-time check cannot work over an API, so the API accepts
submissions only from front ends the site lists (Instellingen → API-koppelingen).
The front end sends its key in the ``X-Buurtplein-Client`` header; the key is
looked up by its SHA-256 hash, so the comparison never runs over the secret
itself character by character (no timing leak) and the database holds no key.
"""

import datetime
import hmac
from http import HTTPStatus

from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import HttpError
from wagtail.models import Site

from .models import ApiClient, client_key_hash

CLIENT_HEADER = "X-Buurtplein-Client"
MAX_KEY_LENGTH = 200
# last_used_at is written at most this often per client: not on every request.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=5)

MISSING_MESSAGE = (
    "Insturen kan alleen vanuit een front-end die dit platform kent: stuur de "
    "sleutel van de API-koppeling in de kop X-Buurtplein-Client."
)
REFUSED_MESSAGE = (
    "Deze sleutel hoort niet bij een actieve API-koppeling van dit platform."
)


def client_for_key(*, key: str, site: Site) -> ApiClient | None:
    """The active client of ``site`` with this key, or None."""
    if not key or len(key) > MAX_KEY_LENGTH:
        return None
    digest = client_key_hash(key)
    client = ApiClient.objects.filter(
        key_hash=digest, site=site, is_active=True
    ).first()
    if client is None or not hmac.compare_digest(client.key_hash, digest):
        return None
    return client


def client_mark_used(client: ApiClient) -> None:
    """Note that the client was used now (at most every few minutes)."""
    now = timezone.now()
    if client.last_used_at and now - client.last_used_at < LAST_USED_RESOLUTION:
        return
    ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
    client.last_used_at = now


def require_client(request: HttpRequest, site: Site) -> ApiClient:
    """The listed front end that sends this request, or a 403 (Dutch message)."""
    key = request.headers.get(CLIENT_HEADER, "").strip()
    if not key:
        raise HttpError(HTTPStatus.FORBIDDEN, MISSING_MESSAGE)
    client = client_for_key(key=key, site=site)
    if client is None:
        raise HttpError(HTTPStatus.FORBIDDEN, REFUSED_MESSAGE)
    client_mark_used(client)
    return client
