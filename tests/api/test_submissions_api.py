"""Submissions through the API v3: a help request or offer, an answer, a report,
'Ik wil helpen' and a tip, from a front end the site lists.

Each is compared with the same submission on the HTML page: the same object,
status and mails. Bad input gets the form's Dutch messages per field (422),
the rate limit is the page's (429, counted together), and only a key of the
site's own, active API client is accepted (403)."""

import datetime
import json
from dataclasses import dataclass

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from core.antispam import HONEYPOT_FIELD, ProtectedFormMixin, protection_name
from core.api_submissions import (
    NOT_TEXT,
    UNKNOWN_FIELD,
    ClientKey,
    api_form,
    refuse_with,
)
from core.forms import SuggestionForm
from core.models import Suggestion, SuggestionStatus
from editorial.services import communicatie_grant
from helpboard import log_actions
from helpboard.categories import help_categories_ensure
from helpboard.forms import HelpPostForm
from helpboard.models import HelpPost, HelpReport, HelpResponse, HelpStatus
from helpboard.public_forms import HelpReportForm, HelpResponseForm
from integrations.clients import CLIENT_HEADER
from integrations.models import ApiClient
from tests.antispam import human_post_data
from tests.factories import (
    HelpBoardPageFactory,
    HelpOfferFactory,
    HelpRequestFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
    VacancyPageFactory,
)
from vacancies.forms import VacancyResponseForm
from vacancies.models import VacancyResponse

pytestmark = pytest.mark.django_db

POSTS = "/api/v3/hulp/berichten/"
TIPS = "/api/v3/tips/"
RESIDENT_EMAIL = "ans.resident@example.org"
TOO_OFTEN = "Je hebt het afgelopen uur al vaak iets verstuurd."


def make_key(site, *, active=True) -> str:
    record = ApiClient(site=site, name="Website gemeente", is_active=active)
    key = record.key_set()
    record.save()
    return key


def send(client, url, body=None, *, key=None, raw=None, **extra):
    """POST ``body`` as JSON (or ``raw`` bytes) with the client key ``key``."""
    headers = {CLIENT_HEADER: key} if key is not None else {}
    return client.post(
        url,
        raw if raw is not None else json.dumps(body),
        content_type="application/json",
        headers=headers,
        **extra,
    )


def messages_by_field(response) -> dict[str, str]:
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    return {error["loc"][-1]: error["msg"] for error in response.json()["errors"]}


def mails() -> list[tuple]:
    """What a mail is: its subject, recipients and Reply-To."""
    return [(m.subject, m.to, m.reply_to) for m in mail.outbox]


def values(obj, *names) -> dict:
    return {name: getattr(obj, name) for name in names}


@pytest.fixture
def board(home_page):
    return HelpBoardPageFactory(parent=home_page, slug="vraag-en-aanbod")


@pytest.fixture
def communicatie(site):
    user = get_user_model().objects.create_user("cor", "cor@gemeente.example", "geheim")
    communicatie_grant(user=user, site=site)
    return user


@pytest.fixture
def key(site):
    return make_key(site)


@pytest.fixture
def post(site, board, neighbourhood):
    return HelpRequestFactory(
        site=site,
        status=HelpStatus.PUBLISHED,
        title="Wie helpt met de tuin?",
        email=RESIDENT_EMAIL,
        neighbourhood=neighbourhood,
    )


@pytest.fixture
def vacancy(home_page):
    organisation = OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=home_page),
        title="Buurtteam Merwestad",
        email="info@buurtteam.example",
    )
    return VacancyPageFactory(
        parent=organisation,
        title="Chauffeur boodschappenbus",
        contact_name="Petra de Vries",
        contact_email="petra@buurtteam.example",
        closing_date=timezone.localdate() + datetime.timedelta(days=10),
    )


def help_post_body(**changes) -> dict:
    body = {
        "kind": "vraag",
        "title": "Wie helpt me met boodschappen?",
        "description": "Ik kan slecht lopen.\nEen keer per week is genoeg.",
        "neighbourhood": "",
        "category": "",
        "when": "dinsdagochtend",
        "first_name": "Ans",
        "email": "ans@example.org",
        "phone": "06 12 34 56 78",
        "consent": True,
    }
    body.update(changes)
    return body


