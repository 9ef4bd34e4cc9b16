"""The permission matrix of issue 3: every role, every action, every part of the tree.

The expected table below is the product design ("Who uses it" in DESIGN.md), not
a record of what Wagtail happens to do. Each cell is checked by doing the
action for real, as that user, and looking at the effect in the database:

- through the admin views (a logged-in ``Client``, Wagtail's real URLs and
  forms), for all sixteen actions;
- through API v3, with a bearer token of that user, for the nine actions API v3
  has an endpoint for: view draft, add, edit, delete, publish, unpublish, move,
  copy and history. API v3 has no endpoint to lock, unlock, compare revisions,
  preview, submit, approve or reject; ``test_api_v3_has_no_endpoint_for_...``
  proves that from the live OpenAPI document, so this matrix must grow when a
  later Wagtail adds one.

Every action starts from the same tree: it runs in a savepoint that is rolled
back afterwards. A cell is ALLOWED when the action took effect (a GET: status
200 with the expected content); a redirect with "permission denied", a 401,
403 or 404 without effect is DENIED. A server error fails the test whatever
the table says.
"""

import dataclasses
import re
from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpResponse, QueryDict
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import (
    APIToken,
    GroupApprovalTask,
    Page,
    TaskState,
    WorkflowState,
)
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from editorial.services import (
    beheerder_grant,
    buurtverbinder_grant,
    communicatie_grant,
    organisation_editor_grant,
)
from tests.factories import (
    ContentPageFactory,
    NeighbourhoodFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)

pytestmark = pytest.mark.django_db

# Roles.
ANONYMOUS = "anoniem"
BUURTVERBINDER_A = "buurtverbinder wijk A"
BUURTVERBINDER_B = "buurtverbinder wijk B"
ORGANISATION_EDITOR_A = "redacteur organisatie A"
ORGANISATION_EDITOR_B = "redacteur organisatie B"
COMMUNICATIE = "Communicatie"
BEHEERDER = "Beheerder"
COMMUNICATIE_ELSEWHERE = "Communicatie ander platform"
ROLES = (
    ANONYMOUS,
    BUURTVERBINDER_A,
    BUURTVERBINDER_B,
    ORGANISATION_EDITOR_A,
    ORGANISATION_EDITOR_B,
    COMMUNICATIE,
    BEHEERDER,
    COMMUNICATIE_ELSEWHERE,
)

# Actions.
VIEW_DRAFT = "view draft"
ADD = "add"
EDIT = "edit"
DELETE = "delete"
PUBLISH = "publish"
UNPUBLISH = "unpublish"
MOVE = "move"
COPY = "copy"
LOCK = "lock"
UNLOCK = "unlock"
HISTORY = "history"
COMPARE = "revision compare"
PREVIEW = "preview"
SUBMIT = "submit"
APPROVE = "approve"
REJECT = "reject"
ACTIONS = (
    VIEW_DRAFT,
    ADD,
    EDIT,
    DELETE,
    PUBLISH,
    UNPUBLISH,
    MOVE,
    COPY,
    LOCK,
    UNLOCK,
    HISTORY,
    COMPARE,
    PREVIEW,
    SUBMIT,
    APPROVE,
    REJECT,
)
API_ACTIONS = (VIEW_DRAFT, ADD, EDIT, DELETE, PUBLISH, UNPUBLISH, MOVE, COPY, HISTORY)

# Columns: the parts of the tree.
WIJK_A = "wijk A"
WIJK_B = "wijk B"
ORGANISATION_A = "organisatie A"
ORGANISATION_B = "organisatie B"
GUIDE = "gids"
OTHER_PLATFORM = "ander platform"
COLUMNS = (WIJK_A, WIJK_B, ORGANISATION_A, ORGANISATION_B, GUIDE, OTHER_PLATFORM)
OWN_PLATFORM = (WIJK_A, WIJK_B, ORGANISATION_A, ORGANISATION_B, GUIDE)

