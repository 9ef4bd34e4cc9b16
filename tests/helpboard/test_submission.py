"""Vraag & aanbod: a resident sends in a request or an offer without an account
(``plaatsen/``), through HTTP, and the service behind it."""

import re
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from core.antispam import HONEYPOT_FIELD
from core.models import PlatformSettings
from editorial.services import communicatie_grant
from helpboard import log_actions
from helpboard.forms import HelpPostForm
from helpboard.models import HelpKind, HelpPost, HelpStatus
from tests.antispam import human_post_data
from tests.factories import HelpBoardPageFactory, NeighbourhoodFactory

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
MANAGE_LINK = re.compile(r"https?://\S+/mijn-bericht/[^/\s]+/")


@pytest.fixture
def board(home_page):
    return HelpBoardPageFactory(parent=home_page, slug="vraag-en-aanbod")


@pytest.fixture
def moderators(site, other_site):
    users = get_user_model().objects
    cor = users.create_user("cor", "cor@gemeente.example", "geheim")
    els = users.create_user("els", "els@anderdorp.example", "geheim")
    communicatie_grant(user=cor, site=site)
    communicatie_grant(user=els, site=other_site)
    return {"here": cor, "elsewhere": els}


def submit_url(board, **params) -> str:
    url = board.url + board.reverse_subpage("submit")
    return url + (
        "?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else ""
    )


def submitted_url(board) -> str:
    return board.url + board.reverse_subpage("submitted")


def valid_data(**changes) -> dict:
    data = {
        "kind": "vraag",
        "title": "Wie helpt me met boodschappen?",
        "description": "Ik kan slecht lopen.\nEen keer per week is genoeg.",
        "neighbourhood": "",
        "category": "",
        "when": "dinsdagochtend",
        "first_name": "Ans",
        "email": "ans@example.org",
        "phone": "06 12 34 56 78",
        "consent": "on",
    }
    data.update(changes)
    return data


def post_form(client, board, data, **params):
    return client.post(submit_url(board, **params), human_post_data(HelpPostForm, data))


def checked_kind(html: str) -> str | None:
    for tag in re.findall(r"<input[^>]*name=\"kind\"[^>]*>", html):
        if " checked" in tag:
            return re.search(r'value="([^"]*)"', tag)[1]
    return None


# --- The form ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("soort", "checked"),
    [("vraag", "vraag"), ("aanbod", "aanbod"), ("", None), ("iets", None)],
)
def test_the_form_preselects_the_kind_from_soort(client, board, soort, checked):
    response = client.get(submit_url(board, soort=soort))

    assert response.status_code == 200
    html = response.content.decode()
    assert checked_kind(html) == checked
    assert "no-cache" in response["Cache-Control"]
    assert 'name="website_url"' in html  # the honeypot
    assert "<legend" in html


def test_the_form_offers_the_wijken_of_its_own_site_and_explains_privacy(
    client, site, other_site, board, neighbourhood, help_category
):
    NeighbourhoodFactory(site=other_site, name="Dorp", slug="dorp")
    settings = PlatformSettings.for_site(site)
    settings.privacy_statement_url = "/privacy/"
    settings.save()

    response = client.get(submit_url(board, soort="aanbod"))

    html = response.content.decode()
    assert list(response.context["form"].fields["neighbourhood"].queryset) == [
        neighbourhood
    ]
    assert "Hele gemeente / weet ik niet" in html
    assert "Dorp" not in html
    assert "Boodschappen" in html
    assert "Alleen je voornaam komt op de site." in html
    assert 'autocomplete="given-name"' in html
    assert 'autocomplete="email"' in html
    assert 'autocomplete="tel"' in html
    assert 'aria-describedby="id_title_helptext"' in html
    assert 'href="/privacy/"' in html
    assert "90 dagen nadat het gesloten is" in html


# --- Sending it in -----------------------------------------------------------


