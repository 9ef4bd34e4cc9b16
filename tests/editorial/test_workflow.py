"""The "Goedkeuring" workflow: a buurtverbinder's page goes live only after
Communicatie of the same site approves it."""

import pytest
from django.contrib.auth import get_user_model

from editorial.services import buurtverbinder_grant, communicatie_grant
from tests.factories import (
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    NewsPageFactory,
)

pytestmark = pytest.mark.django_db


def user(username):
    return get_user_model().objects.create_user(username, f"{username}@example.org")


@pytest.fixture
def roles(site, other_site, neighbourhood):
    wijk = NeighbourhoodPageFactory(
        parent=NeighbourhoodIndexPageFactory(parent=site.root_page),
        neighbourhood=neighbourhood,
    )
    buurtverbinder, communicatie, elsewhere = (
        user("anouk"),
        user("communicatie"),
        user("communicatie_elders"),
    )
    buurtverbinder_grant(user=buurtverbinder, neighbourhood_page=wijk)
    communicatie_grant(user=communicatie, site=site)
    communicatie_grant(user=elsewhere, site=other_site)
    return wijk, buurtverbinder, communicatie, elsewhere


def test_a_buurtverbinders_page_waits_for_communicatie_of_its_own_site(roles):
    wijk, buurtverbinder, communicatie, elsewhere = roles
    draft = NewsPageFactory(parent=wijk, title="Straatfeest", live=False)
    draft.save_revision(user=buurtverbinder)

    workflow = draft.get_workflow()
    assert workflow.name == "Goedkeuring (Samen Teststad)"
    state = workflow.start(draft, buurtverbinder)
    task = state.current_task_state.task.specific

    assert draft.permissions_for_user(buurtverbinder).can_publish() is False
    assert task.get_actions(draft, buurtverbinder) == []
    assert task.get_actions(draft, elsewhere) == []
    assert "approve" in [name for name, *_rest in task.get_actions(draft, communicatie)]

    task.on_action(state.current_task_state, communicatie, "approve")
    draft.refresh_from_db()

    assert draft.live is True


def test_the_other_site_has_its_own_workflow(roles, other_site):
    wijk, *_users = roles

    assert wijk.get_workflow().name == "Goedkeuring (Samen Teststad)"
    assert other_site.root_page.get_workflow().name == "Goedkeuring (Samen Anderdorp)"


def test_granting_twice_keeps_one_workflow_per_site(roles, site):
    _wijk, _buurtverbinder, communicatie, _elsewhere = roles

    communicatie_grant(user=communicatie, site=site)

    workflow = site.root_page.get_workflow()
    assert [task.name for task in workflow.tasks] == [
        "Goedkeuring door Communicatie (Samen Teststad)"
    ]
