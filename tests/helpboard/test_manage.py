"""Vraag & aanbod: the resident's private link (``mijn-bericht/<token>/``),
through HTTP: seeing the post, changing, closing, deleting and erasing it, and
links that expired, were tampered with or belong elsewhere."""

import re
import time
from types import SimpleNamespace
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model
from django.core import mail, signing
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from core.models import PlatformSettings
from core.personal_data import ERASE_ACTION, ERASED_TEXT, personal_data_counts
from editorial.services import communicatie_grant
from helpboard import log_actions
from helpboard.forms import HelpPostEditForm
from helpboard.links import manage_token, manage_url
from helpboard.models import (
    HelpCloseReason,
    HelpKind,
    HelpPost,
    HelpResponse,
    HelpStatus,
)
from tests.antispam import human_post_data
from tests.factories import (
    HelpBoardPageFactory,
    HelpRequestFactory,
    NeighbourhoodFactory,
)
from tests.factories.core import SuggestionFactory

pytestmark = pytest.mark.django_db

EMAIL = "ans@example.org"
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def board(home_page):
    return HelpBoardPageFactory(parent=home_page, slug="vraag-en-aanbod")


@pytest.fixture
def moderator(site):
    user = get_user_model().objects.create_user("cor", "cor@gemeente.example", "x")
    communicatie_grant(user=user, site=site)
    return user


@pytest.fixture
def post(site, board, neighbourhood):
    return HelpRequestFactory(
        site=site,
        status=HelpStatus.PUBLISHED,
        title="Wie helpt met de tuin?",
        description="Mijn heg is te hoog.",
        neighbourhood=neighbourhood,
        when="zaterdag",
        first_name="Ans",
        email=EMAIL,
        phone="0612345678",
    )


def path_of(url: str) -> str:
    return urlparse(url).path


def manage_path(post, board=None) -> str:
    return path_of(manage_url(post, board=board))


def edit_path(board, token: str) -> str:
    return board.url + board.reverse_subpage("edit", args=[token])


def token_made_days_ago(post, monkeypatch, days: float) -> str:
    """A private link of ``post`` as it was mailed ``days`` ago."""
    then = time.time() - days * 24 * 60 * 60
    with monkeypatch.context() as patched:
        patched.setattr(signing, "time", SimpleNamespace(time=lambda: then))
        return manage_token(post)


def logged(post, action: str) -> list[ModelLogEntry]:
    return list(
        ModelLogEntry.objects.filter(object_id=str(post.pk), action=action).order_by(
            "pk"
        )
    )


def edit_data(**changes) -> dict:
    data = {
        "kind": "vraag",
        "title": "Wie helpt met de heg?",
        "description": "Alleen de heg, de tuin lukt wel.",
        "neighbourhood": "",
        "category": "",
        "when": "",
        "flexible": "on",
        "first_name": "Ans",
        "email": EMAIL,
        "phone": "",
    }
    data.update(changes)
    return data


# --- Seeing the post ---------------------------------------------------------


def test_the_private_page_shows_the_post_its_status_and_the_buttons(
    client, board, post
):
    response = client.get(manage_path(post))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Je hulpvraag" in html
    assert "Status: Gepubliceerd" in html
    assert "Wie helpt met de tuin?" in html
    assert "Centrum" in html
    assert "0612345678" in html
    assert board.reverse_subpage("post", args=[post.pk]) in html
    assert "Ik ben geholpen: sluit mijn bericht" in html
    assert "Verwijder mijn bericht" in html
    assert "Verwijder alles over mij" in html
    assert "no-cache" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert '<meta name="robots" content="noindex, nofollow">' in html


def test_a_requested_change_shows_the_moderators_reason_escaped(
    client, board, post, moderator
):
    post.status = HelpStatus.CHANGES_REQUESTED
    post.save()
    log(
        instance=post,
        action=log_actions.REQUEST_CHANGE,
        user=moderator,
        data={"reason": "Oude reden"},
    )
    log(
        instance=post,
        action=log_actions.REQUEST_CHANGE,
        user=moderator,
        data={"reason": f"Haal je adres weg {SCRIPT}"},
    )

    html = client.get(manage_path(post)).content.decode()

    assert "Status: Aanpassing gevraagd" in html
    assert "Haal je adres weg &lt;script&gt;" in html
    assert SCRIPT not in html
    assert "Oude reden" not in html