def answer_body(**changes) -> dict:
    body = {
        "name": "Jan Jansen",
        "email": "jan@example.org",
        "message": "Ik heb zaterdag tijd.\nGroet, Jan",
        "consent": True,
    }
    body.update(changes)
    return body


def report_body(**changes) -> dict:
    return {"reason": "spam", "explanation": "Reclame voor een webwinkel.", **changes}


def vacancy_body(**changes) -> dict:
    body = {
        "name": "Jan Jansen",
        "email": "jan@example.org",
        "phone": "06 12 34 56 78",
        "message": "Ik rij graag en heb op dinsdag tijd.",
        "consent": True,
    }
    body.update(changes)
    return body


def tip_body(**changes) -> dict:
    body = {
        "kind": "activiteit",
        "title": "Koffieochtend in De Linde",
        "description": "Elke week koffie en een praatje. Iedereen is welkom.",
        "when": "elke dinsdag 10 uur",
        "where": "Buurthuis De Linde, Lindelaan 4",
        "website": "https://linde.nl",
        "neighbourhood": "",
        "name": "Ans de Vries",
        "email": "",
    }
    body.update(changes)
    return body


THREE_LINKS = "https://a.example https://b.example https://c.example"


def free_text(body: dict) -> str:
    """The first field of ``body`` a resident types freely (not a choice)."""
    return next(
        name
        for name, value in body.items()
        if isinstance(value, str) and name not in ("kind", "reason")
    )


def as_html_form(body: dict) -> dict:
    """The JSON body as a browser posts the page's form: checkboxes 'on' or
    left out."""
    return {
        name: ("on" if value is True else value)
        for name, value in body.items()
        if value is not False
    }


# --- Every endpoint, for the shared rules ---------------------------------------------


@dataclass
class Endpoint:
    url: str
    body: dict
    stored: type
    required: dict[str, str]
    before: int = 0

    def __post_init__(self):
        self.before = self.stored.objects.count()

    def added(self) -> int:
        """How many objects the submissions stored."""
        return self.stored.objects.count() - self.before


ENDPOINTS = ("help_post", "answer", "report", "vacancy", "tip")


@pytest.fixture
def endpoint(request, site) -> Endpoint:
    """One submission endpoint with a valid body; only what it needs is built."""

    def post():
        return request.getfixturevalue("post")

    def vacancy():
        return request.getfixturevalue("vacancy")

    return {
        "help_post": lambda: Endpoint(
            POSTS,
            help_post_body(),
            HelpPost,
            {
                "title": "Geef je bericht een korte titel.",
                "first_name": "Vul je voornaam in.",
                "consent": "Vink dit aan. Zonder jouw toestemming kunnen we je "
                "bericht niet plaatsen.",
            },
        ),
        "answer": lambda: Endpoint(
            f"{POSTS}{post().pk}/reacties/",
            answer_body(),
            HelpResponse,
            {
                "name": "Vul je naam in.",
                "consent": "Vink dit aan. Zonder jouw toestemming kunnen we je "
                "bericht niet doorsturen.",
            },
        ),
        "report": lambda: Endpoint(
            f"{POSTS}{post().pk}/meldingen/",
            report_body(),
            HelpReport,
            {"reason": "Kies wat er mis is met dit bericht."},
        ),
        "vacancy": lambda: Endpoint(
            f"/api/v3/vrijwilligerswerk/{vacancy().pk}/reacties/",
            vacancy_body(),
            VacancyResponse,
            {
                "name": "Vul je naam in.",
                "consent": "Vink dit aan. Zonder jouw toestemming kunnen we je "
                "reactie niet doorsturen.",
            },
        ),
        "tip": lambda: Endpoint(
            TIPS,
            tip_body(),
            Suggestion,
            {
                "kind": "Kies wat je wilt tippen: een activiteit of een organisatie.",
                "title": "Vul een naam in, dan weten we waar het over gaat.",
            },
        ),
    }[request.param]()