def test_a_request_is_stored_waiting_and_both_sides_are_mailed(
    client, site, board, neighbourhood, help_category, moderators
):
    data = valid_data(
        neighbourhood=str(neighbourhood.pk), category=str(help_category.pk)
    )

    response = post_form(client, board, data, soort="vraag")

    assert response.status_code == 302
    # A path on the host the resident is on, never the site's stored root URL.
    assert response["Location"] == urlparse(submitted_url(board)).path
    post = HelpPost.objects.get()
    assert post.kind == HelpKind.REQUEST
    assert post.site == site
    assert post.title == "Wie helpt me met boodschappen?"
    assert post.description == "Ik kan slecht lopen.\nEen keer per week is genoeg."
    assert post.neighbourhood == neighbourhood
    assert post.category == help_category
    assert post.when == "dinsdagochtend"
    assert post.first_name == "Ans"
    assert post.email == "ans@example.org"
    assert post.phone == "06 12 34 56 78"
    assert post.status == HelpStatus.SUBMITTED
    assert post.published_at is None
    assert not HelpPost.objects.public().exists()
    board_page = client.get(board.url)
    assert "Wie helpt me met boodschappen?" not in board_page.content.decode()

    entry = ModelLogEntry.objects.get(action=log_actions.SUBMIT)
    assert entry.object_id == str(post.pk)
    assert entry.user is None

    assert len(mail.outbox) == 2
    resident, moderator = mail.outbox
    assert resident.to == ["ans@example.org"]
    assert "Wie helpt me met boodschappen?" in resident.subject
    assert "\n" not in resident.subject
    assert "Een buurtverbinder bekijkt je bericht" in resident.body
    link = MANAGE_LINK.search(resident.body)[0]
    assert link.startswith(board.get_full_url() + "mijn-bericht/")

    assert moderator.to == ["cor@gemeente.example"]
    assert moderator.subject == "Er wacht een hulpvraag in Centrum"
    assert "http://testserver" + reverse("helpboard:edit", args=[post.pk]) in (
        moderator.body
    )
    for private in ("ans@example.org", "06 12 34 56 78", "0612345678"):
        assert private not in moderator.body
        assert private not in moderator.subject

    manage = client.get(urlparse(link).path)
    assert manage.status_code == 200
    assert "Wie helpt me met boodschappen?" in manage.content.decode()


def test_the_confirmation_page_shows_nothing_typed_and_is_not_cached(client, board):
    post_form(client, board, valid_data(title="Mijn geheime titel"))

    response = client.get(submitted_url(board))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Bedankt voor je bericht!" in html
    assert "Mijn geheime titel" not in html
    assert "ans@example.org" not in html
    assert "no-cache" in response["Cache-Control"]


def test_an_offer_without_a_wijk_that_is_flexible_and_phone_only(
    client, board, moderators
):
    data = valid_data(
        kind="aanbod", when="", flexible="on", email="", title="Ik kook graag"
    )

    response = post_form(client, board, data, soort="aanbod")

    assert response.status_code == 302
    post = HelpPost.objects.get()
    assert (post.kind, post.when, post.neighbourhood, post.email) == (
        HelpKind.OFFER,
        "",
        None,
        "",
    )
    # No address, no confirmation; the moderators still hear of it.
    assert [message.to for message in mail.outbox] == [["cor@gemeente.example"]]
    assert mail.outbox[0].subject == "Er wacht een hulpaanbod voor de hele gemeente"


# --- Refused ----------------------------------------------------------------


def assert_nothing_stored():
    assert not HelpPost.objects.exists()
    assert not ModelLogEntry.objects.filter(action=log_actions.SUBMIT).exists()
    assert mail.outbox == []


