"""Spam protection of the public forms (issue 6, core.antispam): honeypot,
minimum fill time, link limit and the per-IP rate limit, on their own and
through HTTP on 'Ik wil helpen' and the tip form, with Redis up and down."""

import datetime
import html as html_lib
import logging
import re
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass

import pytest
import redis
from django import forms
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.core.cache import caches
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from buurtplein.settings.base import redis_cache
from core.antispam import (
    HONEYPOT_FIELD,
    STARTED_FIELD,
    ProtectedFormMixin,
    client_ip,
    count_links,
    form_started_at,
    form_started_token,
    limit_submissions,
    rate_period_seconds,
)
from core.forms import SuggestionForm
from core.models import Suggestion
from editorial.services import communicatie_grant
from tests.antispam import human_post_data, started_token
from tests.factories import (
    OrganisationPageFactory,
    SocialMapPageFactory,
    VacancyPageFactory,
)
from vacancies.forms import VacancyResponseForm
from vacancies.models import VacancyResponse

TOO_FAST = "Dat ging te snel. Wacht even en verstuur het opnieuw."
NOT_PROCESSED = "We konden je bericht niet verwerken."
RATE_LIMITED = (
    "Je hebt het afgelopen uur al vaak iets verstuurd. Probeer het later opnieuw."
)
LOCAL_REDIS = "redis://127.0.0.1:6379/0"

pytestmark = pytest.mark.django_db


# --- Units: links, tokens, the mixin --------------------------------------


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("Kom gezellig koffie drinken", 0),
        ("https://example.org", 1),
        ("Zie http://a.example/x en https://b.example/y", 2),
        ("https://www.example.org/actie counts once", 1),
        ("WWW.EXAMPLE.ORG and www.voorbeeld.nl", 2),
        ("kijk op goedkoop.example/deal", 1),
        ("sub.domein.example.com/pad?x=1", 1),
        ("Mail naar naam@voorbeeld.nl", 0),
        ("Lindelaan 4. Welkom! t.a.v. de buurt, 3.5/5 sterren", 0),
        ("", 0),
    ],
)
def test_links_are_counted_as_spammers_write_them(text, links):
    assert count_links(text) == links


class ContactForm(ProtectedFormMixin, forms.Form):
    message = forms.CharField(widget=forms.Textarea)
    name = forms.CharField(required=False)
    website = forms.URLField(required=False, assume_scheme="https")
    email = forms.EmailField(required=False)


class OtherForm(ProtectedFormMixin, forms.Form):
    message = forms.CharField()


def contact(seconds_ago: float = 10, **data) -> ContactForm:
    return ContactForm(
        human_post_data(
            ContactForm, {"message": "Hallo", **data}, seconds_ago=seconds_ago
        )
    )


def error_codes(form) -> set[str]:
    return {error.code for errors in form.errors.as_data().values() for error in errors}


def test_a_token_says_when_its_form_was_shown_and_only_for_that_form():
    token = form_started_token(ContactForm, started_at=1_700_000_000.5)

    assert form_started_at(ContactForm, token) == 1_700_000_000.5
    assert form_started_at(OtherForm, token) is None
    assert form_started_at(ContactForm, token[:-2] + "xx") is None
    assert form_started_at(ContactForm, "") is None
    # Signed with the right salt, but not a moment.
    salt = "buurtplein.antispam.tests.core.test_antispam.ContactForm"
    assert form_started_at(ContactForm, signing.dumps("nu", salt=salt)) is None
    assert form_started_at(ContactForm, signing.dumps(True, salt=salt)) is None


def test_the_unbound_form_has_a_hidden_honeypot_and_a_fresh_token():
    form = ContactForm()

    assert [field.name for field in form.visible_fields()] == [
        "message",
        "name",
        "website",
        "email",
    ]
    assert [field.name for field in form.hidden_fields()] == [STARTED_FIELD]
    token = form[STARTED_FIELD].value()
    assert time.time() - form_started_at(ContactForm, token) < 5
    honeypot = str(form[HONEYPOT_FIELD])
    assert 'autocomplete="off"' in honeypot
    assert 'tabindex="-1"' in honeypot
    assert form[HONEYPOT_FIELD].label == "Laat dit veld leeg"


def test_a_person_who_took_their_time_is_accepted_and_the_extras_are_not_data():
    form = contact(message="Ik help graag mee")

    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "message": "Ik help graag mee",
        "name": "",
        "website": "",
        "email": "",
    }
    assert form.error_status == 400


