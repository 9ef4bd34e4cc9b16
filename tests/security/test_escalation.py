"""The escalation matrix of issue 13: no role can exceed its grant.

Every non-superuser role tries every way to gain rights through the admin's
real HTTP views (Wagtail's user and group views, their bulk actions, API
tokens, Instellingen → Rollen) and through the API. Each attempt must be
refused (a 403, Wagtail's "no permission" redirect, a 404, or the form shown
again with a clear error) and leave the database as it was: users, passwords,
superuser and active status, group memberships, groups and their model, page
and collection permissions, API tokens.

The same requests made by a superuser take effect (``test_a_superuser_can``):
that proves each request is well formed, so a refusal is a refusal and not a
typo in the test. A legitimate role change (a Beheerder giving a role on
Rollen) takes effect and is logged with who, whom, what and when.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from wagtail.models import (
    APIToken,
    GroupCollectionPermission,
    GroupPagePermission,
    ModelLogEntry,
)
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import querydict_from_html

from editorial.models import Team, TeamRole
from editorial.services import (
    BEHEERDERS,
    ROLE_GRANT_ACTION,
    beheerder_grant,
    buurtverbinder_grant,
    communicatie_grant,
    organisation_editor_grant,
    site_beheerder_grant,
    site_beheerder_key,
)
from tests.factories import (
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)

pytestmark = pytest.mark.django_db

User = get_user_model()
PASSWORD = "Lange-zin-met-koffie-2026"
NEW_PASSWORD = "Andere-lange-zin-thee-2027"

BUURTVERBINDER = "buurtverbinder"
ORGANISATION_EDITOR = "organisatie-redacteur"
COMMUNICATIE = "communicatie"
BEHEERDER = "beheerder"
SITE_BEHEERDER = "beheerder van één platform"
ROLES = (BUURTVERBINDER, ORGANISATION_EDITOR, COMMUNICATIE, BEHEERDER, SITE_BEHEERDER)
BEHEERDER_ROLES = (BEHEERDER, SITE_BEHEERDER)

ROLES_ERROR = "Superuser-rechten en groepen kun je hier niet wijzigen"


def make_user(username, **extra):
    return User.objects.create_user(
        username,
        f"{username}@example.org",
        password=PASSWORD,
        first_name=username.title(),
        last_name="Test",
        **extra,
    )


class World:
    """Two platforms, their teams, a superuser and one person per role."""

    def __init__(self, site, other_site):
        self.site = site
        self.other_site = other_site
        self.wijk = NeighbourhoodPageFactory(
            parent=NeighbourhoodIndexPageFactory(parent=site.root_page), title="Centrum"
        )
        self.organisation = OrganisationPageFactory(
            parent=SocialMapPageFactory(parent=site.root_page), title="De Brug"
        )
        self.root = make_user("root", is_superuser=True)
        self.anouk = make_user("anouk")  # no role yet
        self.other_communicatie = make_user("olga")
        communicatie_grant(user=self.other_communicatie, site=other_site)
        self.communicatie_group = Team.objects.get(
            page=site.root_page, role=TeamRole.COMMUNICATIE
        ).group
        self.users = {
            role: make_user(role.split()[0][:6] + str(i))
            for i, role in enumerate(ROLES)
        }
        buurtverbinder_grant(
            user=self.users[BUURTVERBINDER], neighbourhood_page=self.wijk
        )
        organisation_editor_grant(
            user=self.users[ORGANISATION_EDITOR], organisation_page=self.organisation
        )
        communicatie_grant(user=self.users[COMMUNICATIE], site=site)
        beheerder_grant(user=self.users[BEHEERDER])
        site_beheerder_grant(user=self.users[SITE_BEHEERDER], site=site)


@pytest.fixture
def world(site, other_site):
    return World(site, other_site)


def snapshot() -> dict:
    """Everything that says who may do what."""
    through = User.groups.through
    return {
        "users": sorted(
            User.objects.values_list(
                "pk", "username", "email", "password", "is_superuser", "is_active"
            )
        ),
        "memberships": sorted(through.objects.values_list("user_id", "group_id")),
        "user_permissions": sorted(
            User.user_permissions.through.objects.values_list(
                "user_id", "permission_id"
            )
        ),
        "groups": sorted(Group.objects.values_list("pk", "name")),
        "group_permissions": sorted(
            Group.permissions.through.objects.values_list("group_id", "permission_id")
        ),
        "page_permissions": sorted(
            GroupPagePermission.objects.values_list(
                "group_id", "page_id", "permission_id"
            )
        ),
        "collection_permissions": sorted(
            GroupCollectionPermission.objects.values_list(
                "group_id", "collection_id", "permission_id"
            )
        ),
        "api_tokens": sorted(
            APIToken.objects.values_list("pk", "user_id", "revoked_at")
        ),
    }


def account_data(user, **changes) -> dict:
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name or "X",
        "last_name": user.last_name or "Y",
        "is_active": "on",
        "password1": "",
        "password2": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def new_account_data(**changes) -> dict:
    return {
        "username": "mallory",
        "email": "mallory@example.org",
        "first_name": "Mallory",
        "last_name": "Macht",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **changes,
    }


def bulk_url(action: str, *users) -> str:
    url = reverse("wagtail_bulk_action", args=("auth", "user", action))
    ids = "&".join(f"id={user.pk}" for user in users)
    return f"{url}?{ids}&next={reverse('wagtailusers_users:index')}"


def group_form_data(url: str, **fields) -> dict:
    """The group form as the page renders it for a superuser (with its
    permission panels), every model permission it offers ticked, plus
    ``fields``."""
    admin = Client()
    admin.force_login(User.objects.get(username="root"))
    html = admin.get(url).content.decode()
    forms = WagtailTestUtils.get_soup(html).find_all("form")
    index = next(
        i for i, form in enumerate(forms) if form.find("input", attrs={"name": "name"})
    )
    data = dict(querydict_from_html(html, form_index=index).lists())
    data["permissions"] = [
        box["value"]
        for box in forms[index].find_all("input", attrs={"name": "permissions"})
    ]
    data.update(fields)
    return data


# The attempts: each takes (client, world, actor) and returns the response.


def create_superuser(client, world, actor):
    return client.post(
        reverse("wagtailusers_users:add"), new_account_data(is_superuser="on")
    )


def create_user_in_a_group(client, world, actor):
    return client.post(
        reverse("wagtailusers_users:add"),
        new_account_data(groups=[world.communicatie_group.pk]),
    )


def make_someone_superuser(client, world, actor):
    return client.post(
        reverse("wagtailusers_users:edit", args=[world.anouk.pk]),
        account_data(world.anouk, is_superuser="on"),
    )


def make_oneself_superuser(client, world, actor):
    return client.post(
        reverse("wagtailusers_users:edit", args=[actor.pk]),
        account_data(actor, is_superuser="on"),
    )


def add_oneself_to_a_group(client, world, actor):
    beheerders = Group.objects.get(name=BEHEERDERS)
    return client.post(
        reverse("wagtailusers_users:edit", args=[actor.pk]),
        account_data(actor, groups=[world.communicatie_group.pk, beheerders.pk]),
    )


def reset_a_superusers_password(client, world, actor):
    return client.post(
        reverse("wagtailusers_users:edit", args=[world.root.pk]),
        account_data(world.root, password1=NEW_PASSWORD, password2=NEW_PASSWORD),
    )


def change_a_superusers_email(client, world, actor):
    return client.post(
        reverse("wagtailusers_users:edit", args=[world.root.pk]),
        account_data(world.root, email="attacker@example.org"),
    )


def deactivate_a_superuser(client, world, actor):
    return client.post(
        reverse("wagtailusers_users:edit", args=[world.root.pk]),
        account_data(world.root, is_active=None),
    )


def delete_a_superuser(client, world, actor):
    return client.post(reverse("wagtailusers_users:delete", args=[world.root.pk]))


def bulk_delete_a_superuser(client, world, actor):
    return client.post(bulk_url("delete", world.root))


def bulk_deactivate_a_superuser(client, world, actor):
    return client.post(
        bulk_url("set_active_state", world.root), {"mark_as_active": "False"}
    )


def bulk_assign_oneself_a_role(client, world, actor):
    return client.post(
        bulk_url("assign_role", actor), {"role": world.communicatie_group.pk}
    )


def change_a_groups_permissions(client, world, actor):
    beheerders = Group.objects.get(name=BEHEERDERS)
    url = reverse("wagtailusers_groups:edit", args=[beheerders.pk])
    return client.post(
        url,
        group_form_data(url, name=BEHEERDERS),
    )


def create_a_group(client, world, actor):
    url = reverse("wagtailusers_groups:add")
    return client.post(url, group_form_data(url, name="Macht"))


def create_an_api_token_for_someone_else(client, world, actor):
    return client.post(
        reverse("wagtailusers_api_tokens:add"),
        {"name": "sleutel", "user": world.other_communicatie.pk},
    )


def give_oneself_a_role_on_rollen(client, world, actor):
    team = Team.objects.get(page=world.site.root_page, role=TeamRole.COMMUNICATIE)
    return client.post(
        reverse("editorial_roles"), {"person": actor.pk, "role": f"team:{team.pk}"}
    )


def give_a_role_of_another_platform(client, world, actor):
    team = Team.objects.get(page=world.other_site.root_page, role=TeamRole.COMMUNICATIE)
    return client.post(
        reverse("editorial_roles"),
        {"person": world.anouk.pk, "role": f"team:{team.pk}"},
    )


def take_a_role_of_another_platform(client, world, actor):
    team = Team.objects.get(page=world.other_site.root_page, role=TeamRole.COMMUNICATIE)
    return client.post(
        reverse("editorial_role_revoke", args=[world.other_communicatie.pk]),
        {"role": f"team:{team.pk}"},
    )


ATTEMPTS = {
    "create a user with superuser status": create_superuser,
    "create a user in a group": create_user_in_a_group,
    "make someone superuser": make_someone_superuser,
    "make oneself superuser": make_oneself_superuser,
    "add oneself to groups through the user form": add_oneself_to_a_group,
    "reset a superuser's password": reset_a_superusers_password,
    "change a superuser's e-mail address": change_a_superusers_email,
    "deactivate a superuser": deactivate_a_superuser,
    "delete a superuser": delete_a_superuser,
    "bulk-delete a superuser": bulk_delete_a_superuser,
    "bulk-deactivate a superuser": bulk_deactivate_a_superuser,
    "bulk-assign oneself a group": bulk_assign_oneself_a_role,
    "change a group's permissions": change_a_groups_permissions,
    "create a group": create_a_group,
    "create an API token for someone else": create_an_api_token_for_someone_else,
    "give oneself a role on Rollen": give_oneself_a_role_on_rollen,
}
# Only a Beheerder of one platform is refused these; a Beheerder of every
# platform may (test_a_beheerder_of_every_platform_gives_roles_everywhere).
SITE_BEHEERDER_ATTEMPTS = {
    "give a role of another platform": give_a_role_of_another_platform,
    "take a role of another platform": take_a_role_of_another_platform,
}


def assert_refused(response, *, role: str) -> None:
    """A 403 or 404; Wagtail's "no permission" redirect to the dashboard; a
    bulk action that acted on nobody; or the form again with a clear error."""
    if response.status_code in (403, 404):
        return
    if response.status_code == 302:
        # Refusal by redirect: to the dashboard, or back to the listing from a
        # bulk action (the database check shows it acted on nobody).
        assert response["Location"] in (
            reverse("wagtailadmin_home"),
            reverse("wagtailusers_users:index"),
            reverse("editorial_roles"),
        ), response["Location"]
        return
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert (
        ROLES_ERROR in html
        or "Je kunt jezelf geen rol geven" in html
        or "niet beheert" in html
        or "Selecteer een geldige keuze" in html
        # a bulk action's confirmation page naming what may not be done
        or "You don't have permission" in html
        or "heb je geen toestemming" in html.lower()
        or "geen rechten" in html
    ), f"{role}: 200 without a clear error"


@pytest.mark.parametrize("attempt", list(ATTEMPTS))
@pytest.mark.parametrize("role", ROLES)
def test_no_role_gains_rights(client, world, role, attempt):
    actor = world.users[role]
    client.force_login(actor)
    before = snapshot()
    role_entries = ModelLogEntry.objects.filter(action__startswith="buurtplein.role")
    logged_before = role_entries.count()

    response = ATTEMPTS[attempt](client, world, actor)

    assert response.status_code < 500
    assert_refused(response, role=role)
    assert snapshot() == before
    assert role_entries.count() == logged_before


@pytest.mark.parametrize("attempt", list(SITE_BEHEERDER_ATTEMPTS))
def test_a_beheerder_of_one_platform_stays_on_it(client, world, attempt):
    actor = world.users[SITE_BEHEERDER]
    client.force_login(actor)
    before = snapshot()

    response = SITE_BEHEERDER_ATTEMPTS[attempt](client, world, actor)

    assert_refused(response, role=SITE_BEHEERDER)
    assert snapshot() == before


@pytest.mark.parametrize(
    "attempt",
    [
        "create a user with superuser status",
        "create a user in a group",
        "make someone superuser",
        "reset a superuser's password",
        "change a superuser's e-mail address",
        "delete a superuser",
        "bulk-deactivate a superuser",
        "change a group's permissions",
        "create a group",
    ],
)
def test_a_superuser_can(client, world, attempt):
    """The control row: the very same requests work for a superuser, so the
    refusals above are refusals, not malformed requests. The target superuser
    is another one (nobody deletes or deactivates themselves)."""
    me = make_user("hoofdbeheer", is_superuser=True)
    client.force_login(me)
    before = snapshot()

    response = ATTEMPTS[attempt](client, world, me)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert snapshot() != before


def test_bulk_assign_as_superuser_takes_effect_and_is_logged(client, world):
    me = make_user("hoofdbeheer", is_superuser=True)
    client.force_login(me)

    response = client.post(
        bulk_url("assign_role", world.anouk), {"role": world.communicatie_group.pk}
    )

    assert response.status_code == 302
    assert world.anouk.groups.filter(pk=world.communicatie_group.pk).exists()
    entry = ModelLogEntry.objects.get(
        action=ROLE_GRANT_ACTION, object_id=str(world.anouk.pk)
    )
    assert entry.user == me
    assert entry.data["via"] == "bulkactie"


@pytest.mark.parametrize("role", BEHEERDER_ROLES)
def test_a_beheerder_gives_a_role_through_rollen_and_it_is_logged(client, world, role):
    actor = world.users[role]
    client.force_login(actor)
    team = Team.objects.get(page=world.wijk)

    response = client.post(
        reverse("editorial_roles"),
        {"person": world.anouk.pk, "role": f"team:{team.pk}"},
    )

    assert response.status_code == 302
    assert world.anouk.groups.filter(pk=team.group_id).exists()
    entry = ModelLogEntry.objects.get(action=ROLE_GRANT_ACTION)
    assert entry.user == actor  # who
    assert entry.object_id == str(world.anouk.pk)  # whom
    assert entry.label == "anouk"
    assert entry.data["role"] == f"team:{team.pk}"  # what
    assert entry.data["role_label"] == "Buurtverbinder van Centrum"
    assert entry.data["site"] == "Samen Teststad"
    assert entry.data["via"] == "rollen"
    assert entry.timestamp is not None  # when


def test_a_beheerder_of_every_platform_gives_roles_everywhere(client, world):
    client.force_login(world.users[BEHEERDER])
    team = Team.objects.get(page=world.other_site.root_page, role=TeamRole.COMMUNICATIE)

    client.post(
        reverse("editorial_roles"),
        {"person": world.anouk.pk, "role": f"team:{team.pk}"},
    )

    assert world.anouk.groups.filter(pk=team.group_id).exists()


def test_a_beheerder_of_one_platform_cannot_make_a_beheerder_of_every_platform(
    client, world
):
    client.force_login(world.users[SITE_BEHEERDER])
    before = snapshot()

    response = client.post(
        reverse("editorial_roles"), {"person": world.anouk.pk, "role": "beheerder"}
    )

    assert response.status_code == 200
    assert snapshot() == before


def test_a_beheerder_cannot_narrow_a_beheerder_of_every_platform(client, world):
    """Making a Beheerder of every platform the Beheerder of one would take
    rights away on the other platforms."""
    client.force_login(world.users[SITE_BEHEERDER])
    before = snapshot()

    response = client.post(
        reverse("editorial_roles"),
        {
            "person": world.users[BEHEERDER].pk,
            "role": site_beheerder_key(world.site.pk),
        },
    )

    assert response.status_code == 200
    assert "al beheerder van alle platforms" in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("role", BEHEERDER_ROLES)
def test_a_beheerder_still_manages_people_within_their_roles(client, world, role):
    """What a Beheerder may do keeps working: create a person, correct the
    address and reset the password of a buurtverbinder of their platform."""
    client.force_login(world.users[role])
    buurtverbinder = world.users[BUURTVERBINDER]

    form = client.get(reverse("wagtailusers_users:add")).content.decode()
    edit_form = client.get(
        reverse("wagtailusers_users:edit", args=[buurtverbinder.pk])
    ).content.decode()
    created = client.post(reverse("wagtailusers_users:add"), new_account_data())
    edited = client.post(
        reverse("wagtailusers_users:edit", args=[buurtverbinder.pk]),
        account_data(
            buurtverbinder,
            email="nieuw@example.org",
            password1=NEW_PASSWORD,
            password2=NEW_PASSWORD,
        ),
    )

    assert 'name="is_superuser"' not in form
    assert 'name="groups"' not in form
    assert "Instellingen → Rollen" in form
    assert 'name="is_superuser"' not in edit_form
    assert 'name="groups"' not in edit_form
    assert "Buurtverbinder van Centrum" in edit_form  # the roles, read-only
    assert created.status_code == 302
    mallory = User.objects.get(username="mallory")
    assert not mallory.is_superuser and not mallory.groups.exists()
    assert edited.status_code == 302
    buurtverbinder.refresh_from_db()
    assert buurtverbinder.email == "nieuw@example.org"
    assert buurtverbinder.check_password(NEW_PASSWORD)


def test_a_beheerder_of_one_platform_cannot_manage_people_of_another(client, world):
    client.force_login(world.users[SITE_BEHEERDER])
    before = snapshot()

    responses = [
        client.get(
            reverse("wagtailusers_users:edit", args=[world.other_communicatie.pk])
        ),
        client.post(
            reverse("wagtailusers_users:edit", args=[world.other_communicatie.pk]),
            account_data(
                world.other_communicatie, password1=NEW_PASSWORD, password2=NEW_PASSWORD
            ),
        ),
        client.get(
            reverse("wagtailusers_users:edit", args=[world.users[BEHEERDER].pk])
        ),
        client.post(
            reverse("wagtailusers_users:delete", args=[world.users[BEHEERDER].pk])
        ),
    ]

    for response in responses:
        assert response.status_code in (302, 403)
        assert_refused(response, role=SITE_BEHEERDER)
    assert snapshot() == before


def test_the_user_listing_offers_no_edit_link_for_a_superuser(client, world):
    client.force_login(world.users[BEHEERDER])

    html = client.get(reverse("wagtailusers_users:index")).content.decode()

    assert reverse("wagtailusers_users:edit", args=[world.anouk.pk]) in html
    assert reverse("wagtailusers_users:edit", args=[world.root.pk]) not in html


def test_beheerders_lost_group_management(world):
    beheerders = Group.objects.get(name=BEHEERDERS)
    codenames = set(beheerders.permissions.values_list("codename", flat=True))

    assert not codenames & {"add_group", "change_group", "delete_group"}
    assert "view_group" in codenames
    assert not world.users[BEHEERDER].has_perm("auth.change_group")


def test_the_migration_strips_group_management_from_existing_beheerders(world):
    from importlib import import_module

    from django.apps import apps

    migration = import_module(
        "editorial.migrations.0007_beheerders_without_group_permissions"
    )
    beheerders = Group.objects.get(name=BEHEERDERS)
    beheerders.permissions.add(
        *Permission.objects.filter(codename__in=["add_group", "change_group"])
    )

    migration.strip_group_management(apps, None)

    assert not beheerders.permissions.filter(
        codename__in=["add_group", "change_group", "delete_group"]
    ).exists()


# The API


def test_the_api_exposes_no_users_or_groups(client, world):
    """API v3 has no endpoint that lists or changes users or groups; a token
    of a Beheerder finds none, and whoami only reads."""
    _token, plaintext = APIToken.create_token(user=world.users[BEHEERDER], name="t")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}
    schema = client.get("/api/v3/openapi.json").json()
    before = snapshot()

    paths = [path for path in schema["paths"] if re.search(r"user|group", path)]
    responses = [
        client.get("/api/v3/users/", **headers),
        client.post(
            "/api/v3/users/",
            {"username": "x", "is_superuser": True},
            content_type="application/json",
            **headers,
        ),
        client.get("/api/v3/groups/", **headers),
        client.post("/api/v3/whoami/", {}, content_type="application/json", **headers),
    ]

    assert paths == []
    assert [response.status_code for response in responses[:3]] == [404, 404, 404]
    assert responses[3].status_code in (404, 405)
    assert snapshot() == before
    whoami = client.get("/api/v3/whoami/", **headers).json()
    assert whoami["user"]["is_superuser"] is False
