"""tests/a11y.py finds what it should, under the public pages' CSP."""

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.a11y import axe_violations, describe, horizontal_overflow

pytestmark = pytest.mark.django_db


def test_axe_runs_under_the_public_csp_and_reports_a_violation(browse, browser_server):
    page, _ = browse()
    # The page's own layout is checked in test_every_public_page; here only
    # what the harness finds in elements added for the purpose.
    response = page.goto(f"{browser_server}/bestaat-niet/")
    assert response.status == 404
    assert "script-src" in response.headers["content-security-policy"]
    assert horizontal_overflow(page) == [], horizontal_overflow(page)
    # Playwright's add_script_tag would add an inline script, which the CSP refuses.
    with pytest.raises(PlaywrightError):
        page.add_script_tag(content="window.injected = true;")

    page.evaluate(
        """() => {
            const img = document.createElement("img");
            img.src = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";
            document.querySelector("main").append(img);
            const wide = document.createElement("div");
            wide.className = "too-wide";
            wide.style.width = "1600px";
            wide.style.height = "10px";
            document.querySelector("main").append(wide);
        }"""
    )
    violations = axe_violations(page)
    assert "image-alt" in {v["id"] for v in violations}, describe(violations)
    overflow = horizontal_overflow(page)
    assert overflow[0]["element"] == "document"
    assert "div.too-wide" in {item["element"] for item in overflow}
