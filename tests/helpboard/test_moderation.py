"""Moderating a help post in the admin: approve (after correcting the text),
ask for a change, reject, close, reports seen. Through the moderation screen
with real users per role; mails in the locmem outbox."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from helpboard import log_actions
from helpboard.models import (
    HelpCloseReason,
    HelpPost,
    HelpReport,
    HelpReportReason,
    HelpStatus,
)
from tests.factories import HelpBoardPageFactory, HelpRequestFactory
from tests.helpboard.test_admin import make_roles

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script> & "quotes"'


@pytest.fixture
def roles(site, other_site, neighbourhood, other_neighbourhood):
    return make_roles(site, other_site, neighbourhood, other_neighbourhood)


@pytest.fixture
def board(site):
    return HelpBoardPageFactory(parent=site.root_page, slug="vraag-en-aanbod")


def edit_url(post) -> str:
    return reverse("helpboard:edit", args=[post.pk])


def text_data(post, **changes) -> dict:
    data = {
        "title": post.title,
        "description": post.description,
        "when": post.when,
        "neighbourhood": str(post.neighbourhood_id or ""),
        "category": str(post.category_id or ""),
        "moderation_note": post.moderation_note,
    }
    data.update(changes)
    return data


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def latest_log(post) -> ModelLogEntry:
    return (
        ModelLogEntry.objects.filter(object_id=str(post.pk))
        .order_by("-timestamp", "-pk")
        .first()
    )


def link_in(body: str, path_part: str) -> str:
    return re.search(rf"http://\S*{path_part}\S*", body)[0]


# --- Approve ------------------------------------------------------------------


def test_approving_with_a_corrected_text_publishes_it_and_mails_the_resident(
    client, roles, board, settings, help_category
):
    settings.BUURTPLEIN_HELP_POST_OPEN_DAYS = 21
    post = roles.posts["centrum"]
    moderator = roles.users["buurtverbinder centrum"]
    client.force_login(moderator)
    before = timezone.now()

    response = client.post(
        edit_url(post),
        text_data(
            post,
            action="approve",
            title="Hulp bij de boodschappen",
            category=str(help_category.pk),
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == edit_url(post)
    post.refresh_from_db()
    assert post.status == HelpStatus.PUBLISHED
    assert post.title == "Hulp bij de boodschappen"
    assert post.category == help_category
    assert post.published_at >= before
    assert post.expires_at - post.published_at == datetime.timedelta(days=21)
    assert post.hidden_at is None
    entry = latest_log(post)
    assert entry.action == log_actions.APPROVE
    assert entry.user == moderator
    assert set(entry.data["fields"]) == {"title", "category"}

    # On the public board, under its corrected title.
    assert "Hulp bij de boodschappen" in client.get(board.url).content.decode()

    # The resident hears it is online, with the post and a private link.
    (message,) = mail.outbox
    assert message.to == ["ans@example.org"]
    assert "online" in message.subject
    assert "21 dagen" in message.body
    post_link = link_in(message.body, f"/vraag-en-aanbod/{post.pk}/")
    manage_link = link_in(message.body, "/mijn-bericht/")
    client.logout()
    assert client.get(urlsplit(post_link).path).status_code == 200
    manage = client.get(urlsplit(manage_link).path)
    assert manage.status_code == 200
    assert "Hulp bij de boodschappen" in manage.content.decode()


def test_approving_again_keeps_the_first_publication_date(client, roles, board):
    post = roles.posts["centrum"]
    first = timezone.now() - datetime.timedelta(days=10)
    HelpPost.objects.filter(pk=post.pk).update(
        status=HelpStatus.CHANGES_REQUESTED, published_at=first
    )
    client.force_login(roles.users["communicatie"])

    client.post(edit_url(post), text_data(post, action="approve"))

    post.refresh_from_db()
    assert post.status == HelpStatus.PUBLISHED
    assert post.published_at == first
    assert post.expires_at > timezone.now() + datetime.timedelta(days=20)


@pytest.mark.parametrize("status", [HelpStatus.CLOSED, HelpStatus.REJECTED])
def test_a_closed_or_rejected_post_cannot_be_approved(client, roles, board, status):
    post = roles.posts["centrum"]
    HelpPost.objects.filter(pk=post.pk).update(status=status)
    client.force_login(roles.users["communicatie"])

    response = client.post(
        edit_url(post), text_data(post, action="approve", title="Toch online")
    )

    assert response.status_code == 409
    html = response.content.decode()
    assert "niet (opnieuw) goedkeuren" in html
    # What the moderator typed is kept on the screen, nothing stored.
    assert 'value="Toch online"' in html
    post.refresh_from_db()
    assert post.status == status
    assert post.title == "Hulp bij boodschappen"
    assert not mail.outbox


def test_saving_only_the_text_changes_nothing_else(client, roles, board):
    post = roles.posts["centrum"]
    client.force_login(roles.users["communicatie"])

    response = client.post(
        edit_url(post),
        text_data(post, action="save", description=HOSTILE, moderation_note="Let op"),
    )

    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == HelpStatus.SUBMITTED
    assert post.description == HOSTILE
    assert post.moderation_note == "Let op"
    assert latest_log(post).action == "wagtail.edit"
    assert not mail.outbox
    html = client.get(edit_url(post)).content.decode()
    assert '<script>alert("x")' not in html
    assert "&lt;script&gt;" in html


def test_an_empty_title_is_a_form_error_not_a_500(client, roles, board):
    post = roles.posts["centrum"]
    client.force_login(roles.users["communicatie"])

    response = client.post(edit_url(post), text_data(post, action="approve", title=""))

    assert response.status_code == 200
    assert "niet opgeslagen" in response.content.decode()
    post.refresh_from_db()
    assert post.status == HelpStatus.SUBMITTED
    assert not mail.outbox


def test_an_unknown_action_is_refused(client, roles, board):
    post = roles.posts["centrum"]
    client.force_login(roles.users["communicatie"])

    response = client.post(edit_url(post), {"action": "publish-all"})

    assert response.status_code == 400
    assert "Deze actie bestaat niet" in response.content.decode()


# --- Ask for a change, reject ----------------------------------------------


def test_asking_for_a_change_takes_it_off_and_mails_the_reason(client, roles, board):
    post = roles.posts["west"]  # published
    moderator = roles.users["buurtverbinder west"]
    client.force_login(moderator)
    assert post.title in client.get(board.url).content.decode()

    response = client.post(
        edit_url(post),
        {"action": "request_change", "request_change-reason": "Zet er een tijd bij."},
    )

    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == HelpStatus.CHANGES_REQUESTED
    assert post.title not in client.get(board.url).content.decode()
    entry = latest_log(post)
    assert entry.action == log_actions.REQUEST_CHANGE
    assert entry.data == {"reason": "Zet er een tijd bij."}
    assert entry.user == moderator
    (message,) = mail.outbox
    assert message.to == [post.email]
    assert "Zet er een tijd bij." in message.body
    manage_link = link_in(message.body, "/mijn-bericht/")
    client.logout()
    assert client.get(urlsplit(manage_link).path).status_code == 200


def test_rejecting_mails_the_reason(client, roles, board):
    post = roles.posts["centrum"]
    client.force_login(roles.users["communicatie"])

    response = client.post(
        edit_url(post), {"action": "reject", "reject-reason": "Dit is reclame."}
    )

    assert response.status_code == 302
    assert "Afgewezen" in " ".join(messages_of(response))
    post.refresh_from_db()
    assert post.status == HelpStatus.REJECTED
    assert post.rejected_at is not None
    entry = latest_log(post)
    assert entry.action == log_actions.REJECT
    assert entry.data == {"reason": "Dit is reclame."}
    (message,) = mail.outbox
    assert message.to == ["ans@example.org"]
    assert "Dit is reclame." in message.body
    assert "niet op de site" in message.subject


@pytest.mark.parametrize("action", ["reject", "request_change"])
@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("", "Schrijf een reden"),
        ("   ", "Schrijf een reden"),
        ("x" * 2001, "Dit is te lang"),
        ("a\x00b", "onzichtbaar teken"),
    ],
)
def test_a_missing_or_bad_reason_is_a_message_and_changes_nothing(
    client, roles, board, action, reason, message
):
    post = roles.posts["centrum"]
    client.force_login(roles.users["communicatie"])

    response = client.post(
        edit_url(post), {"action": action, f"{action}-reason": reason}
    )

    assert response.status_code == 400
    assert any(message in text for text in messages_of(response))
    assert message in response.content.decode()
    post.refresh_from_db()
    assert post.status == HelpStatus.SUBMITTED
    assert not mail.outbox
    assert latest_log(post) is None


def test_a_rejected_post_cannot_be_rejected_again(client, roles, board):
    post = roles.posts["centrum"]
    HelpPost.objects.filter(pk=post.pk).update(status=HelpStatus.REJECTED)
    client.force_login(roles.users["communicatie"])

    response = client.post(
        edit_url(post), {"action": "reject", "reject-reason": "Nogmaals"}
    )

    assert response.status_code == 409
    assert "afgewezen" in response.content.decode()
    assert not mail.outbox


def test_a_resident_without_e_mail_is_approved_without_mail(client, roles, board):
    post = roles.posts["geen wijk"]
    HelpPost.objects.filter(pk=post.pk).update(email="", phone="0612345678")
    post.refresh_from_db()
    client.force_login(roles.users["communicatie"])

    response = client.post(edit_url(post), text_data(post, action="approve"))

    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == HelpStatus.PUBLISHED
    assert not mail.outbox


# --- Close, reports -----------------------------------------------------------


def test_closing_a_published_post(client, roles, board):
    post = roles.posts["west"]
    client.force_login(roles.users["communicatie"])

    response = client.post(edit_url(post), {"action": "close"})

    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == HelpStatus.CLOSED
    assert post.closed_reason == HelpCloseReason.BY_MODERATOR
    assert post.closed_at is not None
    assert latest_log(post).action == log_actions.MODERATOR_CLOSE
    assert post.title not in client.get(board.url).content.decode()
    # The resident hears it, with their private link.
    (told,) = mail.outbox
    assert told.to == [post.email]
    assert told.subject == f'Je bericht "{post.title}" is gesloten'
    assert "Een buurtverbinder" in told.body
    assert "/mijn-bericht/" in told.body


def test_a_waiting_post_is_rejected_not_closed(client, roles, board):
    post = roles.posts["centrum"]
    client.force_login(roles.users["communicatie"])

    response = client.post(edit_url(post), {"action": "close"})

    assert response.status_code == 409
    assert "Wijs het dan af" in response.content.decode()
    post.refresh_from_db()
    assert post.status == HelpStatus.SUBMITTED


def test_reports_seen_brings_a_hidden_post_back(client, roles, board):
    post = roles.posts["west"]
    old = HelpReport.objects.create(
        post=post,
        reason=HelpReportReason.OTHER,
        reviewed_at=timezone.now() - datetime.timedelta(days=3),
    )
    for reason in (HelpReportReason.SPAM, HelpReportReason.OFFENSIVE):
        HelpReport.objects.create(
            post=post, reason=reason, explanation="Staat overal <b>dubbel</b>"
        )
    HelpPost.objects.filter(pk=post.pk).update(hidden_at=timezone.now())
    moderator = roles.users["communicatie"]
    client.force_login(moderator)
    assert post.title not in client.get(board.url).content.decode()

    screen = client.get(edit_url(post)).content.decode()
    assert "Reclame of spam" in screen
    assert "Staat overal &lt;b&gt;dubbel&lt;/b&gt;" in screen
    assert "2 nieuwe meldingen" in screen
    response = client.post(edit_url(post), {"action": "reports_reviewed"})

    assert response.status_code == 302
    post.refresh_from_db()
    assert post.hidden_at is None
    assert not post.reports.filter(reviewed_at__isnull=True).exists()
    assert set(
        post.reports.exclude(pk=old.pk).values_list("reviewed_by", flat=True)
    ) == {moderator.pk}
    old.refresh_from_db()
    assert old.reviewed_by is None
    entry = latest_log(post)
    assert entry.action == log_actions.REPORTS_REVIEWED
    assert entry.data == {"count": 2}
    assert post.title in client.get(board.url).content.decode()

    again = client.post(edit_url(post), {"action": "reports_reviewed"})
    assert again.status_code == 409
    assert "geen nieuwe meldingen" in again.content.decode()


def test_the_screen_shows_the_log_with_the_reason(client, roles, board):
    post = roles.posts["centrum"]
    client.force_login(roles.users["communicatie"])
    client.post(
        edit_url(post),
        {"action": "request_change", "request_change-reason": "Graag <een> tijd"},
    )

    html = client.get(edit_url(post)).content.decode()

    assert "Aanpassing gevraagd" in html
    assert "Graag &lt;een&gt; tijd" in html


def test_two_moderators_cannot_both_decide(client, roles, board):
    post = roles.posts["centrum"]
    client.force_login(roles.users["communicatie"])
    client.post(edit_url(post), text_data(post, action="approve"))
    client.force_login(roles.users["buurtverbinder centrum"])

    response = client.post(edit_url(post), text_data(post, action="approve"))

    assert response.status_code == 409
    assert "staat al op de site" in response.content.decode()
    assert len(mail.outbox) == 1


def test_moving_a_post_to_another_wijk_hands_it_over(
    client, roles, board, other_neighbourhood
):
    post = roles.posts["centrum"]
    client.force_login(roles.users["buurtverbinder centrum"])

    response = client.post(
        edit_url(post),
        text_data(post, action="save", neighbourhood=str(other_neighbourhood.pk)),
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("helpboard:index")
    post.refresh_from_db()
    assert post.neighbourhood == other_neighbourhood
    assert client.get(edit_url(post)).status_code == 404
    client.force_login(roles.users["buurtverbinder west"])
    assert client.get(edit_url(post)).status_code == 200


def test_an_offer_has_no_referral_section(client, roles, board):
    client.force_login(roles.users["communicatie"])

    offer = client.get(edit_url(roles.posts["west"])).content.decode()
    request = client.get(edit_url(HelpRequestFactory(site=board.get_site())))

    assert 'id="doorverwijzen"' not in offer
    assert 'id="doorverwijzen"' in request.content.decode()


def test_a_residents_change_in_the_meantime_is_not_overwritten(client, roles, board):
    post = roles.posts["centrum"]
    client.force_login(roles.users["communicatie"])
    screen = client.get(edit_url(post)).content.decode()
    seen = re.search(r'name="seen_version" value="([^"]*)"', screen)
    assert seen, "the screen remembers which version the moderator saw"
    # Meanwhile the resident changes the text through the private link.
    HelpPost.objects.filter(pk=post.pk).update(
        description="Nieuwe tekst van Ans", updated_at=timezone.now()
    )

    response = client.post(
        edit_url(post),
        text_data(post, action="approve", seen_version=seen[1]),
    )

    # Wagtail shows an invalid admin form again with 200.
    assert response.status_code == 200
    assert "De bewoner heeft het bericht intussen gewijzigd" in (
        response.content.decode()
    )
    post.refresh_from_db()
    assert post.description == "Nieuwe tekst van Ans"
    assert post.status == HelpStatus.SUBMITTED
