"""The example front end, served from a second origin, shows a wijk's agenda
(issue 15).

examples/front-end is served by a tiny static server on 127.0.0.1 (another
origin than the live server's localhost), talks to the API on the live server
across origins (CORS allows it through CORS_ALLOWED_ORIGINS) and is checked in
Chromium as a resident would see it: the right events on the right days, at a
phone's width, without accessibility violations.
"""

from __future__ import annotations

import datetime
import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from tests.a11y import axe_violations, describe, horizontal_overflow
from tests.factories import (
    AgendaPageFactory,
    EventPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)

pytestmark = pytest.mark.django_db

FRONT_END = Path(__file__).resolve().parents[2] / "examples" / "front-end"

DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


#: A live region has its answer: not empty and no longer "… wordt geladen…".
SETTLED = """(selector) => {
  const text = document.querySelector(selector).textContent;
  return text !== "" && !text.endsWith("…");
}"""


def dutch_day(day: datetime.date) -> str:
    """As the page writes a day: 'maandag 14 december'."""
    return f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture
def front_end_origin():
    """examples/front-end on a second origin (127.0.0.1, its own port)."""
    handler = functools.partial(QuietHandler, directory=str(FRONT_END))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(hour, minute))
    )


def test_the_agenda_of_a_wijk_renders_from_another_origin(
    browse,
    browser_server,
    front_end_origin,
    settings,
    home_page,
    neighbourhood,
    other_neighbourhood,
):
    settings.CORS_ALLOWED_ORIGINS = [front_end_origin]
    agenda = AgendaPageFactory(parent=home_page)
    today = timezone.localdate()
    soon, later, too_late = (today + datetime.timedelta(days=n) for n in (3, 10, 20))
    EventPageFactory(
        parent=agenda,
        title="Buurtmaaltijd in het Centrum",
        start=at(soon, 18),
        end=at(soon, 20, 30),
        neighbourhoods=[neighbourhood],
    )
    EventPageFactory(
        parent=agenda,
        title="Repair Café voor de hele stad",
        start=at(later, 10),
        end=at(later, 12),
    )
    EventPageFactory(
        parent=agenda,
        title="Wandeling in West",
        start=at(soon, 14),
        neighbourhoods=[other_neighbourhood],
    )
    EventPageFactory(
        parent=agenda,
        title="Kerstmarkt over drie weken",
        start=at(too_late, 16),
        neighbourhoods=[neighbourhood],
    )
    OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=home_page),
        title="Voedselbank Merwestad",
        introduction="Pakketten met eten voor wie het even niet redt.",
    )

    page, _traffic = browse()
    page.set_viewport_size({"width": 360, "height": 800})
    query = urlencode({"api": browser_server, "site": "localhost", "wijk": "centrum"})
    page.goto(f"{front_end_origin}/index.html?{query}")

    status = page.locator("#agenda-status")
    page.wait_for_function(SETTLED, arg="#agenda-status")
    assert status.inner_text().startswith("2 datums in Centrum van "), (
        status.inner_text()
    )
    days = page.locator("#agenda-results section.day")
    assert days.locator("h3").all_inner_texts() == [
        dutch_day(soon),
        dutch_day(later),
    ]
    first_day = days.nth(0)
    assert first_day.locator("h4").all_inner_texts() == ["Buurtmaaltijd in het Centrum"]
    assert first_day.locator("time").all_inner_texts() == ["18:00", "20:30"]
    assert days.nth(1).locator("h4").all_inner_texts() == [
        "Repair Café voor de hele stad"
    ]
    assert page.locator("#wijk").input_value() == "centrum"
    assert page.locator("#wijk option").all_inner_texts() == [
        "Hele gemeente",
        "Centrum",
        "West",
    ]

    page.fill("#q", "voedselbank")
    page.click("#kaart-form button")
    page.wait_for_function(SETTLED, arg="#kaart-status")
    assert "gevonden" in page.locator("#kaart-status").inner_text()
    assert page.locator("#kaart-results h3").all_inner_texts() == [
        "Voedselbank Merwestad"
    ]

    assert horizontal_overflow(page) == []
    violations = axe_violations(page)
    assert not violations, describe(violations)
