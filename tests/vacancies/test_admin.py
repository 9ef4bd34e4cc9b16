"""'Reacties op vrijwilligerswerk' in the admin: read and delete only, and only
for those who may change the vacancy page (and superusers)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from editorial.services import (
    BUURTVERBINDERS,
    COMMUNICATIE,
    ORGANISATION_EDITORS,
    beheerder_grant,
    buurtverbinder_grant,
    communicatie_grant,
    organisation_editor_grant,
)
from tests.factories import (
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
    VacancyPageFactory,
)
from tests.factories.vacancies import VacancyResponseFactory
from vacancies.models import VacancyResponse

pytestmark = pytest.mark.django_db

RESPONSE_PERMISSIONS = ("view_vacancyresponse", "delete_vacancyresponse")
MENU_LABEL = "Reacties op vrijwilligerswerk"


@pytest.fixture
def tree(site, other_site, neighbourhood):
    social_map = SocialMapPageFactory(parent=site.root_page)
    brug = OrganisationPageFactory(parent=social_map, title="De Brug")
    anker = OrganisationPageFactory(parent=social_map, title="Het Anker")
    wijk = NeighbourhoodPageFactory(
        parent=NeighbourhoodIndexPageFactory(parent=site.root_page),
        neighbourhood=neighbourhood,
        title="Centrum",
    )
    elsewhere = OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=other_site.root_page), title="Elders"
    )
    return {"brug": brug, "anker": anker, "wijk": wijk, "elsewhere": elsewhere}


@pytest.fixture
def responses(tree):
    return {
        key: VacancyResponseFactory(
            vacancy=VacancyPageFactory(parent=page, title=f"Vacature {key}"),
            name=f"Inwoner {key}",
        )
        for key, page in tree.items()
    }


def make_user(username: str, **kwargs):
    return get_user_model().objects.create_user(
        username, f"{username}@example.org", "geheim", **kwargs
    )


@pytest.fixture
def users(tree, site, other_site):
    users = {
        "editor_brug": make_user("brug"),
        "editor_anker": make_user("anker"),
        "buurtverbinder": make_user("buurtverbinder"),
        "communicatie": make_user("communicatie"),
        "communicatie_elsewhere": make_user("communicatie_elders"),
        "beheerder": make_user("beheerder"),
        "superuser": get_user_model().objects.create_superuser(
            "super", "super@example.org", "geheim"
        ),
    }
    organisation_editor_grant(user=users["editor_brug"], organisation_page=tree["brug"])
    organisation_editor_grant(
        user=users["editor_anker"], organisation_page=tree["anker"]
    )
    buurtverbinder_grant(user=users["buurtverbinder"], neighbourhood_page=tree["wijk"])
    communicatie_grant(user=users["communicatie"], site=site)
    communicatie_grant(user=users["communicatie_elsewhere"], site=other_site)
    beheerder_grant(user=users["beheerder"])
    return users


VISIBLE = {
    "editor_brug": {"brug"},
    "editor_anker": {"anker"},
    "buurtverbinder": {"wijk"},
    "communicatie": {"brug", "anker", "wijk"},
    "communicatie_elsewhere": {"elsewhere"},
    "beheerder": set(),
    "superuser": {"brug", "anker", "wijk", "elsewhere"},
}


def index_names(client) -> set[str] | None:
    """The names listed, or None when the listing is refused."""
    response = client.get(reverse("vacancyresponse:index"))
    if response.status_code in (302, 403):
        return None
    assert response.status_code == 200
    return {item.name for item in response.context["object_list"]}


@pytest.mark.parametrize("role", list(VISIBLE))
def test_who_sees_which_responses(client, users, responses, role):
    client.force_login(users[role])
    expected = VISIBLE[role]

    listed = index_names(client)

    assert (listed or set()) == {f"Inwoner {key}" for key in expected}
    for key, response in responses.items():
        inspect = client.get(reverse("vacancyresponse:inspect", args=[response.pk]))
        history = client.get(reverse("vacancyresponse:history", args=[response.pk]))
        if key in expected:
            assert inspect.status_code == 200
            assert f"Inwoner {key}" in inspect.content.decode()
            assert history.status_code == 200
        else:
            assert inspect.status_code in (302, 403, 404)
            assert f"Inwoner {key}" not in inspect.content.decode()
            assert history.status_code in (302, 403, 404)
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert (MENU_LABEL in menu) == bool(expected)


def test_beheerders_are_refused_the_listing(client, users, responses):
    client.force_login(users["beheerder"])

    assert index_names(client) is None


def test_page_rights_without_the_model_permission_show_nothing(
    client, users, responses
):
    for role in (ORGANISATION_EDITORS, BUURTVERBINDERS, COMMUNICATIE):
        Group.objects.get(name=role).permissions.clear()
    client.force_login(users["editor_brug"])

    assert index_names(client) is None
    response = responses["brug"]
    assert client.get(
        reverse("vacancyresponse:inspect", args=[response.pk])
    ).status_code in (302, 403)


def test_model_permissions_without_page_rights_show_nothing(client, users, responses):
    """Page rights decide: a Beheerder given Django's model permissions by hand
    still reads no resident's response."""
    beheerder = users["beheerder"]
    beheerder.groups.get().permissions.add(
        *Permission.objects.filter(codename__in=RESPONSE_PERMISSIONS)
    )
    client.force_login(beheerder)

    assert index_names(client) is None
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert MENU_LABEL not in menu


