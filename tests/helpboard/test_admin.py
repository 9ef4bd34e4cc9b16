"""'Vraag & aanbod' in the admin: who sees which post, the list and the screen.

Communicatie of a site sees every post of that site, a buurtverbinder the
posts of their own wijk (a post without a wijk goes to Communicatie only);
Beheerders and organisation editors see none, superusers all.
"""

import re
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from editorial.services import (
    COMMUNICATIE,
    ROLE_MODEL_PERMISSIONS,
    beheerder_grant,
    buurtverbinder_grant,
    communicatie_grant,
    organisation_editor_grant,
)
from helpboard.models import (
    HelpKind,
    HelpPost,
    HelpReferral,
    HelpReferralStatus,
    HelpReport,
    HelpReportReason,
    HelpStatus,
)
from helpboard.wagtail_hooks import HelpPostPermissionPolicy
from tests.factories import (
    HelpOfferFactory,
    HelpRequestFactory,
    NeighbourhoodFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)

pytestmark = pytest.mark.django_db


@dataclass
class Roles:
    users: dict
    posts: dict


def make_user(username: str, **kwargs):
    return get_user_model().objects.create_user(
        username, f"{username}@example.org", "geheim", **kwargs
    )


def make_roles(site, other_site, neighbourhood, other_neighbourhood) -> Roles:
    """One user per role and one post per place (wijk Centrum, wijk West, no
    wijk, another site). Also used by the moderation and referral tests."""
    wijken = NeighbourhoodIndexPageFactory(parent=site.root_page)
    centrum = NeighbourhoodPageFactory(parent=wijken, neighbourhood=neighbourhood)
    west = NeighbourhoodPageFactory(parent=wijken, neighbourhood=other_neighbourhood)
    organisation = OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=site.root_page), title="De Brug"
    )
    elsewhere_wijk = NeighbourhoodFactory(site=other_site, name="Dorp", slug="dorp")

    users = {
        "superuser": get_user_model().objects.create_superuser(
            "admin", "admin@example.org", "geheim"
        ),
        "communicatie": make_user("cor"),
        "communicatie elders": make_user("els"),
        "buurtverbinder centrum": make_user("anouk"),
        "buurtverbinder west": make_user("wim"),
        "organisatie-redacteur": make_user("bram"),
        "beheerder": make_user("bea"),
    }
    communicatie_grant(user=users["communicatie"], site=site)
    communicatie_grant(user=users["communicatie elders"], site=other_site)
    buurtverbinder_grant(
        user=users["buurtverbinder centrum"], neighbourhood_page=centrum
    )
    buurtverbinder_grant(user=users["buurtverbinder west"], neighbourhood_page=west)
    organisation_editor_grant(
        user=users["organisatie-redacteur"], organisation_page=organisation
    )
    beheerder_grant(user=users["beheerder"])

    posts = {
        "centrum": HelpRequestFactory(
            site=site,
            neighbourhood=neighbourhood,
            title="Hulp bij boodschappen",
            first_name="Ans",
            email="ans@example.org",
            phone="0612345678",
        ),
        "west": HelpOfferFactory(
            site=site,
            neighbourhood=other_neighbourhood,
            title="Ik repareer fietsen",
            status=HelpStatus.PUBLISHED,
        ),
        "geen wijk": HelpRequestFactory(site=site, title="Wie wil de kat voeren?"),
        "elders": HelpRequestFactory(
            site=other_site, neighbourhood=elsewhere_wijk, title="Lift naar Dorp"
        ),
    }
    return Roles(users=users, posts=posts)


@pytest.fixture
def roles(site, other_site, neighbourhood, other_neighbourhood) -> Roles:
    return make_roles(site, other_site, neighbourhood, other_neighbourhood)


VISIBLE = {
    "superuser": {"centrum", "west", "geen wijk", "elders"},
    "communicatie": {"centrum", "west", "geen wijk"},
    "communicatie elders": {"elders"},
    "buurtverbinder centrum": {"centrum"},
    "buurtverbinder west": {"west"},
    "organisatie-redacteur": set(),
    "beheerder": set(),
}
MENU_LABEL = "Vraag \\u0026 aanbod"
INDEX = reverse("helpboard:index")


def listed(response) -> list[str]:
    return [post.title for post in response.context["object_list"]]


@pytest.mark.parametrize("role", VISIBLE.keys())
def test_each_role_lists_exactly_the_posts_it_moderates(client, roles, role):
    client.force_login(roles.users[role])

    response = client.get(INDEX)
    home = client.get(reverse("wagtailadmin_home")).content.decode()

    if VISIBLE[role]:
        assert response.status_code == 200
        assert set(listed(response)) == {
            roles.posts[key].title for key in VISIBLE[role]
        }
        assert MENU_LABEL in home
    else:
        # Wagtail's "permission denied": a redirect to the dashboard.
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
        assert MENU_LABEL not in home


