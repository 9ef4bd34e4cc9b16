"""Journey in Chromium, as a resident on a phone (360x740) on the demo town.

She types "schulden" and her postcode into "Waar zoek je hulp bij?", lands on
the sociale kaart with organisations for money matters, then chooses her wijk
by postcode and sees the home page change: her wijk's news first and its
buurtverbinders with their faces, spreekuur and "Stel je vraag". The
console stays free of errors and the page never scrolls sideways.

Screenshots go to ``$BUURTPLEIN_SCREENSHOTS`` when that is set.
"""

import os
from io import StringIO
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from wagtail.models import Site

from neighbourhoods.models import NeighbourhoodPage
from socialmap.models import SocialMapPage

pytestmark = pytest.mark.django_db

PHONE = {"width": 360, "height": 740}
DEMO_POSTCODE = "4201 AB"  # Binnenstad, Merwestad
SCREENSHOTS = os.environ.get("BUURTPLEIN_SCREENSHOTS", "")


def screenshot(page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=True)


def no_sideways_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_a_resident_finds_help_and_her_wijk_on_the_demo_home_page(
    settings, browse, browser_server
):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    settings.DEBUG = False
    merwestad = Site.objects.get(is_default_site=True).root_page
    # Paths, not page.url: with two demo sites that is a full URL on port 8000.
    social_map = SocialMapPage.objects.descendant_of(merwestad).get().get_url_parts()[2]
    binnenstad = (
        NeighbourhoodPage.objects.descendant_of(merwestad)
        .get(neighbourhood__slug="binnenstad")
        .get_url_parts()[2]
    )

    page, _traffic = browse()
    page.set_viewport_size(PHONE)
    errors = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(f"{browser_server}/")
    box = page.locator("section.help-search")
    assert box.get_by_role("heading", name="Waar zoek je hulp bij?").is_visible()
    assert box.locator(".help-search__link").count() >= 5
    assert box.get_by_role("link", name="Vraag hulp aan je buren").is_visible()
    assert page.get_by_role("heading", name="Kies je wijk").is_visible()
    assert page.get_by_text("Fatma Yilmaz").count() == 0
    assert no_sideways_scroll(page)
    screenshot(page, "journey-1-home-360")

    box.get_by_label("Waar gaat het over?").fill("schulden")
    box.get_by_label("Je postcode (hoeft niet)").fill(DEMO_POSTCODE)
    box.get_by_role("button", name="Zoek hulp").click()
    page.wait_for_url(f"{browser_server}{social_map}?**")

    address = urlsplit(page.url)
    assert address.path == social_map
    assert parse_qs(address.query) == {"q": ["schulden"], "postcode": [DEMO_POSTCODE]}
    cards = page.locator("#organisations-heading ~ ul article.card")
    money = cards.filter(has_text="Geldzaken")
    assert money.count() >= 1
    assert money.first.is_visible()
    assert no_sideways_scroll(page)
    screenshot(page, "journey-2-results-360")

    page.goto(f"{browser_server}/")
    choose = page.locator("section.my-wijk")
    choose.get_by_label("Je postcode").fill(DEMO_POSTCODE)
    choose.get_by_role("button", name="Kies mijn wijk").click()
    page.wait_for_url(f"{browser_server}/")

    mine = page.locator("section.my-wijk")
    assert mine.get_by_role("heading", name="Jouw wijk: Binnenstad").is_visible()
    fatma = mine.locator(".connector").filter(has_text="Fatma Yilmaz")
    assert fatma.locator("img.connector__photo").is_visible()
    assert "Spreekuur" in fatma.inner_text()
    ask = fatma.get_by_role("link", name="Stel je vraag")
    assert ask.get_attribute("href").startswith(binnenstad)
    assert "@" not in mine.inner_html()
    first_news = page.locator("#news-heading ~ ul .card").first
    assert first_news.locator(".meta").inner_text().startswith("Binnenstad ·")
    assert page.get_by_role("heading", name="Kies je wijk").count() == 0
    assert no_sideways_scroll(page)
    screenshot(page, "journey-3-my-wijk-360")

    ask.click()
    page.wait_for_url(f"{browser_server}{binnenstad}buurtverbinder/**")
    assert page.get_by_role(
        "heading", name="Stel je vraag aan Fatma Yilmaz"
    ).is_visible()
    assert no_sideways_scroll(page)

    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{browser_server}/")
    screenshot(page, "journey-4-my-wijk-1280")
    page.goto(f"{browser_server}{binnenstad}")
    assert page.locator(".connector").filter(has_text="Fatma Yilmaz").count() == 1
    screenshot(page, "journey-5-wijk-page-1280")

    assert errors == []
