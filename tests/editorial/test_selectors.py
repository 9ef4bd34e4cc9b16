"""The taalcheck of a page: its readable text and the Beheerder's word list."""

import pytest
from wagtail.blocks import StreamValue

from editorial.models import OfficialeseTerm
from editorial.selectors import page_plain_language_report, page_text
from tests.factories import NewsIndexPageFactory, NewsPageFactory, VacancyPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(home_page):
    page = NewsPageFactory(
        parent=NewsIndexPageFactory(parent=home_page),
        title="Nieuwe bankjes",
        introduction="Er staan nieuwe bankjes op het plein.",
    )
    page.body = StreamValue(
        page.body.stream_block,
        [
            ("heading", {"text": "Waar precies", "level": "h2"}),
            ("paragraph", "<p>Bij de <b>fontein</b>, teneinde te rusten.</p>"),
        ],
    )
    page.save_revision().publish()
    return page


def test_page_text_is_title_introduction_and_body_without_markup(news):
    text = page_text(page=news)

    assert text.split("\n\n") == [
        "Nieuwe bankjes",
        "Er staan nieuwe bankjes op het plein.",
        "Waar precies",
        "Bij de fontein, teneinde te rusten.",
    ]


def test_page_text_reads_the_rich_text_fields_of_a_vacancy(home_page):
    vacancy = VacancyPageFactory(
        title="Maatje",
        introduction="",
        what_you_do="<p>Je gaat wandelen.</p>",
        what_we_ask="<p>Geduld.</p>",
        what_we_offer="",
    )

    assert page_text(page=vacancy).split("\n\n") == [
        "Maatje",
        "Je gaat wandelen.",
        "Geduld.",
    ]


def test_the_report_uses_the_beheerders_word_list(news):
    OfficialeseTerm.objects.create(term="  Fontein ", alternative="waterspuwer")

    report = page_plain_language_report(page=news)

    assert [(hit.found, hit.alternative) for hit in report.officialese] == [
        ("fontein", "waterspuwer"),
        ("teneinde", "om"),
    ]
    assert OfficialeseTerm.objects.get().term == "fontein"


def test_beheerders_manage_the_word_list_in_the_admin(admin_client):
    OfficialeseTerm.objects.create(term="middels", alternative="met")

    response = admin_client.get(
        "/admin/snippets/editorial/officialeseterm/", {"q": "midd"}
    )

    assert response.status_code == 200
    assert "middels" in response.content.decode()