@pytest.mark.parametrize("endpoint", ENDPOINTS, indirect=True)
def test_a_valid_submission_is_accepted_at_once(client, endpoint, key):
    # No honeypot and no fill time over the API: the client key takes their place.
    response = send(client, endpoint.url, endpoint.body, key=key)

    assert response.status_code in (201, 202), response.content
    assert response.json()["message"]
    assert endpoint.added() == 1


@pytest.mark.parametrize("endpoint", ENDPOINTS, indirect=True)
def test_only_an_active_key_of_the_sites_own_client_is_accepted(
    client, endpoint, site, other_site
):
    wrong_keys = {
        "absent": None,
        "empty": "",
        "unknown": "bpc_" + "x" * 43,
        "another site's": make_key(other_site),
        "switched off": make_key(site, active=False),
        "far too long": "bpc_" + "x" * 5000,
    }
    for what, wrong in wrong_keys.items():
        # Even a broken body: the key is checked first.
        for body in (endpoint.body, {"iets": "anders"}):
            response = send(client, endpoint.url, body, key=wrong)

            assert response.status_code == 403, what
            assert response["Content-Type"] == "application/problem+json"
            assert "X-Buurtplein-Client" in response.json()["detail"] or (
                "API-koppeling" in response.json()["detail"]
            )
    assert endpoint.added() == 0
    assert mail.outbox == []


@pytest.mark.parametrize("endpoint", ENDPOINTS, indirect=True)
def test_missing_answers_get_the_forms_dutch_messages(client, endpoint, key):
    body = {name: value for name, value in endpoint.body.items() if name != "consent"}
    for name in endpoint.required:
        body.pop(name, None)

    messages = messages_by_field(send(client, endpoint.url, body, key=key))

    assert messages == endpoint.required
    if "consent" in endpoint.required:
        # Refused (false) as well as left out, with the form's own words.
        refused = send(
            client, endpoint.url, {**endpoint.body, "consent": False}, key=key
        )
        assert messages_by_field(refused) == {"consent": endpoint.required["consent"]}
    assert endpoint.added() == 0
    assert mail.outbox == []


@pytest.mark.parametrize("endpoint", ENDPOINTS, indirect=True)
def test_an_empty_body_names_every_missing_field_in_dutch(client, endpoint, key):
    # Not ninja's one English "Field required" about the body as a whole: the
    # same per-field messages as an empty JSON object.
    empty = send(client, endpoint.url, key=key, raw=b"")
    empty_object = send(client, endpoint.url, key=key, raw=b"{}")

    messages = messages_by_field(empty)
    assert messages == messages_by_field(empty_object)
    assert endpoint.required.items() <= messages.items()
    assert "payload" not in messages
    assert "Field required" not in empty.content.decode()
    for error in empty.json()["errors"]:
        assert error["loc"][:2] == ["body", "payload"]
    assert endpoint.added() == 0


def test_submission_bodies_stay_request_bodies_in_the_openapi(client):
    spec = client.get("/api/v3/openapi.json").json()
    operations = [
        spec["paths"][path]["post"]
        for path in spec["paths"]
        if path.startswith(
            ("/api/v3/hulp/", "/api/v3/tips/", "/api/v3/vrijwilligerswerk/")
        )
        and "post" in spec["paths"][path]
    ]

    assert len(operations) == 5
    for operation in operations:
        body = operation["requestBody"]
        assert body["required"] is True
        assert "$ref" in body["content"]["application/json"]["schema"]
        assert not any(p["in"] == "body" for p in operation.get("parameters", []))


@pytest.mark.parametrize(
    "form_class",
    [
        HelpPostForm,
        HelpResponseForm,
        HelpReportForm,
        VacancyResponseForm,
        SuggestionForm,
    ],
)
def test_the_api_forms_switch_the_bot_checks_off_and_keep_the_rest(form_class):
    api_class = api_form(form_class)

    # The mixin's public switch, not an override of its private check.
    assert form_class.check_bot_signals is True
    assert api_class.check_bot_signals is False
    assert "_check_bot_signals" not in vars(api_class)
    assert protection_name(api_class) == protection_name(form_class)
    assert issubclass(api_class, form_class)


