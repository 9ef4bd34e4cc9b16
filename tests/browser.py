"""Headless Chromium for browser tests, driven by Playwright, against a live
server that shares the test's database transaction.

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
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import WSGIServer
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connections
from django.test.testcases import (
    LiveServerThread,
    QuietWSGIRequestHandler,
    _MediaFilesHandler,
)
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
def browse(chromium, browser_server):
    """``browse(javascript=True)``: a fresh page and the traffic it makes."""
    contexts = []

    def open_page(*, javascript: bool = True):
        context = chromium.new_context(
            java_script_enabled=javascript, viewport={"width": 1280, "height": 900}
        )
        contexts.append(context)
        traffic = Traffic(browser_server)
        context.route(f"https://{PDOK_HOST}/**", traffic.tile)
        # Only watched, not intercepted: the network here is closed anyway.
        context.on("request", traffic.seen)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page, traffic

    yield open_page
    for context in contexts:
        context.close()


class SharedConnectionServerThread(LiveServerThread):
    """A live server on the test's own database connection, one request at a
    time, so pages see the test's data inside its transaction, which is rolled
    back afterwards like any other test's (on SQLite and PostgreSQL alike).

    Django's LiveServerTestCase needs a transactional test instead, which
    flushes the data Wagtail's migrations made (the default locale, the root
    page) and breaks every test after it. Django's non-threaded server closes
    each connection after its response, so the browser's parallel requests
    queue instead of interleaving on the shared database connection.
    """

    def _create_server(self, connections_override=None):
        return WSGIServer(
            (self.host, self.port), QuietWSGIRequestHandler, allow_reuse_address=False
        )

    def run(self):
        # As LiveServerThread.run, without closing the shared connection at the end.
        for alias, connection in (self.connections_override or {}).items():
            connections[alias] = connection
        try:
            handler = self.static_handler(_MediaFilesHandler(WSGIHandler()))
            self.httpd = self._create_server()
            if self.port == 0:
                self.port = self.httpd.server_address[1]
            self.httpd.set_app(handler)
            self.is_ready.set()
            self.httpd.serve_forever()
        except Exception as error:  # reported to the test by browser_server
            self.error = error
            self.is_ready.set()


@pytest.fixture
def browser_server(db):
    """The base URL of a live server sharing this test's database transaction."""
    connection = connections["default"]
    connection.inc_thread_sharing()
    # As Django's test client does: a request must not close the connection
    # that holds the test's transaction.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    # Static files through the finders, as runserver serves them (not STATIC_ROOT).
    thread = SharedConnectionServerThread(
        "localhost", StaticFilesHandler, connections_override={"default": connection}
    )
    thread.daemon = True
    try:
        thread.start()
        thread.is_ready.wait()
        if thread.error:
            raise thread.error
        yield f"http://localhost:{thread.port}"
    finally:
        thread.terminate()
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)
        connection.dec_thread_sharing()
