"""One hostile-input corpus sent to every public form of the platform.

For each form, each free-text field and each payload: never a 5xx; a refusal
(400) stores nothing; an accepted submission is stored exactly as typed; and
wherever it shows up afterwards (the confirmation page, the public board, the
admin, the e-mails, the personal-data export) nothing of it is unescaped
markup, no mail header breaks, and no spreadsheet cell starts a formula.
"""

import csv
import datetime
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import models
from django.urls import reverse
from django.utils import timezone

from core.forms import SuggestionForm
from core.models import Suggestion
from helpboard.forms import HelpPostForm
from helpboard.models import HelpPost, HelpReport, HelpResponse, HelpStatus
from helpboard.public_forms import HelpReportForm, HelpResponseForm
from tests.antispam import human_post_data
from tests.factories import (
    HelpBoardPageFactory,
    HelpRequestFactory,
    NeighbourhoodFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
    VacancyPageFactory,
)
from vacancies.forms import VacancyResponseForm
from vacancies.models import VacancyResponse

pytestmark = pytest.mark.django_db

# The corpus. Markup must come out escaped; the rest must be stored as typed
# or refused with a clear message, never half.
CORPUS = {
    "script": '<script>alert("buurt")</script>',
    "event handler": "<img src=x onerror=alert(1)>",
    "attribute break": '"><svg onload=alert(1)>',
    "javascript link": '<a href="javascript:alert(1)">klik</a>',
    "template syntax": "{{ request.META }} {% debug %}",
    "sql": "'; DROP TABLE helpboard_helppost; --",
    "sql or": "x' OR '1'='1",
    "formula": '=CMD("calc")',
    "formula plus": "+31 6 1234=SUM(A1)",
    "formula at": "@SUM(A1:A9)",
    "formula dash": "-2+3",
    "right-to-left": "Jan \u202egnp.exe",
    "look-alike": "\u0410dmin \u0420aypal",  # Cyrillic A and R
    "zero width": "Ja\u200bn",
    "emoji": "👩‍👩‍👧 koffie ☕",
    "nul": "Hallo\x00wereld",
    "escape": "rood\x1b[31m",
    "crlf": "Jan\r\nBcc: spam@example.org",
    "one megabyte": "a" * 1_000_000,
}
MARKUP = ("<", ">", '"')
# Refusing these would be refusing ordinary people: every form stores them.
ALWAYS_ACCEPTED = ("script", "event handler", "sql", "formula", "look-alike", "emoji")


@dataclass
class PublicForm:
    """One public form: where it is, what a person fills in, where it lands."""

    name: str
    url: Callable[[dict], str]
    form_class: type
    valid: dict
    text_fields: tuple[str, ...]
    stored: Callable[[], models.QuerySet]
    # Where an accepted submission is shown in the admin (a superuser's view).
    admin_urls: Callable[[models.Model], list[str]] = lambda row: []
    # Extra pages that show it publicly once accepted (e.g. after moderation).
    public_urls: Callable[[models.Model, dict], list[str]] = lambda row, world: []
    email: str = "jan@example.org"
    wrong_types: dict = field(default_factory=dict)

    def data(self, **changes) -> dict:
        return human_post_data(self.form_class, {**self.valid, **changes})


def _vacancy_url(world) -> str:
    vacancy = world["vacancy"]
    return vacancy.url + vacancy.reverse_subpage("respond")


def _board_url(world, route: str, *args) -> str:
    board = world["board"]
    return board.url + board.reverse_subpage(route, args=args)


def _published(row, world) -> list[str]:
    """Approve the post as a moderator would, then where the public sees it."""
    row.status = HelpStatus.PUBLISHED
    row.published_at = timezone.now()
    row.expires_at = row.published_at + datetime.timedelta(days=28)
    row.save()
    return [
        world["board"].url,
        world["board"].url + "?soort=" + row.kind,
        _board_url(world, "post", row.pk),
    ]


