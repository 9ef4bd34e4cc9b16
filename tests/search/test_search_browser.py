"""A resident on a phone (360 px) searches the sociale kaart for "schulden"
with a postcode, in Chromium: the help is found, the page does not scroll
sideways and the console stays free of errors. Nothing found: the loket, the
gids and the neighbours are offered. Screenshots in /tmp/search/."""

import tempfile
from pathlib import Path

import pytest

from core.models import PlatformSettings
from tests.factories import (
    OrganisationPageFactory,
    ServiceFactory,
    SocialMapPageFactory,
)

pytestmark = pytest.mark.django_db
SCREENSHOTS = Path(tempfile.gettempdir()) / "search"


@pytest.fixture
def kaart(site, neighbourhood):
    settings = PlatformSettings.for_site(site)
    settings.contact_phone = "0183 20 30 40"
    settings.save()
    index = SocialMapPageFactory(parent=site.root_page, slug="sociale-kaart")
    gemeente = OrganisationPageFactory(parent=index, title="Gemeente Teststad")
    ServiceFactory(page=gemeente, name="Schuldhulpverlening")
    gemeente.save_revision().publish()
    OrganisationPageFactory(parent=index, title="Repair Café Teststad")
    return index


def test_a_resident_on_a_phone_finds_help_with_debts(browse, browser_server, kaart):
    SCREENSHOTS.mkdir(exist_ok=True)
    page, _traffic = browse()
    page.set_viewport_size({"width": 360, "height": 740})
    errors = []
    page.on(
        "console",
        lambda message: message.type == "error" and errors.append(message.text),
    )

    page.goto(f"{browser_server}/sociale-kaart/")
    page.get_by_label("Waar zoek je hulp bij?").fill("schulden")
    postcode = page.get_by_label("Je postcode")
    if not postcode.is_visible():
        page.locator("summary").filter(has_text="Filters").click()
    postcode.fill("4202 AB")
    postcode.press("Enter")
    page.wait_for_url("**/sociale-kaart/?q=schulden*")

    results = page.locator("#organisations-heading").locator("xpath=..")
    assert results.get_by_text("1 organisatie gevonden").is_visible()
    assert results.get_by_role("heading", name="Gemeente Teststad").is_visible()
    assert results.get_by_text("Repair Café Teststad").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=SCREENSHOTS / "browser-schulden.png", full_page=True)

    page.get_by_label("Waar zoek je hulp bij?").fill("xyzzyq")
    page.get_by_label("Waar zoek je hulp bij?").press("Enter")
    page.wait_for_url("**q=xyzzyq*")
    notice = page.locator("[data-no-results]")
    assert notice.get_by_role("link", name="0183 20 30 40").get_attribute("href") == (
        "tel:0183203040"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=SCREENSHOTS / "browser-niets-gevonden.png", full_page=True)
    assert errors == []
