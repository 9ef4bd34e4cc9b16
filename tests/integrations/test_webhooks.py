"""Signed webhooks: a real receiver on loopback gets a correctly signed message
on publish, a failed attempt (500) is retried by the worker and then succeeds,
and the log shows both; addresses inside the network are refused; Beheerders
see only their own site's webhooks and deliveries."""

import datetime
import hashlib
import hmac
import io
import json
import signal
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page

from editorial.services import site_beheerder_grant
from integrations.models import Webhook, WebhookAttempt, WebhookDelivery
from integrations.webhooks import (
    LOG_RETENTION,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    signature_valid,
)
from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db

WEBHOOK_TASK = "integrations.webhooks.deliver_webhook"


class Receiver:
    """An HTTP server on 127.0.0.1 that answers with the queued statuses
    (200 once they run out) and keeps what it received."""

    def __init__(self):
        self.statuses: list[int] = []
        self.received: list[dict] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append(
                    {"path": self.path, "headers": dict(self.headers), "body": body}
                )
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/haak?x=1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(settings):
    settings.BUURTPLEIN_WEBHOOKS_ALLOW_PRIVATE = True
    with Receiver() as running:
        yield running


@pytest.fixture
def webhook(site, receiver):
    return Webhook.objects.create(site=site, name="Website", url=receiver.url)


@pytest.fixture
def page(home_page):
    return ContentPageFactory(parent=home_page, title="Afvalkalender", slug="afval")


def publish(page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()


def signature_of(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def test_a_publish_is_posted_signed_to_the_sites_webhook(
    site, webhook, receiver, page, django_capture_on_commit_callbacks
):
    publish(page, django_capture_on_commit_callbacks)

    assert len(receiver.received) == 1
    message = receiver.received[0]
    assert message["path"] == "/haak?x=1"
    headers = message["headers"]
    assert headers[SIGNATURE_HEADER] == signature_of(webhook.secret, message["body"])
    assert signature_valid(
        secret=webhook.secret, body=message["body"], header=headers[SIGNATURE_HEADER]
    )
    assert not signature_valid(
        secret="ander-geheim", body=message["body"], header=headers[SIGNATURE_HEADER]
    )
    assert not signature_valid(
        secret=webhook.secret,
        body=message["body"] + b" ",
        header=headers[SIGNATURE_HEADER],
    )
    assert abs(int(headers[TIMESTAMP_HEADER]) - timezone.now().timestamp()) < 60
    assert headers["X-Buurtplein-Event"] == "publish"
    body = json.loads(message["body"])
    assert body["event"] == "publish"
    assert body["page"] == {
        "id": page.pk,
        "type": "home.ContentPage",
        "title": "Afvalkalender",
        "url": "http://localhost/afval/",
        "api_url": f"http://localhost/api/v3/pages/{page.pk}/",
    }
    assert body["site"] == {
        "id": site.pk,
        "hostname": "localhost",
        "name": site.site_name,
    }
    assert body["occurred_at"].endswith(("+01:00", "+02:00"))

    delivery = WebhookDelivery.objects.get()
    assert (delivery.event, delivery.page_id, delivery.attempts) == (
        "publish",
        page.pk,
        1,
    )
    assert delivery.status_code == 200
    assert delivery.delivered_at is not None
    assert delivery.error == ""
    assert headers["X-Buurtplein-Delivery"] == str(delivery.pk)


def test_the_log_forgets_deliveries_after_90_days(
    webhook, page, django_capture_on_commit_callbacks
):
    old = WebhookDelivery.objects.create(
        webhook=webhook, event="publish", page_id=page.pk, payload={}
    )
    WebhookDelivery.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - LOG_RETENTION - datetime.timedelta(days=1)
    )
    recent = WebhookDelivery.objects.create(
        webhook=webhook, event="publish", page_id=page.pk, payload={}
    )
    publish(page, django_capture_on_commit_callbacks)
    remaining = set(WebhookDelivery.objects.values_list("pk", flat=True))
    assert old.pk not in remaining
    assert recent.pk in remaining
    assert len(remaining) == 2


def test_the_api_base_url_makes_the_api_link(
    settings, webhook, receiver, page, django_capture_on_commit_callbacks
):
    settings.BUURTPLEIN_API_BASE_URL = "https://samen.teststad.nl"
    publish(page, django_capture_on_commit_callbacks)
    body = json.loads(receiver.received[0]["body"])
    assert (
        body["page"]["api_url"] == f"https://samen.teststad.nl/api/v3/pages/{page.pk}/"
    )


def test_unpublish_move_and_delete_are_told_to_who_asked(
    site,
    other_site,
    home_page,
    receiver,
    page,
    django_capture_on_commit_callbacks,
):
    Webhook.objects.create(site=site, name="Alles", url=receiver.url)
    publish_only = Webhook.objects.create(
        site=site, name="Alleen publiceren", url=receiver.url, events=["publish"]
    )
    Webhook.objects.create(site=other_site, name="Ander platform", url=receiver.url)
    Webhook.objects.create(site=site, name="Uit", url=receiver.url, is_active=False)
    folder = ContentPageFactory(parent=home_page, title="Map", slug="map")

    with django_capture_on_commit_callbacks(execute=True):
        page.move(folder, pos="last-child")
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=page.pk).specific.unpublish()
    publish(Page.objects.get(pk=page.pk).specific, django_capture_on_commit_callbacks)
    # Deleting the folder deletes the page in it: a "delete" for each, no
    # "unpublish" (Wagtail unpublishes a page just before deleting it).
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=folder.pk).delete()

    events = list(
        WebhookDelivery.objects.order_by("pk").values_list(
            "webhook__name", "event", "page_id"
        )
    )
    assert events[:4] == [
        ("Alles", "move", page.pk),
        ("Alles", "unpublish", page.pk),
        ("Alleen publiceren", "publish", page.pk),
        ("Alles", "publish", page.pk),
    ]
    assert sorted(events[4:]) == sorted(
        [("Alles", "delete", page.pk), ("Alles", "delete", folder.pk)]
    )
    moved = json.loads(receiver.received[0]["body"])
    assert moved["page"]["url"] == "http://localhost/map/afval/"
    assert len(receiver.received) == 6
    assert not publish_only.deliveries.exclude(event="publish").exists()