@pytest.mark.parametrize("role", VISIBLE.keys())
def test_direct_urls_to_posts_a_role_does_not_moderate_find_nothing(
    client, roles, role
):
    client.force_login(roles.users[role])

    for key, post in roles.posts.items():
        pages = {
            view: client.get(reverse(f"helpboard:{view}", args=[post.pk]))
            # No "delete": moderators never delete (see the test below).
            for view in ("edit", "history", "history_results", "usage")
        }
        for view, response in pages.items():
            if key in VISIBLE[role]:
                assert response.status_code == 200, (key, view)
            else:
                assert response.status_code in (302, 404), (key, view)
                assert post.title not in response.content.decode(), (key, view)
        if key in VISIBLE[role]:
            continue
        url = reverse("helpboard:edit", args=[post.pk])
        for data in (
            {"action": "approve", "title": "Gekaapt", "description": "x"},
            {"action": "reject", "reject-reason": "weg"},
            {"action": "close"},
        ):
            response = client.post(url, data)
            assert response.status_code in (302, 404), (key, data)
        deleted = client.post(reverse("helpboard:delete", args=[post.pk]))
        assert deleted.status_code in (302, 403, 404)
        stored = HelpPost.objects.get(pk=post.pk)
        assert (stored.title, stored.status) == (post.title, post.status), key


def test_the_policy_is_registered_and_needs_no_model_permissions(client, roles):
    policy = HelpPostPermissionPolicy(HelpPost)
    moderators = {role for role, keys in VISIBLE.items() if keys}

    assert set(policy.users_with_permission("change")) == {
        roles.users[role] for role in moderators
    }
    assert not policy.users_with_permission("add").exists()
    # Posts are rejected or closed, never deleted: the reports count them.
    assert not policy.users_with_permission("delete").exists()
    # Communicatie no longer gets the model permissions with its role.
    assert not [
        name for name in ROLE_MODEL_PERMISSIONS[COMMUNICATIE] if "helpboard" in name
    ]
    assert not roles.users["communicatie"].has_perm("helpboard.change_helppost")
    client.force_login(roles.users["superuser"])
    group_form = client.get(reverse("wagtailusers_groups:add")).content.decode()
    assert "hulpvraag of -aanbod" not in group_form.lower()


def test_nobody_adds_a_post_in_the_admin(client, roles):
    client.force_login(roles.users["superuser"])

    listing = client.get(INDEX).content.decode()
    add = client.get(reverse("helpboard:add"))

    assert reverse("helpboard:add") not in listing
    assert add.status_code == 302


def test_an_anonymous_visitor_is_sent_to_the_login(client, roles):
    response = client.get(INDEX)

    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_the_list_shows_kind_wijk_status_reports_and_hidden(client, roles):
    west = roles.posts["west"]
    HelpReport.objects.create(post=west, reason=HelpReportReason.SPAM)
    HelpReport.objects.create(post=west, reason=HelpReportReason.OTHER)
    HelpPost.objects.filter(pk=west.pk).update(hidden_at=west.published_at)
    client.force_login(roles.users["communicatie"])

    response = client.get(INDEX)

    html = response.content.decode()
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*Ik repareer fietsen.*?</tr>", html, re.S)[
        0
    ]
    assert "Hulpaanbod" in row
    assert "West" in row
    assert "Gepubliceerd" in row
    assert re.search(r">\s*2\s*<", row)
    assert "verborgen" in row
    other = re.search(
        r"<tr[^>]*>(?:(?!</tr>).)*Wie wil de kat voeren.*?</tr>", html, re.S
    )
    assert "verborgen" not in other[0]
    assert "Hele gemeente" in other[0]


def test_waiting_posts_come_first(client, roles):
    client.force_login(roles.users["communicatie"])

    titles = listed(client.get(INDEX))

    # The published one last, the two waiting ones newest first.
    assert titles == [
        "Wie wil de kat voeren?",
        "Hulp bij boodschappen",
        "Ik repareer fietsen",
    ]


def test_the_list_filters_on_kind_status_and_wijk(client, roles, neighbourhood):
    client.force_login(roles.users["communicatie"])

    offers = client.get(INDEX, {"kind": HelpKind.OFFER})
    published = client.get(INDEX, {"status": HelpStatus.PUBLISHED})
    centrum = client.get(INDEX, {"neighbourhood": neighbourhood.pk})
    searched = client.get(INDEX, {"q": "kat"})

    assert listed(offers) == ["Ik repareer fietsen"]
    assert listed(published) == ["Ik repareer fietsen"]
    assert listed(centrum) == ["Hulp bij boodschappen"]
    assert listed(searched) == ["Wie wil de kat voeren?"]


