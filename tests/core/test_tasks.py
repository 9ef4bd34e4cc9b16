"""Background tasks and mail out of the request (core/tasks.py,
core/email_backends.py, core/task_admin.py), on django-tasks-db's real database
backend with its real worker command (``db_worker --batch``).

The mail servers here are test backends defined in this module:
``FailingEmailBackend`` always refuses (a recipient refused, with the address in
the error, as smtplib says it), ``FlakyEmailBackend`` refuses a set number of
times and then delivers to Django's test outbox.
"""

import datetime
import io
import json
import os
import secrets
import signal
import smtplib
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemEmailBackend
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.email_backends import (
    DeliveryFailed,
    email_message_from_data,
    email_message_to_data,
    mask_email_addresses,
)
from core.mail import send_logged
from core.tasks import RETRY_SCHEDULED, retry_delay
from editorial.services import beheerder_grant, buurtverbinder_grant
from helpboard.forms import HelpPostForm
from helpboard.models import HelpPost
from tests.antispam import human_post_data
from tests.factories import (
    HelpBoardPageFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
)

pytestmark = pytest.mark.django_db

SEND_EMAIL = "core.tasks.send_email_message"
URL = "/admin/achtergrondtaken/"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
FAILING = "tests.core.test_tasks.FailingEmailBackend"
FLAKY = "tests.core.test_tasks.FlakyEmailBackend"
RESIDENT = "anna.de.vries@example.org"


class FailingEmailBackend(BaseEmailBackend):
    """A mail server that refuses every recipient (test backend)."""

    def send_messages(self, email_messages):
        recipients = [r for message in email_messages for r in message.recipients()]
        raise smtplib.SMTPRecipientsRefused(
            {r: (550, f"5.1.1 <{r}>: user unknown".encode()) for r in recipients}
        )


class FlakyEmailBackend(LocmemEmailBackend):
    """Refuses ``failures_left`` times, then delivers to the outbox (test backend)."""

    failures_left = 0

    def send_messages(self, email_messages):
        if FlakyEmailBackend.failures_left > 0:
            FlakyEmailBackend.failures_left -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(email_messages)


