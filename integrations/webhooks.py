"""Signed webhooks: tell a site's systems that a page changed.

When a live page of a site is published, unpublished, moved or deleted, every
active webhook of that site that asked for the event gets a ``POST`` with a
JSON body::

    {"event": "publish",
     "page": {"id": 12, "type": "news.NewsPage", "title": "…",
              "url": "https://…/nieuws/…/", "api_url": "https://…/api/v3/pages/12/"},
     "site": {"id": 1, "hostname": "samen.teststad.nl", "name": "Samen Teststad"},
     "occurred_at": "2026-12-07T23:01:00+01:00"}

and the headers ``X-Buurtplein-Signature: sha256=<hex HMAC-SHA256 of the raw
body with the webhook's secret>``, ``X-Buurtplein-Timestamp`` (Unix time of the
attempt), ``X-Buurtplein-Event`` and ``X-Buurtplein-Delivery`` (the delivery's
id: the same on every attempt, so a receiver can ignore a repeat). A receiver
checks the signature over the exact bytes it received, in constant time, as
``signature_valid`` does, and may refuse a message whose ``occurred_at`` (in
the signed body) is old.

Each event for each webhook is a ``WebhookDelivery`` row, written in the
transaction of the change itself; the background task (``deliver_webhook``) is
queued once that transaction commits, so a receiver that reads the page back
through the API finds the new state, and a change that is rolled back sends
nothing. A failed attempt (no answer within 5 seconds, or a status other than
2xx) is queued again later through ``core.tasks.retry_later`` (1, 4, 16, 64
minutes; at most ``BUURTPLEIN_TASK_MAX_ATTEMPTS``, 5): every attempt is a
``WebhookAttempt`` row. Where tasks run at once (development) nothing is retried.
The log keeps 90 days (``LOG_RETENTION``).

The address is checked again on every attempt, and the connection goes to
exactly the address that was checked (``validators.resolve_public``), so a
name that later resolves to an internal address reaches nothing.
"""

import datetime
import hashlib
import hmac
import http.client
import json
import logging
import socket
import ssl
import threading
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from wagtail.models import Page, Site

from core.tasks import describe_error, retry_later

from .models import Webhook, WebhookAttempt, WebhookDelivery, WebhookEvent
from .validators import (
    UnsafeAddress,
    resolve_public,
    webhook_port,
    webhook_url_check,
)

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 5
SIGNATURE_HEADER = "X-Buurtplein-Signature"
TIMESTAMP_HEADER = "X-Buurtplein-Timestamp"
EVENT_HEADER = "X-Buurtplein-Event"
DELIVERY_HEADER = "X-Buurtplein-Delivery"
USER_AGENT = "Buurtplein-Webhooks/1"
# How much of a receiver's answer is read (and thrown away): enough to finish.
MAX_RESPONSE_BYTES = 64 * 1024
# The log keeps a webhook's deliveries this long (they hold page titles only).
LOG_RETENTION = datetime.timedelta(days=90)


class DeliveryFailed(Exception):
    """The receiver did not take the message (its status, or why not)."""


# The message


def signature(*, secret: str, body: bytes) -> str:
    """``sha256=<hex>``: the HMAC-SHA256 of the raw body with the secret."""
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def signature_valid(*, secret: str, body: bytes, header: str) -> bool:
    """What a receiver checks (in its own language): the header is the HMAC of
    the raw body, compared in constant time."""
    return hmac.compare_digest(signature(secret=secret, body=body), header or "")


def payload_body(payload: dict) -> bytes:
    """The exact bytes sent and signed (the same on every attempt)."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def api_page_url(*, site: Site, page_id: int) -> str:
    """The page's detail in API v3, from the configured base URL if there is one."""
    base = getattr(settings, "BUURTPLEIN_API_BASE_URL", "") or site.root_url
    return f"{base.rstrip('/')}/api/v3/pages/{page_id}/"


def page_public_url(
    *, site: Site, page: Page, url_path: str | None = None
) -> str | None:
    """The page's address on ``site``; None when it has none there."""
    url_path = url_path if url_path is not None else page.url_path
    root_path = site.root_page.url_path
    if not url_path or not url_path.startswith(root_path):
        return None
    return site.root_url + "/" + url_path[len(root_path) :]


