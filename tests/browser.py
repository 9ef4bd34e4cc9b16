"""Headless Chromium for browser tests, driven by Playwright.

The browser is Debian's ``chromium`` package (``/usr/bin/chromium``): a test
tool's own browser download cannot reach the internet from these machines.
Where it is missing, the browser tests skip with how to install it, unless
``BUURTPLEIN_REQUIRE_BROWSER`` is set (CI sets it), which turns that skip into
a failure so the tests cannot silently stop running.
"""

import io
import os
import shutil
from urllib.parse import urlsplit

import pytest
from PIL import Image

CHROMIUM = os.environ.get("BUURTPLEIN_CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium keeps calling home, and this
# machine's closed network refuses every one of those connections.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _blank_tile() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), (232, 236, 228)).save(buffer, format="PNG")
    return buffer.getvalue()


BLANK_TILE = _blank_tile()
# Where the default map tiles come from (PDOK), which these machines cannot reach.
PDOK_HOST = "service.pdok.nl"


@pytest.fixture(scope="session")
def chromium():
    if not shutil.which(CHROMIUM):
        message = f"{CHROMIUM} is missing: apt-get install chromium"
        if os.environ.get("BUURTPLEIN_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the test's thread, where
    # Django would otherwise refuse the test's own (synchronous) queries.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()


class Traffic:
    """What the page asked for outside the test server."""

    def __init__(self, server_url: str) -> None:
        self.server = urlsplit(server_url).netloc
        self.tiles: list[str] = []
        self.elsewhere: list[str] = []

    def tile(self, route) -> None:
        self.tiles.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=BLANK_TILE)

    def seen(self, request) -> None:
        host = urlsplit(request.url).netloc
        if host not in (self.server, PDOK_HOST) and request.url.startswith("http"):
            self.elsewhere.append(request.url)


@pytest.fixture
def browse(chromium, live_server):
    """``browse(javascript=True)``: a fresh page and the traffic it makes."""
    contexts = []

    def open_page(*, javascript: bool = True):
        context = chromium.new_context(
            java_script_enabled=javascript, viewport={"width": 1280, "height": 900}
        )
        contexts.append(context)
        traffic = Traffic(live_server.url)
        context.route(f"https://{PDOK_HOST}/**", traffic.tile)
        # Only watched, not intercepted: the network here is closed anyway.
        context.on("request", traffic.seen)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page, traffic

    yield open_page
    for context in contexts:
        context.close()