def test_a_private_link_fits_wagtails_page_addresses(post):
    # Wagtail serves only paths of [\w-] segments (wagtail/urls.py); a token
    # with another character never reaches the page's routes: 404 for everyone.
    token = manage_token(post)

    assert re.fullmatch(r"[\w-]+", token), (
        f"helpboard/links.py makes tokens Wagtail cannot route: {token!r}"
    )


# --- Links that do not work --------------------------------------------------


def test_a_link_just_younger_than_the_limit_works(
    client, board, post, monkeypatch, settings
):
    token = token_made_days_ago(
        post, monkeypatch, settings.BUURTPLEIN_HELP_LINK_MAX_AGE_DAYS - 1
    )

    response = client.get(board.url + board.reverse_subpage("manage", args=[token]))

    assert response.status_code == 200


def test_an_expired_link_says_so_with_how_to_get_help(
    client, site, board, post, monkeypatch, settings
):
    platform = PlatformSettings.for_site(site)
    platform.contact_email = "hulp@gemeente.example"
    platform.save()
    token = token_made_days_ago(
        post, monkeypatch, settings.BUURTPLEIN_HELP_LINK_MAX_AGE_DAYS + 1
    )

    for path in (
        board.url + board.reverse_subpage("manage", args=[token]),
        edit_path(board, token),
    ):
        response = client.get(path)

        assert response.status_code == 410
        html = response.content.decode()
        assert "Deze link is verlopen" in html
        assert "mailto:hulp@gemeente.example" in html
        assert "Wie helpt met de tuin?" not in html


def test_a_tampered_link_is_404(client, board, post):
    token = manage_token(post)
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")

    for bad in (tampered, "onzin", "WzEsMV0"):
        response = client.get(board.url + board.reverse_subpage("manage", args=[bad]))

        assert response.status_code == 404
        assert "Deze link werkt niet" in response.content.decode()


def test_a_link_to_a_post_of_another_site_is_404(client, board, other_site):
    elsewhere = HelpRequestFactory(site=other_site, title="Post elders")

    response = client.get(manage_path(elsewhere, board=board))

    assert response.status_code == 404
    assert "Post elders" not in response.content.decode()


def test_an_old_link_version_is_404(client, board, post):
    path = manage_path(post)
    HelpPost.objects.filter(pk=post.pk).update(link_version=post.link_version + 1)

    assert client.get(path).status_code == 404


# --- Changing it -------------------------------------------------------------


def test_the_edit_form_is_prefilled(client, board, post, neighbourhood):
    token = manage_token(post)

    response = client.get(edit_path(board, token))

    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["title"] == "Wie helpt met de tuin?"
    assert form.initial["neighbourhood"] == neighbourhood
    assert form.initial["flexible"] is False
    html = response.content.decode()
    assert 'value="Wie helpt met de tuin?"' in html
    assert 'name="consent"' not in html
    assert "no-cache" in response["Cache-Control"]


def test_a_change_sends_the_post_back_to_moderation_and_off_the_board(
    client, board, post, moderator, help_category
):
    token = manage_token(post)
    data = edit_data(kind="aanbod", category=str(help_category.pk))

    response = client.post(
        edit_path(board, token), human_post_data(HelpPostEditForm, data)
    )

    assert response.status_code == 302
    assert response["Location"] == (
        board.url + board.reverse_subpage("manage", args=[token]) + "?klaar=gewijzigd"
    )
    post.refresh_from_db()
    assert post.status == HelpStatus.SUBMITTED
    assert post.kind == HelpKind.OFFER
    assert post.title == "Wie helpt met de heg?"
    assert post.description == "Alleen de heg, de tuin lukt wel."
    assert (post.neighbourhood, post.category, post.when, post.phone) == (
        None,
        help_category,
        "",
        "",
    )
    assert post.updated_at is not None
    assert not HelpPost.objects.public().exists()
    (entry,) = logged(post, log_actions.RESIDENT_EDIT)
    assert entry.user is None
    assert entry.data == {"previous_status": "published"}
    (notice,) = mail.outbox
    assert notice.to == ["cor@gemeente.example"]
    assert "aangepast" in notice.body
    assert EMAIL not in notice.body

    followed = client.get(response["Location"])
    assert "Je wijzigingen zijn opgeslagen." in followed.content.decode()
    assert "Status: Wacht op moderatie" in followed.content.decode()