class _NoteForm(ProtectedFormMixin, forms.Form):
    note = forms.CharField()


class _NoteFormWithoutBotChecks(_NoteForm):
    check_bot_signals = False


def test_without_bot_checks_a_form_still_counts_links(settings):
    settings.BUURTPLEIN_FORM_MAX_LINKS = 2
    bot_like = {"note": "Hallo", HONEYPOT_FIELD: "spam"}

    assert not _NoteForm(bot_like).is_valid()
    assert _NoteFormWithoutBotChecks(bot_like).is_valid()
    assert _NoteFormWithoutBotChecks({"note": "Hallo"}).is_valid()
    links = _NoteFormWithoutBotChecks({"note": THREE_LINKS})
    assert not links.is_valid()
    assert links.errors["note"][0].startswith("Hier staan te veel webadressen")


@pytest.mark.parametrize("endpoint", ENDPOINTS, indirect=True)
def test_a_body_of_the_wrong_shape_is_a_400_or_422_never_a_500(client, endpoint, key):
    unreadable = [b"{", b"\xff\xfe", b"kind=vraag&title=Hulp", b"NaN"]
    for raw in unreadable:
        response = send(client, endpoint.url, key=key, raw=raw)
        assert response.status_code in (400, 422), raw
        assert response["Content-Type"] == "application/problem+json"

    for raw in (b"[]", b"42", b'"tekst"', b"null"):
        response = send(client, endpoint.url, key=key, raw=raw)
        assert response.status_code == 422, raw
        assert response.json()["errors"][0]["loc"][0] == "body"
    assert send(client, endpoint.url, key=key, raw=b"").status_code == 422

    typo = send(client, endpoint.url, {**endpoint.body, "concent": True}, key=key)
    assert messages_by_field(typo) == {"concent": UNKNOWN_FIELD}
    # The page's bot fields mean nothing here: a field like any unknown one.
    honeypot = send(client, endpoint.url, {**endpoint.body, "website_url": ""}, key=key)
    assert messages_by_field(honeypot) == {"website_url": UNKNOWN_FIELD}

    text = free_text(endpoint.body)
    for wrong in (5, ["a"], {"a": 1}, None, True):
        response = send(client, endpoint.url, {**endpoint.body, text: wrong}, key=key)
        assert messages_by_field(response) == {text: NOT_TEXT}, wrong
    links = send(client, endpoint.url, {**endpoint.body, text: THREE_LINKS}, key=key)
    assert "te veel webadressen" in messages_by_field(links)[text]
    assert endpoint.added() == 0


@pytest.mark.parametrize("endpoint", ENDPOINTS, indirect=True)
def test_over_the_rate_limit_is_a_429_with_retry_after(client, endpoint, key, settings):
    settings.BUURTPLEIN_FORM_RATE = "2/h"
    # Every POST the form sees counts, as on the page, a refused one too.
    refused = {**endpoint.body, free_text(endpoint.body): THREE_LINKS}
    assert send(client, endpoint.url, refused, key=key).status_code == 422
    send(client, endpoint.url, endpoint.body, key=key)
    stored = endpoint.added()
    mail.outbox.clear()

    response = send(client, endpoint.url, endpoint.body, key=key)

    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert response["Content-Type"] == "application/problem+json"
    assert TOO_OFTEN in response.json()["detail"]
    assert endpoint.added() == stored
    assert mail.outbox == []
    # Another address is not stopped.
    other = send(client, endpoint.url, endpoint.body, key=key, REMOTE_ADDR="10.1.2.3")
    assert other.status_code in (201, 202)


def test_the_page_and_the_api_share_one_rate_limit(client, board, key, settings):
    settings.BUURTPLEIN_FORM_RATE = "2/h"
    page = board.url + board.reverse_subpage("submit")
    assert (
        client.post(
            page, human_post_data(HelpPostForm, as_html_form(help_post_body()))
        ).status_code
        == 302
    )
    assert send(client, POSTS, help_post_body(), key=key).status_code == 201

    assert send(client, POSTS, help_post_body(), key=key).status_code == 429
    assert HelpPost.objects.count() == 2


