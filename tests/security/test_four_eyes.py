"""Four-eyes, tried as an attacker would: the escalation matrix's rows "approve
one's own task" and "publish past the workflow".

Through the admin's HTTP views and API v3, every non-superuser role tries to
approve its own submission and to publish directly (the editor's button, a
forged ``action-publish`` to the edit and create views, bulk publish,
"revert to this version" and publish, copy-and-publish, an alias, and API v3's
publish, create, update and copy), with the site's setting
"Communicatie mag direct publiceren" off (the default) and on. Refused means:
nothing published, no revision, page or workflow change in the database.
Where a direct publish is allowed (a superuser; Communicatie of the site when
the setting is on), it is logged ("buurtplein.direct_publish") and shows in
Rapporten → "Direct gepubliceerd".
"""

import dataclasses
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.test import Client
from django.urls import reverse
from wagtail.models import (
    APIToken,
    Page,
    PageLogEntry,
    Revision,
    TaskState,
    WorkflowState,
)
from wagtail.test.utils import WagtailTestUtils

from editorial.models import EditorialSettings, FourEyesApprovalTask
from editorial.publishing import DIRECT_PUBLISH
from editorial.services import (
    beheerder_grant,
    buurtverbinder_grant,
    communicatie_grant,
    organisation_editor_grant,
)
from tests.editorial.test_permission_matrix import page_form_data
from tests.factories import (
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    NewsPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)

pytestmark = pytest.mark.django_db

BUURTVERBINDER = "buurtverbinder"
ORGANISATIE = "organisatie"
COMMUNICATIE = "communicatie"
COLLEGA = "collega"  # a second Communicatie of the same site
ELDERS = "communicatie-elders"
BEHEERDER = "beheerder"
NON_SUPERUSER_ROLES = (BUURTVERBINDER, ORGANISATIE, COMMUNICATIE, ELDERS, BEHEERDER)

REFUSAL = "Direct publiceren staat uit op dit platform"


@dataclasses.dataclass
class Area:
    """Where one role works: a parent page, a draft under it (two revisions,
    never published) and a live page (the copy source)."""

    parent: Page
    draft: Page
    first_revision: Revision
    live: Page


@dataclasses.dataclass
class World:
    site: object
    other_site: object
    users: dict
    superuser: object
    areas: dict  # "wijk" / "organisatie"


def make_area(parent, author) -> Area:
    draft = NewsPageFactory(parent=parent, title="Concept", slug="concept", live=False)
    first = draft.save_revision(user=author)
    draft.title = "Concept, tweede versie"
    draft.save_revision(user=author)
    live = NewsPageFactory(parent=parent, title="Live bericht", slug="live-bericht")
    live.save_revision().publish()  # no user: not a direct publish by a person
    return Area(parent=parent, draft=draft, first_revision=first, live=live)


@pytest.fixture
def world(site, other_site, neighbourhood) -> World:
    user_model = get_user_model()
    users = {
        role: user_model.objects.create_user(role, f"{role}@example.org", "x")
        for role in (*NON_SUPERUSER_ROLES, COLLEGA)
    }
    superuser = user_model.objects.create_superuser("super", "super@example.org", "x")
    wijk = NeighbourhoodPageFactory(
        parent=NeighbourhoodIndexPageFactory(parent=site.root_page),
        neighbourhood=neighbourhood,
    )
    organisation = OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=site.root_page)
    )
    buurtverbinder_grant(user=users[BUURTVERBINDER], neighbourhood_page=wijk)
    organisation_editor_grant(user=users[ORGANISATIE], organisation_page=organisation)
    communicatie_grant(user=users[COMMUNICATIE], site=site)
    communicatie_grant(user=users[COLLEGA], site=site)
    communicatie_grant(user=users[ELDERS], site=other_site)
    beheerder_grant(user=users[BEHEERDER])
    areas = {
        "wijk": make_area(wijk, users[BUURTVERBINDER]),
        "organisatie": make_area(organisation, users[ORGANISATIE]),
    }
    return World(
        site=site,
        other_site=other_site,
        users=users,
        superuser=superuser,
        areas=areas,
    )


def area_of(world: World, role: str) -> Area:
    return world.areas["organisatie" if role == ORGANISATIE else "wijk"]


def allow_direct_publishing(site, allowed: bool = True) -> None:
    settings = EditorialSettings.for_site(site)
    settings.communicatie_may_publish_directly = allowed
    settings.save()


def snapshot() -> tuple:
    """Everything a publish, save or workflow step would change."""
    return (
        sorted(
            Page.objects.values_list(
                "pk", "live", "live_revision_id", "latest_revision_id", "title"
            )
        ),
        Revision.objects.count(),
        sorted(WorkflowState.objects.values_list("pk", "status")),
        sorted(TaskState.objects.values_list("pk", "status")),
    )


