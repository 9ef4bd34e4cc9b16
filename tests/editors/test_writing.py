"""Writing a page in a few clicks, through the admin: a new page starts with
the writer's wijk ticked and a text block, wijken are checkboxes, the live
taalcheck answers while writing (only to editors, with CSRF), images explain
their alt text, page types explain themselves, "Stuur door" is the main button
for who cannot publish."""

import json
import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from editorial.services import buurtverbinder_grant, communicatie_grant
from news.models import NewsPage
from tests.factories import (
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    NewsIndexPageFactory,
)

pytestmark = pytest.mark.django_db

TAALCHECK = "/admin/taalcheck/"
LONG_SENTENCE = (
    "Wij willen iedereen die in de wijk woont en het leuk vindt om samen met "
    "de buren te tuinieren van harte uitnodigen om op zaterdag naar het park "
    "te komen."
)


def make_user(username):
    return get_user_model().objects.create_user(
        username, f"{username}@example.org", first_name=username.title()
    )


@pytest.fixture
def town(site, neighbourhood, other_neighbourhood):
    wijk = NeighbourhoodPageFactory(
        parent=NeighbourhoodIndexPageFactory(parent=site.root_page),
        neighbourhood=neighbourhood,
    )
    anouk, petra = make_user("anouk"), make_user("petra")
    buurtverbinder_grant(user=anouk, neighbourhood_page=wijk)
    communicatie_grant(user=petra, site=site)
    return {
        "wijk": wijk,
        "news_index": NewsIndexPageFactory(parent=site.root_page),
        "anouk": anouk,
        "petra": petra,
    }


