"""The taalcheck where people work: in the editor before submitting, and in
the approver's task."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from editorial.services import buurtverbinder_grant, communicatie_grant
from tests.factories import (
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    NewsPageFactory,
)

pytestmark = pytest.mark.django_db

OFFICIAL = (
    "Wij verzoeken u middels dit formulier zich teneinde de organisatie te "
    "ondersteunen thans aan te melden."
)


@pytest.fixture
def wijk(site, neighbourhood):
    return NeighbourhoodPageFactory(
        parent=NeighbourhoodIndexPageFactory(parent=site.root_page),
        neighbourhood=neighbourhood,
    )


@pytest.fixture
def buurtverbinder(wijk):
    user = get_user_model().objects.create_user("anouk", "anouk@example.org")
    buurtverbinder_grant(user=user, neighbourhood_page=wijk)
    return user


@pytest.fixture
def communicatie(site):
    user = get_user_model().objects.create_user("cor", "cor@example.org")
    communicatie_grant(user=user, site=site)
    return user


@pytest.fixture
def draft(wijk, buurtverbinder):
    page = NewsPageFactory(parent=wijk, title="Aanmelden", live=False)
    page.introduction = OFFICIAL
    page.save_revision(user=buurtverbinder)
    return page


def test_the_author_sees_the_taalcheck_of_the_saved_draft(
    client, buurtverbinder, draft
):
    client.force_login(buurtverbinder)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Taalcheck: gewone mensentaal (B1)" in html
    assert "Leesgemak (Flesch–Douma)" in html
    for found, alternative in (
        ("middels", "met"),
        ("teneinde", "om"),
        ("thans", "nu"),
    ):
        plain = f"<strong>{alternative}</strong>"
        advice = f"<strong>{found}</strong>: schrijf liever {plain}"
        assert advice in html


def test_a_new_page_asks_to_save_a_draft_first(client, buurtverbinder, wijk):
    client.force_login(buurtverbinder)

    response = client.get(
        reverse("wagtailadmin_pages:add", args=["news", "newspage", wijk.pk])
    )

    assert response.status_code == 200
    assert "Bewaar eerst een concept" in response.content.decode()


def test_the_approver_sees_the_taalcheck_in_the_task(
    client, buurtverbinder, communicatie, draft
):
    state = draft.get_workflow().start(draft, buurtverbinder)
    task_state = state.current_task_state
    client.force_login(communicatie)

    response = client.get(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[draft.pk, "reject", task_state.pk],
        )
    )

    html = response.json()["html"]
    assert response.status_code == 200
    assert "<strong>middels</strong>: schrijf liever <strong>met</strong>" in html
    assert "De taalcheck geeft advies. Communicatie beslist." in html
