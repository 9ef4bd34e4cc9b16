"""The admin a buurtverbinder and Communicatie see is in Dutch.

Wagtail's own Dutch catalogue keeps "workflow", "snippets", "live" and
"dashboard" in English; locale_overrides/ (LOCALE_PATHS) gives them
Buurtplein's words. Every page these two roles open on a normal day is
rendered here and searched for those English words in what a person reads:
text, labels (aria-label, title, placeholder) and the sidebar's menu.
"""

import json
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model

from editorial.services import (
    approval_workflow_ensure,
    buurtverbinder_grant,
    communicatie_grant,
)
from tests.factories import (
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    NewsPageFactory,
)

pytestmark = pytest.mark.django_db

ENGLISH = re.compile(
    r"\b(Workflows?|workflows?|WORKFLOW|Snippets?|snippets?|Live|LIVE|live|"
    r"Dashboard|Bulk|Checks|Minimap|Incomplete|reviewers|Editor Guide|Actions)\b"
)


class ReadableText(HTMLParser):
    """Text nodes and the labels people read or hear, outside scripts."""

    LABELS = ("aria-label", "title", "placeholder", "alt")
    HIDDEN = ("script", "style", "template")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden += 1
        self.parts += [value for name, value in attrs if name in self.LABELS and value]

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def readable_text(page: str) -> str:
    """What a person reads or hears: text, labels, and the sidebar's menu
    (rendered from JSON by JavaScript)."""
    parser = ReadableText()
    parser.feed(page)
    sidebar = re.search(
        r'<script[^>]*id="wagtail-sidebar-props"[^>]*>(.*?)</script>', page, re.S
    )
    labels = re.findall(r'"label":\s*"([^"]*)"', sidebar[1]) if sidebar else []
    return " ".join([*labels, *parser.parts])


def english_in(page: str) -> list[str]:
    text = readable_text(page)
    return [
        " ".join(text[max(0, m.start() - 40) : m.end() + 40].split())
        for m in ENGLISH.finditer(text)
    ]


def make_user(username: str, first_name: str):
    return get_user_model().objects.create_user(
        username, f"{username}@example.org", first_name=first_name
    )


@pytest.fixture
def admin_day(site, neighbourhood):
    """A wijk with a published item and one waiting for approval."""
    wijk = NeighbourhoodPageFactory(
        parent=NeighbourhoodIndexPageFactory(parent=site.root_page),
        neighbourhood=neighbourhood,
        title="Centrum",
    )
    approval_workflow_ensure(site=site)
    fatma, carla = make_user("fatma", "Fatma"), make_user("carla", "Carla")
    buurtverbinder_grant(user=fatma, neighbourhood_page=wijk)
    communicatie_grant(user=carla, site=site)
    published = NewsPageFactory(parent=wijk, title="Straatfeest")
    waiting = NewsPageFactory(parent=wijk, title="Buurtbarbecue", live=False)
    waiting.save_revision(user=fatma)
    waiting.get_workflow().start(waiting, fatma)
    pages = [
        "/admin/",
        f"/admin/pages/{wijk.pk}/",
        f"/admin/pages/{published.pk}/edit/",
        f"/admin/pages/{published.pk}/history/",
        f"/admin/pages/{waiting.pk}/edit/",
        f"/admin/pages/{waiting.pk}/workflow_history/",
        f"/admin/pages/add/news/newspage/{wijk.pk}/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
    ]
    return {"buurtverbinder": fatma, "communicatie": carla, "pages": pages}


@pytest.mark.parametrize("role", ["buurtverbinder", "communicatie"])
def test_the_admin_pages_of_a_role_hold_no_english_words(client, admin_day, role):
    client.force_login(admin_day[role])
    found = {}
    for url in admin_day["pages"]:
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert 'lang="nl"' in page, url
        if english := english_in(page):
            found[url] = english
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


def test_the_dutch_words_are_buurtpleins(client, admin_day):
    """The overrides give the words this project uses."""
    client.force_login(admin_day["buurtverbinder"])
    waiting_edit = admin_day["pages"][4]
    text = readable_text(client.get(waiting_edit).content.decode())
    assert "Goedkeuring annuleren" in text

    client.force_login(admin_day["communicatie"])
    text = readable_text(client.get("/admin/").content.decode())
    assert "Goedkeuringsroutes" in text  # Rapporten → Goedkeuringsroutes
    text = readable_text(client.get(admin_day["pages"][1]).content.decode())
    assert "Gepubliceerd" in text or "gepubliceerd" in text