def test_a_wrong_change_is_400_keeps_the_text_and_changes_nothing(
    client, board, post, other_site
):
    elsewhere = NeighbourhoodFactory(site=other_site, name="Dorp", slug="dorp")
    data = edit_data(
        title="Nieuwe titel", email="", phone="", neighbourhood=str(elsewhere.pk)
    )

    response = client.post(
        edit_path(board, manage_token(post)), human_post_data(HelpPostEditForm, data)
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies een wijk uit de lijst." in html
    assert 'value="Nieuwe titel"' in html
    post.refresh_from_db()
    assert post.title == "Wie helpt met de tuin?"
    assert post.status == HelpStatus.PUBLISHED
    assert mail.outbox == []
    assert logged(post, log_actions.RESIDENT_EDIT) == []


@pytest.mark.parametrize("status", [HelpStatus.CLOSED, HelpStatus.REJECTED])
def test_a_closed_or_rejected_post_cannot_be_changed(client, board, post, status):
    post.status = status
    post.save()
    path = edit_path(board, manage_token(post))

    page = client.get(path)
    sent = client.post(path, human_post_data(HelpPostEditForm, edit_data()))

    assert page.status_code == 200
    assert "Je kunt het daarom niet meer aanpassen." in page.content.decode()
    assert "form" not in page.context or page.context.get("form") is None
    assert sent.status_code == 409
    post.refresh_from_db()
    assert post.title == "Wie helpt met de tuin?"
    assert post.status == status


# --- Closing it --------------------------------------------------------------


def test_closing_asks_first_then_closes_and_confirms_by_mail(client, board, post):
    path = manage_path(post)

    asked = client.post(path, {"action": "close"})

    assert asked.status_code == 200
    assert "Wil je je bericht sluiten?" in asked.content.decode()
    post.refresh_from_db()
    assert post.status == HelpStatus.PUBLISHED

    done = client.post(path, {"action": "close", "confirm": "1"})

    assert done.status_code == 302
    assert done["Location"] == path + "?klaar=gesloten"
    post.refresh_from_db()
    assert post.status == HelpStatus.CLOSED
    assert post.closed_reason == HelpCloseReason.BY_RESIDENT
    assert post.closed_at is not None
    assert not HelpPost.objects.public().exists()
    assert len(logged(post, log_actions.RESIDENT_CLOSE)) == 1
    (message,) = mail.outbox
    assert message.to == [EMAIL]
    assert message.subject == 'Je bericht "Wie helpt met de tuin?" is gesloten'
    assert "/mijn-bericht/" in message.body

    page = client.get(done["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "Je bericht is gesloten." in html
    assert "Ik ben geholpen" not in html

    again = client.post(path, {"action": "close", "confirm": "1"})
    assert again.status_code == 409
    assert len(logged(post, log_actions.RESIDENT_CLOSE)) == 1


def test_an_unknown_action_is_400_and_changes_nothing(client, board, post):
    response = client.post(manage_path(post), {"action": "publish", "confirm": "1"})

    assert response.status_code == 400
    post.refresh_from_db()
    assert post.status == HelpStatus.PUBLISHED


# --- Deleting it -------------------------------------------------------------


def test_deleting_anonymises_the_post_and_deletes_its_answers(client, board, post):
    HelpResponse.objects.create(
        post=post, name="Bert", email="bert@example.org", message="Ik help graag"
    )
    kept = HelpRequestFactory(email=EMAIL, title="Mijn andere vraag")
    path = manage_path(post)

    asked = client.post(path, {"action": "delete"})
    assert asked.status_code == 200
    assert "Wil je je bericht verwijderen?" in asked.content.decode()
    assert HelpResponse.objects.count() == 1

    done = client.post(path, {"action": "delete", "confirm": "1"})

    assert done.status_code == 302
    assert done["Location"].endswith("verstuurd/?klaar=verwijderd")
    assert "Je bericht is verwijderd." in client.get(done["Location"]).content.decode()
    post.refresh_from_db()
    assert (post.title, post.description) == (ERASED_TEXT, ERASED_TEXT)
    assert (post.first_name, post.email, post.phone, post.when) == ("", "", "", "")
    assert post.status == HelpStatus.CLOSED
    assert not HelpPost.objects.public().exists()
    assert not HelpResponse.objects.exists()
    # Only this post: the resident's other post stays.
    kept.refresh_from_db()
    assert kept.title == "Mijn andere vraag"
    (entry,) = logged(post, log_actions.RESIDENT_DELETE)
    assert "tuin" not in entry.label
    assert not ModelLogEntry.objects.filter(label__contains="tuin").exists()

    for old in (path, edit_path(board, path.rstrip("/").rsplit("/", 1)[-1])):
        response = client.get(old)
        assert response.status_code in (404, 410)
        assert "Wie helpt met de tuin?" not in response.content.decode()
        main = response.content.decode().split("<main")[1].split("</main>")[0]
        assert "<form" not in main


# --- Erasing everything ------------------------------------------------------


def test_erasing_everything_leaves_nothing_with_the_address(client, board, post):
    HelpResponse.objects.create(
        post=post, name="Bert", email="bert@example.org", message="Ik help graag"
    )
    other = HelpRequestFactory(email=EMAIL.upper(), title="Mijn andere vraag")
    HelpResponse.objects.create(
        post=HelpRequestFactory(email="buur@example.org"),
        name="Ans",
        email=EMAIL,
        message="Ik help jou ook",
    )
    SuggestionFactory(email=EMAIL, name="Ans")
    path = manage_path(post)

    asked = client.post(path, {"action": "erase"})
    assert asked.status_code == 200
    assert "Wil je alles over jou laten verwijderen?" in asked.content.decode()
    assert sum(count.found for count in personal_data_counts(email=EMAIL)) > 0

    done = client.post(path, {"action": "erase", "confirm": "1"})

    assert done.status_code == 302
    assert done["Location"].endswith("verstuurd/?klaar=alles-verwijderd")
    page = client.get(done["Location"])
    assert "We hebben alles over jou verwijderd." in page.content.decode()
    assert [count.found for count in personal_data_counts(email=EMAIL)] == [0] * len(
        personal_data_counts(email=EMAIL)
    )
    assert not HelpPost.objects.filter(email__iexact=EMAIL).exists()
    assert not HelpResponse.objects.filter(post__in=[post, other]).exists()
    for erased in (post, other):
        erased.refresh_from_db()
        assert erased.title == ERASED_TEXT
    assert len(logged(post, log_actions.RESIDENT_DELETE)) == 1
    assert ModelLogEntry.objects.filter(action=ERASE_ACTION).count() == 1
    assert not ModelLogEntry.objects.filter(label__icontains=EMAIL).exists()

    old = client.get(path)
    assert old.status_code in (404, 410)
    assert "Wie helpt met de tuin?" not in old.content.decode()


def test_erasing_everything_without_an_address_erases_just_this_post(
    client, board, post
):
    post.email = ""
    post.save()
    kept = HelpRequestFactory(phone="0612345678", email="", title="Andere vraag")
    path = manage_path(post)

    asked = client.post(path, {"action": "erase"})
    assert "We wissen dit bericht met je naam en telefoonnummer." in (
        asked.content.decode()
    )
    done = client.post(path, {"action": "erase", "confirm": "1"})

    assert done.status_code == 302
    post.refresh_from_db()
    assert (post.title, post.phone) == (ERASED_TEXT, "")
    kept.refresh_from_db()
    assert kept.title == "Andere vraag"
    assert len(logged(post, log_actions.RESIDENT_DELETE)) == 1


def test_an_anonymised_post_shows_that_it_no_longer_exists(client, board, post):
    # Anonymised without a new link version (as an older purge did).
    HelpPost.objects.filter(pk=post.pk).update(
        title=ERASED_TEXT,
        description=ERASED_TEXT,
        first_name="",
        email="",
        phone="",
        when="",
        moderation_note="",
        status=HelpStatus.CLOSED,
    )
    path = manage_path(post)

    for url in (path, path + "wijzigen/"):
        response = client.get(url)

        assert response.status_code == 410
        assert "Dit bericht bestaat niet meer" in response.content.decode()
    assert client.post(path, {"action": "close", "confirm": "1"}).status_code == 410


def test_the_private_link_cannot_be_pointed_at_another_address(client, board, post):
    """Otherwise whoever holds a link could change the address to someone
    else's and then "erase everything" about that person."""
    victim = HelpRequestFactory(site=post.site, email="slachtoffer@example.org")
    token = manage_token(post)

    edited = client.post(
        edit_path(board, token),
        human_post_data(HelpPostEditForm, edit_data(email="slachtoffer@example.org")),
    )
    erased = client.post(
        board.url + board.reverse_subpage("manage", args=[token]),
        {"action": "erase", "confirm": "1"},
    )

    assert edited.status_code == 302
    assert erased.status_code == 302
    post.refresh_from_db()
    assert post.email == ""  # hers, erased
    victim.refresh_from_db()
    assert victim.email == "slachtoffer@example.org"
    assert victim.title != "[verwijderd]"
