"""Giving someone a role from the admin, as a Beheerder who is not technical."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from editorial.models import Team
from editorial.services import (
    beheerder_grant,
    buurtverbinder_grant,
    communicatie_grant,
)
from tests.factories import (
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)

pytestmark = pytest.mark.django_db


def make_user(username, **extra):
    return get_user_model().objects.create_user(
        username, f"{username}@example.org", password="x", **extra
    )


@pytest.fixture
def wijk(site, neighbourhood):
    return NeighbourhoodPageFactory(
        parent=NeighbourhoodIndexPageFactory(parent=site.root_page),
        neighbourhood=neighbourhood,
        title="Centrum",
    )


@pytest.fixture
def organisation(site):
    return OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=site.root_page), title="Buurthuis De Brug"
    )


@pytest.fixture
def beheerder():
    user = make_user("bea", first_name="Bea", last_name="Beheer")
    beheerder_grant(user=user)
    return user


def test_a_beheerder_makes_someone_buurtverbinder_of_a_wijk(client, beheerder, wijk):
    anouk = make_user("anouk", first_name="Anouk")
    team = Team.objects.get(page=wijk)
    client.force_login(beheerder)

    page = client.get(reverse("editorial_roles"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Buurtverbinder van Centrum" in html
    assert '<optgroup label="Samen Teststad">' in html

    response = client.post(
        reverse("editorial_roles"), {"person": anouk.pk, "role": f"team:{team.pk}"}
    )

    assert response.status_code == 302
    assert wijk.permissions_for_user(anouk).can_edit()
    assert not wijk.permissions_for_user(anouk).can_publish()
    listing = client.get(reverse("editorial_roles")).content.decode()
    assert "Anouk heeft nu de rol: Buurtverbinder van Centrum." in listing


def test_a_beheerder_makes_someone_editor_of_an_organisation_and_takes_it_back(
    client, beheerder, organisation
):
    bram = make_user("bram", first_name="Bram")
    key = f"team:{Team.objects.get(page=organisation).pk}"
    client.force_login(beheerder)

    client.post(reverse("editorial_roles"), {"person": bram.pk, "role": key})
    assert organisation.permissions_for_user(bram).can_edit()

    response = client.post(
        reverse("editorial_role_revoke", args=[bram.pk]), {"role": key}
    )

    assert response.status_code == 302
    bram = get_user_model().objects.get(pk=bram.pk)  # fresh permission cache
    assert not organisation.permissions_for_user(bram).can_edit()
    assert not bram.groups.exists()


def test_bad_input_gets_a_clear_message_and_changes_nothing(client, beheerder, wijk):
    anouk = make_user("anouk")
    client.force_login(beheerder)

    response = client.post(
        reverse("editorial_roles"), {"person": anouk.pk, "role": "team:999999"}
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    response = client.post(
        reverse("editorial_role_revoke", args=[anouk.pk]), {"role": "<script>"}
    )
    assert response.status_code == 302
    assert not anouk.groups.exists()


@pytest.mark.parametrize("role", ["none", "buurtverbinder", "communicatie"])
def test_only_beheerders_give_roles(client, site, wijk, role):
    user = make_user("someone")
    if role == "buurtverbinder":
        buurtverbinder_grant(user=user, neighbourhood_page=wijk)
    elif role == "communicatie":
        communicatie_grant(user=user, site=site)
    key = f"team:{Team.objects.get(page=wijk).pk}"
    client.force_login(user)

    assert client.get(reverse("editorial_roles")).status_code == 302
    client.post(reverse("editorial_roles"), {"person": user.pk, "role": key})
    client.post(reverse("editorial_role_revoke", args=[user.pk]), {"role": key})

    can_edit_before = role in ("buurtverbinder", "communicatie")
    user = get_user_model().objects.get(pk=user.pk)
    assert wijk.permissions_for_user(user).can_edit() is can_edit_before
    assert not user.has_perm("auth.change_user")
    assert client.get(reverse("wagtailusers_users:index")).status_code == 302


def test_only_beheerders_manage_users(client, beheerder):
    client.force_login(beheerder)
    assert client.get(reverse("wagtailusers_users:index")).status_code == 200
