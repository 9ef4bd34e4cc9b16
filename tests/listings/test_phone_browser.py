"""The listing pages on a phone, in Chromium (tests/browser.py).

A resident at 360x740 opens the agenda, taps "Dit weekend", sees only this
weekend's activities, opens one and downloads its date for a calendar app.
At 320 px nothing makes a listing page scroll sideways (WCAG 1.4.10), and
axe-core finds no violations at 320 and 1280 px (tests/a11y.py).

'Now' is fixed on the server (Wednesday 15 May 2030 at noon), so "this
weekend" is 18 and 19 May whenever the tests run.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from tests.a11y import AXE_SOURCE, axe_violations, describe, horizontal_overflow
from tests.factories import (
    AgendaPageFactory,
    EventPageFactory,
    LocationFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    OrganisationPageFactory,
    ServiceFactory,
    SocialMapPageFactory,
    VacancyIndexPageFactory,
    VacancyPageFactory,
)
from tests.factories.socialmap import OpeningHoursFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
WEDNESDAY_NOON = datetime.datetime(2030, 5, 15, 12, tzinfo=AMSTERDAM)
PHONE = {"width": 360, "height": 740}
SMALLEST = {"width": 320, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
# What a phone has to wrap: one long word, a long e-mail address, a long URL.
LONG_WORD = "Jeugdgezondheidszorgvrijwilligersondersteuningsspreekuur"
LONG_EMAIL = "vrijwilligerscoordinatie.jeugdgezondheidszorg@merwestad-gemeente.example"
LONG_URL = "https://www.merwestad-gemeente.example/sociaal-domein/ondersteuning/"


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2030, 5, day, hour, minute, tzinfo=AMSTERDAM)


@pytest.fixture
def town(site, neighbourhood, theme, monkeypatch):
    """An agenda with a week of activities, a sociale kaart with located
    organisations and opening hours, and vacancies, with long words to wrap."""
    monkeypatch.setattr(timezone, "now", lambda: WEDNESDAY_NOON)
    home = site.root_page
    agenda = AgendaPageFactory(parent=home, slug="agenda")

    def event(title, start, **kwargs):
        return EventPageFactory(
            parent=agenda,
            title=title,
            start=start,
            end=start + datetime.timedelta(hours=2),
            neighbourhoods=[neighbourhood],
            themes=[theme],
            **kwargs,
        )

    event("Koffie op woensdag", at(15, 15))
    event("Vrijdagavondconcert", at(17, 20))
    market = event("Rommelmarkt op het plein", at(18, 14), cost="", is_free=True)
    event(f"Wandeling {LONG_WORD}", at(19, 10), registration_contact=LONG_EMAIL)
    event("Taalcafé op maandag", at(20, 10))

    kaart = SocialMapPageFactory(parent=home, slug="sociale-kaart")
    organisation = OrganisationPageFactory(
        parent=kaart,
        title=f"Stichting {LONG_WORD}",
        email=LONG_EMAIL,
        website=LONG_URL,
        phone="0183 123 456",
    )
    ServiceFactory(page=organisation, name=f"Spreekuur {LONG_WORD}")
    location = LocationFactory(
        page=organisation,
        name="Buurthuis De Brug",
        latitude=Decimal("51.834100"),
        longitude=Decimal("4.972200"),
    )
    for weekday in range(5):
        OpeningHoursFactory(location=location, weekday=weekday)
    for number in range(3):
        other = OrganisationPageFactory(parent=kaart, title=f"Buurthuis {number}")
        LocationFactory(
            page=other,
            latitude=Decimal("51.83") + Decimal(number) / 100,
            longitude=Decimal("4.97"),
        )

    wijk = NeighbourhoodPageFactory(
        parent=NeighbourhoodIndexPageFactory(parent=home), neighbourhood=neighbourhood
    )
    vacancies = VacancyIndexPageFactory(parent=home, slug="vrijwilligerswerk")
    vacancy = VacancyPageFactory(
        parent=wijk,
        title=f"Vrijwilliger {LONG_WORD}",
        contact_name="Petra de Vries-van Merwestad",
        contact_email=LONG_EMAIL,
        contact_phone="0183 20 30 41",
    )
    return {
        "agenda": agenda.url,
        "market": market,
        "kaart": kaart.url,
        "organisation": organisation.url,
        "vacancies": vacancies.url,
        "vacancy": vacancy.url,
        "event": market.url,
    }


@pytest.fixture
def phone(browse):
    """A Chromium page at ``viewport``, and the console errors it gets."""

    def open_page(viewport):
        page, _traffic = browse()
        page.set_viewport_size(viewport)
        errors = []
        page.on(
            "console",
            lambda message: (
                errors.append(message.text) if message.type == "error" else None
            ),
        )
        page.on("pageerror", lambda error: errors.append(str(error)))
        return page, errors

    return open_page


def text(locator) -> str:
    return " ".join(locator.text_content().split())


def in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return (
        box is not None
        and box["y"] >= 0
        and box["y"] + box["height"] <= size["height"]
        and box["x"] + box["width"] <= size["width"]
    )


def test_a_resident_picks_this_weekend_and_puts_an_activity_in_their_calendar(
    phone, browser_server, town
):
    page, errors = phone(PHONE)

    # The agenda: the filters folded, the count and the quick choices in view.
    page.goto(f"{browser_server}{town['agenda']}")
    summary = page.locator(".filters__summary")
    assert text(summary) == "Filters"
    assert not page.locator("#filter-wanneer").is_visible()
    assert in_viewport(page, page.locator(".listing-count"))
    assert page.locator(".listing-count").inner_text() == "5 datums gevonden"
    weekend = page.get_by_role("link", name="Dit weekend", exact=True)
    assert in_viewport(page, weekend)
    assert weekend.bounding_box()["height"] >= 44

    # "Dit weekend": only Saturday's and Sunday's activities, the choice shown.
    weekend.click()
    page.wait_for_url(lambda url: "wanneer=weekend" in url)
    assert page.locator(".listing-count").inner_text() == "2 datums gevonden"
    assert page.locator(".agenda-item .card__title").all_inner_texts() == [
        "Rommelmarkt op het plein",
        f"Wandeling {LONG_WORD}",
    ]
    assert page.locator(".agenda-day h3").all_inner_texts() == [
        "Zaterdag 18 mei 2030",
        "Zondag 19 mei 2030",
    ]
    chosen = page.locator(".chip--active")
    assert chosen.count() == 1
    assert chosen.get_attribute("aria-current") == "true"
    assert chosen.inner_text().startswith("Dit weekend")
    assert text(summary) == "Filters (1 actief)"

    # The activity, and its date for a calendar app.
    page.get_by_role("link", name="Rommelmarkt op het plein").click()
    page.wait_for_url(f"**{town['event']}")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Rommelmarkt op het plein"
    )
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Zet in mijn agenda").click()
    download = download_info.value
    calendar = Calendar.from_ical(download.path().read_bytes())
    events = calendar.walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == ["Rommelmarkt op het plein"]
    start = events[0].decoded("DTSTART")
    assert start == at(18, 14)
    assert str(start.tzinfo) == "Europe/Amsterdam"
    assert events[0].decoded("DTEND") == at(18, 16)
    assert download.suggested_filename == f"activiteit-{town['market'].pk}.ics"

    # Back in the agenda, the chosen weekend is taken away with one tap.
    page.go_back()
    page.locator(".chip--active").click()
    page.wait_for_url(lambda url: "wanneer" not in url)
    assert page.locator(".listing-count").inner_text() == "5 datums gevonden"
    assert errors == []


def test_on_a_wide_screen_the_filters_are_open(phone, browser_server, town):
    page, errors = phone(DESKTOP)

    page.goto(f"{browser_server}{town['agenda']}")
    page.wait_for_function(
        "document.querySelector('[data-filters-disclosure]').open === true"
    )

    assert page.locator("#filter-wanneer").is_visible()
    assert errors == []


def test_on_a_phone_the_results_come_before_the_map(phone, browser_server, town):
    page, errors = phone(PHONE)

    page.goto(f"{browser_server}{town['kaart']}")
    page.wait_for_selector("[data-map-ready]")

    results = page.locator("#organisations-heading").bounding_box()
    first_card = page.locator(".grid .card").first.bounding_box()
    the_map = page.locator(".map").bounding_box()
    assert results["y"] < first_card["y"] < the_map["y"]
    assert not page.locator("#filter-leefring").is_visible()
    assert in_viewport(page, page.locator(".listing-count"))
    assert errors == []


PAGES = ["agenda", "kaart", "organisation", "vacancies", "vacancy", "event"]


@pytest.mark.parametrize("viewport", [SMALLEST, DESKTOP], ids=["320", "1280"])
def test_listing_pages_fit_the_screen_and_pass_axe(
    phone, browser_server, town, viewport
):
    page, errors = phone(viewport)
    problems = {}

    for name in PAGES:
        page.goto(f"{browser_server}{town[name]}")
        if name in ("kaart", "organisation"):
            page.wait_for_selector("[data-map-ready]")
        found = []
        overflow = horizontal_overflow(page)
        if overflow:
            found.append(f"scrolls sideways: {overflow}")
        if viewport is SMALLEST:
            # Open the folded filters too: they must fit as well.
            disclosure = page.locator(".filters__summary")
            if disclosure.count():
                disclosure.click()
                overflow = horizontal_overflow(page)
                if overflow:
                    found.append(f"open filters scroll sideways: {overflow}")
        violations = axe_violations(page)
        if violations:
            found.append(describe(violations))
        if found:
            problems[name] = found

    assert problems == {}
    assert errors == []


# axe leaves a link on a map "incomplete" when it cannot tell the background
# (Leaflet's half-transparent box over the tiles); it has to be able to decide.
AXE_ON_ATTRIBUTION = """async () => {
    const result = await axe.run(".leaflet-control-attribution", {
        runOnly: {type: "rule", values: ["color-contrast", "link-in-text-block"]},
    });
    const ids = (list) => list.map((rule) => rule.id).sort();
    return {
        violations: ids(result.violations),
        incomplete: ids(result.incomplete),
        passes: ids(result.passes),
    };
}"""


def test_the_maps_attribution_is_readable_and_its_buttons_dutch_and_large(
    phone, browser_server, town
):
    page, _errors = phone(SMALLEST)
    page.goto(f"{browser_server}{town['organisation']}")
    page.wait_for_selector("[data-map-ready]")

    links = page.locator(".leaflet-control-attribution a")
    assert links.count() >= 1
    for index in range(links.count()):
        decoration = links.nth(index).evaluate(
            "link => getComputedStyle(link).textDecorationLine"
        )
        assert decoration == "underline"
    page.evaluate(AXE_SOURCE)
    assert page.evaluate(AXE_ON_ATTRIBUTION) == {
        "violations": [],
        "incomplete": [],
        "passes": ["color-contrast", "link-in-text-block"],
    }
    zoom_in = page.locator(".leaflet-control-zoom-in")
    assert zoom_in.bounding_box()["height"] >= 44
    assert zoom_in.get_attribute("aria-label") == "Inzoomen"