def client_for(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def checkboxes(html: str, name: str) -> dict[str, bool]:
    """The checkboxes named ``name``: their label and whether they are ticked."""
    found = {}
    for attrs, label in re.findall(
        r'<input type="checkbox" name="' + name + r'"([^>]*)>\s*([^<]+)</label>', html
    ):
        found[unescape(label.strip())] = " checked" in attrs
    return found


def body_blocks(html: str) -> list[str]:
    """The types of the blocks the body's editor starts with."""
    match = re.search(
        r'<div[^>]*data-contentpath="body"[^>]*>.*?'
        r'data-w-block-arguments-value="([^"]+)"',
        html,
        re.S,
    )
    assert match, "no body field"
    [blocks, *_rest] = json.loads(unescape(match.group(1)))
    return [block["type"] for block in blocks]


def test_a_new_news_item_starts_with_the_writers_wijk_and_a_text_block(town):
    response = client_for(town["anouk"]).get(
        reverse("wagtailadmin_pages:add", args=("news", "newspage", town["wijk"].pk))
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert checkboxes(html, "neighbourhoods") == {"Centrum": True, "West": False}
    assert '<select name="neighbourhoods"' not in html
    assert body_blocks(html) == ["paragraph"]


def test_communicatie_writing_for_the_whole_town_gets_no_wijk_ticked(town):
    response = client_for(town["petra"]).get(
        reverse(
            "wagtailadmin_pages:add",
            args=("news", "newspage", town["news_index"].pk),
        )
    )

    html = response.content.decode()
    assert checkboxes(html, "neighbourhoods") == {"Centrum": False, "West": False}
    assert body_blocks(html) == ["paragraph"]


def test_the_editor_has_the_live_taalcheck_and_explains_the_alt_text(town):
    html = (
        client_for(town["anouk"])
        .get(
            reverse(
                "wagtailadmin_pages:add", args=("news", "newspage", town["wijk"].pk)
            )
        )
        .content.decode()
    )

    assert f'data-live-advice-url="{TAALCHECK}"' in html
    assert "Taalcheck terwijl je schrijft" in html
    assert re.search(r'<script src="[^"]*js/taalcheck-live\.js', html)
    assert "laat de beschrijving dan leeg" in unescape(html)
    # "Stuur door" is the main button: the first of the footer's actions.
    footer = html[html.index("<footer") :]
    first_button = re.search(r"<button [^>]*name=\"(action-[a-z-]+)\"", footer)
    assert first_button.group(1) == "action-submit"


def test_the_image_upload_explains_the_alt_text(town):
    html = client_for(town["anouk"]).get(reverse("wagtailimages:add")).content
    assert "voorleesprogramma" in html.decode()
    assert "laat dit dan leeg" in unescape(html.decode())


def test_the_add_page_chooser_describes_each_page_type_in_plain_dutch(town):
    html = (
        client_for(town["anouk"])
        .get(reverse("wagtailadmin_pages:add_subpage", args=(town["wijk"].pk,)))
        .content.decode()
    )

    assert (
        "Een nieuwsbericht: iets wat er gebeurd is of gaat gebeuren in de buurt."
        in unescape(html)
    )
    assert "Een activiteit in de agenda, met datum, tijd en plek." in unescape(html)


def test_the_live_taalcheck_answers_with_advice(town):
    response = client_for(town["anouk"]).post(
        TAALCHECK, {"text": f"Kom ook. {LONG_SENTENCE} Wij zijn thans open."}
    )

    assert response.status_code == 200
    data = response.json()
    assert data["long_sentences"] == [LONG_SENTENCE]
    assert data["officialese"] == [{"found": "thans", "alternative": "nu"}]
    assert data["finding_count"] == 2
    assert "Zinnen van meer dan 20 woorden" in data["html"]
    assert "2 tips om je tekst makkelijker te maken." in data["html"]


def test_the_live_taalcheck_refuses_a_text_longer_than_any_page(town):
    response = client_for(town["anouk"]).post(TAALCHECK, {"text": "woord " * 10_000})

    assert response.status_code == 400
    assert response.json() == {
        "error": "Deze tekst is te lang voor de taalcheck (meer dan 50.000 tekens)."
    }


def test_the_live_taalcheck_is_for_logged_in_editors_only(town):
    anonymous = Client().post(TAALCHECK, {"text": LONG_SENTENCE})
    resident = client_for(make_user("resident")).post(
        TAALCHECK, {"text": LONG_SENTENCE}
    )

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/admin/login/")
    assert resident.status_code == 302
    assert "long_sentences" not in resident.content.decode()


def test_the_live_taalcheck_needs_post_and_the_csrf_token(town):
    client = client_for(town["anouk"], enforce_csrf_checks=True)

    assert client.get(TAALCHECK).status_code == 405
    assert client.post(TAALCHECK, {"text": LONG_SENTENCE}).status_code == 403

    token = client.get(reverse("wagtailadmin_home")).context["csrf_token"]
    response = client.post(
        TAALCHECK, {"text": LONG_SENTENCE}, headers={"X-CSRFToken": str(token)}
    )
    assert response.status_code == 200
    assert response.json()["long_sentences"] == [LONG_SENTENCE]


def test_the_wijk_ticked_by_default_is_saved_and_an_empty_text_block_left_out(
    town,
):
    client = client_for(town["anouk"])
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", town["wijk"].pk))
    data = querydict_from_html(
        client.get(url).content.decode(), form_id="page-edit-form"
    )
    data["title"] = "Tuinieren in het park"
    data["slug"] = "tuinieren-in-het-park"
    data.update(
        nested_form_data(
            {
                "body": streamfield(
                    [
                        ("paragraph", rich_text("<p>Kom zaterdag tuinieren.</p>")),
                        ("paragraph", rich_text("")),
                    ]
                )
            }
        )
    )
    data["action-submit"] = "1"

    response = client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    item = NewsPage.objects.get(title="Tuinieren in het park")
    assert [wijk.name for wijk in item.neighbourhoods.all()] == ["Centrum"]
    assert [block.block_type for block in item.body] == ["paragraph"]
    assert item.workflow_in_progress
