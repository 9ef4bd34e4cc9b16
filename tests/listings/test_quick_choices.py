"""Quick choices above the listings ("Vandaag", "Dit weekend", "Gratis" in the
agenda, "Nu open" and "Gratis" on the sociale kaart) and the folded filters'
"Filters (n actief)", through the pages a resident opens.

Each choice is a plain link with GET parameters: it narrows the results exactly
as the filter form does, shows as chosen, and its link then takes it away again
while keeping the other filters.
"""

import datetime
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from tests.factories import (
    AgendaPageFactory,
    EventPageFactory,
    LocationFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)
from tests.factories.socialmap import OpeningHoursFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# A fixed 'now': Wednesday 15 May 2030 at noon; this weekend is 18 and 19 May.
WEDNESDAY_NOON = datetime.datetime(2030, 5, 15, 12, tzinfo=AMSTERDAM)


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2030, 5, day, hour, minute, tzinfo=AMSTERDAM)


@pytest.fixture
def agenda(home_page, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: WEDNESDAY_NOON)
    page = AgendaPageFactory(parent=home_page, slug="agenda")

    def event(title, start, *, free=True, **kwargs):
        EventPageFactory(
            parent=page,
            title=title,
            start=start,
            end=kwargs.pop("end", start + datetime.timedelta(hours=2)),
            is_free=free,
            cost="" if free else "5 euro",
            **kwargs,
        )

    event("Vanmiddag gratis", at(15, 14))
    event("Vanavond betaald", at(15, 20), free=False)
    event("Vrijdag laat", at(17, 22), end=at(17, 23, 59))
    event("Zaterdag vroeg", at(18, 0, 0), free=False)
    event("Zaterdagmiddag", at(18, 14))
    event("Zondag de hele dag", at(19, 0), all_day=True, end=None)
    event("Zondag tot middernacht", at(19, 22), end=at(19, 23, 59), free=False)
    event("Maandag vroeg", at(20, 0, 0))
    return page


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, BeautifulSoup(response.content, "html.parser")


def titles(response) -> list[str]:
    return [occurrence.event.title for occurrence in response.context["items"]]


def chips(soup) -> dict[str, dict]:
    """Each quick choice by its visible label: chosen or not, and where it leads."""
    found = {}
    for link in soup.select(".quick-choices a"):
        hidden = link.select_one(".visually-hidden")
        label = link.get_text(" ", strip=True)
        if hidden is not None:
            label = label.replace(hidden.get_text(" ", strip=True), "").strip()
        found[label] = {
            "chosen": link.get("aria-current") == "true",
            "query": parse_qs(urlsplit(link["href"]).query),
            "name": link.get_text(" ", strip=True),
        }
    return found


def summary(soup) -> str:
    return " ".join(soup.select_one(".filters__summary").get_text(" ").split())


def test_agenda_quick_choices_without_a_choice(client, agenda):
    response, soup = get(client, agenda.url)

    assert len(titles(response)) == 8
    assert chips(soup) == {
        "Vandaag": {
            "chosen": False,
            "query": {"wanneer": ["vandaag"]},
            "name": "Vandaag",
        },
        "Dit weekend": {
            "chosen": False,
            "query": {"wanneer": ["weekend"]},
            "name": "Dit weekend",
        },
        "Gratis": {"chosen": False, "query": {"gratis": ["1"]}, "name": "Gratis"},
    }
    assert summary(soup) == "Filters"
    assert soup.select_one("details.filters__disclosure").get("open") is None


def test_this_weekend_lists_exactly_saturday_and_sunday(client, agenda):
    response, soup = get(client, f"{agenda.url}?wanneer=weekend")

    assert titles(response) == [
        "Zaterdag vroeg",
        "Zaterdagmiddag",
        "Zondag de hele dag",
        "Zondag tot middernacht",
    ]
    choices = chips(soup)
    assert choices["Dit weekend"]["chosen"] is True
    assert choices["Dit weekend"]["name"] == (
        "Dit weekend (gekozen, tik om weg te halen)"
    )
    # Chosen, its link takes it away again.
    assert choices["Dit weekend"]["query"] == {}
    # 'Vandaag' replaces the weekend; 'Gratis' is added to it.
    assert choices["Vandaag"] == {
        "chosen": False,
        "query": {"wanneer": ["vandaag"]},
        "name": "Vandaag",
    }
    assert choices["Gratis"]["query"] == {"wanneer": ["weekend"], "gratis": ["1"]}
    assert soup.select_one('option[value="weekend"]').has_attr("selected")
    assert summary(soup) == "Filters (1 actief)"