@pytest.fixture
def queued(settings):
    """Production's set-up: the database task backend and mail through it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "core.email_backends.TaskEmailBackend"
    settings.BUURTPLEIN_EMAIL_DELIVERY_BACKEND = LOCMEM
    settings.BUURTPLEIN_TASK_MAX_ATTEMPTS = 5
    settings.BUURTPLEIN_TASK_RETRY_DELAY = 60
    FlakyEmailBackend.failures_left = 0
    return settings


@pytest.fixture
def run_worker(monkeypatch):
    """``manage.py db_worker --batch``: run what is due, then stop.

    The worker closes old database connections between tasks, as a request does;
    inside a test's transaction that would close the test's own connection, so
    here it does not (the test client skips it for requests likewise). The
    command installs its own signal handlers; they are put back after.
    """
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


def mail_tasks():
    return DBTaskResult.objects.filter(task_path=SEND_EMAIL)


def make_due(queryset):
    """Time passes: the queued retries are due now."""
    queryset.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())


def send_test_mail():
    message = EmailMultiAlternatives(
        subject="Je hulpvraag",
        body="Beste Anna, je vraag staat online.",
        to=[RESIDENT],
        bcc=["archief@gemeente.example"],
    )
    return message.send()


# --- In the request: queued, not sent ------------------------------------------


def test_a_password_reset_in_the_request_only_queues_the_mail(
    client, queued, run_worker
):
    get_user_model().objects.create_user("anna", RESIDENT, "een-lang-wachtwoord")

    response = client.post(reverse("wagtailadmin_password_reset"), {"email": RESIDENT})

    assert response.status_code == 302
    assert mail.outbox == []
    (task,) = mail_tasks()
    assert task.status == TaskResultStatus.READY
    assert task.args_kwargs["kwargs"]["message"]["to"] == [RESIDENT]

    run_worker()

    (message,) = mail.outbox
    assert message.to == [RESIDENT]
    assert "/admin/password_reset/" in message.body
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert task.return_value == {"sent": 1, "attempt": 1}
    # Sent: the queue keeps no copy of the mail.
    assert task.args_kwargs == {"args": [], "kwargs": {"message": None, "attempt": 1}}


def test_the_worker_sends_every_field_of_the_message(queued, run_worker):
    original = EmailMultiAlternatives(
        subject="Verslag",
        body="Zie de bijlagen.",
        from_email="Buurtplein <noreply@buurtplein.example>",
        to=[RESIDENT],
        cc=["cc@example.org"],
        bcc=["bcc@example.org"],
        reply_to=["wijk@gemeente.example"],
        headers={"Auto-Submitted": "auto-generated"},
    )
    original.attach_alternative("<p>Zie de <b>bijlagen</b>.</p>", "text/html")
    original.attach("verslag.txt", "Eén regel tekst.", "text/plain")
    original.attach("foto.png", b"\x89PNG\r\n\x1a\n\x00\xff", "image/png")

    assert original.send() == 1
    assert mail.outbox == []
    run_worker()

    (sent,) = mail.outbox
    assert sent.subject == "Verslag"
    assert sent.body == "Zie de bijlagen."
    assert sent.from_email == "Buurtplein <noreply@buurtplein.example>"
    assert (sent.to, sent.cc, sent.bcc, sent.reply_to) == (
        [RESIDENT],
        ["cc@example.org"],
        ["bcc@example.org"],
        ["wijk@gemeente.example"],
    )
    assert sent.extra_headers == {"Auto-Submitted": "auto-generated"}
    assert list(sent.alternatives) == [("<p>Zie de <b>bijlagen</b>.</p>", "text/html")]
    assert [tuple(a) for a in sent.attachments] == [
        ("verslag.txt", "Eén regel tekst.", "text/plain"),
        ("foto.png", b"\x89PNG\r\n\x1a\n\x00\xff", "image/png"),
    ]
    raw = sent.message().as_bytes()
    assert b"multipart/mixed" in raw
    assert b"Auto-Submitted: auto-generated" in raw


def test_serialising_a_message_keeps_it_whole_and_json_ready():
    original = EmailMultiAlternatives("Onderwerp", "Tekst", to=[RESIDENT])
    original.content_subtype = "html"
    original.encoding = "iso-8859-1"
    original.attach("data.bin", bytes(range(256)), "application/octet-stream")

    data = email_message_to_data(original)
    copy = email_message_from_data(data)

    assert json.loads(json.dumps(data)) == data  # plain JSON, no pickles
    assert copy.content_subtype == "html"
    assert copy.encoding == "iso-8859-1"
    assert copy.attachments[0].content == bytes(range(256))
    assert copy.recipients() == [RESIDENT]


def test_a_message_without_recipients_queues_nothing(queued):
    assert EmailMultiAlternatives("Niemand", "Tekst").send() == 0
    assert not mail_tasks().exists()


# --- Retries ---------------------------------------------------------------------


def test_a_resident_submission_survives_a_failing_mail_server_and_is_mailed_once(
    client, home_page, queued, run_worker
):
    queued.BUURTPLEIN_EMAIL_DELIVERY_BACKEND = FLAKY
    FlakyEmailBackend.failures_left = 2
    board = HelpBoardPageFactory(parent=home_page, slug="vraag-en-aanbod")
    data = {
        "kind": "vraag",
        "title": "Wie helpt me met boodschappen?",
        "description": "Ik kan slecht lopen.",
        "neighbourhood": "",
        "theme": "",
        "when": "dinsdagochtend",
        "first_name": "Anna",
        "email": RESIDENT,
        "consent": "on",
    }

    response = client.post(
        board.url + board.reverse_subpage("submit"),
        human_post_data(HelpPostForm, data),
    )

    assert response.status_code == 302
    assert HelpPost.objects.filter(email=RESIDENT).exists()
    assert mail.outbox == []

    run_worker()  # first attempt: refused; the second waits a minute
    assert mail.outbox == []
    run_worker()  # not due yet: nothing happens
    assert mail.outbox == []
    make_due(mail_tasks())
    run_worker()  # second attempt: refused again
    make_due(mail_tasks())
    run_worker()  # third attempt: delivered

    assert [message.to for message in mail.outbox] == [[RESIDENT]]
    run_worker()
    assert len(mail.outbox) == 1


def test_a_failed_delivery_is_retried_with_growing_pauses_then_fails(
    queued, run_worker
):
    queued.BUURTPLEIN_EMAIL_DELIVERY_BACKEND = FAILING
    send_test_mail()

    pauses = []
    for attempt in range(1, 5):
        before = timezone.now()
        run_worker()
        (waiting,) = mail_tasks().filter(status=TaskResultStatus.READY)
        assert waiting.args_kwargs["kwargs"]["attempt"] == attempt + 1
        pauses.append(round((waiting.run_after - before).total_seconds() / 60))
        make_due(mail_tasks())
    run_worker()

    assert pauses == [1, 4, 16, 64]
    assert retry_delay(attempt=1) == datetime.timedelta(minutes=1)
    assert mail.outbox == []
    tasks = mail_tasks()
    assert tasks.count() == 5
    assert not tasks.exclude(status=TaskResultStatus.FAILED).exists()
    (final,) = tasks.exclude(exception_class_path=RETRY_SCHEDULED)
    assert final.args_kwargs["kwargs"]["attempt"] == 5
    assert final.exception_class_path == "core.email_backends.DeliveryFailed"
    # What the queue keeps as the error names no address, and only the last
    # attempt keeps the mail itself (to be tried again by a Beheerder).
    for task in tasks:
        assert "anna.de.vries@" not in task.traceback
        assert "archief@" not in task.traceback
    assert [
        task.args_kwargs["kwargs"]["message"] is None
        for task in tasks.order_by("enqueued_at")
    ] == [True, True, True, True, False]
    assert "SMTPRecipientsRefused" in final.traceback
    assert "…@example.org" in final.traceback


def test_where_tasks_run_at_once_a_failure_is_a_mail_server_error(settings):
    settings.EMAIL_BACKEND = "core.email_backends.TaskEmailBackend"
    settings.BUURTPLEIN_EMAIL_DELIVERY_BACKEND = FAILING
    message = EmailMultiAlternatives("Onderwerp", "Tekst", to=[RESIDENT])

    with pytest.raises(DeliveryFailed) as raised:
        message.send()
    message.connection = None
    assert send_logged(message, what="test mail") is False
    message.connection = None
    assert message.send(fail_silently=True) == 0

    assert isinstance(raised.value, OSError)
    assert RESIDENT not in str(raised.value)
    assert not DBTaskResult.objects.exists()  # nothing queued, nothing retried

    settings.BUURTPLEIN_EMAIL_DELIVERY_BACKEND = LOCMEM
    message.connection = None
    assert message.send() == 1
    assert [m.to for m in mail.outbox] == [[RESIDENT]]


# --- Instellingen → Achtergrondtaken -----------------------------------------------


@pytest.fixture
def role_users(site, neighbourhood):
    wijken = NeighbourhoodIndexPageFactory(parent=site.root_page)
    centrum = NeighbourhoodPageFactory(parent=wijken, neighbourhood=neighbourhood)
    make = get_user_model().objects.create_user
    users = {
        "superuser": get_user_model().objects.create_superuser(
            "admin", "admin@example.org", "geheim"
        ),
        "beheerder": make("bea", "bea@example.org", "geheim"),
        "buurtverbinder": make("anouk", "anouk@example.org", "geheim"),
    }
    beheerder_grant(user=users["beheerder"])
    buurtverbinder_grant(user=users["buurtverbinder"], neighbourhood_page=centrum)
    return users


@pytest.fixture
def failed_mail(queued, run_worker):
    """A mail that failed all five attempts."""
    queued.BUURTPLEIN_EMAIL_DELIVERY_BACKEND = FAILING
    send_test_mail()
    for _attempt in range(5):
        run_worker()
        make_due(mail_tasks())
    (final,) = mail_tasks().exclude(exception_class_path=RETRY_SCHEDULED)
    assert final.status == TaskResultStatus.FAILED
    return final


@pytest.mark.parametrize("role", ["superuser", "beheerder"])
def test_beheerders_see_the_failed_mail_without_personal_data(
    client, role_users, failed_mail, role
):
    send_test_mail()  # a second mail, waiting
    client.force_login(role_users[role])

    response = client.get(URL)
    menu = client.get(reverse("wagtailadmin_home")).content.decode()

    assert response.status_code == 200
    html = response.content.decode()
    assert URL in menu
    assert "Achtergrondtaken" in html
    assert len(response.context["failed"]) == 1
    assert len(response.context["waiting"]) == 1
    (row,) = response.context["failed"]
    assert row["label"] == "E-mail versturen"
    assert row["attempt"] == 5
    assert row["recipients"] == "2: …@example.org, …@gemeente.example"
    assert "SMTPRecipientsRefused" in row["error"]
    assert "Opnieuw proberen" in html
    assert str(failed_mail.pk) in html
    for personal in (
        RESIDENT,
        "anna.de.vries",
        "archief@",
        "Beste Anna",
        "Je hulpvraag",
    ):
        assert personal not in html
    # The retries that followed a failed attempt are not listed as failures.
    assert mail_tasks().filter(exception_class_path=RETRY_SCHEDULED).count() == 4


def test_a_buurtverbinder_sees_nothing_and_cannot_retry(
    client, role_users, failed_mail
):
    client.force_login(role_users["buurtverbinder"])

    page = client.get(URL)
    retry = client.post(URL, {"task": str(failed_mail.pk)})
    menu = client.get(reverse("wagtailadmin_home")).content.decode()

    assert page.status_code in (302, 403)
    assert retry.status_code in (302, 403)
    assert URL not in menu
    failed_mail.refresh_from_db()
    assert failed_mail.status == TaskResultStatus.FAILED
    assert not mail_tasks().filter(status=TaskResultStatus.READY).exists()


def test_an_anonymous_visitor_goes_to_the_login(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_retry_queues_the_mail_again_and_the_worker_delivers_it(
    client, role_users, failed_mail, queued, run_worker
):
    client.force_login(role_users["beheerder"])

    response = client.post(URL, {"task": str(failed_mail.pk)}, follow=True)

    assert response.redirect_chain == [(URL, 302)]
    assert "De taak staat weer in de wachtrij." in response.content.decode()
    assert not DBTaskResult.objects.filter(pk=failed_mail.pk).exists()
    (again,) = mail_tasks().filter(status=TaskResultStatus.READY)
    assert again.args_kwargs["kwargs"]["attempt"] == 1
    assert again.args_kwargs == {
        "args": [],
        "kwargs": {**failed_mail.args_kwargs["kwargs"], "attempt": 1},
    }
    assert response.context["failed"] == []

    queued.BUURTPLEIN_EMAIL_DELIVERY_BACKEND = LOCMEM
    run_worker()

    assert [sorted(m.recipients()) for m in mail.outbox] == [
        ["anna.de.vries@example.org", "archief@gemeente.example"]
    ]

    # The same click again (a second tab, a colleague): nothing twice.
    second = client.post(URL, {"task": str(failed_mail.pk)}, follow=True)
    assert "kon niet opnieuw worden geprobeerd" in second.content.decode()
    assert not mail_tasks().filter(status=TaskResultStatus.READY).exists()


def test_a_bad_task_id_is_refused_politely(client, role_users):
    client.force_login(role_users["beheerder"])

    response = client.post(URL, {"task": "niet-een-uuid"}, follow=True)

    assert response.status_code == 200
    assert "kon niet opnieuw worden geprobeerd" in response.content.decode()


def test_the_page_costs_the_same_queries_for_one_or_many_tasks(
    client, role_users, queued, run_worker
):
    queued.BUURTPLEIN_EMAIL_DELIVERY_BACKEND = FAILING
    queued.BUURTPLEIN_TASK_MAX_ATTEMPTS = 1
    client.force_login(role_users["beheerder"])

    def queries_for_the_page() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    send_test_mail()
    run_worker()
    send_test_mail()
    one = queries_for_the_page()
    for _mail in range(4):
        send_test_mail()
    run_worker()
    for _mail in range(3):
        send_test_mail()

    assert mail_tasks().filter(status=TaskResultStatus.FAILED).count() == 6
    assert mail_tasks().filter(status=TaskResultStatus.READY).count() == 3
    assert queries_for_the_page() == one


def test_the_page_says_so_where_tasks_run_at_once(client, role_users):
    client.force_login(role_users["beheerder"])

    html = client.get(URL).content.decode()

    assert "meteen uitgevoerd" in html
    assert "Er zijn geen mislukte taken." in html


def test_masking_keeps_the_domain_only():
    assert mask_email_addresses("to a.b+c@mail.example.nl and x@y.org") == (
        "to …@mail.example.nl and …@y.org"
    )


# --- Settings --------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]


def production_setting(code: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", ""),
        "DJANGO_SETTINGS_MODULE": "buurtplein.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "buurtplein.example.nl",
        "DATABASE_URL": "sqlite:////tmp/unused.sqlite3",
        **env,
    }
    return subprocess.run(  # noqa: S603 - fixed arguments, our own manage.py
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_queues_tasks_and_mail_unless_told_otherwise():
    code = (
        "from django.conf import settings as s; "
        "print(s.TASKS['default']['BACKEND'], s.EMAIL_BACKEND, "
        "s.BUURTPLEIN_EMAIL_DELIVERY_BACKEND)"
    )

    default = production_setting(code)
    immediate = production_setting(code, BUURTPLEIN_TASKS_BACKEND="immediate")
    unknown = production_setting(code, BUURTPLEIN_TASKS_BACKEND="celery")

    assert default.returncode == 0, default.stderr
    assert default.stdout.split() == [
        "django_tasks_db.DatabaseBackend",
        "core.email_backends.TaskEmailBackend",
        "django.core.mail.backends.smtp.EmailBackend",
    ]
    assert immediate.returncode == 0, immediate.stderr
    assert immediate.stdout.split()[:2] == [
        "django_tasks.backends.immediate.ImmediateBackend",
        "django.core.mail.backends.smtp.EmailBackend",
    ]
    assert unknown.returncode != 0
    assert "BUURTPLEIN_TASKS_BACKEND" in unknown.stderr
