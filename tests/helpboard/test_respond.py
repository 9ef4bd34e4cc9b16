"""Answering a post on the board, through HTTP: the neighbour's message reaches
the resident by mail (Reply-To the neighbour), and nothing of the resident but
their first name ever reaches the neighbour."""

import logging
import smtplib

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from wagtail.models import ModelLogEntry

from editorial.services import communicatie_grant
from helpboard import log_actions
from helpboard.contact import HelpPostNotPublicError, help_response_create
from helpboard.models import HelpResponse, HelpStatus
from helpboard.public_forms import HelpResponseForm
from tests.antispam import human_post_data, started_token
from tests.factories import HelpBoardPageFactory, HelpOfferFactory, HelpRequestFactory

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
RESIDENT_EMAIL = "ans.resident@example.org"
RESIDENT_PHONE = "0612345678"


@pytest.fixture
def help_board(home_page):
    return HelpBoardPageFactory(parent=home_page)


@pytest.fixture
def post(site, help_board, neighbourhood):
    return HelpRequestFactory(
        site=site,
        status=HelpStatus.PUBLISHED,
        title="Wie helpt met de tuin?",
        first_name="Ans",
        email=RESIDENT_EMAIL,
        phone=RESIDENT_PHONE,
        neighbourhood=neighbourhood,
    )


@pytest.fixture
def phone_only_post(site, help_board):
    return HelpOfferFactory(
        site=site,
        status=HelpStatus.PUBLISHED,
        title="Ik kook graag een keer extra",
        first_name="Mo",
        email="",
        phone=RESIDENT_PHONE,
    )


@pytest.fixture
def communicatie(site):
    user = get_user_model().objects.create_user("cor", "cor@gemeente.example", "geheim")
    communicatie_grant(user=user, site=site)
    return user


def respond_url(board, post) -> str:
    return board.url + board.reverse_subpage("respond", args=[post.pk])


def responded_url(board, post) -> str:
    return board.url + board.reverse_subpage("responded", args=[post.pk])


def valid_data(**overrides) -> dict:
    data = {
        "name": "Jan Jansen",
        "email": "jan@example.org",
        "message": "Ik heb zaterdag tijd.\nGroet, Jan",
        "consent": "on",
    }
    data.update(overrides)
    return human_post_data(
        HelpResponseForm,
        {key: value for key, value in data.items() if value is not None},
    )


def assert_no_resident_contact(content: str) -> None:
    assert RESIDENT_EMAIL not in content
    assert RESIDENT_PHONE not in content
    assert "06 12" not in content


# The form page


def test_the_form_page_shows_an_accessible_form_without_contact_details(
    client, help_board, post
):
    response = client.get(respond_url(help_board, post))

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    content = response.content.decode()
    assert content.count("<h1") == 1
    assert "Reageer op: Wie helpt met de tuin?" in content
    assert "We sturen het per e-mail naar Ans." in content
    assert "csrfmiddlewaretoken" in content
    for name in ("name", "email", "phone", "message", "website_url", "form_started"):
        assert f'name="{name}"' in content
    assert 'type="email" name="email"' in content
    assert 'type="checkbox" name="consent"' in content
    assert '<label for="id_name">' in content
    assert 'maxlength="2000"' in content
    assert "naam, contactgegevens en bericht naar deze bewoner gaan" in content
    assert_no_resident_contact(content)


def test_a_phone_only_post_says_beforehand_that_a_moderator_passes_it_on(
    client, help_board, phone_only_post
):
    content = client.get(respond_url(help_board, phone_only_post)).content.decode()

    assert "Je bericht gaat daarom naar een moderator, die Mo belt" in content
    assert "naar een moderator gaan, die ze telefonisch aan deze bewoner" in content
    assert_no_resident_contact(content)


# The whole flow