def test_today_and_free_combine_and_each_can_be_taken_away(client, agenda):
    today, _ = get(client, f"{agenda.url}?wanneer=vandaag")
    both, soup = get(client, f"{agenda.url}?wanneer=vandaag&gratis=1")

    assert titles(today) == ["Vanmiddag gratis", "Vanavond betaald"]
    assert titles(both) == ["Vanmiddag gratis"]
    choices = chips(soup)
    assert choices["Vandaag"]["chosen"] is True
    assert choices["Gratis"]["chosen"] is True
    assert choices["Dit weekend"]["chosen"] is False
    assert choices["Vandaag"]["query"] == {"gratis": ["1"]}
    assert choices["Gratis"]["query"] == {"wanneer": ["vandaag"]}
    assert choices["Dit weekend"]["query"] == {
        "wanneer": ["weekend"],
        "gratis": ["1"],
    }
    assert summary(soup) == "Filters (2 actief)"


def test_quick_choices_keep_the_other_filters_and_leave_the_page_number(
    client, agenda, neighbourhood, theme, settings
):
    settings.BUURTPLEIN_PAGE_SIZE = 2

    _, soup = get(client, f"{agenda.url}?wijk=centrum&thema={theme.slug}&pagina=2")

    assert chips(soup)["Dit weekend"]["query"] == {
        "wijk": ["centrum"],
        "thema": [theme.slug],
        "wanneer": ["weekend"],
    }
    assert summary(soup) == "Filters (2 actief)"


def test_a_date_error_opens_the_folded_filters(client, agenda):
    _, soup = get(client, f"{agenda.url}?van=morgen")

    assert soup.select_one("details.filters__disclosure").has_attr("open")
    assert "We kunnen de datum bij 'van' niet lezen" in soup.get_text()


# Sociale kaart ------------------------------------------------------------------


@pytest.fixture
def kaart(home_page):
    index = SocialMapPageFactory(parent=home_page, slug="sociale-kaart")
    always_open = OrganisationPageFactory(parent=index, title="Altijd Open")
    location = LocationFactory(page=always_open)
    for weekday in range(7):  # open day and night, so "nu open" whenever it runs
        OpeningHoursFactory(
            location=location,
            weekday=weekday,
            opens=datetime.time(0, 0),
            closes=datetime.time(0, 0),
        )
    closed = OrganisationPageFactory(parent=index, title="Nooit Open")
    LocationFactory(page=closed)
    OrganisationPageFactory(parent=index, title="Zonder Adres")
    return index


def organisation_titles(response) -> list[str]:
    return sorted(page.title for page in response.context["items"])


def test_social_map_now_open(client, kaart):
    everything, soup = get(client, kaart.url)
    open_now, open_soup = get(client, f"{kaart.url}?open=1")

    assert organisation_titles(everything) == [
        "Altijd Open",
        "Nooit Open",
        "Zonder Adres",
    ]
    assert chips(soup)["Nu open"] == {
        "chosen": False,
        "query": {"open": ["1"]},
        "name": "Nu open",
    }
    assert organisation_titles(open_now) == ["Altijd Open"]
    choice = chips(open_soup)["Nu open"]
    assert choice["chosen"] is True
    assert choice["query"] == {}
    assert open_soup.select_one("#filter-open").has_attr("checked")
    assert summary(open_soup) == "Filters (1 actief)"


def test_social_map_quick_choices_keep_the_search_words(client, kaart):
    _, soup = get(client, f"{kaart.url}?q=open&open=1")

    assert chips(soup)["Nu open"]["query"] == {"q": ["open"]}
    assert chips(soup)["Gratis"]["query"] == {
        "q": ["open"],
        "open": ["1"],
        "gratis": ["1"],
    }
