"""In Chromium: the home page's highlights are cards with a drawing, its wijk
links are 44 px tap targets, the brand link stays on the host the browser is
on (the live server's port, not the stored site's), and the agenda's "Alleen
gratis activiteiten" box sits on the line of its words and of the button."""

import pytest

from tests.factories import (
    AgendaPageFactory,
    HomePageHighlightFactory,
    NeighbourhoodFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    TargetGroupFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def centre(box) -> float:
    return box["y"] + box["height"] / 2


@pytest.mark.parametrize("width", [360, 1280])
def test_the_home_page(browse, browser_server, home_page, other_site, width):
    index = NeighbourhoodIndexPageFactory(parent=home_page)
    for name in ("Centrum", "Noord", "Oost"):
        NeighbourhoodPageFactory(
            parent=index, neighbourhood=NeighbourhoodFactory(name=name, slug=name)
        )
    agenda = AgendaPageFactory(parent=home_page)
    HomePageHighlightFactory(page=home_page, highlighted_page=agenda, title="Uit")
    page, _traffic = browse()
    page.set_viewport_size({"width": width, "height": 800})
    errors = []
    page.on(
        "console", lambda message: message.type == "error" and errors.append(message)
    )

    page.goto(f"{browser_server}/agenda/")
    page.locator(".site-header__brand").click()
    page.wait_for_url(f"{browser_server}/")

    highlights = page.locator("#highlights-heading + .grid .card")
    assert highlights.count() == 1
    assert highlights.locator("[data-illustration]").count() == 1
    assert highlights.get_by_role("link").inner_text() == "Uit"
    tags = page.locator(".my-wijk a.tag")
    assert tags.count() == 3
    for tag in tags.all():
        assert tag.bounding_box()["height"] >= 44
    assert errors == []


def test_the_free_only_box_is_in_line_at_1024(browse, browser_server, home_page):
    ThemeFactory()
    TargetGroupFactory()
    agenda = AgendaPageFactory(parent=home_page)
    page, _traffic = browse()
    page.set_viewport_size({"width": 1024, "height": 800})

    page.goto(f"{browser_server}{agenda.get_url_parts()[2]}")

    box = page.locator("#filter-gratis").bounding_box()
    label = page.locator("label[for=filter-gratis]").bounding_box()
    button = page.locator(".filters .field--submit .button").bounding_box()
    assert abs(centre(box) - centre(label)) < 2
    assert abs(centre(box) - centre(button)) < 2
    assert box["x"] < label["x"]