def test_a_site_without_webhooks_costs_one_query_per_event(
    page, django_assert_num_queries
):
    from integrations.webhooks import WebhookEvent, webhook_event_record

    site_id = page.get_site().pk
    with django_assert_num_queries(1):
        assert (
            webhook_event_record(event=WebhookEvent.PUBLISH, page=page, site_id=site_id)
            == []
        )


# --- Retries, through the real queue and worker --------------------------------------


@pytest.fixture
def queued(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.BUURTPLEIN_TASK_MAX_ATTEMPTS = 5
    settings.BUURTPLEIN_TASK_RETRY_DELAY = 60
    return settings


@pytest.fixture
def run_worker(monkeypatch):
    """``manage.py db_worker --batch`` (as tests/core/test_tasks.py runs it)."""
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections",
        lambda: None,
    )
    names = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    saved = {name: signal.getsignal(name) for name in names}

    def run():
        call_command(
            "db_worker",
            "--batch",
            "--no-startup-delay",
            "--no-reload",
            "--interval=0",
            stdout=io.StringIO(),
        )

    yield run
    for name, handler in saved.items():
        signal.signal(name, handler)


def webhook_tasks():
    return DBTaskResult.objects.filter(task_path=WEBHOOK_TASK)


def test_a_failed_delivery_is_retried_later_and_the_log_shows_both(
    queued, webhook, receiver, page, run_worker, django_capture_on_commit_callbacks
):
    receiver.statuses = [500]
    publish(page, django_capture_on_commit_callbacks)
    assert receiver.received == []  # queued, not sent in the request

    run_worker()
    assert len(receiver.received) == 1
    delivery = WebhookDelivery.objects.get()
    assert (delivery.attempts, delivery.status_code, delivery.error) == (
        1,
        500,
        "HTTP 500",
    )
    assert delivery.delivered_at is None
    waiting = webhook_tasks().get(status=TaskResultStatus.READY)
    assert 55 <= (waiting.run_after - timezone.now()).total_seconds() <= 61

    run_worker()  # not due yet
    assert len(receiver.received) == 1

    webhook_tasks().filter(status=TaskResultStatus.READY).update(
        run_after=timezone.now()
    )
    run_worker()
    assert len(receiver.received) == 2
    first, second = receiver.received
    assert first["body"] == second["body"]
    assert second["headers"][SIGNATURE_HEADER] == signature_of(
        webhook.secret, second["body"]
    )
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.status_code, delivery.error) == (2, 200, "")
    assert delivery.delivered_at is not None
    assert list(
        WebhookAttempt.objects.filter(delivery=delivery).values_list(
            "number", "status_code", "error"
        )
    ) == [(1, 500, "HTTP 500"), (2, 200, "")]
    assert not webhook_tasks().filter(status=TaskResultStatus.READY).exists()


def test_an_unreachable_receiver_is_logged_not_raised_in_the_request(
    settings, site, page, django_capture_on_commit_callbacks
):
    settings.BUURTPLEIN_WEBHOOKS_ALLOW_PRIVATE = True
    Webhook.objects.create(site=site, name="Weg", url="http://127.0.0.1:9/")
    publish(page, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert delivery.attempts == 1
    assert delivery.status_code is None
    assert "ConnectionRefusedError" in delivery.error
    assert Page.objects.get(pk=page.pk).live


# --- Addresses inside the network ---------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/haak",
        "https://127.0.0.1/haak",
        "https://localhost/haak",
        "https://10.1.2.3/haak",
        "https://192.168.1.10/haak",
        "https://169.254.169.254/latest/meta-data/",
        "https://[::1]/haak",
        "https://[::ffff:127.0.0.1]/haak",
        "https://0.0.0.0/haak",
        "https://user:pw@example.org/haak",
        "ftp://example.org/",
    ],
)
def test_addresses_inside_the_network_are_refused(settings, site, url):
    settings.BUURTPLEIN_WEBHOOKS_ALLOW_PRIVATE = False
    with pytest.raises(ValidationError):
        Webhook(site=site, name="Intern", url=url).full_clean()


