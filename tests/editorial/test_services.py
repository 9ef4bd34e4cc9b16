"""Editorial roles: who may edit and publish which pages."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Collection, GroupPagePermission

from editorial.models import Team, TeamRole
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
    team_member_remove,
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
    # Beheerders manage all images; the other roles get media only through a team.
    assert (
        groups[BEHEERDERS]
        .collection_permissions.filter(permission__codename="delete_image")
        .exists()
    )
    assert not groups[BUURTVERBINDERS].collection_permissions.exists()


def test_a_new_wijk_gets_its_team_with_rights_and_its_own_collection(site, wijken):
    wijk = NeighbourhoodPageFactory(parent=wijken, title="Noord")

    team = Team.objects.get(page=wijk)
    assert team.role == TeamRole.BUURTVERBINDERS
    assert team.group.name == "Buurtverbinders Noord (Samen Teststad)"
    assert set(
        GroupPagePermission.objects.filter(group=team.group).values_list(
            "page_id", "permission__codename"
        )
    ) == {(wijk.pk, "add_page"), (wijk.pk, "change_page")}
    assert team.collection.name == "Noord"
    assert team.collection.get_parent().name == "Samen Teststad"
    assert set(
        team.group.collection_permissions.values_list(
            "collection_id", "permission__codename"
        )
    ) == {
        (team.collection.pk, codename.split(".")[1])
        for codename in (
            "wagtailimages.add_image",
            "wagtailimages.choose_image",
            "wagtailimages.change_image",
            "wagtailimages.delete_image",
            "wagtaildocs.add_document",
            "wagtaildocs.choose_document",
            "wagtaildocs.change_document",
            "wagtaildocs.delete_document",
        )
    }


def test_a_new_team_collection_does_not_renumber_the_others(site, home_page):
    social_map = SocialMapPageFactory(parent=home_page)
    for name in ("Wijkcentrum", "Xenia", "Zonnebloem"):
        OrganisationPageFactory(parent=social_map, title=name)
    paths = dict(Collection.objects.values_list("pk", "path"))

    with CaptureQueriesContext(connection) as queries:
        first = OrganisationPageFactory(parent=social_map, title="Aandacht Thuis")

    # Sorting "Aandacht" in by name would give all three a new path.
    collection = Team.objects.get(page=first).collection
    unchanged = Collection.objects.exclude(pk=collection.pk).values_list("pk", "path")
    assert dict(unchanged) == paths
    assert not [
        query
        for query in queries.captured_queries
        if query["sql"].startswith('UPDATE "wagtailcore_collection" SET "path"')
    ]
    assert collection.name == "Aandacht Thuis"
    assert collection.get_parent().name == "Samen Teststad"
    assert collection.get_prev_sibling().name == "Zonnebloem"


def test_a_new_organisation_gets_its_team(home_page):
    organisation = OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=home_page), title="Buurthuis De Brug"
    )

    team = Team.objects.get(page=organisation)
    assert team.role == TeamRole.ORGANISATION_EDITORS
    assert team.group.name == "Redactie Buurthuis De Brug (Samen Teststad)"


def test_two_wijken_with_one_name_get_two_teams(site, wijken, other_site):
    first = NeighbourhoodPageFactory(parent=wijken, title="Oost")
    second = NeighbourhoodPageFactory(
        parent=NeighbourhoodIndexPageFactory(parent=other_site.root_page), title="Oost"
    )
    third = NeighbourhoodPageFactory(parent=wijken, title="Oost", slug="oost-2")

    names = [Team.objects.get(page=page).group.name for page in (first, second, third)]
    assert names == [
        "Buurtverbinders Oost (Samen Teststad)",
        "Buurtverbinders Oost (Samen Anderdorp)",
        f"Buurtverbinders Oost (Samen Teststad) [{third.pk}]",
    ]


def test_leaving_the_last_team_of_a_role_leaves_the_role(own_wijk, other_wijk):
    user = make_user("buurtverbinder")
    buurtverbinder_grant(user=user, neighbourhood_page=own_wijk)
    buurtverbinder_grant(user=user, neighbourhood_page=other_wijk)

    team_member_remove(user=user, team=Team.objects.get(page=own_wijk))
    assert set(user.groups.values_list("name", flat=True)) == {
        "Buurtverbinders",
        "Buurtverbinders West (Samen Teststad)",
    }
    team_member_remove(user=user, team=Team.objects.get(page=other_wijk))
    assert not user.groups.exists()
    assert not own_wijk.permissions_for_user(user).can_edit()


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


def test_wagtails_tree_wide_default_groups_are_gone():
    assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()