def direct_publish_entries():
    return PageLogEntry.objects.filter(action=DIRECT_PUBLISH)


def admin_client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def api_client(user) -> Client:
    _token, plaintext = APIToken.create_token(user=user, name="vier ogen")
    return Client(
        raise_request_exception=False, headers={"Authorization": f"Bearer {plaintext}"}
    )


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def editor_form(world: World, page, **changes):
    """What a browser sends from the editor of ``page`` (as a superuser sees it)."""
    response = admin_client(world.superuser).get(edit_url(page))
    assert response.status_code == 200
    data = page_form_data(response.text)
    for key, value in changes.items():
        data[key] = value
    return data


# Each way to make a page live directly: (name, attempt). An attempt does it as
# ``user`` in ``area`` and returns the page that must now be live if it worked.


def editor_publish(world, area, user):
    data = editor_form(world, area.draft, **{"action-publish": "1"})
    admin_client(user).post(edit_url(area.draft), data)
    return area.draft


def create_and_publish(world, area, user):
    data = editor_form(
        world, area.draft, title="Nieuw", slug="nieuw", **{"action-publish": "1"}
    )
    data.pop("loaded_revision_id", None)
    data.pop("loaded_revision_created_at", None)
    admin_client(user).post(
        reverse("wagtailadmin_pages:add", args=["news", "newspage", area.parent.pk]),
        data,
    )
    return area.parent.get_children().filter(slug="nieuw").first()


def bulk_publish(world, area, user):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    admin_client(user).post(f"{url}?id={area.draft.pk}", {"include_descendants": ""})
    return area.draft


def revert_and_publish(world, area, user):
    data = editor_form(world, area.draft, **{"action-publish": "1"})
    admin_client(user).post(
        reverse(
            "wagtailadmin_pages:revisions_revert",
            args=[area.draft.pk, area.first_revision.pk],
        ),
        data,
    )
    return area.draft


def copy_and_publish(world, area, user):
    admin_client(user).post(
        reverse("wagtailadmin_pages:copy", args=[area.live.pk]),
        {
            "new_title": "Kopie",
            "new_slug": "kopie",
            "new_parent_page": area.parent.pk,
            "publish_copies": "on",
        },
    )
    return area.parent.get_children().filter(slug="kopie").first()


def alias(world, area, user):
    admin_client(user).post(
        reverse("wagtailadmin_pages:copy", args=[area.live.pk]),
        {
            "new_title": "Alias",
            "new_slug": "alias",
            "new_parent_page": area.parent.pk,
            "alias": "on",
        },
    )
    return area.parent.get_children().filter(slug="alias").first()


def api_publish(world, area, user):
    api_client(user).post(
        f"/api/v3/pages/{area.draft.pk}/actions/publish/",
        {},
        content_type="application/json",
    )
    return area.draft


def api_update_and_publish(world, area, user):
    api_client(user).patch(
        f"/api/v3/pages/{area.draft.pk}/",
        {"meta": {"type": "news.NewsPage", "action": "publish"}, "title": "Via API"},
        content_type="application/json",
    )
    return area.draft


def api_create_and_publish(world, area, user):
    api_client(user).post(
        "/api/v3/pages/",
        {
            "meta": {
                "type": "news.NewsPage",
                "parent_id": area.parent.pk,
                "action": "publish",
            },
            "title": "Nieuw via API",
            "slug": "nieuw-via-api",
        },
        content_type="application/json",
    )
    return area.parent.get_children().filter(slug="nieuw-via-api").first()


def api_copy_keeping_it_live(world, area, user):
    api_client(user).post(
        f"/api/v3/pages/{area.live.pk}/actions/copy/",
        {"destination_id": area.parent.pk, "slug": "api-kopie", "keep_live": True},
        content_type="application/json",
    )
    return area.parent.get_children().filter(slug="api-kopie").first()


ATTEMPTS = {
    "editor: Publiceren": editor_publish,
    "editor: nieuwe pagina publiceren": create_and_publish,
    "bulk: Publiceren": bulk_publish,
    "versie terugzetten en publiceren": revert_and_publish,
    "kopiëren en publiceren": copy_and_publish,
    "alias van een live pagina": alias,
    "API: publish": api_publish,
    "API: update met action publish": api_update_and_publish,
    "API: create met action publish": api_create_and_publish,
    "API: copy met keep_live": api_copy_keeping_it_live,
}


def is_live(page) -> bool:
    return page is not None and Page.objects.get(pk=page.pk).live


