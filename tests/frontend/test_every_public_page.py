"""Every public template of the demo town, as a resident's phone (320 px wide)
and a desktop (1280 px) show it: no WCAG 2.1 A/AA violation that axe-core
finds, and nothing wider than the window, so the page never scrolls sideways.

Empty states (a search without results) and error states (a form sent empty)
are pages of their own here. A case whose violation lives in a template this
work does not own is marked ``xfail(strict=True)`` with the template, rule and
element, so it stays visible and turns red once it is fixed.

Also here, on the same demo: the header on a 360x740 phone (small, with a
working Menu button and 44px targets) and the pages' titles.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from wagtail.models import Site

from agenda.models import AgendaPage, EventPage
from helpboard.models import HelpBoardPage, HelpPost, HelpStatus
from home.models import ContentPage
from neighbourhoods.models import NeighbourhoodIndexPage, NeighbourhoodPage
from news.models import NewsIndexPage, NewsPage
from socialmap.models import OrganisationPage, SocialMapPage
from tests.a11y import axe_violations, describe, horizontal_overflow
from vacancies.models import VacancyIndexPage, VacancyPage

pytestmark = pytest.mark.django_db

WIDTHS = ((320, 740), (1280, 800))


def site() -> Site:
    return Site.objects.get(is_default_site=True)


def url_of(model, **filters) -> str:
    """The path of the first live page of ``model`` on the default site."""
    home = site().root_page
    page = (
        model.objects.live()
        .public()
        .descendant_of(home)
        .filter(**filters)
        .order_by("path")
        .first()
    )
    assert page is not None, f"the demo has no live {model.__name__}"
    return page.relative_url(site())


def content_page() -> str:
    """A content page below the gids (not the gids itself)."""
    gids = ContentPage.objects.live().descendant_of(site().root_page).first()
    child = ContentPage.objects.live().child_of(gids).order_by("path").first()
    return (child or gids).relative_url(site())


def help_board() -> str:
    return url_of(HelpBoardPage)


def help_post(route: str = "post") -> str:
    board = (
        HelpBoardPage.objects.live().descendant_of(site().root_page).first().specific
    )
    post = (
        HelpPost.objects.filter(site=site(), status=HelpStatus.PUBLISHED)
        .order_by("pk")
        .first()
    )
    return board.relative_url(site()) + board.reverse_subpage(route, args=[post.pk])


def help_submit() -> str:
    board = (
        HelpBoardPage.objects.live().descendant_of(site().root_page).first().specific
    )
    return board.relative_url(site()) + board.reverse_subpage("submit")


def vacancy_respond() -> str:
    vacancy = (
        VacancyPage.objects.live()
        .descendant_of(site().root_page)
        .order_by("path")
        .first()
    )
    return vacancy.relative_url(site()) + vacancy.reverse_subpage("respond")


def connector_question() -> str:
    """The form that asks a buurtverbinder a question."""
    wijk = (
        NeighbourhoodPage.objects.live()
        .descendant_of(site().root_page)
        .filter(connectors__isnull=False)
        .order_by("path")
        .first()
    )
    connector = wijk.connectors.order_by("sort_order").first()
    return wijk.relative_url(site()) + wijk.reverse_subpage(
        "connector_question", args=[connector.pk]
    )


@dataclass(frozen=True)
class Case:
    name: str
    path: Callable[[], str]
    status: int = 200
    # Send the page's main form empty and check the error state instead.
    submit_empty: bool = False
    marks: tuple = field(default=())

    def param(self):
        return pytest.param(self, id=self.name, marks=self.marks)


CASES = [
    Case("home", lambda: "/"),
    Case("gids", lambda: url_of(ContentPage)),
    Case("content page", content_page),
    Case("news index", lambda: url_of(NewsIndexPage)),
    Case("news item", lambda: url_of(NewsPage)),
    Case("agenda", lambda: url_of(AgendaPage)),
    Case(
        "agenda, nothing found",
        lambda: url_of(AgendaPage) + "?van=2001-01-01&tot=2001-01-02",
    ),
    Case("event", lambda: url_of(EventPage)),
    Case("sociale kaart", lambda: url_of(SocialMapPage)),
    Case("sociale kaart, no result", lambda: url_of(SocialMapPage) + "?q=xyzzyqq"),
    Case("organisation", lambda: url_of(OrganisationPage)),
    Case("vacancies", lambda: url_of(VacancyIndexPage)),
    Case("vacancy", lambda: url_of(VacancyPage)),
    Case("vacancy respond", vacancy_respond),
    Case("vacancy respond, sent empty", vacancy_respond, submit_empty=True),
    Case("wijk index", lambda: url_of(NeighbourhoodIndexPage)),
    Case("wijk page", lambda: url_of(NeighbourhoodPage)),
    Case("buurtverbinder question", connector_question),
    Case("buurtverbinder question, sent empty", connector_question, submit_empty=True),
    Case("help board", help_board),
    Case("help post", help_post),
    Case("help submit", help_submit),
    Case("help submit, sent empty", help_submit, submit_empty=True),
    Case("help respond", lambda: help_post("respond")),
    Case("help respond, sent empty", lambda: help_post("respond"), submit_empty=True),
    Case("help report", lambda: help_post("report")),
    Case("help report, sent empty", lambda: help_post("report"), submit_empty=True),
    Case("search", lambda: "/zoeken/?q=buurt"),
    Case("search, no result", lambda: "/zoeken/?q=xyzzyqq"),
    Case("search, no query", lambda: "/zoeken/"),
    Case("tip", lambda: "/tip/"),
    Case("tip, sent empty", lambda: "/tip/", submit_empty=True),
    Case("choose neighbourhood", lambda: "/mijn-wijk/"),
    Case("privacy statement", lambda: "/privacyverklaring/"),
    Case("accessibility statement", lambda: "/toegankelijkheidsverklaring/"),
    Case("404", lambda: "/deze-pagina-bestaat-niet/", status=404),
]


def send_empty(page) -> None:
    """Send the main content's (last) POST form as it is, past the browser's
    own checks, so the server's error state shows."""
    form = page.locator("main form[method='post' i]").last
    form.evaluate("form => { form.noValidate = true; }")
    with page.expect_navigation():
        form.locator("[type='submit']").last.click()