def test_a_saved_address_that_turns_internal_is_not_contacted(
    settings, site, receiver, page, django_capture_on_commit_callbacks
):
    Webhook.objects.create(site=site, name="Was publiek", url=receiver.url)
    settings.BUURTPLEIN_WEBHOOKS_ALLOW_PRIVATE = False
    publish(page, django_capture_on_commit_callbacks)
    assert receiver.received == []
    delivery = WebhookDelivery.objects.get()
    assert delivery.delivered_at is None
    assert "https://" in delivery.error or "intern" in delivery.error


# --- The admin -----------------------------------------------------------------------


def make_beheerder(site):
    user = get_user_model().objects.create_user(
        "sam", "sam@example.org", password="Lange-zin-met-koffie-2026"
    )
    site_beheerder_grant(user=user, site=site)
    return user


def test_a_beheerder_adds_a_webhook_sees_its_secret_once_and_reads_the_log(
    client, site, receiver, page, django_capture_on_commit_callbacks
):
    client.force_login(make_beheerder(site))
    response = client.post(
        reverse("wagtailsnippets_integrations_webhook:add"),
        {
            "site": site.pk,
            "name": "Website",
            "url": receiver.url,
            "events": ["publish", "delete"],
            "is_active": "on",
        },
        follow=True,
    )
    assert response.status_code == 200
    webhook = Webhook.objects.get()
    assert response.context["secret"] == webhook.secret
    assert webhook.events == ["publish", "delete"]
    edit = client.get(
        reverse("wagtailsnippets_integrations_webhook:edit", args=[webhook.pk])
    )
    assert webhook.secret not in edit.content.decode()

    publish(page, django_capture_on_commit_callbacks)
    log = client.get(reverse("wagtailsnippets_integrations_webhookdelivery:list"))
    assert log.status_code == 200
    assert [d.page_id for d in log.context["object_list"]] == [page.pk]
    delivery = WebhookDelivery.objects.get()
    inspect = client.get(
        reverse(
            "wagtailsnippets_integrations_webhookdelivery:inspect", args=[delivery.pk]
        )
    )
    assert inspect.status_code == 200


def test_a_beheerder_of_one_site_sees_nothing_of_another_sites_webhooks(
    client, site, other_site, receiver
):
    theirs = Webhook.objects.create(site=other_site, name="Hun haak", url=receiver.url)
    delivery = WebhookDelivery.objects.create(
        webhook=theirs, event="publish", page_id=1, payload={}
    )
    client.force_login(make_beheerder(site))
    listing = client.get(reverse("wagtailsnippets_integrations_webhook:list"))
    assert listing.status_code == 200
    assert list(listing.context["object_list"]) == []
    edit = reverse("wagtailsnippets_integrations_webhook:edit", args=[theirs.pk])
    assert client.get(edit).status_code in (403, 404)
    assert client.post(edit, {"site": site.pk, "name": "x"}).status_code in (403, 404)
    log = client.get(reverse("wagtailsnippets_integrations_webhookdelivery:list"))
    assert list(log.context["object_list"]) == []
    inspect = reverse(
        "wagtailsnippets_integrations_webhookdelivery:inspect", args=[delivery.pk]
    )
    assert client.get(inspect).status_code in (403, 404)
    # Nobody adds a delivery by hand.
    add = client.get(reverse("wagtailsnippets_integrations_webhookdelivery:add"))
    assert add.status_code in (302, 403)


def test_the_connection_goes_to_the_address_that_was_checked(
    settings, receiver, monkeypatch
):
    """A name is resolved and checked once; the connection goes to exactly that
    address (a second lookup could answer an internal one: DNS rebinding)."""
    from integrations import webhooks

    settings.BUURTPLEIN_WEBHOOKS_ALLOW_PRIVATE = True
    lookups = []

    def resolve(host, port):
        lookups.append(host)
        return "127.0.0.1"

    monkeypatch.setattr(webhooks, "resolve_public", resolve)
    port = receiver.server.server_address[1]
    status = webhooks.post_signed(
        url=f"http://haak.teststad.example:{port}/pad",
        body=b"{}",
        headers={"Content-Type": "application/json"},
    )
    assert status == 200
    assert lookups == ["haak.teststad.example"]
    [message] = receiver.received
    assert message["path"] == "/pad"
    assert message["headers"]["Host"] == f"haak.teststad.example:{port}"


def test_the_admin_refuses_an_internal_address(client, settings, site):
    settings.BUURTPLEIN_WEBHOOKS_ALLOW_PRIVATE = False
    client.force_login(make_beheerder(site))
    response = client.post(
        reverse("wagtailsnippets_integrations_webhook:add"),
        {
            "site": site.pk,
            "name": "Intern",
            "url": "https://169.254.169.254/latest/",
            "events": ["publish"],
        },
    )
    assert response.status_code == 200
    assert "intern" in " ".join(response.context["form"].errors["url"])
    assert not Webhook.objects.exists()