def run_attempts(world: World, user, area: Area) -> dict[str, tuple]:
    """Each attempt in a savepoint rolled back afterwards: what it did."""
    outcomes = {}
    for name, attempt in ATTEMPTS.items():
        with transaction.atomic():
            before = snapshot()
            page = attempt(world, area, user)
            outcomes[name] = (
                is_live(page),
                snapshot() == before,
                list(direct_publish_entries().values_list("page_id", flat=True)),
                page.pk if page is not None else None,
            )
            transaction.set_rollback(True)
    return outcomes


@pytest.mark.parametrize("allowed", [False, True], ids=["instelling uit", "aan"])
@pytest.mark.parametrize("role", NON_SUPERUSER_ROLES)
def test_no_role_publishes_past_the_workflow_unless_the_site_allows_it(
    world, role, allowed
):
    allow_direct_publishing(world.site, allowed)
    user = world.users[role]

    outcomes = run_attempts(world, user, area_of(world, role))

    if allowed and role == COMMUNICATIE:
        # Communicatie of this site, with the setting on: published, and logged.
        wrong = {
            name: outcome
            for name, outcome in outcomes.items()
            if not (outcome[0] and outcome[2] == [outcome[3]])
        }
    else:
        wrong = {
            name: outcome
            for name, outcome in outcomes.items()
            if outcome[0] or not outcome[1] or outcome[2]
        }
    assert wrong == {}, f"{role}, direct publishing {'on' if allowed else 'off'}"


def test_communicatie_of_another_site_gains_nothing_from_its_own_setting(world):
    allow_direct_publishing(world.other_site, True)

    outcomes = run_attempts(world, world.users[ELDERS], area_of(world, ELDERS))

    assert {name for name, outcome in outcomes.items() if not outcome[1]} == set()


def test_a_superuser_keeps_the_escape_hatch_and_every_use_is_logged(world):
    outcomes = run_attempts(world, world.superuser, area_of(world, COMMUNICATIE))

    assert {
        name
        for name, (live, _unchanged, logged, page_id) in outcomes.items()
        if not (live and logged == [page_id])
    } == set()


def test_the_editor_offers_publiceren_only_where_it_is_allowed(world):
    draft = world.areas["wijk"].draft
    client = admin_client(world.users[COMMUNICATIE])

    def buttons() -> set[str]:
        html = client.get(edit_url(draft)).text
        form = WagtailTestUtils.get_soup(html).find("form", id="page-edit-form")
        return {button.get("name") for button in form.find_all("button")}

    assert "action-publish" not in buttons()
    assert "action-submit" in buttons()
    allow_direct_publishing(world.site)
    assert "action-publish" in buttons()


def test_a_forged_publish_is_refused_with_an_explanation(world):
    draft = world.areas["wijk"].draft
    data = editor_form(world, draft, **{"action-publish": "1"})

    response = admin_client(world.users[COMMUNICATIE]).post(
        edit_url(draft), data, follow=True
    )

    assert REFUSAL in response.text
    assert Page.objects.get(pk=draft.pk).live is False


def test_communicatie_can_still_unpublish(world):
    live = world.areas["wijk"].live

    admin_client(world.users[COMMUNICATIE]).post(
        reverse("wagtailadmin_pages:unpublish", args=[live.pk])
    )

    assert Page.objects.get(pk=live.pk).live is False


# Nobody approves their own submission


def submit(page, user) -> TaskState:
    """``user`` submits ``page``; the taalcheck hands it to Communicatie."""
    page = page.specific
    page.save_revision(user=user)
    state = page.get_workflow().start(page, user)
    task_state = state.current_task_state
    assert isinstance(task_state.task.specific, FourEyesApprovalTask)
    return task_state


def approve_via_dialog(user, page, task_state):
    return admin_client(user).post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, "approve", task_state.pk],
        ),
        {"comment": "Goed zo."},
    )


def approve_in_editor(world, user, page, task_state):
    data = editor_form(
        world,
        page,
        **{"action-workflow-action": "1", "workflow-action-name": "approve"},
    )
    return admin_client(user).post(edit_url(page), data)


@pytest.mark.parametrize("submitter", [COMMUNICATIE, "superuser"])
def test_nobody_approves_their_own_submission(world, submitter):
    user = world.superuser if submitter == "superuser" else world.users[submitter]
    draft = world.areas["wijk"].draft
    task_state = submit(draft, user)
    task = task_state.task.specific
    before = snapshot()

    assert [name for name, *_ in task.get_actions(draft, user)] == ["reject"]
    approve_via_dialog(user, draft, task_state)
    approve_in_editor(world, user, draft, task_state)
    with pytest.raises(PermissionDenied):
        task.on_action(task_state, user, "approve")

    assert snapshot() == before
    assert not TaskState.objects.reviewable_by(user).filter(pk=task_state.pk).exists()

    colleague = world.users[COLLEGA]
    assert TaskState.objects.reviewable_by(colleague).filter(pk=task_state.pk).exists()
    approve_via_dialog(colleague, draft, task_state)
    assert Page.objects.get(pk=draft.pk).live is True
    assert not direct_publish_entries().exists(), "approval is not a direct publish"