def test_a_front_end_on_another_origin_needs_no_csrf_token(site, board, key):
    browser = Client(enforce_csrf_checks=True)

    response = send(browser, POSTS, help_post_body(), key=key)

    assert response.status_code == 201


def test_the_other_sites_key_works_on_its_own_site(client, other_site):
    key = make_key(other_site)

    response = send(client, f"{TIPS}?site=other.localhost", tip_body(), key=key)
    on_host = send(client, TIPS, tip_body(), key=key, HTTP_HOST="other.localhost")

    assert (response.status_code, on_host.status_code) == (201, 201)
    assert {tip.site for tip in Suggestion.objects.all()} == {other_site}


# --- A help request or offer ----------------------------------------------------------

POST_FIELDS = (
    "site",
    "kind",
    "title",
    "description",
    "neighbourhood",
    "category",
    "when",
    "first_name",
    "email",
    "phone",
    "status",
    "published_at",
    "hidden_at",
)


def test_a_help_post_is_stored_and_mailed_as_from_the_page(
    client, site, board, communicatie, neighbourhood, key
):
    category = help_categories_ensure(site=site)["boodschappen"]
    form = as_html_form(
        help_post_body(neighbourhood=str(neighbourhood.pk), category=str(category.pk))
    )
    page = board.url + board.reverse_subpage("submit")
    assert client.post(page, human_post_data(HelpPostForm, form)).status_code == 302
    from_the_page = mails()
    mail.outbox.clear()

    response = send(
        client,
        POSTS,
        help_post_body(neighbourhood="centrum", category="boodschappen"),
        key=key,
    )

    assert response.status_code == 201
    on_page, on_api = HelpPost.objects.order_by("pk")
    assert response.json() == {
        "id": on_api.pk,
        "status": "submitted",
        "message": "We hebben je bericht goed ontvangen. Een buurtverbinder "
        "bekijkt je bericht. Soms vragen we je om iets aan te passen.",
    }
    assert values(on_api, *POST_FIELDS) == values(on_page, *POST_FIELDS)
    assert on_api.status == HelpStatus.SUBMITTED
    assert not on_api.is_public
    # The resident's confirmation with their link, and the moderators' notice.
    assert mails() == from_the_page
    assert {tuple(m[1]) for m in mails()} == {
        ("ans@example.org",),
        ("cor@gemeente.example",),
    }
    assert ModelLogEntry.objects.filter(
        object_id=str(on_api.pk), action=log_actions.SUBMIT
    ).exists()
    # Not on the board until a moderator publishes it.
    assert client.get(POSTS).json()["count"] == 0
    assert client.get(f"{POSTS}{on_api.pk}/").status_code == 404


def test_bad_answers_on_a_help_post_get_a_dutch_message_per_field(
    client, site, other_site, board, key
):
    from tests.factories import NeighbourhoodFactory

    NeighbourhoodFactory(site=other_site, name="Dorp", slug="dorp")
    body = help_post_body(
        kind="vraagje",
        title="x" * 121,
        description="Kijk op https://a.example, https://b.example en www.c.example",
        neighbourhood="dorp",
        category="geen-categorie",
        flexible=True,
        email="geen-adres",
        phone="bel me",
    )

    messages = messages_by_field(send(client, POSTS, body, key=key))

    # What the schema refuses comes in the form's words, too.
    assert messages == {
        "kind": "Kies of je hulp vraagt of hulp aanbiedt.",
        "title": "Dit is te lang: hier passen hoogstens 120 tekens in, het zijn "
        "er nu 121. Maak je tekst wat korter.",
    }
    body["kind"], body["title"] = "aanbod", "Ik help graag"
    messages = messages_by_field(send(client, POSTS, body, key=key))
    assert messages == {
        "description": "Hier staan te veel webadressen in: er mogen er hoogstens 2 "
        "in je tekst staan, en het zijn er nu 3. Haal er een paar weg.",
        "neighbourhood": "Kies een wijk uit de lijst.",
        "category": "Kies een categorie uit de lijst.",
        "when": "Je koos flexibel en vulde ook een moment in. Maak dit veld leeg, "
        "of haal het vinkje bij flexibel weg.",
        "email": "Dit is geen e-mailadres. Een e-mailadres ziet eruit als "
        "naam@voorbeeld.nl.",
        "phone": "Dit is geen telefoonnummer. Gebruik alleen cijfers, spaties, + "
        "en -, bijvoorbeeld 06 12 34 56 78.",
    }
    no_contact = help_post_body(email="", phone="")
    assert (
        "Vul je e-mailadres of je telefoonnummer in"
        in (messages_by_field(send(client, POSTS, no_contact, key=key))["email"])
    )
    assert HelpPost.objects.count() == 0
    assert mail.outbox == []


