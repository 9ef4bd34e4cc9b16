"""Links stay on the host the visitor is on.

With more than one site, ``page.url`` starts with the stored ``Site.root_url``
("http://localhost"). Served at another host or port (a reverse proxy, a dev
server on :8000), such a link sends the visitor elsewhere. The brand link in
the header, the home page's highlights in the API and "Bekijk op de site"
after approving are paths on the current host.
"""

import re

import pytest
from django.core import mail

from tests.editorial import test_approval_entry_points as approval
from tests.factories import ContentPageFactory, HomePageHighlightFactory

pytestmark = pytest.mark.django_db

ELSEWHERE = "localhost:8000"  # the site is stored as localhost, port 80

people = approval.people


def test_the_brand_link_is_the_home_path(client, site, other_site):
    assert site.root_page.url == "http://localhost/"  # more than one site

    html = client.get("/", HTTP_HOST=ELSEWHERE).content.decode()

    assert re.search(r'<a class="site-header__brand" href="([^"]*)"', html)[1] == "/"


def test_the_api_gives_the_highlights_as_paths(client, home_page, other_site):
    guide = ContentPageFactory(parent=home_page, title="Geldzaken", slug="geldzaken")
    HomePageHighlightFactory(page=home_page, highlighted_page=guide)

    data = client.get(f"/api/v3/pages/{home_page.pk}/", HTTP_HOST=ELSEWHERE).json()

    assert [item["url"] for item in data["highlighted_pages"]] == ["/geldzaken/"]


def test_see_it_on_the_site_after_approval_is_a_path(client, people):
    page, writer = approval.news(people)
    page = approval.submit(client, page, writer, title="Nieuwe titel")
    mail.outbox.clear()
    assert page.url.startswith("http://localhost/")

    response = approval.editor_action(client, page, people["petra"], "approve")

    messages = client.get(response["Location"], HTTP_HOST=ELSEWHERE).context["messages"]
    html = " ".join(str(message) for message in messages)
    path = page.get_url_parts()[2]
    assert f'href="{path}"' in html
    assert "http://localhost" not in html
