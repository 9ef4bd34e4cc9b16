"""The whole of vraag & aanbod end to end, through HTTP only: a resident
submits, a buurtverbinder moderates and publishes, a neighbour responds (the
resident's address stays hidden), a moderator refers to an organisation that
declines and one that accepts, the resident closes through the private link,
and an offer expires. Every mail is read from the locmem outbox and every link
in it is followed as a person would."""

import datetime
import io
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from helpboard import log_actions
from helpboard.forms import HelpPostForm
from helpboard.models import HelpPost, HelpReferralStatus, HelpResponse, HelpStatus
from helpboard.public_forms import HelpResponseForm
from tests.antispam import human_post_data
from tests.factories import (
    HelpBoardPageFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)
from tests.helpboard.test_admin import make_user

pytestmark = pytest.mark.django_db

RESIDENT = "ans.de.vries@example.org"
NEIGHBOUR = "kees@example.org"


@pytest.fixture
def town(site, neighbourhood):
    from editorial.services import buurtverbinder_grant, communicatie_grant

    wijken = NeighbourhoodIndexPageFactory(parent=site.root_page)
    wijk_page = NeighbourhoodPageFactory(parent=wijken, neighbourhood=neighbourhood)
    social_map = SocialMapPageFactory(parent=site.root_page)
    buurtverbinder = make_user("anouk")
    buurtverbinder_grant(user=buurtverbinder, neighbourhood_page=wijk_page)
    communicatie = make_user("cor")
    communicatie_grant(user=communicatie, site=site)
    return {
        "board": HelpBoardPageFactory(parent=site.root_page),
        "wijk": neighbourhood,
        "buurtverbinder": buurtverbinder,
        "communicatie": communicatie,
        "busy": OrganisationPageFactory(
            parent=social_map, title="Buurtzorg Vol", email="vol@example.org"
        ),
        "helpful": OrganisationPageFactory(
            parent=social_map, title="Vervoersdienst Samen", email="rit@example.org"
        ),
    }


def link_in(message, route: str) -> str:
    match = re.search(rf"https?://\S+/{route}/\S+/", message.body)
    assert match, message.body
    return urlsplit(match[0]).path


def mails_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to]


def last_mail_to(address: str):
    messages = mails_to(address)
    assert messages, f"no mail to {address}"
    return messages[-1]


def board_titles(client, board) -> list[str]:
    return [item["title"] for item in client.get(board.url).context["items"]]