def test_an_editor_deletes_their_own_response_but_not_anothers(
    client, users, responses
):
    client.force_login(users["editor_brug"])
    own, other = responses["brug"], responses["anker"]

    refused = client.post(reverse("vacancyresponse:delete", args=[other.pk]))
    confirm = client.get(reverse("vacancyresponse:delete", args=[own.pk]))
    deleted = client.post(reverse("vacancyresponse:delete", args=[own.pk]))

    assert refused.status_code == 404
    assert VacancyResponse.objects.filter(pk=other.pk).exists()
    assert confirm.status_code == 200
    assert "Inwoner brug" not in confirm.content.decode()
    assert deleted.status_code == 302
    assert not VacancyResponse.objects.filter(pk=own.pk).exists()


@pytest.mark.parametrize("role", ["editor_brug", "communicatie", "superuser"])
def test_nobody_adds_edits_or_copies_a_response(client, users, responses, role):
    client.force_login(users[role])
    response = responses["brug"]

    listing = client.get(reverse("vacancyresponse:index")).content.decode()
    add = client.get(reverse("vacancyresponse:add"))
    edit = client.get(reverse("vacancyresponse:edit", args=[response.pk]))
    edit_post = client.post(
        reverse("vacancyresponse:edit", args=[response.pk]), {"name": "Anders"}
    )

    assert add.status_code in (302, 403)
    assert edit.status_code in (302, 403)
    assert edit_post.status_code in (302, 403)
    response.refresh_from_db()
    assert response.name == "Inwoner brug"
    assert reverse("vacancyresponse:edit", args=[response.pk]) not in listing
    assert reverse("vacancyresponse:add") not in listing


def test_anonymous_visitors_go_to_the_login(client, responses):
    response = client.get(reverse("vacancyresponse:index"))

    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_the_listing_shows_vacancy_name_contact_and_date(client, users, tree):
    response = VacancyResponseFactory(
        vacancy=VacancyPageFactory(parent=tree["brug"], title="Voorlezer"),
        name="Jan Jansen",
        email="jan@example.org",
        phone="06 12 34 56 78",
    )
    client.force_login(users["editor_brug"])

    content = client.get(reverse("vacancyresponse:index")).content.decode()

    assert "Jan Jansen" in content
    assert "Voorlezer" in content
    assert "jan@example.org · 06 12 34 56 78" in content
    assert reverse("vacancyresponse:inspect", args=[response.pk]) in content


def test_hostile_text_is_shown_escaped_in_the_admin(client, users, tree):
    script = "<script>alert(1)</script>"
    image = "<img src=x onerror=alert(1)>"
    response = VacancyResponseFactory(
        vacancy=VacancyPageFactory(parent=tree["brug"]),
        name=f"Jan {script}",
        message=f"Hoi {image}\nTweede regel {script}",
    )
    client.force_login(users["editor_brug"])

    listing = client.get(reverse("vacancyresponse:index")).content.decode()
    inspect = client.get(
        reverse("vacancyresponse:inspect", args=[response.pk])
    ).content.decode()

    for content in (listing, inspect):
        assert script not in content
        assert image not in content
        assert "Jan &lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "Hoi &lt;img src=x onerror=alert(1)&gt;<br>Tweede regel" in inspect


def test_the_admin_search_finds_only_visible_responses(client, users, responses):
    client.force_login(users["editor_brug"])

    found = client.get(reverse("vacancyresponse:index"), {"q": "Inwoner"})

    assert [item.name for item in found.context["object_list"]] == ["Inwoner brug"]


def test_no_response_permissions_are_offered_to_groups(client, users):
    """Who reads responses follows the page rights, so the group editor offers
    no model permission that would suggest otherwise."""
    client.force_login(users["superuser"])
    group = Group.objects.create(name="Proef")

    content = client.get(
        reverse("wagtailusers_groups:edit", args=[group.pk])
    ).content.decode()

    assert Permission.objects.filter(codename__in=RESPONSE_PERMISSIONS).count() == 2
    for permission in Permission.objects.filter(
        content_type__app_label="vacancies", content_type__model="vacancyresponse"
    ):
        assert f'value="{permission.pk}"' not in content