def test_a_buurtverbinder_filters_only_on_their_own_wijk(client, roles):
    client.force_login(roles.users["buurtverbinder centrum"])

    html = client.get(INDEX).content.decode()

    select = re.search(r'<select name="neighbourhood".*?</select>', html, re.S)[0]
    assert "Centrum" in select
    assert "West" not in select
    assert "Dorp" not in select


def test_the_list_costs_the_same_queries_for_more_posts(
    client, roles, site, django_assert_num_queries
):
    client.force_login(roles.users["communicatie"])
    client.get(INDEX)  # warm up caches (content types, site root paths)

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(INDEX)
    for number in range(5):
        post = HelpRequestFactory(site=site, title=f"Extra {number}")
        HelpReport.objects.create(post=post, reason=HelpReportReason.SPAM)

    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(INDEX)
    assert len(listed(response)) == 8


def test_the_screen_shows_contact_read_only_and_the_text_to_edit(client, roles):
    post = roles.posts["centrum"]
    client.force_login(roles.users["buurtverbinder centrum"])

    html = client.get(reverse("helpboard:edit", args=[post.pk])).content.decode()

    def has_input(name: str) -> bool:
        return bool(re.search(rf'<(input|textarea|select)[^>]*name="{name}"', html))

    for name in ["title", "description", "when", "neighbourhood", "category"]:
        assert has_input(name), name
    for name in ["first_name", "email", "phone", "site", "status", "kind"]:
        assert not has_input(name), name
    assert "ans@example.org" in html
    assert "0612345678" in html
    assert "Goedkeuren en publiceren" in html
    assert "Vraag om aanpassing" in html
    assert "Afwijzen" in html
    assert "Doorverwijzen" in html


def test_the_wijk_choices_are_the_posts_own_platform(client, roles, other_site):
    post = roles.posts["geen wijk"]
    client.force_login(roles.users["superuser"])

    html = client.get(reverse("helpboard:edit", args=[post.pk])).content.decode()

    select = re.search(r'<select name="neighbourhood".*?</select>', html, re.S)[0]
    assert "Centrum" in select
    assert "Dorp" not in select
    response = client.post(
        reverse("helpboard:edit", args=[post.pk]),
        {
            "action": "save",
            "title": post.title,
            "description": post.description,
            "neighbourhood": str(roles.posts["elders"].neighbourhood_id),
        },
    )
    assert response.status_code == 200
    assert "fout" in response.content.decode().lower()
    post.refresh_from_db()
    assert post.neighbourhood is None


def test_history_shows_the_moderation_steps(client, roles):
    post = roles.posts["centrum"]
    client.force_login(roles.users["communicatie"])
    client.post(
        reverse("helpboard:edit", args=[post.pk]),
        {"action": "reject", "reject-reason": "Dit is reclame."},
    )

    history = client.get(reverse("helpboard:history", args=[post.pk]))

    assert history.status_code == 200
    assert "Afgewezen" in history.content.decode()


def test_communicatie_has_no_group_model_permission_for_help_posts(roles):
    group_permissions = Permission.objects.filter(
        group__user=roles.users["communicatie"], content_type__app_label="helpboard"
    )
    assert not group_permissions.exists()


def test_even_communicatie_cannot_delete_a_post(client, roles):
    post = roles.posts["centrum"]
    client.force_login(roles.users["communicatie"])

    page = client.get(reverse("helpboard:edit", args=[post.pk]))
    response = client.post(reverse("helpboard:delete", args=[post.pk]))

    assert page.status_code == 200
    assert reverse("helpboard:delete", args=[post.pk]) not in page.content.decode()
    assert response.status_code in (302, 403)
    assert HelpPost.objects.filter(pk=post.pk).exists()


def test_a_declined_referral_brings_a_published_post_back_to_the_top(client, roles):
    published = roles.posts["west"]
    # The others are on the board too, newer: nothing waits but this one.
    HelpPost.objects.exclude(pk=published.pk).update(status=HelpStatus.PUBLISHED)
    HelpReferral.objects.create(
        post=published,
        organisation_name="Fietsenmaker",
        sent_to="fiets@example.org",
        status=HelpReferralStatus.DECLINED,
    )
    client.force_login(roles.users["communicatie"])

    response = client.get(INDEX)

    assert listed(response)[0] == "Ik repareer fietsen"
    assert "doorverwijzing afgewezen" in response.content.decode()

    # A new referral that waits for an answer: nothing to do for now.
    HelpReferral.objects.create(
        post=published,
        organisation_name="Repair Café",
        sent_to="repair@example.org",
    )
    assert listed(client.get(INDEX)) == [
        "Wie wil de kat voeren?",
        "Ik repareer fietsen",
        "Hulp bij boodschappen",
    ]
