"""The search box's name suggestions in headless Chromium (tests/browser.py)."""

import pytest

from tests.factories import OrganisationPageFactory, SocialMapPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kaart(site):
    index = SocialMapPageFactory(parent=site.root_page, slug="sociale-kaart")
    for title in ("Taalhuis", "Schuldhulp Merwestad", "Buurthuis De Brug"):
        OrganisationPageFactory(parent=index, title=title)
    return index


def test_typing_a_misspelt_name_offers_the_organisation(browse, browser_server, kaart):
    page, traffic = browse()
    page.goto(f"{browser_server}/sociale-kaart/")
    box = page.locator("#socialmap-q")
    suggestions = page.locator("[data-suggestions]")
    assert not suggestions.is_visible()

    box.press_sequentially("schludhulp", delay=30)
    suggestions.locator("a").first.wait_for()
    links = suggestions.locator("a")
    assert links.all_inner_texts() == ["Schuldhulp Merwestad"]
    assert (
        page.locator("[data-suggestions-status]")
        .inner_text()
        .startswith("Onder het zoekveld staan organisaties")
    )

    # Arrow down into the list, Enter follows the link to the profile.
    box.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent") == (
        "Schuldhulp Merwestad"
    )
    page.keyboard.press("Enter")
    page.wait_for_url(f"{browser_server}/sociale-kaart/schuldhulp-merwestad/")
    assert traffic.elsewhere == []


def test_clearing_the_box_or_escape_hides_the_suggestions(
    browse, browser_server, kaart
):
    page, _traffic = browse()
    page.goto(f"{browser_server}/sociale-kaart/")
    box = page.locator("#socialmap-q")
    suggestions = page.locator("[data-suggestions]")

    box.press_sequentially("taal", delay=30)
    suggestions.locator("a").first.wait_for()
    box.press("Escape")
    assert not suggestions.is_visible()

    box.fill("")  # Escape in a search box may also clear it (Chromium does)
    box.press_sequentially("taalhuys", delay=30)
    suggestions.locator("a").first.wait_for()
    assert suggestions.locator("a").all_inner_texts() == ["Taalhuis"]
    box.fill("")
    box.dispatch_event("input")
    page.wait_for_timeout(400)
    assert not suggestions.is_visible()