# A buurtverbinder or organisation editor drafts and submits; deleting a live
# page, moving, locking and deciding are for Communicatie. Publishing past the
# workflow is for nobody but superusers while the site's setting
# "Communicatie mag direct publiceren" is off, its default
# (tests/security/test_four_eyes.py tries it with the setting on).
EDITOR_ACTIONS = (VIEW_DRAFT, ADD, EDIT, COPY, HISTORY, COMPARE, PREVIEW, SUBMIT)
COMMUNICATIE_ACTIONS = tuple(action for action in ACTIONS if action != PUBLISH)


def cells(actions, columns) -> frozenset[tuple[str, str]]:
    return frozenset((action, column) for action in actions for column in columns)


#: For each role, the (action, column) cells that must be ALLOWED; every
#: other cell must be DENIED.
EXPECTED_ALLOWED: dict[str, frozenset[tuple[str, str]]] = {
    ANONYMOUS: frozenset(),
    BUURTVERBINDER_A: cells(EDITOR_ACTIONS, [WIJK_A]),
    BUURTVERBINDER_B: cells(EDITOR_ACTIONS, [WIJK_B]),
    ORGANISATION_EDITOR_A: cells(EDITOR_ACTIONS, [ORGANISATION_A]),
    ORGANISATION_EDITOR_B: cells(EDITOR_ACTIONS, [ORGANISATION_B]),
    COMMUNICATIE: cells(COMMUNICATIE_ACTIONS, OWN_PLATFORM),
    # Beheerders manage users, sites, settings and taxonomies, not pages.
    BEHEERDER: frozenset(),
    COMMUNICATIE_ELSEWHERE: cells(COMMUNICATIE_ACTIONS, [OTHER_PLATFORM]),
}

NEW_SLUG = "matrix-nieuw"
COPY_SLUG = "matrix-kopie"
EDITED_TITLE = "Matrix bewerkt"
PUBLISHED_TITLE = "Matrix gepubliceerd"
PREVIEW_TITLE = "Matrix voorbeeld"


@dataclasses.dataclass(frozen=True)
class Column:
    name: str
    target_id: int  # a live page with an unpublished draft on top
    parent_id: int  # the target's parent: where add and copy put a new page
    add_type: str  # the page type added under the parent
    move_to_id: int  # another valid parent for the target
    live_revision_id: int
    draft_revision_id: int
    draft_title: str


@dataclasses.dataclass(frozen=True)
class Tree:
    columns: dict[str, Column]
    users: dict[str, object]
    superuser: object


def live_page_with_draft(factory, *, parent, title, superuser):
    page = factory(parent=parent, title=title)
    live = page.save_revision(user=superuser)
    live.publish(user=superuser)
    page.title = f"{title} (concept)"
    draft = page.save_revision(user=superuser)
    return page, live, draft


