"""Editorial roles: who may edit and publish which pages."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import GroupPagePermission

from editorial.services import (
    BEHEERDERS,
    BUURTVERBINDERS,
    COMMUNICATIE,
    ORGANISATION_EDITORS,
    beheerder_grant,
    buurtverbinder_grant,
    communicatie_grant,
    organisation_editor_grant,
    role_groups_ensure,
)
from tests.factories import (
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    NewsPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def wijken(home_page):
    return NeighbourhoodIndexPageFactory(parent=home_page)


@pytest.fixture
def own_wijk(wijken, neighbourhood):
    return NeighbourhoodPageFactory(parent=wijken, neighbourhood=neighbourhood)


@pytest.fixture
def other_wijk(wijken, other_neighbourhood):
    return NeighbourhoodPageFactory(parent=wijken, neighbourhood=other_neighbourhood)


def make_user(username):
    return get_user_model().objects.create_user(username=username, password="x")


def test_role_groups_have_admin_access_and_are_idempotent():
    groups = role_groups_ensure()
    again = role_groups_ensure()
    assert set(groups) == {
        BUURTVERBINDERS,
        ORGANISATION_EDITORS,
        COMMUNICATIE,
        BEHEERDERS,
    }
    assert {g.pk for g in groups.values()} == {g.pk for g in again.values()}
    for group in groups.values():
        assert group.permissions.filter(codename="access_admin").exists()
        assert group.collection_permissions.filter(
            permission__codename="add_image"
        ).exists()
    assert (
        groups[BEHEERDERS]
        .collection_permissions.filter(permission__codename="delete_image")
        .exists()
    )
    assert (
        not groups[BUURTVERBINDERS]
        .collection_permissions.filter(permission__codename="delete_image")
        .exists()
    )


def test_buurtverbinder_edits_own_wijk_only_and_never_publishes(own_wijk, other_wijk):
    user = make_user("buurtverbinder")
    news = NewsPageFactory(parent=own_wijk)
    buurtverbinder_grant(user=user, neighbourhood_page=own_wijk)

    assert user.has_perm("wagtailadmin.access_admin")
    own = own_wijk.permissions_for_user(user)
    assert own.can_edit()
    assert own.can_add_subpage()
    assert not own.can_publish()
    assert news.permissions_for_user(user).can_edit()
    assert not news.permissions_for_user(user).can_publish()
    assert not other_wijk.permissions_for_user(user).can_edit()
    assert not own_wijk.get_parent().permissions_for_user(user).can_edit()
    assert set(user.groups.values_list("name", flat=True)) == {
        "Buurtverbinders",
        "Buurtverbinders Centrum (Samen Teststad)",
    }


def test_granting_twice_adds_no_duplicate_permissions(own_wijk):
    user = make_user("buurtverbinder")
    first = buurtverbinder_grant(user=user, neighbourhood_page=own_wijk)
    second = buurtverbinder_grant(user=user, neighbourhood_page=own_wijk)
    assert first == second
    assert GroupPagePermission.objects.filter(group=first).count() == 2


def test_organisation_editor_edits_own_organisation_only(home_page):
    social_map = SocialMapPageFactory(parent=home_page)
    own = OrganisationPageFactory(parent=social_map)
    other = OrganisationPageFactory(parent=social_map)
    user = make_user("organisatie")
    organisation_editor_grant(user=user, organisation_page=own)

    assert own.permissions_for_user(user).can_edit()
    assert not own.permissions_for_user(user).can_publish()
    assert not other.permissions_for_user(user).can_edit()


def test_communicatie_publishes_in_its_own_site_only(site, own_wijk, other_site):
    user = make_user("communicatie")
    communicatie_grant(user=user, site=site)

    assert own_wijk.permissions_for_user(user).can_publish()
    assert own_wijk.permissions_for_user(user).can_lock()
    assert not other_site.root_page.permissions_for_user(user).can_edit()


def test_beheerder_manages_users_and_taxonomies_but_is_no_superuser():
    user = make_user("beheerder")
    beheerder_grant(user=user)
    user = get_user_model().objects.get(pk=user.pk)

    assert not user.is_superuser
    assert user.has_perm("auth.change_user")
    assert user.has_perm("wagtailcore.change_site")
    assert user.has_perm("core.change_neighbourhood")
    assert user.has_perm("core.change_platformsettings")
    assert not user.has_perm("wagtailcore.publish_page")
