"""Permission parity: the API's writes allow exactly whom the admin allows.

For every role of the permission matrix (tests/editorial/test_permission_matrix.py)
and the organisation pages of both platforms, a PATCH of the profile with the
role's token is allowed (200, a new revision by that user) exactly when
``page.permissions_for_user(user).can_edit()`` says so and the admin's edit
view opens (200; otherwise a redirect or 403). It also matches the matrix's
expected "edit" cell for the organisation's part of the tree. Adding an event
under the organisation through the API likewise matches ``can_add_subpage()``,
the admin's "add page" view and the matrix's "add" cell.
"""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse
from wagtail.models import APIToken, Page

from agenda.models import EventPage
from tests.editorial.test_permission_matrix import (
    ADD,
    ANONYMOUS,
    EDIT,
    EXPECTED_ALLOWED,
    ORGANISATION_A,
    ORGANISATION_B,
    OTHER_PLATFORM,
    ROLES,
    build_tree,
)
from tests.factories import OrganisationPageFactory, SocialMapPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(site, other_site, neighbourhood, other_neighbourhood):
    return build_tree(
        site=site,
        other_site=other_site,
        neighbourhood=neighbourhood,
        other_neighbourhood=other_neighbourhood,
    )


def api_edit(client: Client, user, page) -> tuple[bool, int]:
    headers = {}
    if user is not None:
        _token, plaintext = APIToken.create_token(user=user, name="pariteit")
        headers["HTTP_AUTHORIZATION"] = f"Bearer {plaintext}"
    revisions = page.revisions.count()
    response = client.patch(
        f"/api/v3/redactie/organisaties/{page.pk}/",
        json.dumps({"phone": "0183 000 111", "submit": False}),
        content_type="application/json",
        **headers,
    )
    assert response.status_code in (200, 401, 403, 404), response.content
    allowed = response.status_code == 200
    if allowed:
        latest = page.revisions.order_by("-pk").first()
        assert latest.user == user
        assert latest.as_object().phone == "0183 000 111"
    else:
        assert page.revisions.count() == revisions
    return allowed, response.status_code


def admin_edit_opens(user, page) -> tuple[bool, int]:
    client = Client()
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code in (200, 302, 403), response.status_code
    return response.status_code == 200, response.status_code


def api_add(client: Client, user, parent) -> tuple[bool, int]:
    headers = {}
    if user is not None:
        _token, plaintext = APIToken.create_token(user=user, name="pariteit")
        headers["HTTP_AUTHORIZATION"] = f"Bearer {plaintext}"
    children = Page.objects.child_of(parent).count()
    response = client.post(
        f"/api/v3/redactie/organisaties/{parent.pk}/evenementen/",
        json.dumps(
            {"title": "Pariteit", "start": "2030-01-01T10:00:00+01:00", "submit": False}
        ),
        content_type="application/json",
        **headers,
    )
    assert response.status_code in (201, 401, 403, 404), response.content
    allowed = response.status_code == 201
    assert Page.objects.child_of(parent).count() == children + allowed
    if allowed:
        EventPage.objects.get(pk=response.json()["id"]).delete()
    return allowed, response.status_code


def admin_add_opens(user, parent) -> tuple[bool, int]:
    client = Client()
    if user is not None:
        client.force_login(user)
    response = client.get(
        reverse("wagtailadmin_pages:add", args=["agenda", "eventpage", parent.pk])
    )
    assert response.status_code in (200, 302, 403), response.status_code
    return response.status_code == 200, response.status_code


def test_the_api_edits_exactly_what_the_admin_edits(tree, other_site):
    other_organisation = OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=other_site.root_page),
        title="Organisatie elders",
    )
    pages = {
        ORGANISATION_A: Page.objects.get(pk=tree.columns[ORGANISATION_A].parent_id),
        ORGANISATION_B: Page.objects.get(pk=tree.columns[ORGANISATION_B].parent_id),
        OTHER_PLATFORM: other_organisation,
    }
    api_client = Client(raise_request_exception=False)
    mismatches = []
    allowed_somewhere = 0
    for role in ROLES:
        user = tree.users[role]
        for column, page in pages.items():
            page = page.specific
            can_edit = page.permissions_for_user(user or AnonymousUser()).can_edit()
            admin, admin_status = admin_edit_opens(user, page)
            api, api_status = api_edit(api_client, user, page)
            expected = (EDIT, column) in EXPECTED_ALLOWED[role]
            if not (api == admin == can_edit == expected):
                mismatches.append(
                    f"{role} / {column}: api {api_status}, admin {admin_status}, "
                    f"can_edit {can_edit}, matrix {expected}"
                )
            allowed_somewhere += api

            can_add = page.permissions_for_user(
                user or AnonymousUser()
            ).can_add_subpage()
            admin, admin_status = admin_add_opens(user, page)
            api, api_status = api_add(api_client, user, page)
            expected = (ADD, column) in EXPECTED_ALLOWED[role]
            if not (api == admin == can_add == expected):
                mismatches.append(
                    f"add under {column} as {role}: api {api_status}, admin "
                    f"{admin_status}, can_add_subpage {can_add}, matrix {expected}"
                )
    assert not mismatches, "\n".join(mismatches)
    # Each organisation editor on their own, Communicatie on both of its site,
    # the other platform's Communicatie on its own.
    assert allowed_somewhere == 5
    assert tree.users[ANONYMOUS] is None