def build_tree(*, site, other_site, neighbourhood, other_neighbourhood) -> Tree:
    """Two wijken, two organisations and a gids in one site; news in another.

    Each column's target is a live page with a draft on top, under the page
    where add and copy put a new one. A news item can only live under a wijk,
    an organisation or "Nieuws", so no move stays inside one wijk or
    organisation: news moves to the site's "Nieuws" (the other platform's: to
    its wijk), the gids page to the home page.
    """
    user_model = get_user_model()
    superuser = user_model.objects.create_superuser(
        "matrix-superuser", "super@example.org", "x"
    )
    home = site.root_page
    wijken = NeighbourhoodIndexPageFactory(parent=home)
    wijk_a = NeighbourhoodPageFactory(parent=wijken, neighbourhood=neighbourhood)
    wijk_b = NeighbourhoodPageFactory(parent=wijken, neighbourhood=other_neighbourhood)
    social_map = SocialMapPageFactory(parent=home)
    organisation_a = OrganisationPageFactory(parent=social_map, title="Organisatie A")
    organisation_b = OrganisationPageFactory(parent=social_map, title="Organisatie B")
    news_index = NewsIndexPageFactory(parent=home)
    guide = ContentPageFactory(parent=home, title="Gids")

    other_home = other_site.root_page
    other_news_index = NewsIndexPageFactory(parent=other_home)
    other_wijk = NeighbourhoodPageFactory(
        parent=NeighbourhoodIndexPageFactory(parent=other_home),
        neighbourhood=NeighbourhoodFactory(site=other_site, name="Oost", slug="oost"),
    )

    users = {
        role: user_model.objects.create_user(
            role.replace(" ", "-"), f"{role.replace(' ', '-')}@example.org", "x"
        )
        for role in ROLES
        if role != ANONYMOUS
    }
    users[ANONYMOUS] = None
    buurtverbinder_grant(user=users[BUURTVERBINDER_A], neighbourhood_page=wijk_a)
    buurtverbinder_grant(user=users[BUURTVERBINDER_B], neighbourhood_page=wijk_b)
    organisation_editor_grant(
        user=users[ORGANISATION_EDITOR_A], organisation_page=organisation_a
    )
    organisation_editor_grant(
        user=users[ORGANISATION_EDITOR_B], organisation_page=organisation_b
    )
    # Also installs each site's "Goedkeuring" workflow.
    communicatie_grant(user=users[COMMUNICATIE], site=site)
    communicatie_grant(user=users[COMMUNICATIE_ELSEWHERE], site=other_site)
    beheerder_grant(user=users[BEHEERDER])

    columns = {}
    for name, factory, parent, add_type, move_to in (
        (WIJK_A, NewsPageFactory, wijk_a, "news.NewsPage", news_index),
        (WIJK_B, NewsPageFactory, wijk_b, "news.NewsPage", news_index),
        (ORGANISATION_A, NewsPageFactory, organisation_a, "news.NewsPage", news_index),
        (ORGANISATION_B, NewsPageFactory, organisation_b, "news.NewsPage", news_index),
        (GUIDE, ContentPageFactory, guide, "home.ContentPage", home),
        (
            OTHER_PLATFORM,
            NewsPageFactory,
            other_news_index,
            "news.NewsPage",
            other_wijk,
        ),
    ):
        page, live, draft = live_page_with_draft(
            factory, parent=parent, title=f"Pagina {name}", superuser=superuser
        )
        columns[name] = Column(
            name=name,
            target_id=page.pk,
            parent_id=parent.pk,
            add_type=add_type,
            move_to_id=move_to.pk,
            live_revision_id=live.pk,
            draft_revision_id=draft.pk,
            draft_title=page.title,
        )
    return Tree(columns=columns, users=users, superuser=superuser)


@pytest.fixture
def tree(site, other_site, neighbourhood, other_neighbourhood) -> Tree:
    return build_tree(
        site=site,
        other_site=other_site,
        neighbourhood=neighbourhood,
        other_neighbourhood=other_neighbourhood,
    )


# What the database says after an action.


def page_or_none(column: Column) -> Page | None:
    return Page.objects.filter(pk=column.target_id).first()


def child_exists(parent_id: int, slug: str) -> bool:
    return Page.objects.get(pk=parent_id).get_children().filter(slug=slug).exists()


def has_revision_titled(column: Column, title: str) -> bool:
    return (
        Page.objects.get(pk=column.target_id)
        .revisions.filter(content__title=title)
        .exists()
    )


def put_in_moderation(tree: Tree, column: Column) -> TaskState:
    """Submitted by a superuser; the taalcheck passes it on to Communicatie."""
    page = Page.objects.get(pk=column.target_id).specific
    task_state = page.get_workflow().start(page, tree.superuser).current_task_state
    assert isinstance(task_state.task.specific, GroupApprovalTask), task_state
    return task_state


def lock_as_superuser(tree: Tree, column: Column) -> None:
    Page.objects.filter(pk=column.target_id).update(
        locked=True, locked_by=tree.superuser, locked_at=timezone.now()
    )


@dataclasses.dataclass
class Outcome:
    allowed: bool
    request: str
    response: HttpResponse


# The admin.