@pytest.mark.parametrize("honeypot", ["https://spam.example", "x", "  ja  "])
def test_a_filled_honeypot_is_refused_with_a_neutral_message(honeypot):
    form = contact(**{HONEYPOT_FIELD: honeypot})

    assert not form.is_valid()
    assert error_codes(form) == {"honeypot"}
    assert NOT_PROCESSED in form.non_field_errors()[0]
    # Shown again empty, with a new token, and everything else as typed.
    assert form[HONEYPOT_FIELD].value() == ""
    assert form[STARTED_FIELD].value() != form.data[STARTED_FIELD]
    assert form["message"].value() == "Hallo"


def test_a_honeypot_of_spaces_only_is_empty():
    assert contact(**{HONEYPOT_FIELD: "   "}).is_valid()


def test_the_minimum_fill_time_is_on_in_the_tests(settings):
    assert settings.BUURTPLEIN_FORM_MIN_SECONDS == 3


@pytest.mark.parametrize(
    ("seconds_ago", "valid"), [(0, False), (2.5, False), (3.5, True), (3600, True)]
)
def test_a_form_sent_back_too_soon_is_refused(seconds_ago, valid):
    form = contact(seconds_ago=seconds_ago)

    assert form.is_valid() is valid
    if not valid:
        assert error_codes(form) == {"too_fast"}
        assert form.non_field_errors() == [TOO_FAST]
        # Shown again with a token of now: the wait starts over.
        new_token = form[STARTED_FIELD].value()
        sent_at = form_started_at(ContactForm, form.data[STARTED_FIELD])
        assert sent_at <= form_started_at(ContactForm, new_token) <= time.time()


def test_the_minimum_fill_time_is_a_setting(settings):
    settings.BUURTPLEIN_FORM_MIN_SECONDS = 30

    assert not contact(seconds_ago=20).is_valid()
    assert contact(seconds_ago=40).is_valid()


@pytest.mark.parametrize(
    "token",
    [
        None,
        "",
        "1700000000",
        "tampered:abc:def",
        "other form",
    ],
)
def test_a_missing_or_tampered_token_counts_as_too_fast(token):
    data = human_post_data(ContactForm, {"message": "Hallo"})
    if token is None:
        del data[STARTED_FIELD]
    elif token == "other form":
        data[STARTED_FIELD] = started_token(OtherForm)
    else:
        data[STARTED_FIELD] = token
    form = ContactForm(data)

    assert not form.is_valid()
    assert form.non_field_errors() == [TOO_FAST]
    assert form_started_at(ContactForm, form[STARTED_FIELD].value()) is not None


def test_a_form_shown_more_than_a_day_ago_is_asked_to_be_sent_again():
    form = contact(seconds_ago=25 * 60 * 60)

    assert not form.is_valid()
    assert error_codes(form) == {"expired"}
    assert "stond lang open" in form.non_field_errors()[0]
    assert form["message"].value() == "Hallo"
    # The person read the form long ago: sending it again at once is fine.
    again = ContactForm({**form.data, STARTED_FIELD: form[STARTED_FIELD].value()})
    assert again.is_valid(), again.errors


def test_after_another_error_a_valid_token_is_kept_so_nobody_waits_twice():
    first = contact(seconds_ago=10, email="geen-adres")
    assert not first.is_valid()
    assert set(first.errors) == {"email"}
    kept = first[STARTED_FIELD].value()
    assert kept == first.data[STARTED_FIELD]

    corrected = ContactForm(
        {**first.data, "email": "jan@example.org", STARTED_FIELD: kept}
    )

    assert corrected.is_valid(), corrected.errors


def test_links_in_the_free_text_are_limited_and_the_message_is_on_the_field():
    form = contact(message="https://a.example www.b.example c.example/d")

    assert not form.is_valid()
    assert error_codes(form) == {"too_many_links"}
    assert form.errors["message"] == [
        "Hier staan te veel webadressen in: er mogen er hoogstens 2 in je tekst "
        "staan, en het zijn er nu 3. Haal er een paar weg."
    ]


def test_links_count_over_all_free_text_fields_but_not_url_or_email_fields():
    assert contact(
        message="https://a.example www.b.example",
        website="https://c.example/d",
        email="e@f.example",
    ).is_valid()

    spread = contact(message="https://a.example www.b.example", name="c.example/x")
    assert not spread.is_valid()
    assert set(spread.errors) == {"message", "name"}


