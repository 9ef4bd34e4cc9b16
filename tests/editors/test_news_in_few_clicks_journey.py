"""Journey in Chromium at 1280: the demo buurtverbinder writes a news item for
their wijk in at most eight clicks.

From the dashboard's shortcut to a new news item with their wijk already
ticked and a text block ready, an image uploaded with its alt text, the live
taalcheck reacting to a long sentence while typing, and "Stuur door" (which
shows the taalcheck's tips once more). Every click on a button, link, tab or
file chooser counts; typing in a field does not. Screenshots of each step go
to ``$BUURTPLEIN_SCREENSHOTS`` when that is set.

Logging in is not part of this journey: the browser gets the session of a
test client's ``force_login`` (as tests/journeys/test_approval_journey.py).
"""

import os
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from news.models import NewsPage
from tests.browser import BLANK_TILE

pytestmark = pytest.mark.django_db

MAX_CLICKS = 8
TITLE = "Samen tuinieren in het Wilhelminapark"
ALT_TEXT = "Buren planten bloemen in een grote plantenbak"
LONG_SENTENCE = (
    "Wij nodigen iedereen die in de Binnenstad woont en het leuk vindt om samen "
    "met de buren te tuinieren van harte uit om zaterdag naar het park te komen."
)


class Clicks:
    """Clicks the way a person makes them, counted."""

    def __init__(self, page, shots: Path | None):
        self.page = page
        self.count = 0
        self.shots = shots

    def click(self, locator, what: str):
        self.count += 1
        locator.click()
        self.shot(f"{self.count:02d}-{what}")

    def choose_file(self, locator, path: Path, what: str):
        """Clicking a file input and picking a file: one click."""
        self.count += 1
        locator.set_input_files(str(path))
        self.shot(f"{self.count:02d}-{what}")

    def shot(self, name: str):
        if self.shots:
            self.page.screenshot(path=str(self.shots / f"{name}.png"))


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # the demo makes users with its known password
    call_command("load_demo", stdout=StringIO())
    settings.DEBUG = False
    return get_user_model().objects.get(username="buurtverbinder")


def logged_in(browse, server, user):
    client = Client()
    client.force_login(user)
    page, _traffic = browse()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": server,
            }
        ]
    )
    errors, responses, bodies = [], [], []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))

    def failed(response):
        if response.status >= 400:
            request = response.request
            responses.append(
                (response.status, request.method, request.resource_type, response.url)
            )
            bodies.append(body(response))

    page.on("response", failed)
    return page, errors, responses, bodies


def body(response) -> str:
    try:
        return response.text()
    except Exception:  # a body the browser no longer has
        return ""


def real_errors(errors: list[str], responses) -> list[str]:
    """The console's errors and failed requests, less the editor's autosaves
    that are refused while the form is not complete or is being sent (a
    background fetch to the editor's own address that answers 400 with
    ``validation_error`` or ``blocked_by_hook``, see
    editorial.approval_hooks.autosave_never_acts): the editor shows those
    itself and the form's own submit decides."""
    autosave = re.compile(r"/admin/pages/(add/[a-z]+/[a-z]+/\d+|\d+/edit)/$")
    refused = [
        (status, method, kind, url)
        for status, method, kind, url in responses
        if status == 400
        and method == "POST"
        and kind in ("fetch", "xhr")
        and autosave.search(url)
    ]
    found = [
        " ".join(map(str, response))
        for response in responses
        if response not in refused
    ]
    found += [
        error
        for error in errors
        if not (refused and "the server responded with a status of 400" in error)
    ]
    return found