def page_form_data(html: str) -> QueryDict:
    """What a browser sends from the page editor a superuser sees.

    The editor's JavaScript builds a StreamField's inputs, so the body is
    filled in here; a multiple select with nothing chosen sends nothing.
    """
    data = querydict_from_html(html, form_id="page-edit-form")
    form = WagtailTestUtils.get_soup(html).find("form", id="page-edit-form")
    for select in form.find_all("select", multiple=True):
        if not select.find("option", selected=True):
            data.pop(select["name"], None)
    body = streamfield([("paragraph", rich_text("<p>Matrixtekst.</p>"))])
    for key, value in nested_form_data({"body": body}).items():
        data[key] = value
    return data


class AdminProbe:
    """One role in the admin, with the forms a superuser sees to fill in."""

    def __init__(self, tree: Tree, role: str):
        self.tree = tree
        self.user = tree.users[role]
        self.client = Client(raise_request_exception=False)
        if self.user is not None:
            self.client.force_login(self.user)
        editor = Client()
        editor.force_login(tree.superuser)
        self.edit_forms = {}
        for name, column in tree.columns.items():
            response = editor.get(
                reverse("wagtailadmin_pages:edit", args=[column.target_id])
            )
            assert response.status_code == 200, name
            self.edit_forms[name] = page_form_data(response.text)

    @staticmethod
    def add_url(column: Column) -> str:
        app_label, model_name = column.add_type.lower().split(".")
        return reverse(
            "wagtailadmin_pages:add", args=[app_label, model_name, column.parent_id]
        )

    def edit_form(self, column: Column, **changes) -> dict:
        data = self.edit_forms[column.name].copy()
        for key, value in changes.items():
            data[key] = value
        return data

    def get(self, url: str, **kwargs) -> tuple[str, HttpResponse]:
        return f"GET {url}", self.client.get(url, **kwargs)

    def post(self, url: str, data=None) -> tuple[str, HttpResponse]:
        return f"POST {url}", self.client.post(url, data or {})


def admin_view_draft(probe: AdminProbe, column: Column) -> Outcome:
    request, response = probe.get(
        reverse("wagtailadmin_pages:edit", args=[column.target_id])
    )
    shown = response.status_code == 200 and column.draft_title in response.text
    return Outcome(shown, request, response)


def admin_add(probe: AdminProbe, column: Column) -> Outcome:
    # The create form of the target's page type has the target's edit form's
    # fields, without the edit form's "which revision did you load".
    data = probe.edit_form(column, title="Matrix nieuw", slug=NEW_SLUG)
    data.pop("loaded_revision_id", None)
    data.pop("loaded_revision_created_at", None)
    request, response = probe.post(probe.add_url(column), data)
    return Outcome(child_exists(column.parent_id, NEW_SLUG), request, response)


def admin_edit(probe: AdminProbe, column: Column) -> Outcome:
    request, response = probe.post(
        reverse("wagtailadmin_pages:edit", args=[column.target_id]),
        probe.edit_form(column, title=EDITED_TITLE),
    )
    return Outcome(has_revision_titled(column, EDITED_TITLE), request, response)


def admin_delete(probe: AdminProbe, column: Column) -> Outcome:
    request, response = probe.post(
        reverse("wagtailadmin_pages:delete", args=[column.target_id])
    )
    return Outcome(page_or_none(column) is None, request, response)


def admin_publish(probe: AdminProbe, column: Column) -> Outcome:
    request, response = probe.post(
        reverse("wagtailadmin_pages:edit", args=[column.target_id]),
        probe.edit_form(column, title=PUBLISHED_TITLE, **{"action-publish": "1"}),
    )
    page = page_or_none(column)
    return Outcome(page.live and page.title == PUBLISHED_TITLE, request, response)


def admin_unpublish(probe: AdminProbe, column: Column) -> Outcome:
    request, response = probe.post(
        reverse("wagtailadmin_pages:unpublish", args=[column.target_id])
    )
    return Outcome(not page_or_none(column).live, request, response)


