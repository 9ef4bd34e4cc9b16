"""The statements on a phone: Chromium at 360 and 320 pixels wide."""

import pytest

from core.models import PlatformSettings
from tests.a11y import axe_violations, describe, horizontal_overflow

pytestmark = pytest.mark.django_db


@pytest.fixture
def platform(site):
    settings = PlatformSettings.for_site(site)
    settings.municipality = "Gemeente Teststad"
    settings.contact_email = "redactie@teststad.example"
    settings.dpo_name = "Functionaris gegevensbescherming Teststad"
    settings.dpo_email = "fg@teststad.example"
    settings.accessibility_known_issues = "Oude pdf's zijn niet toegankelijk."
    settings.save()
    return settings


@pytest.mark.parametrize("width", [360, 320])
def test_the_statements_read_well_on_a_phone(browse, browser_server, platform, width):
    page, _traffic = browse()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.set_viewport_size({"width": width, "height": 740})

    for path, heading in [
        ("/privacyverklaring/", "Privacyverklaring"),
        ("/toegankelijkheidsverklaring/", "Toegankelijkheidsverklaring"),
    ]:
        response = page.goto(f"{browser_server}{path}")
        assert response.status == 200
        assert page.inner_text("h1").replace("\u00ad", "") == heading
        assert horizontal_overflow(page) == [], horizontal_overflow(page)
        violations = axe_violations(page)
        assert violations == [], describe(violations)
        # The footer links to both statements, on every page.
        footer = page.locator("footer")
        assert footer.get_by_role("link", name="Privacyverklaring").get_attribute(
            "href"
        ) == ("/privacyverklaring/")
    assert [e for e in errors if "favicon" not in e] == []