FORMS = [
    PublicForm(
        name="tip",
        url=lambda world: reverse("suggest"),
        form_class=SuggestionForm,
        valid={
            "kind": "activiteit",
            "title": "Koffieochtend in De Linde",
            "description": "Elke week koffie en een praatje.",
            "when": "elke dinsdag 10 uur",
            "where": "Buurthuis De Linde",
            "website": "",
            "neighbourhood": "",
            "name": "Ans de Vries",
            "email": "jan@example.org",
            "contact_consent": "on",
        },
        text_fields=("title", "description", "when", "where", "name"),
        stored=lambda: Suggestion.objects.all(),
        admin_urls=lambda row: [
            reverse("suggestion:index"),
            reverse("suggestion:edit", args=[row.pk]),
        ],
        wrong_types={"kind": "evenement", "neighbourhood": "99999999999999999999999"},
    ),
    PublicForm(
        name="vacancy response",
        url=_vacancy_url,
        form_class=VacancyResponseForm,
        valid={
            "name": "Jan Jansen",
            "email": "jan@example.org",
            "phone": "06 12 34 56 78",
            "message": "Ik rij graag en heb op dinsdag tijd.",
            "consent": "on",
        },
        text_fields=("name", "phone", "message"),
        stored=lambda: VacancyResponse.objects.all(),
        admin_urls=lambda row: [
            reverse("vacancyresponse:index"),
            reverse("vacancyresponse:inspect", args=[row.pk]),
        ],
        wrong_types={"consent": ["on", "off"], "email": ["a@example.org", "b"]},
    ),
    PublicForm(
        name="help post",
        url=lambda world: _board_url(world, "submit"),
        form_class=HelpPostForm,
        valid={
            "kind": "vraag",
            "title": "Wie rijdt me naar het ziekenhuis?",
            "description": "Donderdag moet ik naar de poli.",
            "when": "donderdag 10 uur",
            "neighbourhood": "",
            "theme": "",
            "first_name": "Ans",
            "email": "jan@example.org",
            "phone": "",
            "consent": "on",
        },
        text_fields=("title", "description", "when", "first_name", "phone"),
        stored=lambda: HelpPost.objects.exclude(title="Wie helpt met de computer?"),
        admin_urls=lambda row: [
            reverse("helpboard:index"),
            reverse("helpboard:edit", args=[row.pk]),
            reverse("helpboard:history", args=[row.pk]),
        ],
        public_urls=_published,
        wrong_types={
            "kind": "hack",
            "neighbourhood": "99999999999999999999999",
            "theme": "abc",
            "flexible": ["on", "off"],
        },
    ),
    PublicForm(
        name="help response",
        url=lambda world: _board_url(world, "respond", world["post"].pk),
        form_class=HelpResponseForm,
        valid={
            "name": "Jan Jansen",
            "email": "jan@example.org",
            "message": "Ik kan je donderdag rijden.",
            "consent": "on",
        },
        text_fields=("name", "message"),
        stored=lambda: HelpResponse.objects.all(),
        admin_urls=lambda row: [
            reverse("helpboard:edit", args=[row.post_id]),
            reverse("helpboard:history", args=[row.post_id]),
        ],
        wrong_types={"consent": "misschien", "email": ["a@example.org", "b"]},
    ),
    PublicForm(
        name="help report",
        url=lambda world: _board_url(world, "report", world["post"].pk),
        form_class=HelpReportForm,
        valid={"reason": "spam", "explanation": "Dit is reclame."},
        text_fields=("explanation",),
        stored=lambda: HelpReport.objects.all(),
        admin_urls=lambda row: [
            reverse("helpboard:index"),
            reverse("helpboard:edit", args=[row.post_id]),
        ],
        wrong_types={"reason": "haat", "explanation": ["a", "b"]},
    ),
]


@pytest.fixture
def world(home_page, settings):
    # One IP address sends the whole corpus: the rate limit has its own tests.
    settings.BUURTPLEIN_FORM_RATE = "100000/h"
    organisation = OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=home_page),
        title="Buurtteam",
        email="team@buurtteam.example",
    )
    vacancy = VacancyPageFactory(
        parent=organisation,
        title="Chauffeur boodschappenbus",
        contact_email="petra@buurtteam.example",
        closing_date=timezone.localdate() + timezone.timedelta(days=10),
    )
    board = HelpBoardPageFactory(parent=home_page)
    neighbourhood = NeighbourhoodFactory(site=home_page.get_site(), name="Centrum")
    post = HelpRequestFactory(
        site=home_page.get_site(),
        status="published",
        title="Wie helpt met de computer?",
        email="ans@example.org",
    )
    admin = get_user_model().objects.create_superuser(
        "admin", "admin@example.org", "geheim"
    )
    return {
        "vacancy": vacancy,
        "board": board,
        "neighbourhood": neighbourhood,
        "post": post,
        "admin": admin,
    }


