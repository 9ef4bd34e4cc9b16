"""Form success redirects stay on the host and port the resident is on.

An installation with two sites makes ``page.url`` start with the site's stored
root URL (``Site.root_url``). Behind a proxy, another host name or another
port, a redirect there sends the resident away. Every public form here is sent
to a site at a port that differs from the stored one, and its redirect must be
a path that the browser resolves against the address it is on.
"""

import datetime

import pytest
from django.utils import timezone

from core.forms import SuggestionForm
from helpboard.forms import HelpPostForm
from helpboard.links import manage_token
from helpboard.models import HelpStatus
from helpboard.public_forms import HelpReportForm, HelpResponseForm
from neighbourhoods.forms import ConnectorQuestionForm
from tests.antispam import human_post_data
from tests.factories import (
    ConnectorFactory,
    HelpBoardPageFactory,
    HelpRequestFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
    VacancyPageFactory,
)
from vacancies.forms import VacancyResponseForm

pytestmark = pytest.mark.django_db

# The other site is stored as other.localhost:80; the resident reaches it
# through a proxy on port 8443.
HOST = "other.localhost:8443"


@pytest.fixture
def board(other_site):
    return HelpBoardPageFactory(
        parent=other_site.root_page, slug="vraag-en-aanbod", title="Vraag & aanbod"
    )


@pytest.fixture
def post(other_site, board):
    return HelpRequestFactory(
        site=other_site,
        status=HelpStatus.PUBLISHED,
        title="Wie helpt met de tuin?",
        first_name="Ans",
        email="ans@example.org",
    )


@pytest.fixture
def vacancy(other_site):
    organisation = OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=other_site.root_page),
        title="Buurtteam Anderdorp",
        email="info@buurtteam.example",
    )
    return VacancyPageFactory(
        parent=organisation,
        slug="chauffeur",
        contact_email="petra@buurtteam.example",
        closing_date=timezone.localdate() + datetime.timedelta(days=10),
    )


def path_of(page) -> str:
    """The page's path on its site, as the test knows it independently."""
    return "/" + page.url_path.split("/", 2)[2]


def assert_stays_here(client, response, expected_path: str) -> None:
    assert response.status_code == 302, response.content.decode()[:500]
    location = response["Location"]
    assert location.startswith(expected_path), location
    assert "://" not in location and not location.startswith("//"), location
    # Followed on the same host and port, it lands on the right page.
    assert client.get(location, HTTP_HOST=HOST).status_code == 200


def test_the_stored_root_url_differs_from_the_host_used(other_site, board):
    """The premise: with two sites, page.url carries the stored host and port."""
    assert board.url.startswith("http://other.localhost/")
    assert HOST not in board.url


def test_a_help_post_redirects_on_this_host(client, board):
    data = {
        "kind": "vraag",
        "title": "Wie helpt me met boodschappen?",
        "description": "Ik kan slecht lopen.",
        "neighbourhood": "",
        "when": "dinsdagochtend",
        "first_name": "Ans",
        "email": "ans@example.org",
        "consent": "on",
    }
    response = client.post(
        path_of(board) + "plaatsen/",
        human_post_data(HelpPostForm, data),
        HTTP_HOST=HOST,
    )

    assert_stays_here(client, response, path_of(board) + "verstuurd/")


def test_a_response_to_a_help_post_redirects_on_this_host(client, board, post):
    data = {
        "name": "Jan Jansen",
        "email": "jan@example.org",
        "message": "Ik heb zaterdag tijd.",
        "consent": "on",
    }
    response = client.post(
        path_of(board) + f"{post.pk}/reageren/",
        human_post_data(HelpResponseForm, data),
        HTTP_HOST=HOST,
    )

    assert_stays_here(client, response, path_of(board) + f"{post.pk}/reageren/")


def test_a_report_redirects_on_this_host(client, board, post):
    response = client.post(
        path_of(board) + f"{post.pk}/melden/",
        human_post_data(HelpReportForm, {"reason": "spam", "explanation": ""}),
        HTTP_HOST=HOST,
    )

    assert_stays_here(client, response, path_of(board))


@pytest.mark.parametrize(
    ("action", "expected"), [("close", "mijn-bericht/"), ("delete", "verstuurd/")]
)
def test_the_private_page_redirects_on_this_host(client, board, post, action, expected):
    manage = path_of(board) + f"mijn-bericht/{manage_token(post)}/"
    response = client.post(manage, {"action": action, "confirm": "1"}, HTTP_HOST=HOST)

    assert_stays_here(client, response, path_of(board) + expected)


def test_a_vacancy_response_redirects_on_this_host(client, vacancy):
    data = {
        "name": "Jan Jansen",
        "email": "jan@example.org",
        "phone": "",
        "message": "Ik rij graag.",
        "consent": "on",
    }
    response = client.post(
        path_of(vacancy) + "reageren/",
        human_post_data(VacancyResponseForm, data),
        HTTP_HOST=HOST,
    )

    assert_stays_here(client, response, path_of(vacancy) + "reageren/bedankt/")


def test_a_tip_redirects_on_this_host(client, other_site):
    data = {
        "kind": "activiteit",
        "title": "Koffieochtend",
        "description": "Elke week koffie en een praatje.",
        "when": "dinsdag",
        "where": "Buurthuis",
        "website": "",
        "neighbourhood": "",
        "name": "",
        "email": "",
    }
    response = client.post(
        "/tip/", human_post_data(SuggestionForm, data), HTTP_HOST=HOST
    )

    assert_stays_here(client, response, "/tip/")


def test_choosing_an_area_redirects_on_this_host(client, other_site):
    response = client.post(
        "/mijn-wijk/",
        {"postcode": "", "neighbourhood": "", "next": "/"},
        HTTP_HOST=HOST,
    )

    assert_stays_here(client, response, "/")


def test_a_question_to_a_buurtverbinder_redirects_on_this_host(client, other_site):
    wijk = NeighbourhoodPageFactory(
        parent=NeighbourhoodIndexPageFactory(parent=other_site.root_page),
        slug="noord",
    )
    connector = ConnectorFactory(page=wijk, email="fatma@example.org")
    question = path_of(wijk) + f"buurtverbinder/{connector.pk}/vraag/"
    data = {
        "name": "Jan",
        "email": "jan@example.org",
        "question": "Is er een taalcafe?",
        "consent": "on",
    }
    response = client.post(
        question, human_post_data(ConnectorQuestionForm, data), HTTP_HOST=HOST
    )

    assert_stays_here(client, response, question)