def test_the_link_limit_is_a_setting(settings):
    settings.BUURTPLEIN_FORM_MAX_LINKS = 0

    assert not contact(message="www.example.org").is_valid()
    assert contact(message="Geen links").is_valid()


def test_the_real_forms_count_links_in_their_text_not_in_the_website_field():
    tip = SuggestionForm(
        human_post_data(
            SuggestionForm,
            {
                "kind": "organisatie",
                "title": "Repair Café",
                "description": "Zie https://a.example en www.b.example",
                "website": "https://www.repaircafe.example/over-ons",
            },
        )
    )
    response = VacancyResponseForm(
        human_post_data(
            VacancyResponseForm,
            {
                "name": "www.spam.example",
                "email": "jan@example.org",
                "message": "http://a.example http://b.example",
                "consent": "on",
            },
        )
    )

    assert tip.is_valid(), tip.errors
    assert not response.is_valid()
    assert set(response.errors) == {"name", "message"}


# --- Units: the client's address and the rate --------------------------------


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "198.51.100.1", "203.0.113.5", "198.51.100.1"),
        (1, "10.0.0.2", "203.0.113.5", "203.0.113.5"),
        # What the client sent itself comes first and is ignored.
        (1, "10.0.0.2", "1.2.3.4, 203.0.113.5", "203.0.113.5"),
        (2, "10.0.0.3", "1.2.3.4, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        (2, "10.0.0.3", "203.0.113.5", "203.0.113.5"),
        (1, "10.0.0.2", "2001:db8::1", "2001:db8::1"),
        (1, "10.0.0.2", "", "10.0.0.2"),
        (1, "10.0.0.2", "niet-een-adres", "10.0.0.2"),
        (0, "", "", "0.0.0.0"),  # noqa: S104
    ],
)
def test_the_client_address_behind_the_reverse_proxy(
    settings, proxies, remote, forwarded, expected
):
    settings.BUURTPLEIN_TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().post(
        "/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded
    )

    assert client_ip(request) == expected


def test_django_ratelimit_takes_the_address_from_client_ip(settings):
    assert settings.RATELIMIT_IP_META_KEY == "core.antispam.client_ip"
    assert settings.RATELIMIT_FAIL_OPEN is True


@pytest.mark.parametrize(
    ("rate", "seconds"), [("10/h", 3600), ("5/30m", 1800), ("50/d", 86400)]
)
def test_rate_periods(rate, seconds):
    assert rate_period_seconds(rate) == seconds


def test_a_malformed_rate_stops_the_settings_from_loading(settings):
    result = subprocess.run(
        [sys.executable, "-c", "import buurtplein.settings.base"],
        env={"BUURTPLEIN_FORM_RATE": "veel", "PATH": ""},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert "BUURTPLEIN_FORM_RATE must look like 10/h" in result.stderr


# --- Through HTTP, on both public forms -------------------------------------


@dataclass
class PublicForm:
    url: str
    form_class: type
    answers: dict
    text_field: str
    model: type
    # A field the form cannot do without.
    required_field: str = ""

    def data(self, seconds_ago: float = 10, **changes) -> dict:
        return human_post_data(
            self.form_class, {**self.answers, **changes}, seconds_ago=seconds_ago
        )


@pytest.fixture
def vacancy_form(home_page) -> PublicForm:
    organisation = OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=home_page), title="Buurtteam"
    )
    vacancy = VacancyPageFactory(
        parent=organisation,
        contact_email="petra@buurtteam.example",
        closing_date=timezone.localdate() + datetime.timedelta(days=10),
    )
    return PublicForm(
        url=vacancy.url + vacancy.reverse_subpage("respond"),
        form_class=VacancyResponseForm,
        answers={
            "name": "Jan Jansen",
            "email": "jan@example.org",
            "phone": "",
            "message": "Ik rij graag en heb op dinsdag tijd.",
            "consent": "on",
        },
        text_field="message",
        model=VacancyResponse,
        required_field="name",
    )


@pytest.fixture
def tip_form(site) -> PublicForm:
    # Communicatie of the site gets a mail about every tip that is stored.
    communicatie_grant(
        user=get_user_model().objects.create_user("cor", "cor@example.org", "x"),
        site=site,
    )
    return PublicForm(
        url=reverse("suggest"),
        form_class=SuggestionForm,
        answers={
            "kind": "activiteit",
            "title": "Koffieochtend",
            "description": "Elke week koffie en een praatje.",
            "when": "dinsdag 10 uur",
            "where": "Buurthuis De Linde",
        },
        text_field="description",
        model=Suggestion,
        required_field="description",
    )