def assert_escaped(html: str, payload: str, where: str) -> None:
    if any(character in payload for character in MARKUP):
        assert payload not in html, f"unescaped in {where}"
    assert "<script>alert(" not in html, where
    assert "onerror=alert" not in html.replace("&lt;img src=x onerror=alert", ""), where


def assert_mails_safe(payload: str) -> None:
    for message in mail.outbox:
        assert "\n" not in message.subject and "\r" not in message.subject
        # Plain text only: a mail client can't render the payload as HTML.
        assert message.content_subtype == "plain"
        assert not getattr(message, "alternatives", None)
        for header in (*message.to, *message.reply_to, *message.cc, *message.bcc):
            assert "\n" not in header and "\r" not in header
        assert "spam@example.org" not in (*message.to, *message.cc, *message.bcc)


def assert_export_safe(client, admin, email: str) -> None:
    client.force_login(admin)
    url = reverse("core_personal_data")
    as_csv = client.post(url, {"email": email, "action": "csv"})
    as_json = client.post(url, {"email": email, "action": "json"})
    client.logout()
    assert as_csv.status_code == as_json.status_code == 200
    json.loads(as_json.content)
    with zipfile.ZipFile(io.BytesIO(as_csv.content)) as archive:
        for name in archive.namelist():
            text = archive.read(name).decode("utf-8-sig")
            for row in csv.reader(io.StringIO(text)):
                for cell in row:
                    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (
                        name,
                        cell[:40],
                    )


CASES = [
    pytest.param(form, label, id=f"{form.name}-{label}")
    for form in FORMS
    for label in CORPUS
]


@pytest.mark.parametrize(("form", "label"), CASES)
def test_every_public_form_survives_the_corpus(client, world, form, label):
    """The payload in each free-text field in turn, then everywhere it shows."""
    payload = CORPUS[label]
    accepted = []
    for field_name in form.text_fields:
        before = set(form.stored().values_list("pk", flat=True))

        response = client.post(form.url(world), form.data(**{field_name: payload}))

        assert response.status_code in (302, 400), (field_name, response.status_code)
        new = form.stored().exclude(pk__in=before)
        if response.status_code == 400:
            assert not new.exists(), f"a refused {field_name} left a row"
            assert_escaped(response.content.decode(), payload, f"form ({field_name})")
            continue
        (row,) = new
        assert getattr(row, field_name) == payload.strip(), f"{field_name} changed"
        followed = client.get(response["Location"])
        assert followed.status_code == 200
        assert_escaped(followed.content.decode(), payload, "the confirmation")
        accepted.append(row)

    if label in ALWAYS_ACCEPTED:
        # Text like this is a person's right to type: stored, then escaped.
        assert accepted, f"{form.name} refused {label} in every field"
    for row in accepted:
        for url in form.public_urls(row, world):
            page = client.get(url)
            assert page.status_code == 200, url
            assert_escaped(page.content.decode(), payload, url)
    assert_mails_safe(payload)
    if not accepted:
        assert mail.outbox == []
        return
    client.force_login(world["admin"])
    for row in accepted:
        for url in form.admin_urls(row):
            page = client.get(url)
            assert page.status_code == 200, url
            assert_escaped(page.content.decode(), payload, url)
    client.logout()
    assert_export_safe(client, world["admin"], form.email)


WRONG_TYPE_CASES = [
    pytest.param(form, name, value, id=f"{form.name}-{name}")
    for form in FORMS
    for name, value in form.wrong_types.items()
]


@pytest.mark.parametrize(("form", "field_name", "value"), WRONG_TYPE_CASES)
def test_wrong_types_get_a_message_not_an_error(client, world, form, field_name, value):
    before = form.stored().count()

    response = client.post(form.url(world), form.data(**{field_name: value}))

    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert form.stored().count() == before


@pytest.mark.parametrize("form", FORMS, ids=lambda form: form.name)
def test_broken_bodies_get_a_clear_answer(client, world, form):
    before = form.stored().count()
    url = form.url(world)

    empty = client.post(url, {})
    not_utf8 = client.post(
        url,
        b"name=%FF%FE%00&message=%C0%AF",
        content_type="application/x-www-form-urlencoded",
    )
    as_json = client.post(url, json.dumps(form.valid), content_type="application/json")

    for response in (empty, not_utf8, as_json):
        assert response.status_code == 400, response.status_code
    assert form.stored().count() == before