# --- An answer and a report -----------------------------------------------------------

ANSWER_FIELDS = ("post", "name", "email", "phone", "message")


@pytest.mark.parametrize("resident_email", [RESIDENT_EMAIL, ""])
def test_an_answer_is_stored_and_forwarded_as_from_the_page(
    client, site, board, communicatie, key, resident_email
):
    post = HelpOfferFactory(
        site=site,
        status=HelpStatus.PUBLISHED,
        email=resident_email,
        phone="0612345678",
    )
    page = board.url + board.reverse_subpage("respond", args=[post.pk])
    data = human_post_data(HelpResponseForm, as_html_form(answer_body()))
    assert client.post(page, data).status_code == 302
    from_the_page = mails()
    mail.outbox.clear()

    response = send(client, f"{POSTS}{post.pk}/reacties/", answer_body(), key=key)

    assert response.status_code == 201
    assert response.json() == {"message": "We hebben je reactie ontvangen."}
    on_page, on_api = HelpResponse.objects.order_by("pk")
    assert values(on_api, *ANSWER_FIELDS) == values(on_page, *ANSWER_FIELDS)
    assert on_api.forwarded_at is not None
    assert mails() == from_the_page
    # To the resident with Reply-To the neighbour, or to the moderators.
    expected = (
        [RESIDENT_EMAIL] if resident_email else [communicatie.email],
        ["jan@example.org"] if resident_email else [],
    )
    assert (mails()[0][1], mails()[0][2]) == expected
    assert "0612345678" not in response.content.decode()


def test_a_report_is_stored_and_mailed_as_from_the_page(
    client, site, board, communicatie, key
):
    on_page_post, on_api_post = (
        HelpRequestFactory(site=site, status=HelpStatus.PUBLISHED, title="Te koop")
        for _ in range(2)
    )
    page = board.url + board.reverse_subpage("report", args=[on_page_post.pk])
    data = human_post_data(HelpReportForm, report_body())
    assert client.post(page, data).status_code == 302
    from_the_page = mails()
    mail.outbox.clear()

    url = f"{POSTS}{on_api_post.pk}/meldingen/"
    response = send(client, url, report_body(), key=key)

    assert response.status_code == 202
    assert response.json() == {
        "message": "Bedankt voor je melding. Een moderator kijkt ernaar.",
        "post_public": True,
    }
    on_page, on_api = HelpReport.objects.order_by("pk")
    assert (on_api.reason, on_api.explanation) == (on_page.reason, on_page.explanation)
    assert on_api.post == on_api_post
    assert mails() == from_the_page
    # A second report from the same network is thanked, not counted again.
    mail.outbox.clear()
    again = send(client, url, report_body(reason="other"), key=key)
    assert again.status_code == 202
    assert HelpReport.objects.filter(post=on_api_post).count() == 1
    assert mail.outbox == []