@pytest.fixture(params=["vacancy", "tip"])
def public_form(request) -> PublicForm:
    return request.getfixturevalue(f"{request.param}_form")


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    """POST as the site does it, mails (sent after the commit) included."""

    def post(url, data, *, using=None, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return (using or client).post(url, data, **extra)

    return post


def typed_text(html: str, name: str) -> str | None:
    textarea = re.search(
        rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', html, re.S
    )
    return html_lib.unescape(textarea.group(1).strip("\n")) if textarea else None


def input_tag(html: str, name: str) -> str:
    return re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)


def started_value(html: str) -> str:
    return re.search(r'value="([^"]*)"', input_tag(html, STARTED_FIELD)).group(1)


def assert_refused_keeping_the_text(response, public_form, message, text):
    assert message in response.content.decode()
    html = response.content.decode()
    assert typed_text(html, public_form.text_field) == text
    assert "value=" not in input_tag(html, HONEYPOT_FIELD)
    assert not public_form.model.objects.exists()
    assert not mail.outbox


def test_the_pages_render_the_protection_hidden_from_people(client, public_form):
    html = client.get(public_form.url).content.decode()

    hidden = re.search(
        r'<div class="visually-hidden" aria-hidden="true">\s*'
        r'<label for="id_website_url">Laat dit veld leeg</label>\s*'
        r"<input[^>]*>\s*</div>",
        html,
    )
    assert hidden, "the honeypot is not hidden from people"
    assert 'tabindex="-1"' in hidden.group(0)
    assert 'autocomplete="off"' in hidden.group(0)
    assert html.count('name="website_url"') == 1
    assert 'type="hidden" name="form_started"' in html
    token = started_value(html)
    assert time.time() - form_started_at(public_form.form_class, token) < 5


def test_a_person_is_accepted_and_the_mail_goes_out(send, public_form):
    response = send(public_form.url, public_form.data())

    assert response.status_code == 302
    assert public_form.model.objects.count() == 1
    assert mail.outbox


def test_a_filled_honeypot_stores_and_mails_nothing(send, public_form):
    text = "Koop nu <b>goedkoop</b>!"
    data = public_form.data(**{public_form.text_field: text, HONEYPOT_FIELD: "x"})

    response = send(public_form.url, data)

    assert response.status_code == 400
    assert_refused_keeping_the_text(response, public_form, NOT_PROCESSED, text)
    assert "<b>goedkoop</b>" not in response.content.decode()
    assert started_value(response.content.decode()) != data[STARTED_FIELD]


def test_a_submission_within_seconds_stores_and_mails_nothing(send, public_form):
    response = send(public_form.url, public_form.data(seconds_ago=1))

    assert response.status_code == 400
    assert_refused_keeping_the_text(
        response, public_form, TOO_FAST, public_form.answers[public_form.text_field]
    )


@pytest.mark.parametrize("token", ["", "bm9n:1abc:dGFtcGVyZWQ", None])
def test_a_tampered_or_missing_timestamp_stores_nothing(send, public_form, token):
    data = public_form.data()
    if token is None:
        del data[STARTED_FIELD]
    else:
        data[STARTED_FIELD] = token

    response = send(public_form.url, data)

    assert response.status_code == 400
    assert_refused_keeping_the_text(
        response, public_form, TOO_FAST, public_form.answers[public_form.text_field]
    )


def test_a_token_of_the_other_form_is_refused(send, vacancy_form, tip_form):
    data = tip_form.data()
    data[STARTED_FIELD] = started_token(VacancyResponseForm)

    response = send(tip_form.url, data)

    assert response.status_code == 400
    assert TOO_FAST in response.content.decode()


def test_too_many_links_get_a_clear_message_on_the_field(send, public_form):
    text = "Kijk op https://a.example, www.b.example en c.example/d"

    response = send(public_form.url, public_form.data(**{public_form.text_field: text}))

    assert response.status_code == 400
    assert_refused_keeping_the_text(
        response,
        public_form,
        "Hier staan te veel webadressen in: er mogen er hoogstens 2 in je tekst "
        "staan, en het zijn er nu 3.",
        text,
    )
    assert f'id="id_{public_form.text_field}_error"' in response.content.decode()