def page_payload(
    *, event: str, page: Page, site: Site, url_path: str | None = None
) -> dict:
    model = page.cached_content_type.model_class() or Page
    return {
        "event": event,
        "page": {
            "id": page.pk,
            "type": model._meta.label,
            "title": page.title,
            "url": page_public_url(site=site, page=page, url_path=url_path),
            "api_url": api_page_url(site=site, page_id=page.pk),
        },
        "site": {"id": site.pk, "hostname": site.hostname, "name": site.site_name},
        "occurred_at": timezone.localtime().isoformat(),
    }


# Which webhooks hear of an event


def site_id_for_url_path(url_path: str) -> int | None:
    """The site whose root is the deepest ancestor of ``url_path``: matched
    against Wagtail's cached site roots, since the page itself may be deleted."""
    best = None
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path) and (
            best is None or len(root.root_path) > len(best.root_path)
        ):
            best = root
    return None if best is None else best.site_id


def webhooks_for(*, site_id: int, event: str) -> list[Webhook]:
    return [
        webhook
        for webhook in Webhook.objects.filter(
            site_id=site_id, is_active=True
        ).select_related("site__root_page")
        if event in (webhook.events or ())
    ]


def webhook_event_record(
    *, event: str, page: Page, site_id: int | None, url_path: str | None = None
) -> list[WebhookDelivery]:
    """Log the event for each webhook of the site that asked for it, and queue
    their delivery for when the current transaction commits.

    One query when the site has no webhooks (most pages, most sites).
    """
    if site_id is None:
        return []
    webhooks = webhooks_for(site_id=site_id, event=event)
    if not webhooks:
        return []
    payload = page_payload(
        event=event, page=page, site=webhooks[0].site, url_path=url_path
    )
    deliveries = [
        WebhookDelivery.objects.create(
            webhook=webhook, event=event, page_id=page.pk, payload=payload
        )
        for webhook in webhooks
    ]
    for delivery in deliveries:
        transaction.on_commit(
            lambda pk=delivery.pk: deliver_webhook.enqueue(delivery_id=pk)
        )
    return deliveries


# Signal receivers (connected in IntegrationsConfig.ready)


# Pages being deleted in this thread: Wagtail unpublishes a live page just
# before deleting it (its own pre_delete receiver), which must not reach the
# webhooks as an "unpublish" as well as a "delete".
_deleting = threading.local()


def pages_being_deleted() -> set[int]:
    if not hasattr(_deleting, "pages"):
        _deleting.pages = set()
    return _deleting.pages


def on_page_published(sender, instance, **kwargs):
    webhook_event_record(
        event=WebhookEvent.PUBLISH,
        page=instance,
        site_id=site_id_for_url_path(instance.url_path),
    )


def on_page_unpublished(sender, instance, **kwargs):
    if instance.pk in pages_being_deleted():
        return  # told as a "delete" (on_page_pre_delete)
    webhook_event_record(
        event=WebhookEvent.UNPUBLISH,
        page=instance,
        site_id=site_id_for_url_path(instance.url_path),
    )


def on_page_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    """A live page moved: its site hears of it, and the site it left if it
    changed sites."""
    if not instance.live:
        return
    site_after = site_id_for_url_path(url_path_after)
    site_before = site_id_for_url_path(url_path_before)
    webhook_event_record(
        event=WebhookEvent.MOVE,
        page=instance,
        site_id=site_after,
        url_path=url_path_after,
    )
    if site_before is not None and site_before != site_after:
        webhook_event_record(
            event=WebhookEvent.MOVE,
            page=instance,
            site_id=site_before,
            url_path=url_path_after,
        )


def on_page_pre_delete(sender, instance, **kwargs):
    """A live page (or a live page under a deleted one) is about to go.

    Django sends ``pre_delete`` for each model of a page's inheritance chain,
    the page's own class before ``Page``, so this sees the page still live,
    before Wagtail's receiver for ``Page`` unpublishes it. Connected for each
    page model (``IntegrationsConfig.ready``).
    """
    if instance.pk in pages_being_deleted():
        return
    pages_being_deleted().add(instance.pk)
    if instance.live:
        webhook_event_record(
            event=WebhookEvent.DELETE,
            page=instance,
            site_id=site_id_for_url_path(instance.url_path),
        )


def on_page_deleted(sender, instance, **kwargs):
    """The page is gone (``post_delete`` of ``Page``, the last of its chain)."""
    pages_being_deleted().discard(instance.pk)


# Delivery


class PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the checked address, whatever the name resolves to now."""

    def __init__(self, host, *, address, **kwargs):
        super().__init__(host, **kwargs)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection(
            (self._address, self.port), self.timeout, self.source_address
        )


class PinnedHTTPSConnection(http.client.HTTPSConnection):
    """As above, with TLS: the certificate is checked against the host name."""

    def __init__(self, host, *, address, **kwargs):
        super().__init__(host, context=ssl.create_default_context(), **kwargs)
        self._address = address

    def connect(self):
        sock = socket.create_connection(
            (self._address, self.port), self.timeout, self.source_address
        )
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def post_signed(*, url: str, body: bytes, headers: dict[str, str]) -> int:
    """POST ``body`` to ``url`` (no redirects followed); the status code."""
    # The rules may have changed since the address was saved: check it again,
    # and look the host up once, here, for the connection itself.
    try:
        parts = webhook_url_check(url)
    except ValidationError as invalid:
        raise UnsafeAddress(" ".join(invalid.messages)) from None
    https = parts.scheme == "https"
    port = webhook_port(parts)
    address = resolve_public(parts.hostname, port)
    connection_class = PinnedHTTPSConnection if https else PinnedHTTPConnection
    connection = connection_class(
        parts.hostname, address=address, port=port, timeout=TIMEOUT_SECONDS
    )
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(MAX_RESPONSE_BYTES)
        return response.status
    finally:
        connection.close()


def delivery_headers(*, delivery: WebhookDelivery, body: bytes) -> dict[str, str]:
    return {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        SIGNATURE_HEADER: signature(secret=delivery.webhook.secret, body=body),
        TIMESTAMP_HEADER: str(int(time.time())),
        EVENT_HEADER: delivery.event,
        DELIVERY_HEADER: str(delivery.pk),
    }


def delivery_attempt(*, delivery: WebhookDelivery, attempt: int) -> str:
    """Try once; log it on the delivery. The error ("" when delivered)."""
    body = payload_body(delivery.payload)
    started = time.monotonic()
    status_code = None
    try:
        status_code = post_signed(
            url=delivery.webhook.url,
            body=body,
            headers=delivery_headers(delivery=delivery, body=body),
        )
        error = "" if 200 <= status_code < 300 else f"HTTP {status_code}"
    except UnsafeAddress as unsafe:
        error = str(unsafe)
    except Exception as failure:  # any failure is logged, then retried
        error = describe_error(failure)
    now = timezone.now()
    WebhookAttempt.objects.create(
        delivery=delivery,
        number=attempt,
        status_code=status_code,
        error=error[:500],
        duration_ms=int((time.monotonic() - started) * 1000),
        attempted_at=now,
    )
    delivery.attempts = attempt
    delivery.status_code = status_code
    delivery.error = error[:500]
    if not error:
        delivery.delivered_at = now
    delivery.save(update_fields=["attempts", "status_code", "error", "delivered_at"])
    return error


def deliveries_prune(*, webhook_id: int) -> int:
    """Forget a webhook's deliveries older than ``LOG_RETENTION``."""
    cutoff = timezone.now() - LOG_RETENTION
    deleted, _by_model = WebhookDelivery.objects.filter(
        webhook_id=webhook_id, created_at__lt=cutoff
    ).delete()
    return deleted


@task()
def deliver_webhook(*, delivery_id: int, attempt: int = 1) -> dict:
    """Deliver one logged event; on failure queue the next attempt for later."""
    delivery = (
        WebhookDelivery.objects.select_related("webhook").filter(pk=delivery_id).first()
    )
    if delivery is None or delivery.delivered_at is not None:
        return {"delivered": False, "attempt": attempt, "skipped": True}
    if not delivery.webhook.is_active:
        return {"delivered": False, "attempt": attempt, "skipped": True}
    error = delivery_attempt(delivery=delivery, attempt=attempt)
    if attempt == 1:
        deliveries_prune(webhook_id=delivery.webhook_id)
    if error:
        logger.info(
            "Webhook %s: delivery %s attempt %s failed: %s",
            delivery.webhook_id,
            delivery.pk,
            attempt,
            error,
        )
        retry_later(
            task=deliver_webhook,
            kwargs={"delivery_id": delivery.pk},
            attempt=attempt,
            error=DeliveryFailed(error),
        )
    return {"delivered": True, "attempt": attempt, "status_code": delivery.status_code}