def admin_move(probe: AdminProbe, column: Column) -> Outcome:
    request, response = probe.post(
        reverse(
            "wagtailadmin_pages:move_confirm",
            args=[column.target_id, column.move_to_id],
        )
    )
    moved = page_or_none(column).get_parent().pk == column.move_to_id
    return Outcome(moved, request, response)


def admin_copy(probe: AdminProbe, column: Column) -> Outcome:
    request, response = probe.post(
        reverse("wagtailadmin_pages:copy", args=[column.target_id]),
        {
            "new_title": "Matrix kopie",
            "new_slug": COPY_SLUG,
            "new_parent_page": column.parent_id,
        },
    )
    return Outcome(child_exists(column.parent_id, COPY_SLUG), request, response)


def admin_lock(probe: AdminProbe, column: Column) -> Outcome:
    request, response = probe.post(
        reverse("wagtailadmin_pages:lock", args=[column.target_id])
    )
    page = page_or_none(column)
    locked = page.locked and probe.user and page.locked_by_id == probe.user.pk
    return Outcome(bool(locked), request, response)


def admin_unlock(probe: AdminProbe, column: Column) -> Outcome:
    lock_as_superuser(probe.tree, column)
    request, response = probe.post(
        reverse("wagtailadmin_pages:unlock", args=[column.target_id])
    )
    return Outcome(not page_or_none(column).locked, request, response)


def admin_history(probe: AdminProbe, column: Column) -> Outcome:
    request, response = probe.get(
        reverse("wagtailadmin_pages:history", args=[column.target_id])
    )
    return Outcome(response.status_code == 200, request, response)


def admin_compare(probe: AdminProbe, column: Column) -> Outcome:
    request, response = probe.get(
        reverse(
            "wagtailadmin_pages:revisions_compare",
            kwargs={
                "pk": column.target_id,
                "revision_id_a": column.live_revision_id,
                "revision_id_b": column.draft_revision_id,
            },
        )
    )
    return Outcome(response.status_code == 200, request, response)


def admin_preview(probe: AdminProbe, column: Column) -> Outcome:
    """The editor posts the form to the preview view, then shows its GET."""
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[column.target_id])
    request, posted = probe.post(url, probe.edit_form(column, title=PREVIEW_TITLE))
    if posted.status_code != 200:
        return Outcome(False, request, posted)
    request, response = probe.get(url)
    shown = (
        posted.json()["is_valid"]
        and response.status_code == 200
        and PREVIEW_TITLE in response.text
    )
    return Outcome(shown, f"POST+{request}", response)


def admin_submit(probe: AdminProbe, column: Column) -> Outcome:
    request, response = probe.post(
        reverse("wagtailadmin_pages:edit", args=[column.target_id]),
        probe.edit_form(column, **{"action-submit": "1"}),
    )
    submitted = (
        WorkflowState.objects.active()
        .filter(object_id=str(column.target_id), requested_by=probe.user)
        .exists()
        if probe.user
        else False
    )
    return Outcome(submitted, request, response)


def admin_workflow_action(action: str, status: str):
    def check(probe: AdminProbe, column: Column) -> Outcome:
        task_state = put_in_moderation(probe.tree, column)
        request, response = probe.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=[column.target_id, action, task_state.pk],
            ),
            {"comment": f"Matrix: {action}"},
        )
        task_state.refresh_from_db()
        return Outcome(task_state.status == status, request, response)

    return check


ADMIN_CHECKS: dict[str, Callable[[AdminProbe, Column], Outcome]] = {
    VIEW_DRAFT: admin_view_draft,
    ADD: admin_add,
    EDIT: admin_edit,
    DELETE: admin_delete,
    PUBLISH: admin_publish,
    UNPUBLISH: admin_unpublish,
    MOVE: admin_move,
    COPY: admin_copy,
    LOCK: admin_lock,
    UNLOCK: admin_unlock,
    HISTORY: admin_history,
    COMPARE: admin_compare,
    PREVIEW: admin_preview,
    SUBMIT: admin_submit,
    APPROVE: admin_workflow_action("approve", TaskState.STATUS_APPROVED),
    REJECT: admin_workflow_action("reject", TaskState.STATUS_REJECTED),
}