def awaiting_review(client) -> str:
    html = client.get(reverse("wagtailadmin_home")).text
    panel = WagtailTestUtils.get_soup(html).find(id=re.compile("awaiting-review"))
    return panel.get_text() if panel else ""


def test_the_dashboard_offers_ones_own_work_to_colleagues_only(world):
    draft = world.areas["wijk"].draft
    submit(draft, world.users[COMMUNICATIE])

    assert "Concept" not in awaiting_review(admin_client(world.users[COMMUNICATIE]))
    assert "Concept" in awaiting_review(admin_client(world.users[COLLEGA]))


def test_whoever_edits_during_moderation_does_not_approve_that_version(world):
    """The buurtverbinder submits; Communicatie edits the page under review and
    approves: the approval needs doing again for the edited version, by someone
    else."""
    communicatie, collega = world.users[COMMUNICATIE], world.users[COLLEGA]
    draft = world.areas["wijk"].draft
    first = submit(draft, world.users[BUURTVERBINDER])
    admin_client(communicatie).post(
        edit_url(draft), editor_form(world, draft, title="Door Communicatie")
    )

    approve_via_dialog(communicatie, draft, first)

    page = Page.objects.get(pk=draft.pk)
    assert page.live is False
    second = page.current_workflow_state.current_task_state
    assert second.pk != first.pk
    assert second.revision.user == communicatie
    approve_via_dialog(communicatie, page, second)
    assert Page.objects.get(pk=draft.pk).live is False

    approve_via_dialog(collega, page, second)
    page = Page.objects.get(pk=draft.pk)
    assert page.live is True
    assert page.title == "Door Communicatie"
    assert not direct_publish_entries().exists()


def test_one_may_still_send_ones_own_page_back(world):
    communicatie = world.users[COMMUNICATIE]
    draft = world.areas["wijk"].draft
    task_state = submit(draft, communicatie)

    admin_client(communicatie).post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[draft.pk, "reject", task_state.pk],
        ),
        {"comment": "Ik wil nog iets aanpassen."},
    )

    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED
    assert Page.objects.get(pk=draft.pk).live is False


# The report


def report(client, **params):
    return client.get(
        reverse("editorial_publishing:direct_publishes"), params, follow=False
    )


def test_the_report_lists_direct_publishes_for_those_who_may_see_the_site(world):
    allow_direct_publishing(world.site)
    area = world.areas["wijk"]
    editor_publish(world, area, world.users[COMMUNICATIE])
    other_area_page = NewsPageFactory(
        parent=world.other_site.root_page, title="Elders", live=False
    )
    other_area_page.save_revision(user=world.superuser).publish(user=world.superuser)
    [entry] = direct_publish_entries().filter(page_id=area.draft.pk)
    assert entry.user == world.users[COMMUNICATIE]
    assert entry.data["how"] == "published"

    seen = report(admin_client(world.users[COLLEGA]))
    assert seen.status_code == 200
    rows = [(row.page_title, row.grounds) for row in seen.context["object_list"]]
    assert rows == [
        ("Concept, tweede versie", "Instelling: Communicatie mag direct publiceren")
    ]

    elders = report(admin_client(world.users[ELDERS]))
    assert [row.page_title for row in elders.context["object_list"]] == ["Elders"]
    assert elders.context["object_list"][0].grounds == "Superuser"

    for role in (BUURTVERBINDER, ORGANISATIE):
        response = report(admin_client(world.users[role]))
        assert response.status_code != 200

    export = report(admin_client(world.users[BEHEERDER]), export="csv")
    assert export.status_code == 200
    text = b"".join(export.streaming_content).decode()
    assert "Concept, tweede versie" in text and "Elders" in text


def test_the_setting_is_off_by_default_and_in_dutch(world):
    settings = EditorialSettings.for_site(world.site)

    assert settings.communicatie_may_publish_directly is False
    field = EditorialSettings._meta.get_field("communicatie_may_publish_directly")
    assert str(field.verbose_name) == "Communicatie mag direct publiceren"
    response = admin_client(world.superuser).get(
        reverse(
            "wagtailsettings:edit",
            args=["editorial", "editorialsettings", world.site.pk],
        )
    )
    assert response.status_code == 200
    assert "Communicatie mag direct publiceren" in response.text
