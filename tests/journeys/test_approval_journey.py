"""Journey in Chromium: a buurtverbinder's news item goes through "Goedkeuring".

Anouk (buurtverbinder of Centrum) writes news items in the real editor and
submits them; Petra (Communicatie) approves one in the editor through the
dialog, one from her dashboard, and sends one back with a comment, which
reaches Anouk's mailbox. Every step is checked as a person would see it; the
browser's console stays free of errors.

Logging in is not part of this journey: the browser gets the session of a
test client's ``force_login`` (which passes two-factor authentication, see
tests/conftest.py); tests/accounts/ go through the login form.
"""

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from editorial.plain_language import plain_language_check
from editorial.services import buurtverbinder_grant, communicatie_grant
from news.models import NewsPage
from tests.factories import NeighbourhoodIndexPageFactory, NeighbourhoodPageFactory

pytestmark = pytest.mark.django_db

COMMENT = "Zet de tijd erbij, dan weten mensen wanneer ze kunnen komen."


@pytest.fixture
def wijk(site, neighbourhood):
    return NeighbourhoodPageFactory(
        parent=NeighbourhoodIndexPageFactory(parent=site.root_page),
        neighbourhood=neighbourhood,
    )


@pytest.fixture
def people(site, wijk):
    from tests.editorial.test_approval_entry_points import make_user

    anouk = make_user("anouk", "Anouk")
    petra = make_user("petra", "Petra")
    buurtverbinder_grant(user=anouk, neighbourhood_page=wijk)
    communicatie_grant(user=petra, site=site)
    return {"anouk": anouk, "petra": petra}


@pytest.fixture
def log_in(browse, browser_server):
    """A Chromium page logged in as ``user``, and the console errors it gets."""

    def open_as(user):
        client = Client()
        client.force_login(user)
        page, _traffic = browse()
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": browser_server,
                }
            ]
        )
        errors = []
        page.on(
            "console",
            lambda message: (
                errors.append(message.text) if message.type == "error" else None
            ),
        )
        page.on("pageerror", lambda error: errors.append(str(error)))
        return page, errors

    return open_as


def write_news(page, server, wijk, title: str, text: str) -> NewsPage:
    """Anouk writes a news item for her wijk and clicks "Stuur door"."""
    page.goto(f"{server}/admin/pages/add/news/newspage/{wijk.pk}/")
    page.fill("#id_title", title)
    page.fill("#id_introduction", "Kom ook, iedereen is welkom.")
    # A new page starts with a text block (core.page_forms).
    editor = page.locator("[data-contentpath='body'] [contenteditable='true']").first
    editor.click()
    editor.press_sequentially(text, delay=5)
    # Draftail writes what was typed into its input a moment later.
    page.wait_for_timeout(600)
    wijken = page.locator("[name='neighbourhoods']")
    if wijken.first.evaluate("element => element.tagName") == "SELECT":
        wijken.select_option(label=wijk.neighbourhood.name)
    else:
        page.get_by_label(wijk.neighbourhood.name, exact=True).check()
    page.locator("footer .w-dropdown__toggle").click()
    page.locator("footer button[name='action-submit']").click()
    written = f"{title}\n\nKom ook, iedereen is welkom.\n\n{text}"
    if plain_language_check(text=written).finding_count:
        # The live taalcheck shows its tips once more (tests/editors/).
        page.get_by_role("button", name="Stuur toch door").click()
    page.wait_for_url(f"{server}/admin/pages/{wijk.pk}/", timeout=30_000)
    item = NewsPage.objects.get(title=title)
    assert item.current_workflow_task.name.startswith("Goedkeuring door")
    return item


def workflow_button(page, label: str):
    page.locator("footer .w-dropdown__toggle").click()
    page.locator("footer").get_by_role("button", name=label, exact=True).click()


def dialog(page):
    box = page.locator(".modal-dialog, [role='dialog']").filter(
        has=page.locator("form")
    )
    box.first.wait_for()
    return box.first


def message_text(page) -> str:
    return " ".join(page.locator(".messages").inner_text().split())