def test_enough_reports_take_a_post_off_the_board(
    client, post, communicatie, key, settings
):
    settings.BUURTPLEIN_HELP_REPORT_THRESHOLD = 1
    url = f"{POSTS}{post.pk}/meldingen/"

    response = send(client, url, report_body(), key=key)

    assert response.status_code == 202
    assert response.json()["post_public"] is False
    assert (
        "Tot die tijd staat het bericht niet meer op de site."
        in (response.json()["message"])
    )
    post.refresh_from_db()
    assert post.hidden_at is not None
    assert client.get(f"{POSTS}{post.pk}/").status_code == 404
    # Nobody can answer or report it now.
    for path, body in (("reacties", answer_body()), ("meldingen", report_body())):
        gone = send(client, f"{POSTS}{post.pk}/{path}/", body, key=key)
        assert gone.status_code == 410
        assert "niet meer op het prikbord" in gone.json()["detail"]


@pytest.mark.parametrize("path", ["reacties", "meldingen"])
def test_a_post_not_on_the_board_cannot_be_answered_or_reported(
    client, site, other_site, board, key, path
):
    body = answer_body() if path == "reacties" else report_body()
    waiting = HelpRequestFactory(site=site, status=HelpStatus.SUBMITTED)
    closed = HelpRequestFactory(site=site, status=HelpStatus.CLOSED)
    elsewhere = HelpRequestFactory(site=other_site, status=HelpStatus.PUBLISHED)

    for post in (waiting, closed):
        assert send(client, f"{POSTS}{post.pk}/{path}/", body, key=key).status_code == (
            410
        )
    assert send(
        client, f"{POSTS}{elsewhere.pk}/{path}/", body, key=key
    ).status_code == (404)
    assert send(client, f"{POSTS}99999/{path}/", body, key=key).status_code == 404
    huge = send(client, f"{POSTS}9223372036854775808/{path}/", body, key=key)
    assert huge.status_code == 422
    assert HelpResponse.objects.count() + HelpReport.objects.count() == 0
    assert mail.outbox == []


# --- Ik wil helpen --------------------------------------------------------------------

VACANCY_RESPONSE_FIELDS = ("vacancy", "site", "name", "email", "phone", "message")


def test_ik_wil_helpen_is_stored_and_mailed_as_from_the_page(
    client, site, vacancy, key
):
    page = vacancy.url + vacancy.reverse_subpage("respond")
    data = human_post_data(VacancyResponseForm, as_html_form(vacancy_body()))
    assert client.post(page, data).status_code == 302
    from_the_page = mails()
    mail.outbox.clear()

    url = f"/api/v3/vrijwilligerswerk/{vacancy.pk}/reacties/"
    response = send(client, url, vacancy_body(), key=key)

    assert response.status_code == 201
    assert "Chauffeur boodschappenbus" in response.json()["message"]
    on_page, on_api = VacancyResponse.objects.order_by("pk")
    assert values(on_api, *VACANCY_RESPONSE_FIELDS) == values(
        on_page, *VACANCY_RESPONSE_FIELDS
    )
    assert on_api.consent is True
    assert on_api.emailed_at is not None
    # The contact person (Reply-To the resident) and the resident's confirmation.
    assert mails() == from_the_page
    assert [m[1] for m in mails()] == [["petra@buurtteam.example"], ["jan@example.org"]]
    assert mails()[0][2] == ["jan@example.org"]


def test_a_closed_or_unknown_vacancy_takes_no_response(
    client, site, other_site, vacancy, key
):
    closed = VacancyPageFactory(
        parent=vacancy.get_parent(),
        closing_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    elsewhere = VacancyPageFactory(parent=other_site.root_page)
    draft = VacancyPageFactory(parent=vacancy.get_parent(), live=False)

    def status(page_id) -> int:
        url = f"/api/v3/vrijwilligerswerk/{page_id}/reacties/"
        return send(client, url, vacancy_body(), key=key).status_code

    assert status(closed.pk) == 410
    assert status(elsewhere.pk) == 404
    assert status(draft.pk) == 404
    assert status(site.root_page_id) == 404  # a page, but no vacancy
    assert status(0) == 422
    assert VacancyResponse.objects.count() == 0


# --- A tip ----------------------------------------------------------------------------

TIP_FIELDS = (
    "site",
    "kind",
    "title",
    "description",
    "when",
    "where",
    "website",
    "neighbourhood",
    "name",
    "email",
    "contact_consent",
    "status",
)


def test_a_tip_is_stored_and_mailed_as_from_the_page(
    client, site, communicatie, neighbourhood, key, django_capture_on_commit_callbacks
):
    page = reverse("suggest")
    form = as_html_form(tip_body(neighbourhood=str(neighbourhood.pk)))
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            client.post(page, human_post_data(SuggestionForm, form)).status_code == 302
        )
    from_the_page = mails()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, TIPS, tip_body(neighbourhood="centrum"), key=key)

    assert response.status_code == 201
    assert "in de agenda" in response.json()["message"]
    on_page, on_api = Suggestion.objects.order_by("pk")
    assert values(on_api, *TIP_FIELDS) == values(on_page, *TIP_FIELDS)
    assert on_api.status == SuggestionStatus.NEW
    assert mails() == from_the_page
    assert [m[1] for m in mails()] == [["cor@gemeente.example"]]


