"""The "Goedkeuring" workflow: a buurtverbinder's page goes live only after
Communicatie of the same site approves it."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Site

from editorial.models import FourEyesApprovalTask, TaalcheckTaskState, Team
from editorial.services import (
    buurtverbinder_grant,
    communicatie_grant,
    communicatie_group_name,
)
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

    assert isinstance(task, FourEyesApprovalTask)
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
        "Taalcheck (Samen Teststad)",
        "Goedkeuring door Communicatie (Samen Teststad)",
    ]


def test_the_taalcheck_keeps_its_advice_and_hands_the_page_to_communicatie(roles):
    wijk, buurtverbinder, _communicatie, _elsewhere = roles
    draft = NewsPageFactory(
        parent=wijk,
        title="Bericht inzake de buurtbarbecue",
        introduction="Wij verzoeken u middels dit bericht zich teneinde de "
        "organisatie te ondersteunen thans aan te melden.",
        live=False,
    )
    draft.save_revision(user=buurtverbinder)

    state = draft.get_workflow().start(draft, buurtverbinder)

    taalcheck = TaalcheckTaskState.objects.get(workflow_state=state)
    assert taalcheck.status == TaalcheckTaskState.STATUS_APPROVED
    assert taalcheck.finished_by is None
    assert {hit["found"].lower() for hit in taalcheck.report["officialese"]} == {
        "inzake",
        "middels",
        "teneinde",
        "thans",
    }
    assert taalcheck.reading_ease == taalcheck.report["reading_ease"]
    assert "4 ambtelijke woorden" in taalcheck.comment
    current = state.current_task_state.task.specific
    assert current.name == "Goedkeuring door Communicatie (Samen Teststad)"
    assert state.current_task_state.status == "in_progress"
    draft.refresh_from_db()
    assert draft.live is False


def test_a_new_site_has_its_workflow_and_communicatie_team_at_once(home_page):
    new_home = home_page.get_parent().add_child(
        instance=home_page.specific_class(title="Samen Nieuwdorp", slug="nieuwdorp")
    )
    site = Site.objects.create(
        hostname="nieuwdorp.localhost", root_page=new_home, site_name="Nieuwdorp"
    )

    assert new_home.get_workflow().name == "Goedkeuring (Nieuwdorp)"
    team = Team.objects.get(page=new_home)
    assert team.group.name == communicatie_group_name(site=site)
    assert team.collection.name == "Nieuwdorp"