def wijk_page_shows(page, server, wijk, title: str) -> bool:
    page.goto(f"{server}{wijk.get_url_parts()[2]}")
    return page.get_by_text(title).count() > 0


def test_a_news_item_is_approved_in_the_editor_and_from_the_dashboard(
    log_in, browser_server, wijk, people
):
    anouk, anouk_errors = log_in(people["anouk"])
    first = write_news(
        anouk, browser_server, wijk, "Straatfeest op zaterdag", "Er is muziek."
    )
    second = write_news(
        anouk, browser_server, wijk, "Koffie in het buurthuis", "Elke dinsdag."
    )
    mail.outbox.clear()

    # Petra opens the first in the editor: "Goedkeuren met opmerking", the
    # dialog with the taalcheck, its button.
    petra, petra_errors = log_in(people["petra"])
    petra.goto(f"{browser_server}/admin/pages/{first.pk}/edit/")
    workflow_button(petra, "Goedkeuren met opmerking")
    box = dialog(petra)
    box.locator("textarea[name='comment']").fill("Mooi stuk!")
    box.locator("button[type='submit']").click()
    petra.wait_for_url(f"{browser_server}/admin/pages/{wijk.pk}/")
    assert "'Straatfeest op zaterdag' is goedgekeurd en gepubliceerd." in (
        message_text(petra)
    )
    first.refresh_from_db()
    assert first.live and first.live_revision_id == first.latest_revision_id
    assert not first.workflow_in_progress
    assert wijk_page_shows(petra, browser_server, wijk, "Straatfeest op zaterdag")

    # The second from the dashboard: "Goedkeuren" opens the same dialog.
    petra.goto(f"{browser_server}/admin/")
    row = petra.locator("#awaiting-review-section tr").filter(
        has_text="Koffie in het buurthuis"
    )
    row.get_by_role("button", name="Acties").click()
    row.get_by_role("button", name="Goedkeuren", exact=True).click()
    box = dialog(petra)
    assert "Goedkeuren en publiceren" in box.inner_text()
    box.locator("button[type='submit']").click()
    # The dashboard reloads itself with the message (it was at /admin/ already).
    petra.locator(".messages").filter(
        has_text="'Koffie in het buurthuis' is goedgekeurd en gepubliceerd."
    ).wait_for()
    assert petra.url == f"{browser_server}/admin/"
    second.refresh_from_db()
    assert second.live and not second.workflow_in_progress
    assert wijk_page_shows(petra, browser_server, wijk, "Koffie in het buurthuis")

    assert sorted(message.subject for message in mail.outbox) == [
        'Goedgekeurd: "Koffie in het buurthuis"',
        'Goedgekeurd: "Straatfeest op zaterdag"',
    ]
    assert anouk_errors == []
    assert petra_errors == []


def test_a_request_for_changes_reaches_the_writers_mailbox(
    log_in, browser_server, wijk, people
):
    anouk, anouk_errors = log_in(people["anouk"])
    item = write_news(
        anouk, browser_server, wijk, "Nieuwe openingstijden", "Het is thans open."
    )
    mail.outbox.clear()

    petra, petra_errors = log_in(people["petra"])
    petra.goto(f"{browser_server}/admin/pages/{item.pk}/edit/")
    workflow_button(petra, "Wijzigingsverzoek")
    box = dialog(petra)
    box.locator("textarea[name='comment']").fill(COMMENT)
    box.locator("button[type='submit']").click()
    petra.wait_for_url(f"{browser_server}/admin/pages/{wijk.pk}/")
    assert "'Nieuwe openingstijden' gaat terug naar Anouk, met je opmerking." in (
        message_text(petra)
    )

    [message] = mail.outbox
    assert message.to == ["anouk@example.org"]
    assert COMMENT in message.body
    item.refresh_from_db()
    assert not item.live
    assert not wijk_page_shows(petra, browser_server, wijk, "Nieuwe openingstijden")
    assert anouk_errors == []
    assert petra_errors == []