@pytest.mark.parametrize("case", [case.param() for case in CASES])
def test_public_page_passes_axe_and_never_scrolls_sideways(
    case, demo, browse, browser_server, settings
):
    settings.BUURTPLEIN_FORM_MIN_SECONDS = 0
    path = case.path()
    page, _traffic = browse()
    problems = []
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        response = page.goto(browser_server + path)
        assert response.status == case.status, path
        if case.submit_empty:
            send_empty(page)
            assert page.locator("[role='alert']").first.is_visible(), (
                f"{path}: no error summary after sending the form empty"
            )
        violations = axe_violations(page)
        if violations:
            problems.append(f"{path} at {width}px:\n{describe(violations)}")
        overflow = horizontal_overflow(page)
        if overflow:
            problems.append(f"{path} at {width}px scrolls sideways: {overflow}")
    assert not problems, "\n".join(problems)


def test_phone_header_is_small_and_its_menu_opens(demo, browse, browser_server):
    page, _traffic = browse()
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(browser_server + url_of(NewsIndexPage))

    header = page.locator(".site-header").bounding_box()
    assert header["height"] < 0.2 * 740
    navigation = page.get_by_role("navigation", name="Hoofdmenu")
    assert not navigation.is_visible()
    menu = page.get_by_role("button", name="Menu")
    assert menu.get_attribute("aria-expanded") == "false"

    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    assert navigation.is_visible()
    news = navigation.get_by_role("link", name="Nieuws")
    assert news.get_attribute("aria-current") == "page"
    targets = [menu, page.get_by_role("searchbox"), news]
    targets.append(page.get_by_role("button", name="Zoek", exact=True))
    for target in targets:
        box = target.bounding_box()
        assert box["height"] >= 44, target
    assert horizontal_overflow(page) == []

    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    assert not navigation.is_visible()


def test_without_script_the_whole_menu_shows(demo, browse, browser_server):
    page, _traffic = browse(javascript=False)
    page.set_viewport_size({"width": 320, "height": 740})
    page.goto(browser_server + "/")
    assert page.get_by_role("navigation", name="Hoofdmenu").is_visible()
    assert not page.get_by_role("button", name="Menu").is_visible()
    assert horizontal_overflow(page) == []


def test_titles_name_the_platform_once(demo, client):
    name = "Samen Merwestad"
    home = client.get("/", HTTP_HOST="localhost:8000")
    assert home.content.decode().count(f"<title>{name}</title>") == 1
    news = client.get(url_of(NewsIndexPage), HTTP_HOST="localhost:8000")
    assert f"<title>Nieuws | {name}</title>" in news.content.decode()
    missing = client.get("/bestaat-niet/", HTTP_HOST="localhost:8000")
    assert f"<title>Pagina niet gevonden | {name}</title>" in missing.content.decode()


def test_cards_without_an_image_show_a_drawing_only_for_parts_of_the_site(demo, client):
    host = {"HTTP_HOST": "localhost:8000"}
    home = client.get("/", **host).content.decode()
    # The cards that lead to the agenda, the wijken, the news, ... each have a
    # drawing of their own.
    drawings = {
        name
        for name in (
            "agenda",
            "sociale-kaart",
            "vrijwilligerswerk",
            "nieuws",
            "wijk",
            "hulp",
        )
        if f'data-illustration="{name}"' in home
    }
    assert len(drawings) >= 4, drawings
    # A list of vacancies without images repeats no drawing.
    vacancies = client.get(url_of(VacancyIndexPage), **host).content.decode()
    assert 'class="card"' in vacancies
    assert "card__art" not in vacancies
