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