# API v3.


class APIProbe:
    """One role in API v3: a bearer token of that user (none when anonymous)."""

    def __init__(self, tree: Tree, role: str):
        self.tree = tree
        self.user = tree.users[role]
        headers = {}
        if self.user is not None:
            _token, plaintext = APIToken.create_token(user=self.user, name="matrix")
            headers["Authorization"] = f"Bearer {plaintext}"
        self.client = Client(raise_request_exception=False, headers=headers)

    def call(self, method: str, url: str, data=None) -> tuple[str, HttpResponse]:
        send = getattr(self.client, method.lower())
        if method == "GET":
            return f"{method} {url}", send(url, data)
        return f"{method} {url}", send(url, data, content_type="application/json")


def page_url(column: Column, suffix: str = "") -> str:
    return f"/api/v3/pages/{column.target_id}/{suffix}"


def api_view_draft(probe: APIProbe, column: Column) -> Outcome:
    request, response = probe.call("GET", page_url(column), {"version": "draft"})
    shown = (
        response.status_code == 200 and response.json()["title"] == column.draft_title
    )
    return Outcome(shown, request + "?version=draft", response)


def api_add(probe: APIProbe, column: Column) -> Outcome:
    request, response = probe.call(
        "POST",
        "/api/v3/pages/",
        {
            "meta": {"type": column.add_type, "parent_id": column.parent_id},
            "title": "Matrix nieuw",
            "slug": NEW_SLUG,
        },
    )
    return Outcome(child_exists(column.parent_id, NEW_SLUG), request, response)


def api_edit(probe: APIProbe, column: Column) -> Outcome:
    request, response = probe.call("PATCH", page_url(column), {"title": EDITED_TITLE})
    return Outcome(has_revision_titled(column, EDITED_TITLE), request, response)


def api_delete(probe: APIProbe, column: Column) -> Outcome:
    request, response = probe.call("DELETE", page_url(column))
    return Outcome(page_or_none(column) is None, request, response)


def api_publish(probe: APIProbe, column: Column) -> Outcome:
    request, response = probe.call("POST", page_url(column, "actions/publish/"))
    page = page_or_none(column)
    return Outcome(page.live and page.title == column.draft_title, request, response)


def api_unpublish(probe: APIProbe, column: Column) -> Outcome:
    request, response = probe.call(
        "POST", page_url(column, "actions/unpublish/"), {"recursive": False}
    )
    return Outcome(not page_or_none(column).live, request, response)


def api_move(probe: APIProbe, column: Column) -> Outcome:
    request, response = probe.call(
        "POST",
        page_url(column, "actions/move/"),
        {"destination_id": column.move_to_id, "position": "last-child"},
    )
    moved = page_or_none(column).get_parent().pk == column.move_to_id
    return Outcome(moved, request, response)


def api_copy(probe: APIProbe, column: Column) -> Outcome:
    request, response = probe.call(
        "POST",
        page_url(column, "actions/copy/"),
        {"destination_id": column.parent_id, "slug": COPY_SLUG, "keep_live": False},
    )
    return Outcome(child_exists(column.parent_id, COPY_SLUG), request, response)


def api_history(probe: APIProbe, column: Column) -> Outcome:
    request, response = probe.call("GET", page_url(column, "revisions/"))
    listed = response.status_code == 200 and {
        item["id"] for item in response.json()["items"]
    } >= {column.live_revision_id, column.draft_revision_id}
    return Outcome(listed, request, response)


API_CHECKS: dict[str, Callable[[APIProbe, Column], Outcome]] = {
    VIEW_DRAFT: api_view_draft,
    ADD: api_add,
    EDIT: api_edit,
    DELETE: api_delete,
    PUBLISH: api_publish,
    UNPUBLISH: api_unpublish,
    MOVE: api_move,
    COPY: api_copy,
    HISTORY: api_history,
}


# The matrix.