def test_a_tip_with_its_own_website_and_two_links_is_accepted(send, tip_form):
    data = tip_form.data(
        description="Zie https://a.example en www.b.example/agenda",
        website="https://www.linde.example/koffie",
    )

    assert send(tip_form.url, data).status_code == 302
    assert Suggestion.objects.get().website == "https://www.linde.example/koffie"


def test_a_person_who_makes_a_mistake_is_never_made_to_wait_again(send, public_form):
    """Fill in, forget a required answer, correct it and send again at once."""
    first = send(public_form.url, public_form.data(**{public_form.required_field: ""}))
    assert first.status_code == 400
    html = first.content.decode()
    assert TOO_FAST not in html

    corrected = {
        **public_form.answers,
        HONEYPOT_FIELD: "",
        STARTED_FIELD: started_value(html),
    }
    second = send(public_form.url, corrected)

    assert second.status_code == 302
    assert public_form.model.objects.count() == 1


def test_a_quick_person_reads_to_wait_and_gets_through_after_waiting(
    client, send, public_form, monkeypatch
):
    """The real path: the page gives the token; sent at once it is too fast,
    the page shown again has a new token, and a few seconds later it works.

    The clock is moved on instead of sleeping (only ``time.time``)."""
    page = client.get(public_form.url).content.decode()
    data = {
        **public_form.answers,
        HONEYPOT_FIELD: "",
        STARTED_FIELD: started_value(page),
    }

    too_fast = send(public_form.url, data)
    assert too_fast.status_code == 400
    assert TOO_FAST in too_fast.content.decode()
    again = {**data, STARTED_FIELD: started_value(too_fast.content.decode())}

    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 5)
    accepted = send(public_form.url, again)

    assert accepted.status_code == 302
    assert public_form.model.objects.count() == 1


# --- The rate limit ----------------------------------------------------------


def test_the_rate_limit_allows_ten_an_hour_then_429_keeping_the_text(
    settings, send, public_form
):
    assert settings.BUURTPLEIN_FORM_RATE == "10/h"
    for _ in range(10):
        assert send(public_form.url, public_form.data()).status_code == 302
    mail.outbox.clear()
    text = 'Nog eentje <script>alert("x")</script>'

    refused = send(public_form.url, public_form.data(**{public_form.text_field: text}))

    assert refused.status_code == 429
    html = refused.content.decode()
    assert RATE_LIMITED in html
    assert typed_text(html, public_form.text_field) == text
    assert "<script>alert" not in html
    assert public_form.model.objects.count() == 10
    assert not mail.outbox
    # Another address is still welcome.
    other = send(public_form.url, public_form.data(), REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 302
    assert public_form.model.objects.count() == 11


def test_the_rate_limit_counts_per_form(settings, send, vacancy_form, tip_form):
    settings.BUURTPLEIN_FORM_RATE = "1/h"

    assert send(vacancy_form.url, vacancy_form.data()).status_code == 302
    assert send(vacancy_form.url, vacancy_form.data()).status_code == 429
    assert send(tip_form.url, tip_form.data()).status_code == 302
    assert send(tip_form.url, tip_form.data()).status_code == 429


def test_bots_count_towards_the_limit_too(settings, send, public_form):
    settings.BUURTPLEIN_FORM_RATE = "2/h"

    for _ in range(2):
        send(public_form.url, public_form.data(**{HONEYPOT_FIELD: "x"}))

    assert send(public_form.url, public_form.data()).status_code == 429
    assert not public_form.model.objects.exists()


def test_a_day_rate_has_its_own_message(settings, send, tip_form):
    settings.BUURTPLEIN_FORM_RATE = "1/d"
    send(tip_form.url, tip_form.data())

    refused = send(tip_form.url, tip_form.data())

    assert refused.status_code == 429
    assert "Je hebt de afgelopen tijd al vaak iets verstuurd." in (
        refused.content.decode()
    )


def test_behind_the_proxy_each_resident_has_their_own_limit(
    settings, send, public_form
):
    settings.BUURTPLEIN_FORM_RATE = "1/h"
    settings.BUURTPLEIN_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}

    first = send(
        public_form.url, public_form.data(), HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy
    )
    neighbour = send(
        public_form.url, public_form.data(), HTTP_X_FORWARDED_FOR="203.0.113.6", **proxy
    )
    # A forged first hop does not make the same resident someone else.
    forged = send(
        public_form.url,
        public_form.data(),
        HTTP_X_FORWARDED_FOR="198.51.100.77, 203.0.113.5",
        **proxy,
    )

    assert (first.status_code, neighbour.status_code) == (302, 302)
    assert forged.status_code == 429