def actions_logged(post) -> list[str]:
    return list(
        ModelLogEntry.objects.filter(object_id=str(post.pk))
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def test_a_request_from_submission_to_closing(client, town):
    board = town["board"]
    board_path = board.url

    # 1. Ans asks for a lift, without an account.
    submitted = client.post(
        board_path + board.reverse_subpage("submit"),
        human_post_data(
            HelpPostForm,
            {
                "kind": "vraag",
                "title": "Wie rijdt me naar het ziekenhuis?",
                "description": "Donderdag moet ik naar de poli, ik loop slecht.",
                "neighbourhood": str(town["wijk"].pk),
                "category": "",
                "when": "donderdag 10 uur",
                "first_name": "Ans",
                "email": RESIDENT,
                "phone": "",
                "consent": "on",
            },
        ),
    )
    assert submitted.status_code == 302
    post = HelpPost.objects.get()
    assert post.status == HelpStatus.SUBMITTED
    assert board_titles(client, board) == []
    private_link = link_in(last_mail_to(RESIDENT), "mijn-bericht")
    assert client.get(private_link).status_code == 200
    # The buurtverbinder of the wijk and Communicatie hear of it, without
    # Ans's address.
    for moderator in (town["buurtverbinder"], town["communicatie"]):
        (notice,) = mails_to(moderator.email)
        assert RESIDENT not in notice.body
    mail.outbox.clear()

    # 2. The buurtverbinder edits the title and publishes it.
    client.force_login(town["buurtverbinder"])
    approved = client.post(
        reverse("helpboard:edit", args=[post.pk]),
        {
            "action": "approve",
            "title": "Lift naar het ziekenhuis gezocht",
            "description": post.description,
            "when": post.when,
            "neighbourhood": str(post.neighbourhood_id),
            "category": "",
            "moderation_note": "",
        },
    )
    client.logout()
    assert approved.status_code == 302
    assert board_titles(client, board) == ["Lift naar het ziekenhuis gezocht"]
    detail = client.get(board_path + board.reverse_subpage("post", args=[post.pk]))
    assert detail.status_code == 200
    assert RESIDENT not in detail.content.decode()
    # Ans hears it is online, with a fresh private link that works.
    assert (
        client.get(link_in(last_mail_to(RESIDENT), "mijn-bericht")).status_code == 200
    )
    mail.outbox.clear()

    # 3. Kees responds; the mail goes to Ans with Kees as Reply-To, and
    #    nothing Kees sees holds Ans's address.
    responded = client.post(
        board_path + board.reverse_subpage("respond", args=[post.pk]),
        human_post_data(
            HelpResponseForm,
            {
                "name": "Kees Bakker",
                "email": NEIGHBOUR,
                "message": "Ik heb donderdag een auto en tijd.",
                "consent": "on",
            },
        ),
        follow=True,
    )
    assert responded.status_code == 200
    assert RESIDENT not in responded.content.decode()
    (forwarded,) = mail.outbox
    assert forwarded.to == [RESIDENT]
    assert forwarded.reply_to == [NEIGHBOUR]
    assert "Ik heb donderdag een auto en tijd." in forwarded.body
    assert mails_to(NEIGHBOUR) == []
    assert HelpResponse.objects.get().forwarded_at is not None
    mail.outbox.clear()

    # 4. Communicatie refers it; the first organisation declines, so it comes
    #    back to the moderators; the second accepts and Ans hears who calls.
    client.force_login(town["communicatie"])
    for organisation in (town["busy"], town["helpful"]):
        referred = client.post(
            reverse("helpboard:edit", args=[post.pk]),
            {
                "action": "refer",
                "refer-organisation": str(organisation.pk),
                "refer-note": "Kunnen jullie rijden?",
            },
        )
        assert referred.status_code == 302, referred.content.decode()[:500]
        organisation_mail = last_mail_to(organisation.email)
        assert RESIDENT not in organisation_mail.body
        decision_link = link_in(organisation_mail, "doorverwijzing")
        if organisation == town["busy"]:
            declined = client.post(
                decision_link, {"decision": "decline", "reason": "Geen auto vrij."}
            )
            assert declined.status_code == 200
            assert RESIDENT not in declined.content.decode()
            assert "Geen auto vrij." in last_mail_to(town["communicatie"].email).body
        else:
            accepted = client.post(decision_link, {"decision": "accept"})
            assert accepted.status_code == 200
            assert RESIDENT in accepted.content.decode()
            told = last_mail_to(RESIDENT)
            assert "Vervoersdienst Samen" in told.body
    client.logout()
    assert sorted(post.referrals.values_list("organisation_name", "status")) == [
        ("Buurtzorg Vol", HelpReferralStatus.DECLINED),
        ("Vervoersdienst Samen", HelpReferralStatus.ACCEPTED),
    ]

    # 5. Ans is helped and closes it with her private link.
    manage = link_in(last_mail_to(RESIDENT), "mijn-bericht")
    asked = client.post(manage, {"action": "close"})
    assert asked.status_code == 200
    assert HelpPost.objects.get(pk=post.pk).status == HelpStatus.PUBLISHED
    closed = client.post(manage, {"action": "close", "confirm": "1"})
    assert closed.status_code == 302
    post.refresh_from_db()
    assert post.status == HelpStatus.CLOSED
    assert board_titles(client, board) == []

    assert actions_logged(post) == [
        log_actions.SUBMIT,
        log_actions.APPROVE,
        log_actions.RESPOND,
        log_actions.REFER,
        log_actions.REFERRAL_DECLINE,
        log_actions.REFER,
        log_actions.REFERRAL_ACCEPT,
        log_actions.RESIDENT_CLOSE,
    ]

    # The municipality's referrals report counts both outcomes.
    client.force_login(
        get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    )
    report = client.get(reverse("editorial_reports:referrals"), {"export": "csv"})
    body = b"".join(report.streaming_content).decode("utf-8-sig")
    assert "Vervoersdienst Samen" in body and "Buurtzorg Vol" in body


def test_an_offer_expires_and_its_resident_is_told(client, town):
    board = town["board"]
    client.post(
        board.url + board.reverse_subpage("submit"),
        human_post_data(
            HelpPostForm,
            {
                "kind": "aanbod",
                "title": "Ik doe boodschappen voor je",
                "description": "Op zaterdag ga ik toch naar de markt.",
                "neighbourhood": "",
                "category": "",
                "flexible": "on",
                "when": "",
                "first_name": "Mo",
                "email": "mo@example.org",
                "phone": "",
                "consent": "on",
            },
        ),
    )
    post = HelpPost.objects.get()
    client.force_login(town["communicatie"])
    client.post(
        reverse("helpboard:edit", args=[post.pk]),
        {
            "action": "approve",
            "title": post.title,
            "description": post.description,
            "when": "",
            "neighbourhood": "",
            "category": "",
            "moderation_note": "",
        },
    )
    client.logout()
    post.refresh_from_db()
    assert post.status == HelpStatus.PUBLISHED
    assert post.expires_at > timezone.now() + datetime.timedelta(days=27)
    assert board_titles(client, board) == ["Ik doe boodschappen voor je"]
    mail.outbox.clear()

    # Four weeks later.
    HelpPost.objects.filter(pk=post.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert board_titles(client, board) == []
    call_command("close_expired_help_posts", stdout=io.StringIO())

    post.refresh_from_db()
    assert post.status == HelpStatus.CLOSED
    (told,) = mail.outbox
    assert told.to == ["mo@example.org"]
    assert client.get(link_in(told, "mijn-bericht")).status_code == 200
    assert actions_logged(post)[-1] == log_actions.EXPIRE
