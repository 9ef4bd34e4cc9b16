"""Who may hold which API token (issue 15: "a token never reaches more than its
user can in the admin").

An organisation's editor makes their own token in the admin (Instellingen → API
tokens) and keeps their profile up to date with it. Nobody else's: the token
form offers only themselves. A Beheerder may change users, and Wagtail lets
whoever may change users make tokens for others, so Beheerders have no token
rights at all: otherwise one would make a token for Communicatie and publish
as them, past four-eyes.
"""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import APIToken

from editorial.services import (
    API_TOKEN_PERMISSIONS,
    BEHEERDERS,
    ROLE_MODEL_PERMISSIONS,
    beheerder_grant,
    communicatie_grant,
    organisation_editor_grant,
)
from tests.factories import OrganisationPageFactory, SocialMapPageFactory

pytestmark = pytest.mark.django_db

TOKENS = "/admin/api-tokens/"


def make_user(username):
    return get_user_model().objects.create_user(
        username, f"{username}@example.org", "x", first_name=username.title()
    )


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def people(site):
    social_map = SocialMapPageFactory(parent=site.root_page)
    organisation = OrganisationPageFactory(parent=social_map, title="Buurtzorg West")
    organisation.save_revision().publish()
    editor, communicatie, beheerder = (
        make_user("olga"),
        make_user("petra"),
        make_user("bea"),
    )
    organisation_editor_grant(user=editor, organisation_page=organisation)
    communicatie_grant(user=communicatie, site=site)
    beheerder_grant(user=beheerder)
    return {
        "organisation": organisation,
        "editor": editor,
        "communicatie": communicatie,
        "beheerder": beheerder,
    }


def test_no_role_that_manages_users_carries_token_rights():
    for permissions in ROLE_MODEL_PERMISSIONS.values():
        if "auth.change_user" in permissions:
            assert not set(API_TOKEN_PERMISSIONS) & set(permissions)
    assert "auth.change_user" in ROLE_MODEL_PERMISSIONS[BEHEERDERS]


def test_an_organisation_editor_makes_their_own_token_and_writes_with_it(people):
    editor, organisation = people["editor"], people["organisation"]
    client = logged_in(editor)

    form = client.get(f"{TOKENS}new/")
    assert form.status_code == 200
    # The owner field offers the editor only.
    offered = re.findall(r'<option value="(\d+)"', form.content.decode())
    assert offered == [str(editor.pk)]

    created = client.post(f"{TOKENS}new/", {"user": editor.pk, "name": "Ons systeem"})
    assert created.status_code == 200
    [token] = APIToken.objects.filter(user=editor)
    plaintext = next(
        word
        for word in re.findall(r"[A-Za-z0-9_\-]{20,}", created.content.decode())
        if APIToken.objects.filter(
            key_hash__in=APIToken.candidate_key_hashes(word)
        ).exists()
    )
    assert token.name == "Ons systeem"

    response = Client().patch(
        f"/api/v3/redactie/organisaties/{organisation.pk}/",
        json.dumps({"phone": "0183 123 456"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {plaintext}",
    )
    assert response.status_code == 200, response.content
    assert organisation.get_latest_revision_as_object().phone == "0183 123 456"


def test_an_organisation_editor_cannot_make_a_token_for_someone_else(people):
    client = logged_in(people["editor"])
    response = client.post(
        f"{TOKENS}new/", {"user": people["communicatie"].pk, "name": "Stiekem"}
    )
    assert response.status_code == 200  # the form again, with an error
    assert not APIToken.objects.filter(user=people["communicatie"]).exists()


def test_a_beheerder_cannot_make_a_token_for_communicatie(people):
    client = logged_in(people["beheerder"])
    assert client.get(TOKENS).status_code in (302, 403)
    response = client.post(
        f"{TOKENS}new/", {"user": people["communicatie"].pk, "name": "Stiekem"}
    )
    assert response.status_code in (302, 403)
    assert not APIToken.objects.exists()