def test_the_rate_limit_can_be_switched_off(settings, send, public_form):
    settings.BUURTPLEIN_FORM_RATE = "1/h"
    settings.RATELIMIT_ENABLE = False

    for _ in range(3):
        assert send(public_form.url, public_form.data()).status_code == 302


# --- Redis: shared between app servers, and down --------------------------


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (connections are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_with_redis_down_a_person_still_gets_through(
    settings, send, public_form, caplog
):
    """Fail open: a real django-redis client, configured as in production, on a
    port where the connection is refused."""
    settings.CACHES = {"default": redis_cache(f"redis://127.0.0.1:{closed_port()}/0")}
    settings.BUURTPLEIN_FORM_RATE = "1/h"

    with caplog.at_level(logging.WARNING, logger="core.antispam"):
        responses = [send(public_form.url, public_form.data()) for _ in range(2)]

    assert [response.status_code for response in responses] == [302, 302]
    assert public_form.model.objects.count() == 2
    assert "Rate limit for buurtplein.form." in caplog.text
    assert "not checked: cache unavailable" in caplog.text


def test_with_redis_down_the_honeypot_and_fill_time_still_guard(
    settings, send, public_form
):
    settings.CACHES = {"default": redis_cache(f"redis://127.0.0.1:{closed_port()}/0")}

    honeypot = send(public_form.url, public_form.data(**{HONEYPOT_FIELD: "x"}))
    quick = send(public_form.url, public_form.data(seconds_ago=0))

    assert (honeypot.status_code, quick.status_code) == (400, 400)
    assert not public_form.model.objects.exists()


def test_a_cache_that_raises_does_not_stop_the_form(settings, caplog):
    """Without IGNORE_EXCEPTIONS django-redis raises the refused connection;
    the rate limit still fails open."""
    cache = redis_cache(f"redis://127.0.0.1:{closed_port()}/0")
    cache["OPTIONS"]["IGNORE_EXCEPTIONS"] = False
    settings.CACHES = {"default": cache}
    form = ContactForm(human_post_data(ContactForm, {"message": "Hallo"}))
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.5")

    with caplog.at_level(logging.WARNING, logger="core.antispam"):
        limited = limit_submissions(request, form)

    assert limited is False
    assert form.is_valid()
    assert "not checked: cache error" in caplog.text
    assert "Connection refused" in caplog.text or "ConnectionError" in caplog.text


@pytest.fixture
def redis_prefix():
    """A key prefix of this test's own in the local Redis, removed afterwards."""
    prefix = f"buurtplein-test-{uuid.uuid4().hex}"
    server = redis.Redis.from_url(LOCAL_REDIS)
    server.ping()  # Redis runs locally and in CI: fail loudly if it does not.
    yield prefix, server
    for key in server.scan_iter(f"{prefix}:*"):
        server.delete(key)
    server.close()


def test_in_redis_the_limit_holds_across_app_servers(
    settings, send, public_form, redis_prefix
):
    prefix, server = redis_prefix
    settings.BUURTPLEIN_FORM_RATE = "2/h"
    settings.CACHES = {"default": redis_cache(LOCAL_REDIS, key_prefix=prefix)}
    first_server_cache = caches["default"]
    first_server = Client()

    for _ in range(2):
        assert (
            send(public_form.url, public_form.data(), using=first_server).status_code
            == 302
        )
    assert list(server.scan_iter(f"{prefix}:*:rl:*"))

    # A second app server: its own Django cache object and connection to Redis.
    settings.CACHES = {"default": redis_cache(LOCAL_REDIS, key_prefix=prefix)}
    assert caches["default"] is not first_server_cache
    second_server = Client()
    refused = send(public_form.url, public_form.data(), using=second_server)
    elsewhere = send(
        public_form.url,
        public_form.data(),
        using=second_server,
        REMOTE_ADDR="203.0.113.9",
    )

    assert refused.status_code == 429
    assert RATE_LIMITED in refused.content.decode()
    assert elsewhere.status_code == 302
    assert public_form.model.objects.count() == 3