def test_the_demo_buurtverbinder_sends_news_with_an_image_in_eight_clicks(
    demo, browse, browser_server, tmp_path
):
    shots = os.environ.get("BUURTPLEIN_SCREENSHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
    photo = tmp_path / "tuinieren.png"
    photo.write_bytes(BLANK_TILE)
    page, errors, responses, bodies = logged_in(browse, browser_server, demo)
    clicks = Clicks(page, Path(shots) if shots else None)

    page.goto(f"{browser_server}/admin/")
    clicks.shot("00-dashboard")
    dashboard = page.locator("#role-dashboard-section")
    assert "Wat wacht op je?" in dashboard.inner_text()

    # 1. The dashboard's shortcut: a new news item in their own wijk.
    clicks.click(
        dashboard.get_by_role("link", name="Schrijf nieuws voor Binnenstad"),
        "nieuw-bericht",
    )
    page.wait_for_url("**/admin/pages/add/news/newspage/*/")
    live = page.locator(".buurtplein-live-advice")
    live.get_by_text("Begin met schrijven").wait_for()
    clicks.shot("01-nieuw-bericht")
    assert page.get_by_label("Binnenstad", exact=True).is_checked()
    assert page.locator("[name='neighbourhoods']:checked").count() == 1
    page.locator("#id_title").fill(TITLE)

    # 2-5. An image: choose, the upload tab, the file, "Uploaden".
    clicks.click(
        page.locator("[data-contentpath='image'] button").filter(
            has_text="Kies een afbeelding"
        ),
        "afbeelding-kiezen",
    )
    modal = page.locator(".modal-dialog")
    modal.wait_for()
    clicks.click(modal.get_by_role("tab", name="Uploaden"), "uploaden")
    upload = modal.locator("form[enctype='multipart/form-data']").first
    assert "voorleesprogramma" in upload.inner_text()
    clicks.choose_file(upload.locator("input[type='file']"), photo, "bestand")
    # Wagtail fills the title in from the file's name a moment later, as a
    # person sees before pressing "Uploaden".
    page.wait_for_function(
        "() => document.querySelector('[name=image-chooser-upload-title]').value !== ''"
    )
    upload.locator("[name='image-chooser-upload-description']").fill(ALT_TEXT)
    clicks.click(upload.locator("button[type='submit']"), "foto-geupload")
    modal.wait_for(state="hidden", timeout=30_000)
    assert "tuinieren" in page.locator("[data-contentpath='image']").inner_text()

    # 6. The text block is there already: click in it and write.
    editor = page.locator("[data-contentpath='body'] [contenteditable='true']")
    assert editor.count() == 1
    clicks.click(editor, "tekst")
    editor.press_sequentially(f"Kom ook. {LONG_SENTENCE}", delay=5)
    live.get_by_text("Zinnen van meer dan 20 woorden").wait_for()
    assert LONG_SENTENCE in live.inner_text()
    assert "1 tip om je tekst makkelijker te maken." in live.inner_text()
    # Right under the text, not in another tab or at the end of the form.
    text_box, advice_box = editor.bounding_box(), live.bounding_box()
    assert 0 <= advice_box["y"] - (text_box["y"] + text_box["height"]) < 200
    live.scroll_into_view_if_needed()
    clicks.shot(f"{clicks.count:02d}-taalcheck-live")

    # 7-8. "Stuur door" is the main button; the tips once more, then send.
    clicks.click(
        page.locator("footer button[name='action-submit']").first, "stuur-door"
    )
    dialog = page.locator("dialog.buurtplein-live-advice__dialog")
    dialog.wait_for()
    assert "Zinnen van meer dan 20 woorden" in dialog.inner_text()
    clicks.click(
        dialog.get_by_role("button", name="Stuur toch door"), "stuur-toch-door"
    )
    page.wait_for_url("**/admin/pages/*/", timeout=30_000)
    clicks.shot("99-verstuurd")

    item = NewsPage.objects.get(title=TITLE)
    assert [wijk.name for wijk in item.neighbourhoods.all()] == ["Binnenstad"]
    assert item.image.description == ALT_TEXT
    assert item.workflow_in_progress
    assert not item.live
    assert clicks.count <= MAX_CLICKS
    assert real_errors(errors, responses) == [], bodies