def test_a_response_is_stored_logged_and_mailed_to_the_resident_only(
    client, help_board, post, communicatie
):
    response = client.post(respond_url(help_board, post), valid_data())

    assert response.status_code == 302
    assert response["Location"] == responded_url(help_board, post)
    stored = HelpResponse.objects.get()
    assert stored.post == post
    assert (stored.name, stored.email) == ("Jan Jansen", "jan@example.org")
    assert stored.message == "Ik heb zaterdag tijd.\nGroet, Jan"
    assert stored.forwarded_at is not None

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [RESIDENT_EMAIL]
    assert message.reply_to == ["jan@example.org"]
    assert "jan@example.org" not in message.to
    assert message.cc == [] and message.bcc == []
    assert message.subject == "Jan Jansen wil je helpen: Wie helpt met de tuin?"
    assert "Hallo Ans," in message.body
    assert "Ik heb zaterdag tijd.\nGroet, Jan" in message.body
    assert "Beantwoorden" in message.body
    assert "pas als je zelf antwoordt" in message.body
    # Not the private link: the resident may answer, quoting this mail.
    assert "/mijn-bericht/" not in message.body
    assert message.content_subtype == "plain"

    entry = ModelLogEntry.objects.get(action=log_actions.RESPOND)
    assert entry.object_id == str(post.pk)
    assert entry.data == {"response_id": stored.pk}

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    content = thanks.content.decode()
    assert "Bedankt voor je reactie!" in content
    assert "per e-mail naar Ans gestuurd" in content
    assert "Ik heb zaterdag tijd" not in content
    assert_no_resident_contact(content)
    assert_no_resident_contact(response.content.decode())


def test_an_offer_gets_its_own_subject(client, help_board, site):
    offer = HelpOfferFactory(
        site=site, status=HelpStatus.PUBLISHED, title="Ik kook graag"
    )

    client.post(respond_url(help_board, offer), valid_data())

    assert mail.outbox[0].subject == "Jan Jansen reageert op je bericht: Ik kook graag"


def test_a_phone_only_post_sends_the_response_to_the_moderators(
    client, help_board, phone_only_post, communicatie
):
    response = client.post(respond_url(help_board, phone_only_post), valid_data())

    assert response.status_code == 302
    stored = HelpResponse.objects.get()
    assert stored.forwarded_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["cor@gemeente.example"]
    assert "Jan Jansen" in message.body
    assert "jan@example.org" in message.body
    assert "Ik heb zaterdag tijd." in message.body
    assert f"/admin/helpboard/edit/{phone_only_post.pk}/" in message.body
    # The moderator finds the phone number in the admin, not in a mail.
    assert RESIDENT_PHONE not in message.body
    content = client.get(response["Location"]).content.decode()
    assert "Een moderator belt Mo" in content
    assert_no_resident_contact(content)


def test_a_phone_only_post_without_moderators_keeps_the_response_unforwarded(
    client, help_board, phone_only_post
):
    response = client.post(respond_url(help_board, phone_only_post), valid_data())

    assert response.status_code == 302
    assert HelpResponse.objects.get().forwarded_at is None
    assert mail.outbox == []


def test_a_failing_mail_server_keeps_the_response(
    client, help_board, post, monkeypatch, caplog
):
    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("down")

    monkeypatch.setattr(
        "django.core.mail.backends.locmem.EmailBackend.send_messages", refuse
    )

    with caplog.at_level(logging.ERROR):
        response = client.post(respond_url(help_board, post), valid_data())

    assert response.status_code == 302
    stored = HelpResponse.objects.get()
    assert stored.forwarded_at is None
    assert f"response {stored.pk} forwarded for help post {post.pk}" in caplog.text
    assert "jan@example.org" not in caplog.text
    assert RESIDENT_EMAIL not in caplog.text


# Invalid input, bots and hostile text


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", "Vul je naam in."),
        ({"email": ""}, "email", "Vul je e-mailadres of je telefoonnummer in"),
        ({"email": "geen-adres"}, "email", "Dit is geen e-mailadres."),
        ({"message": "x" * 2001}, "message", "Dit is te lang"),
        ({"consent": None}, "consent", "Vink dit aan."),
        ({"name": "Jan\nBcc: iedereen@example.org"}, "name", "onzichtbaar teken"),
    ],
)
def test_invalid_input_comes_back_with_400_keeping_the_text(
    client, help_board, post, overrides, field, message
):
    response = client.post(respond_url(help_board, post), valid_data(**overrides))

    assert response.status_code == 400
    assert "no-cache" in response["Cache-Control"]
    assert message in str(response.context["form"].errors[field])
    content = response.content.decode()
    assert "Nog niet verstuurd" in content
    if field != "message":
        assert "Ik heb zaterdag tijd." in content
    assert HelpResponse.objects.count() == 0
    assert mail.outbox == []
    assert_no_resident_contact(content)


