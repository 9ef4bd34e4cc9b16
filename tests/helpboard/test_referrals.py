"""Doorverwijzen: a moderator passes a request on to an organisation of the
sociale kaart, which accepts or declines it through a signed link
(``doorverwijzing/<token>/`` of the help board). Through HTTP, mails in the
locmem outbox."""

import re
import time
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from core.personal_data import ERASED_TEXT
from helpboard import log_actions
from helpboard.links import referral_token
from helpboard.models import HelpPost, HelpReferral, HelpReferralStatus, HelpStatus
from tests.factories import (
    HelpBoardPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)
from tests.helpboard.test_admin import make_roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def roles(site, other_site, neighbourhood, other_neighbourhood):
    return make_roles(site, other_site, neighbourhood, other_neighbourhood)


@pytest.fixture
def board(site):
    return HelpBoardPageFactory(parent=site.root_page, slug="vraag-en-aanbod")


@pytest.fixture
def organisations(site, other_site, roles):
    social_map = SocialMapPageFactory(parent=site.root_page, slug="kaart")
    return {
        "met": OrganisationPageFactory(
            parent=social_map, title="Buurtzorg Centrum", email="zorg@example.org"
        ),
        "zonder": OrganisationPageFactory(
            parent=social_map, title="Buurtzorg Thuis", email=""
        ),
        "elders": OrganisationPageFactory(
            parent=SocialMapPageFactory(parent=other_site.root_page),
            title="Buurtzorg Dorp",
            email="dorp@example.org",
        ),
    }


@pytest.fixture
def request_post(roles):
    """Ans's request in wijk Centrum, with e-mail and phone."""
    return roles.posts["centrum"]


def edit_url(post) -> str:
    return reverse("helpboard:edit", args=[post.pk])


def refer(client, post, organisation, note="") -> object:
    return client.post(
        edit_url(post),
        {
            "action": "refer",
            "refer-organisation": str(organisation.pk),
            "refer-note": note,
        },
    )


def referral_path(message) -> str:
    return urlsplit(re.search(r"http://\S+/doorverwijzing/\S+/", message.body)[0]).path


def mail_to(address: str):
    (message,) = [message for message in mail.outbox if address in message.to]
    return message


@pytest.fixture
def referred(client, roles, board, organisations, request_post):
    """Communicatie referred Ans's request to "Buurtzorg Centrum"; returns the
    referral and the path of the organisation's link."""
    client.force_login(roles.users["communicatie"])
    refer(client, request_post, organisations["met"], note="Zij doen boodschappen.")
    client.logout()
    referral = HelpReferral.objects.get()
    path = referral_path(mail_to("zorg@example.org"))
    mail.outbox.clear()
    return referral, path


# --- Referring from the moderation screen -----------------------------------


def test_the_search_lists_this_sites_organisations_and_says_which_cannot(
    client, roles, board, organisations, request_post
):
    client.force_login(roles.users["buurtverbinder centrum"])

    html = client.get(edit_url(request_post), {"organisatie": "buurtzorg"}).content
    html = html.decode()

    assert "Buurtzorg Centrum" in html
    assert 'value="{}"'.format(organisations["met"].pk) in html
    assert "Buurtzorg Thuis" in html
    assert "geen e-mailadres" in html
    assert (
        'name="refer-organisation" id="organisation-{}"'.format(
            organisations["zonder"].pk
        )
        not in html
    )
    assert "Buurtzorg Dorp" not in html
    nothing = client.get(edit_url(request_post), {"organisatie": "bakker"})
    assert "Geen organisatie" in nothing.content.decode()


def test_referring_mails_the_organisation_without_contact_details(
    client, roles, board, organisations, request_post
):
    moderator = roles.users["buurtverbinder centrum"]
    client.force_login(moderator)

    response = refer(
        client, request_post, organisations["met"], note="Ze doen dit vaker."
    )

    assert response.status_code == 302
    referral = HelpReferral.objects.get()
    assert referral.post == request_post
    assert referral.organisation == organisations["met"]
    assert referral.organisation_name == "Buurtzorg Centrum"
    assert referral.sent_to == "zorg@example.org"
    assert referral.note == "Ze doen dit vaker."
    assert referral.created_by == moderator
    assert referral.status == HelpReferralStatus.PENDING
    entry = ModelLogEntry.objects.get(
        object_id=str(request_post.pk), action=log_actions.REFER
    )
    assert entry.user == moderator

    organisation_mail = mail_to("zorg@example.org")
    assert request_post.title in organisation_mail.subject
    body = organisation_mail.body
    assert request_post.description in body
    assert "Centrum" in body
    assert "Ze doen dit vaker." in body
    assert "ans@example.org" not in body
    assert "0612345678" not in body
    assert referral_path(organisation_mail).startswith(
        urlsplit(board.url).path + "doorverwijzing/"
    )
    resident_mail = mail_to("ans@example.org")
    assert "Buurtzorg Centrum" in resident_mail.body
    assert "doorgestuurd" in resident_mail.subject

    screen = client.get(edit_url(request_post)).content.decode()
    assert "Wacht op antwoord" in screen


