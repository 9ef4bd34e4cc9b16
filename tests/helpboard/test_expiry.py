"""Help posts close by themselves after BUURTPLEIN_HELP_POST_OPEN_DAYS."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from helpboard.expiry import help_posts_expire
from helpboard.log_actions import EXPIRE
from helpboard.models import HelpCloseReason, HelpPost, HelpStatus
from tests.factories import HelpBoardPageFactory, HelpOfferFactory, HelpRequestFactory

pytestmark = pytest.mark.django_db

PUBLISHED = HelpStatus.PUBLISHED


@pytest.fixture
def board(home_page):
    return HelpBoardPageFactory(parent=home_page)


def published(factory=HelpRequestFactory, *, expires_in_days: float, **kwargs):
    return factory(
        status=PUBLISHED,
        expires_at=timezone.now() + datetime.timedelta(days=expires_in_days),
        **kwargs,
    )


def board_titles(client, board) -> set[str]:
    response = client.get(board.url)
    assert response.status_code == 200
    return {item["title"] for item in response.context["items"]}


def test_a_post_past_its_time_leaves_the_board_at_once(client, board):
    published(title="Nog even", expires_in_days=1)
    published(title="Voorbij", expires_in_days=-0.01)

    assert board_titles(client, board) == {"Nog even"}


def test_the_command_closes_exactly_the_expired_posts_and_tells_each_resident(
    board,
):
    due = published(title="Lift gezocht", expires_in_days=-1, email="ans@example.org")
    due_offer = published(
        HelpOfferFactory, title="Ik kook", expires_in_days=-3, email="mo@example.org"
    )
    later = published(title="Nog open", expires_in_days=2)
    waiting = HelpRequestFactory(status=HelpStatus.SUBMITTED, title="Wacht")
    out = io.StringIO()

    call_command("close_expired_help_posts", stdout=out)

    assert out.getvalue().strip() == "Closed 2 help posts past their time."
    statuses = dict(HelpPost.objects.values_list("title", "status"))
    assert statuses == {
        "Lift gezocht": HelpStatus.CLOSED,
        "Ik kook": HelpStatus.CLOSED,
        "Nog open": PUBLISHED,
        "Wacht": HelpStatus.SUBMITTED,
    }
    for post in (due, due_offer):
        post.refresh_from_db()
        assert post.closed_reason == HelpCloseReason.EXPIRED
        assert post.closed_at is not None
        assert ModelLogEntry.objects.filter(
            action=EXPIRE, object_id=str(post.pk)
        ).exists()
    assert not ModelLogEntry.objects.filter(
        action=EXPIRE, object_id__in=[str(later.pk), str(waiting.pk)]
    ).exists()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ans@example.org",
        "mo@example.org",
    ]
    request_mail = next(m for m in mail.outbox if m.to == ["ans@example.org"])
    assert request_mail.subject == 'Je bericht "Lift gezocht" is gesloten'
    assert "28 dagen" in request_mail.body
    assert board.full_url in request_mail.body


def test_the_mail_has_a_private_link_that_still_works(client, board):
    published(title="Lift gezocht", expires_in_days=-1)

    help_posts_expire()

    (message,) = mail.outbox
    link = re.search(r"https?://\S+/mijn-bericht/\S+/", message.body)
    assert link is not None, message.body
    response = client.get(link.group(0))
    assert response.status_code == 200
    assert "Lift gezocht" in response.content.decode()


def test_running_twice_closes_nothing_more(board):
    published(expires_in_days=-1)
    help_posts_expire()
    mail.outbox.clear()

    out = io.StringIO()
    call_command("close_expired_help_posts", stdout=out)

    assert out.getvalue().strip() == "Closed 0 help posts past their time."
    assert mail.outbox == []
    assert ModelLogEntry.objects.filter(action=EXPIRE).count() == 1


def test_a_dry_run_changes_nothing(board):
    post = published(expires_in_days=-1)
    out = io.StringIO()

    call_command("close_expired_help_posts", "--dry-run", "-v", "2", stdout=out)

    assert out.getvalue().splitlines()[0] == "Would close 1 help post past their time."
    assert f"#{post.pk}" in out.getvalue()
    post.refresh_from_db()
    assert post.status == PUBLISHED
    assert mail.outbox == []


def test_a_phone_only_resident_gets_no_mail_but_the_post_closes(board):
    post = published(expires_in_days=-1, email="", phone="06 12345678")

    closed = help_posts_expire()

    assert closed == [post]
    post.refresh_from_db()
    assert post.status == HelpStatus.CLOSED
    assert mail.outbox == []


def test_a_mail_server_that_fails_does_not_stop_the_closing(board, settings):
    # A real backend that cannot connect: nothing listens on port 9 here.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9
    settings.EMAIL_TIMEOUT = 2
    posts = [published(expires_in_days=-1) for _ in range(2)]

    closed = help_posts_expire()

    assert len(closed) == 2
    assert set(
        HelpPost.objects.filter(pk__in=[p.pk for p in posts]).values_list(
            "status", flat=True
        )
    ) == {HelpStatus.CLOSED}


def test_the_time_on_the_board_is_the_boundary(board):
    now = timezone.now()
    post = published(expires_in_days=0)
    post.expires_at = now
    post.save()

    assert help_posts_expire(now=now - datetime.timedelta(seconds=1)) == []
    assert help_posts_expire(now=now) == [post]


def test_a_request_for_a_change_nobody_answers_closes_too(client, board):
    from helpboard.moderation import help_post_request_change

    post = published(expires_in_days=20, email="ans@example.org")
    help_post_request_change(post=post, user=None, reason="Zet er een tijd bij.")
    post.refresh_from_db()
    assert post.status == HelpStatus.CHANGES_REQUESTED
    assert post.expires_at > timezone.now() + datetime.timedelta(days=27)
    mail.outbox.clear()

    day_before = post.expires_at - datetime.timedelta(days=1)
    assert help_posts_expire(now=day_before) == []
    assert help_posts_expire(now=post.expires_at) == [post]

    post.refresh_from_db()
    assert (post.status, post.closed_reason) == (
        HelpStatus.CLOSED,
        HelpCloseReason.EXPIRED,
    )
    (told,) = mail.outbox
    assert "aan te passen" in told.body
    assert "stond" not in told.body
