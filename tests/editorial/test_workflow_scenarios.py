"""Workflow scenarios through the admin, as editors click them: a
buurtverbinder's page never goes live without approval, an edit during
moderation needs approval again (by someone other than its editor), a
rejection returns the page with the comment, and a page in moderation is
locked for everyone outside the task's group."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Revision, TaskState, WorkflowState
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from editorial.services import (
    buurtverbinder_grant,
    communicatie_grant,
    organisation_editor_grant,
)
from news.models import NewsPage
from tests.factories import (
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    NewsPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)

pytestmark = pytest.mark.django_db


def make_user(username):
    return get_user_model().objects.create_user(username, f"{username}@example.org")


@pytest.fixture
def people(site, other_site, neighbourhood):
    wijk = NeighbourhoodPageFactory(
        parent=NeighbourhoodIndexPageFactory(parent=site.root_page),
        neighbourhood=neighbourhood,
    )
    organisation = OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=site.root_page)
    )
    anouk, cor, dirk, elders, bram = (
        make_user(name) for name in ("anouk", "cor", "dirk", "elders", "bram")
    )
    buurtverbinder_grant(user=anouk, neighbourhood_page=wijk)
    communicatie_grant(user=cor, site=site)
    communicatie_grant(user=dirk, site=site)
    communicatie_grant(user=elders, site=other_site)
    organisation_editor_grant(user=bram, organisation_page=organisation)
    return {
        "wijk": wijk,
        "anouk": anouk,
        "cor": cor,
        "dirk": dirk,
        "elders": elders,
        "bram": bram,
    }


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def post_editor(client, page, user, **changes):
    """``user`` opens the editor of ``page``, changes fields and presses a button."""
    client.force_login(user)
    form = client.get(edit_url(page))
    if form.status_code != 200:
        return form
    data = querydict_from_html(form.content.decode(), form_id="page-edit-form")
    for name, value in data.items():
        data[name] = value.removeprefix("\n")
    data.update(
        nested_form_data(
            {"body": streamfield([("paragraph", rich_text("<p>Iedereen welkom.</p>"))])}
        )
    )
    data.update(changes)
    return client.post(edit_url(page), data)


def workflow_action(client, page, user, action, comment=""):
    task_state = page.current_workflow_state.current_task_state
    client.force_login(user)
    return client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, action, task_state.pk],
        ),
        {"comment": comment},
    )


@pytest.fixture
def draft(people):
    page = NewsPageFactory(parent=people["wijk"], title="Straatfeest", live=False)
    page.save_revision(user=people["anouk"])
    return page


def test_a_buurtverbinders_page_never_goes_live_without_approval(client, people, draft):
    anouk = people["anouk"]

    post_editor(client, draft, anouk, **{"action-publish": "1"})
    draft.refresh_from_db()
    assert draft.live is False

    response = post_editor(client, draft, anouk, **{"action-submit": "1"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live is False
    assert draft.workflow_in_progress

    workflow_action(client, draft, anouk, "approve")
    workflow_action(client, draft, people["elders"], "approve")
    draft.refresh_from_db()
    assert draft.live is False

    workflow_action(client, draft, people["cor"], "approve")
    draft.refresh_from_db()
    assert draft.live is True


def test_an_edit_during_moderation_needs_approval_again(client, people, draft):
    cor = people["cor"]
    post_editor(client, draft, people["anouk"], **{"action-submit": "1"})
    first_task = draft.current_workflow_state.current_task_state

    response = post_editor(client, draft, cor, title="Straatfeest op zaterdag")
    assert response.status_code == 302
    workflow_action(client, draft, cor, "approve")

    draft.refresh_from_db()
    state = WorkflowState.objects.get(pk=draft.current_workflow_state.pk)
    assert draft.live is False, "the approval was for the revision before the edit"
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.pk != first_task.pk
    assert state.current_task_state.revision == draft.latest_revision

    # Cor wrote the version under review now: a colleague approves it.
    workflow_action(client, draft, cor, "approve")
    draft.refresh_from_db()
    assert draft.live is False
    workflow_action(client, draft, people["dirk"], "approve")
    draft.refresh_from_db()
    assert draft.live is True
    assert draft.title == "Straatfeest op zaterdag"


def test_a_rejection_returns_the_page_to_its_author_with_the_comment(
    client, people, draft
):
    anouk = people["anouk"]
    post_editor(client, draft, anouk, **{"action-submit": "1"})
    state = draft.current_workflow_state

    workflow_action(client, draft, people["cor"], "reject", "Zet de tijd erbij.")

    state.refresh_from_db()
    draft.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert draft.live is False
    rejected = TaskState.objects.get(workflow_state=state, status="rejected")
    assert rejected.comment == "Zet de tijd erbij."
    client.force_login(anouk)
    editor = client.get(edit_url(draft)).content.decode()
    assert "Zet de tijd erbij." in editor
    # The author can work on it again and resubmit.
    response = post_editor(
        client,
        draft,
        anouk,
        title="Straatfeest, zaterdag 14.00 uur",
        **{"action-restart-workflow": "1"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.workflow_in_progress
    assert draft.live is False


def test_a_page_in_moderation_is_locked_outside_the_tasks_group(client, people, draft):
    post_editor(client, draft, people["anouk"], **{"action-submit": "1"})
    revisions = Revision.objects.for_instance(draft).count()

    for outsider in ("anouk", "elders", "bram"):
        post_editor(client, draft, people[outsider], title=f"Van {outsider}")
        assert Revision.objects.for_instance(draft).count() == revisions, outsider
    assert NewsPage.objects.get(pk=draft.pk).latest_revision.as_object().title == (
        "Straatfeest"
    )

    post_editor(client, draft, people["cor"], title="Van Communicatie")
    assert Revision.objects.for_instance(draft).count() == revisions + 1