def test_a_tip_asks_what_the_page_asks(client, site, key):
    event = tip_body(when="", where="")
    assert messages_by_field(send(client, TIPS, event, key=key)) == {
        "when": "Vul in wanneer de activiteit is.",
        "where": "Vul in waar de activiteit is.",
    }
    with_email = tip_body(email="ans@example.org")
    assert list(messages_by_field(send(client, TIPS, with_email, key=key))) == [
        "contact_consent"
    ]
    organisation = tip_body(kind="organisatie", website="www.repaircafe.nl")
    response = send(client, TIPS, organisation, key=key)
    assert response.status_code == 201
    assert "op de sociale kaart" in response.json()["message"]
    tip = Suggestion.objects.get()
    # Only an activity keeps when and where; the page adds https:// too.
    assert (tip.when, tip.where, tip.website) == ("", "", "https://www.repaircafe.nl")


# --- The OpenAPI ----------------------------------------------------------------------


def test_the_openapi_documents_the_client_key_and_the_errors(client, site):
    def no_key_twice(pairs):
        keys = [key for key, _value in pairs]
        assert len(keys) == len(set(keys)), keys
        return dict(pairs)

    schema = json.loads(
        client.get("/api/v3/openapi.json").content, object_pairs_hook=no_key_twice
    )

    name = ClientKey.__name__
    assert schema["components"]["securitySchemes"][name] == {
        "type": "apiKey",
        "in": "header",
        "name": CLIENT_HEADER,
        "description": ClientKey.openapi_description,
    }
    operations = [
        schema["paths"][path]["post"]
        for path in (
            "/api/v3/hulp/berichten/",
            "/api/v3/hulp/berichten/{post_id}/reacties/",
            "/api/v3/hulp/berichten/{post_id}/meldingen/",
            "/api/v3/vrijwilligerswerk/{vacancy_id}/reacties/",
            "/api/v3/tips/",
        )
    ]
    for operation in operations:
        assert operation["security"] == [{name: []}]
        assert {"400", "403", "404", "422", "429"} <= set(operation["responses"])
        assert "Retry-After" in operation["responses"]["429"]["headers"]
        assert operation["requestBody"]["required"] is True
    reading = schema["paths"]["/api/v3/hulp/berichten/"]["get"]
    assert "security" not in reading or {} in reading["security"]
    shown = schema["components"]["schemas"]["HelpPostOut"]["properties"]
    assert not {"first_name", "email", "phone"} & set(shown)
    sent = schema["components"]["schemas"]["HelpPostIn"]
    assert sent["additionalProperties"] is False
    assert sent["properties"]["title"]["maxLength"] == 120
    assert "consent" in sent["required"]


def test_what_the_model_still_refuses_is_a_422_per_field():
    # The HTML views' safety net (the model's own checks after the form's).
    per_field = refuse_with(ValidationError({"neighbourhood": ["Andere site."]}))
    whole = refuse_with(ValidationError("Klopt niet."))

    assert per_field.errors == [
        {
            "type": "invalid",
            "loc": ["body", "payload", "neighbourhood"],
            "msg": "Andere site.",
        }
    ]
    assert whole.errors == [
        {"type": "invalid", "loc": ["body", "payload"], "msg": "Klopt niet."}
    ]