@pytest.mark.parametrize("choice", ["zonder", "elders", "none", "garbage"])
def test_an_organisation_that_cannot_be_chosen_is_a_message(
    client, roles, board, organisations, request_post, choice
):
    client.force_login(roles.users["superuser"])
    values = {"none": "", "garbage": "abc"}
    value = values[choice] if choice in values else str(organisations[choice].pk)

    response = client.post(
        edit_url(request_post),
        {"action": "refer", "refer-organisation": value, "organisatie": "zorg"},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies een organisatie" in html or "kun je niet kiezen" in html
    # The search results are shown again, to choose another.
    assert 'value="{}"'.format(organisations["met"].pk) in html
    assert not HelpReferral.objects.exists()
    assert not mail.outbox


def test_an_offer_cannot_be_referred(client, roles, board, organisations):
    offer = roles.posts["west"]
    client.force_login(roles.users["communicatie"])

    response = refer(client, offer, organisations["met"])

    assert response.status_code == 409
    assert "Alleen een hulpvraag" in response.content.decode()
    assert not HelpReferral.objects.exists()


def test_a_request_waits_for_one_organisation_at_a_time(
    client, roles, board, organisations, referred
):
    referral, _path = referred
    client.force_login(roles.users["communicatie"])

    response = refer(client, referral.post, organisations["met"])

    assert response.status_code == 409
    assert "wacht al op antwoord" in response.content.decode()
    assert HelpReferral.objects.count() == 1


def test_a_buurtverbinder_of_another_wijk_cannot_refer(
    client, roles, board, organisations, request_post
):
    client.force_login(roles.users["buurtverbinder west"])

    response = refer(client, request_post, organisations["met"])

    assert response.status_code == 404
    assert not HelpReferral.objects.exists()


# --- The organisation's link ---------------------------------------------------


def test_the_link_shows_the_request_without_contact_details(client, referred):
    referral, path = referred

    response = client.get(path)

    assert response.status_code == 200
    html = response.content.decode()
    assert referral.post.title in html
    assert referral.post.description in html
    assert "Zij doen boodschappen." in html
    assert "ans@example.org" not in html
    assert "0612345678" not in html
    assert 'value="accept"' in html
    assert 'value="decline"' in html
    assert "no-cache" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"


def test_accepting_shows_and_mails_the_contact_details(client, referred):
    referral, path = referred

    response = client.post(path, {"decision": "accept"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "ans@example.org" in html
    assert "0612345678" in html
    assert "Ans" in html
    assert "no-cache" in response["Cache-Control"]
    referral.refresh_from_db()
    assert referral.status == HelpReferralStatus.ACCEPTED
    assert referral.decided_at is not None
    entry = ModelLogEntry.objects.get(
        object_id=str(referral.post_id), action=log_actions.REFERRAL_ACCEPT
    )
    assert entry.user is None

    organisation_mail = mail_to("zorg@example.org")
    assert "ans@example.org" in organisation_mail.body
    assert "0612345678" in organisation_mail.body
    resident_mail = mail_to("ans@example.org")
    assert "Buurtzorg Centrum" in resident_mail.subject
    assert "Buurtzorg Centrum" in resident_mail.body
    assert "/mijn-bericht/" in resident_mail.body
    assert len(mail.outbox) == 2


def test_declining_sends_the_request_back_to_the_moderators(client, roles, referred):
    referral, path = referred

    response = client.post(
        path, {"decision": "decline", "reason": "Geen vrijwilligers <deze week>"}
    )

    assert response.status_code == 200
    assert "ans@example.org" not in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == HelpReferralStatus.DECLINED
    assert referral.decline_reason == "Geen vrijwilligers <deze week>"
    assert referral.decided_at is not None
    assert ModelLogEntry.objects.filter(
        object_id=str(referral.post_id), action=log_actions.REFERRAL_DECLINE
    ).exists()
    # Communicatie of the site and the buurtverbinder of Centrum, nobody else.
    assert sorted(address for m in mail.outbox for address in m.to) == [
        "anouk@example.org",
        "cor@example.org",
    ]
    message = mail_to("cor@example.org")
    assert "Buurtzorg Centrum" in message.subject
    assert "Geen vrijwilligers <deze week>" in message.body
    assert "http://testserver" + edit_url(referral.post) in message.body

    client.force_login(roles.users["communicatie"])
    screen = client.get(edit_url(referral.post)).content.decode()
    assert "Afgewezen" in screen
    assert "Geen vrijwilligers &lt;deze week&gt;" in screen


def test_a_referral_is_decided_once(client, referred):
    referral, path = referred
    client.post(path, {"decision": "decline"})
    mail.outbox.clear()

    again = client.post(path, {"decision": "accept"})
    shown = client.get(path)

    assert again.status_code == 409
    assert "al beantwoord" in again.content.decode()
    assert "ans@example.org" not in again.content.decode()
    assert shown.status_code == 200
    assert "niet te kunnen oppakken" in shown.content.decode()
    referral.refresh_from_db()
    assert referral.status == HelpReferralStatus.DECLINED
    assert not mail.outbox


def test_an_answer_without_a_choice_is_asked_again(client, referred):
    referral, path = referred

    response = client.post(path, {"decision": "maybe", "reason": "Hmm"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies of je de vraag aanneemt of afwijst" in html
    assert "Hmm" in html
    # The shared form layout: "Fout:" first in the title, the summary links
    # to the first choice, the group names its error.
    assert "<title>Fout: " in html
    assert '<a href="#id_decision_0">' in html
    assert 'aria-describedby="id_decision_error"' in html
    referral.refresh_from_db()
    assert referral.status == HelpReferralStatus.PENDING


def test_a_tampered_link_is_not_found(client, referred):
    referral, path = referred
    token = path.rstrip("/").rsplit("/", 1)[1]
    tampered = path.replace(
        token, token[:-3] + ("aaa" if token[-3:] != "aaa" else "bbb")
    )

    assert client.get(tampered).status_code == 404
    assert client.post(tampered, {"decision": "accept"}).status_code == 404
    referral.refresh_from_db()
    assert referral.status == HelpReferralStatus.PENDING


def test_an_expired_link_is_gone(client, board, referred, monkeypatch, settings):
    referral, _path = referred
    then = (
        time.time() - (settings.BUURTPLEIN_HELP_REFERRAL_LINK_MAX_AGE_DAYS + 1) * 86400
    )
    with monkeypatch.context() as patched:
        patched.setattr(signing, "time", SimpleNamespace(time=lambda: then))
        token = referral_token(referral)
    path = urlsplit(board.url).path + board.reverse_subpage("referral", args=[token])

    response = client.post(path, {"decision": "accept"})

    assert response.status_code == 410
    assert "verlopen" in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == HelpReferralStatus.PENDING


def test_a_link_only_works_on_its_own_site(client, other_site, referred):
    _referral, path = referred
    HelpBoardPageFactory(parent=other_site.root_page, slug="vraag-en-aanbod")

    response = client.get(path, HTTP_HOST="other.localhost")

    assert response.status_code == 404


@pytest.mark.parametrize("erased", [False, True])
def test_a_request_that_is_closed_or_erased_is_gone(client, referred, erased):
    referral, path = referred
    changes = {"status": HelpStatus.CLOSED}
    if erased:
        changes.update(title=ERASED_TEXT, description=ERASED_TEXT, email="", phone="")
    HelpPost.objects.filter(pk=referral.post_id).update(**changes)

    shown = client.get(path)
    posted = client.post(path, {"decision": "accept"})

    assert shown.status_code == 410
    assert posted.status_code == 410
    assert "niet meer open" in shown.content.decode()
    assert "Hulp bij boodschappen" not in shown.content.decode()
    referral.refresh_from_db()
    assert referral.status == HelpReferralStatus.PENDING
    assert not mail.outbox


def test_the_answer_needs_a_csrf_token(referred):
    referral, path = referred
    client = Client(enforce_csrf_checks=True)

    response = client.post(path, {"decision": "accept"})

    assert response.status_code == 403
    referral.refresh_from_db()
    assert referral.status == HelpReferralStatus.PENDING


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_refused(client, referred, method):
    _referral, path = referred

    assert getattr(client, method)(path).status_code == 405