def test_without_email_and_phone_nothing_is_stored_and_everything_is_kept(
    client, board, moderators
):
    data = valid_data(email="", phone="", description=f"Tekst {SCRIPT}")

    response = post_form(client, board, data)

    assert response.status_code == 400
    html = response.content.decode()
    assert "Vul je e-mailadres of je telefoonnummer in" in html
    assert "Wie helpt me met boodschappen?" in html
    assert "Tekst &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert SCRIPT not in html
    assert 'value="Ans"' in html
    assert checked_kind(html) == "vraag"
    assert "no-cache" in response["Cache-Control"]
    assert_nothing_stored()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"when": "", "flexible": ""}, "Vul in wanneer, of kies flexibel."),
        ({"when": "maandag", "flexible": "on"}, "Je koos flexibel"),
        ({"kind": ""}, "Kies of je hulp vraagt of hulp aanbiedt."),
        ({"kind": "gratis"}, "Kies of je hulp vraagt of hulp aanbiedt."),
        ({"title": ""}, "Geef je bericht een korte titel."),
        ({"title": "x" * 121}, "hoogstens 120 tekens"),
        ({"description": "x" * 2001}, "hoogstens 2000 tekens"),
        ({"first_name": "Ans\r\nBcc: x@example.org"}, "onzichtbaar teken"),
        ({"title": "Hulp\ngezocht"}, "onzichtbaar teken"),
        ({"description": "nul\x00teken"}, "onzichtbaar teken"),
        ({"email": "geen-adres"}, "Dit is geen e-mailadres."),
        ({"phone": "bel me"}, "Dit is geen telefoonnummer."),
        ({"consent": ""}, "Vink dit aan."),
        ({"category": "999999"}, "Kies een categorie uit de lijst."),
    ],
)
def test_wrong_answers_get_a_dutch_message_and_nothing_is_stored(
    client, board, changes, message
):
    response = post_form(client, board, valid_data(**changes))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert_nothing_stored()


def test_a_wijk_of_another_site_is_refused(client, board, other_site):
    elsewhere = NeighbourhoodFactory(site=other_site, name="Dorp", slug="dorp")

    response = post_form(client, board, valid_data(neighbourhood=str(elsewhere.pk)))

    assert response.status_code == 400
    assert "Kies een wijk uit de lijst." in response.content.decode()
    assert_nothing_stored()


def test_a_filled_honeypot_is_refused_and_nothing_is_stored(client, board):
    data = human_post_data(
        HelpPostForm, {**valid_data(), HONEYPOT_FIELD: "http://spam.example"}
    )

    response = client.post(submit_url(board), data)

    assert response.status_code == 400
    assert "We konden je bericht niet verwerken." in response.content.decode()
    assert_nothing_stored()


def test_a_form_sent_back_too_fast_is_refused_and_keeps_the_text(client, board):
    data = human_post_data(HelpPostForm, valid_data(), seconds_ago=0)

    response = client.post(submit_url(board), data)

    assert response.status_code == 400
    html = response.content.decode()
    assert "Dat ging te snel." in html
    assert "Wie helpt me met boodschappen?" in html
    assert_nothing_stored()


def test_too_many_links_are_refused(client, board):
    links = "https://a.example https://b.example https://c.example"

    response = post_form(client, board, valid_data(description=links))

    assert response.status_code == 400
    assert "te veel webadressen" in response.content.decode()
    assert_nothing_stored()


def test_over_the_rate_limit_is_429_and_keeps_the_text(client, board, settings):
    settings.BUURTPLEIN_FORM_RATE = "1/h"
    assert post_form(client, board, valid_data()).status_code == 302
    mail.outbox.clear()

    response = post_form(client, board, valid_data(title="Tweede vraag"))

    assert response.status_code == 429
    html = response.content.decode()
    assert "Je hebt het afgelopen uur al vaak iets verstuurd." in html
    assert "Tweede vraag" in html
    assert HelpPost.objects.count() == 1
    assert mail.outbox == []


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_refused(client, board, method):
    assert getattr(client, method)(submit_url(board)).status_code == 405