def describe(outcome: Outcome) -> str:
    response = outcome.response
    text = f"{outcome.request} → {response.status_code}"
    if location := response.get("Location"):
        text += f" {location}"
    if exc_info := getattr(response, "exc_info", None):
        text += f" {exc_info[0].__name__}: {exc_info[1]}"
    elif response.get("Content-Type", "").startswith("application/json"):
        text += f" {response.content.decode()[:160]}"
    return text


def anonymous_turned_away(surface: str, action: str, outcome: Outcome) -> bool:
    """The admin sends an anonymous visitor to the login page; API v3 answers
    401, except for reading, where the anonymous reader gets the live page."""
    response = outcome.response
    if surface == "admin":
        return response.status_code == 302 and response["Location"].startswith(
            reverse("wagtailadmin_login")
        )
    if action == VIEW_DRAFT:
        return response.status_code in (200, 404)
    return response.status_code == 401


def run_matrix(surface: str, role: str, probe, checks) -> list[str]:
    mismatches = []
    for action, check in checks.items():
        for name in COLUMNS:
            column = probe.tree.columns[name]
            with transaction.atomic():
                outcome = check(probe, column)
                transaction.set_rollback(True)
            expected = (action, name) in EXPECTED_ALLOWED[role]
            cell = f"{surface}: ({role}, {action}, {name})"
            if outcome.response.status_code >= 500:
                mismatches.append(f"{cell}: server error: {describe(outcome)}")
            elif outcome.allowed != expected:
                mismatches.append(
                    f"{cell}: expected {'ALLOWED' if expected else 'DENIED'}, "
                    f"got {'ALLOWED' if outcome.allowed else 'DENIED'}: "
                    f"{describe(outcome)}"
                )
            elif role == ANONYMOUS and not anonymous_turned_away(
                surface, action, outcome
            ):
                mismatches.append(
                    f"{cell}: anonymous not turned away: {describe(outcome)}"
                )
    return mismatches


@pytest.mark.parametrize("role", ROLES)
def test_the_role_gets_exactly_its_cells_of_the_matrix(tree, role):
    mismatches = [
        *run_matrix("admin", role, AdminProbe(tree, role), ADMIN_CHECKS),
        *run_matrix("API v3", role, APIProbe(tree, role), API_CHECKS),
    ]

    assert not mismatches, (
        f"{len(mismatches)} mismatches with the permission matrix for {role}:\n"
        + "\n".join(mismatches)
    )


def test_the_matrix_covers_every_role_action_and_column():
    assert set(EXPECTED_ALLOWED) == set(ROLES)
    assert set(ADMIN_CHECKS) == set(ACTIONS)
    assert set(API_CHECKS) == set(API_ACTIONS)
    every_cell = cells(ACTIONS, COLUMNS)
    for allowed in EXPECTED_ALLOWED.values():
        assert allowed <= every_cell


def test_api_v3_has_no_endpoint_for_the_actions_it_leaves_out(client):
    """Lock, unlock, revision compare, preview, submit, approve and reject are
    admin-only. If a later Wagtail adds one to API v3, add it to the matrix."""
    document = client.get("/api/v3/openapi.json").json()
    page_operations = {
        operation["operationId"]: f"{method.upper()} {path}"
        for path, methods in document["paths"].items()
        if path.startswith("/api/v3/pages/")
        for method, operation in methods.items()
    }
    admin_only = {
        "lock",
        "unlock",
        "compare",
        "diff",
        "preview",
        "submit",
        "moderation",
        "workflow",
        "workflows",
        "approve",
        "reject",
    }

    assert {
        "pages_detail",
        "pages_create",
        "pages_update",
        "pages_delete",
        "pages_actions_publish",
        "pages_actions_unpublish",
        "pages_actions_move",
        "pages_actions_copy",
        "pages_revisions_list",
    } <= set(page_operations)
    assert [
        f"{operation_id}: {endpoint}"
        for operation_id, endpoint in page_operations.items()
        if admin_only & set(re.split(r"[^a-z]+", f"{operation_id} {endpoint}".lower()))
    ] == []