def test_a_bot_filling_the_honeypot_is_refused(client, help_board, post):
    response = client.post(
        respond_url(help_board, post), valid_data(website_url="http://spam.example")
    )

    assert response.status_code == 400
    assert HelpResponse.objects.count() == 0
    assert mail.outbox == []


def test_a_form_sent_back_too_fast_is_refused(client, help_board, post):
    data = valid_data(form_started=started_token(HelpResponseForm, seconds_ago=0))

    response = client.post(respond_url(help_board, post), data)

    assert response.status_code == 400
    assert "Dat ging te snel" in response.content.decode()
    assert HelpResponse.objects.count() == 0


def test_script_in_a_refused_form_is_shown_escaped(client, help_board, post):
    response = client.post(
        respond_url(help_board, post), valid_data(name=SCRIPT, email="")
    )

    assert response.status_code == 400
    content = response.content.decode()
    assert SCRIPT not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_a_script_in_the_post_is_shown_escaped(client, help_board, site):
    hostile = HelpRequestFactory(
        site=site, status=HelpStatus.PUBLISHED, title=SCRIPT, first_name=SCRIPT
    )

    content = client.get(respond_url(help_board, hostile)).content.decode()

    assert SCRIPT not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_a_script_in_a_response_goes_to_the_resident_as_plain_text(
    client, help_board, post
):
    client.post(respond_url(help_board, post), valid_data(message=SCRIPT))

    message = mail.outbox[0]
    assert SCRIPT in message.body  # plain text: shown as typed, never run
    assert message.message().get_content_type() == "text/plain"


# Posts that are not on the board


@pytest.mark.parametrize(
    "changes",
    [
        {"status": HelpStatus.SUBMITTED},
        {"status": HelpStatus.CLOSED},
        {"status": HelpStatus.REJECTED},
        {"status": HelpStatus.CHANGES_REQUESTED},
        {"hidden": True},
    ],
)
def test_a_post_off_the_board_shows_no_form_and_stores_nothing(
    client, help_board, post, changes
):
    from django.utils import timezone

    if changes.get("hidden"):
        post.hidden_at = timezone.now()
    else:
        post.status = changes["status"]
    post.save()

    shown = client.get(respond_url(help_board, post))
    sent = client.post(respond_url(help_board, post), valid_data())

    assert shown.status_code == 200
    content = shown.content.decode()
    assert "Dit bericht staat niet meer op de site." in content
    assert 'name="message"' not in content
    assert post.title not in content
    assert_no_resident_contact(content)
    assert sent.status_code == 410
    assert HelpResponse.objects.count() == 0
    assert not ModelLogEntry.objects.filter(action=log_actions.RESPOND).exists()
    assert mail.outbox == []


def test_a_post_of_another_site_or_unknown_is_404(client, help_board, other_site):
    elsewhere = HelpRequestFactory(site=other_site, status=HelpStatus.PUBLISHED)

    for post_id in (elsewhere.pk, 999999, 10**30):
        url = help_board.url + f"{post_id}/reageren/"
        assert client.get(url).status_code == 404
        assert client.post(url, valid_data()).status_code == 404
        assert client.get(url + "verstuurd/").status_code == 404
    assert HelpResponse.objects.count() == 0


def test_the_service_refuses_a_post_off_the_board(post):
    post.status = HelpStatus.CLOSED
    post.save()

    with pytest.raises(HelpPostNotPublicError):
        help_response_create(
            post=post, name="Jan", email="jan@example.org", message="Hoi", consent=True
        )

    assert HelpResponse.objects.count() == 0
